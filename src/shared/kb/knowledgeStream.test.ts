import { describe, expect, it } from 'vitest';
import type { Person } from '../access';
import { STREAM_RULES } from '../streamRules';
import type { OutboxEnvelope } from '../ticketLog/envelope';
import { INITIAL_WEIGHTS } from './ranker';

// The hub's re-check of the 'knowledge' stream, as registered in STREAM_RULES.
const rule = STREAM_RULES.knowledge!;
const agent: Person = { id: 'u-ava', role: 'agent', tier: 1, segments: ['education'] };
const specialist: Person = { id: 'u-sam', role: 'specialist', tier: 2, segments: ['education', 'home'] };
const admin: Person = { id: 'u-omar', role: 'admin', tier: 1, segments: [] };
const fresh = { segment: null, seen: false };

const envelope = (actor: Person, type: string, entityId: string, seq: number, payload: Record<string, unknown>): OutboxEnvelope => ({
  id: '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', stream: 'knowledge', entityId, seq, type, payloadVersion: 1, payload,
  actor: { id: actor.id, role: actor.role === 'system' ? 'admin' : actor.role, tier: actor.tier, segments: [...actor.segments] },
  deskId: '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c', deskTime: 1, globalSeq: null,
});
const article = { title: 'Reseat the memory', body: 'Step one.', productLines: [], models: [], segments: [], tags: [], status: 'published', sourceTicketId: null };
const rating = (segment: string) => ({
  ticketId: 't-1', articleId: 'a-1', rating: 2, solved: false, segment, productLine: 'Latitude', kind: 'Latitude|battery', anchorArticleId: null,
  terms: ['battery', 'charging'], features: Object.fromEntries(Object.keys(INITIAL_WEIGHTS).map((f) => [f, 0])),
});

describe('the hub’s re-check of knowledge-base events', () => {
  it('refuses an article written by an agent, and takes one from a specialist or an admin for everyone to read', () => {
    expect(rule(envelope(agent, 'kb.article_created', 'a-1', 1, article), agent, fresh)).toEqual({ ok: false, reason: 'Only specialists and admins write knowledge-base articles.' });
    expect(rule(envelope(agent, 'kb.article_edited', 'a-1', 2, article), agent, { segment: null, seen: true })).toMatchObject({ ok: false });
    expect(rule(envelope(specialist, 'kb.article_created', 'a-1', 1, article), specialist, fresh)).toEqual({ ok: true, segment: null });
    expect(rule(envelope(admin, 'kb.article_edited', 'a-1', 2, article), admin, { segment: null, seen: true })).toEqual({ ok: true, segment: null });
  });

  it('refuses a malformed article or a second creation, saying what is wrong', () => {
    expect(rule(envelope(specialist, 'kb.article_created', 'a-1', 1, { ...article, title: '' }), specialist, fresh)).toMatchObject({ ok: false, reason: expect.stringContaining('title') });
    expect(rule(envelope(specialist, 'kb.article_created', 'a-1', 1, article), specialist, { segment: null, seen: true })).toMatchObject({ ok: false, reason: expect.stringContaining('edit') });
  });

  it('takes a rating from someone who may see the ticket’s segment, in that segment, and no other', () => {
    expect(rule(envelope(agent, 'kb.rated', 't-1', 1, rating('education')), agent, fresh)).toEqual({ ok: true, segment: 'education' });
    expect(rule(envelope(agent, 'kb.rated', 't-1', 1, rating('government')), agent, fresh)).toEqual({ ok: false, reason: 'This ticket belongs to a segment you do not work.' });
    expect(rule(envelope(specialist, 'kb.rated', 't-1', 2, rating('home')), specialist, { segment: 'education', seen: true })).toMatchObject({ ok: false });
    expect(rule(envelope(agent, 'kb.rated', 't-2', 1, rating('education')), agent, fresh)).toMatchObject({ ok: false, reason: expect.stringContaining('entityId') });
    expect(rule(envelope(agent, 'kb.rated', 't-1', 1, { ...rating('education'), rating: 3 }), agent, fresh)).toMatchObject({ ok: false });
    expect(rule(envelope(agent, 'kb.deleted', 't-1', 1, {}), agent, fresh)).toMatchObject({ ok: false, reason: expect.stringContaining('Unknown') });
  });

  it('takes a rating withdrawn from someone who may see the ticket’s segment, in that segment', () => {
    const withdrawn = (segment: string) => ({ ticketId: 't-1', articleId: 'a-1', segment, kind: 'Latitude|battery', anchorArticleId: null });
    expect(rule(envelope(agent, 'kb.rating_withdrawn', 't-1', 2, withdrawn('education')), agent, { segment: 'education', seen: true })).toEqual({ ok: true, segment: 'education' });
    expect(rule(envelope(agent, 'kb.rating_withdrawn', 't-1', 2, withdrawn('government')), agent, fresh)).toEqual({ ok: false, reason: 'This ticket belongs to a segment you do not work.' });
    expect(rule(envelope(specialist, 'kb.rating_withdrawn', 't-1', 2, withdrawn('home')), specialist, { segment: 'education', seen: true })).toMatchObject({ ok: false });
    expect(rule(envelope(agent, 'kb.rating_withdrawn', 't-2', 2, withdrawn('education')), agent, fresh)).toMatchObject({ ok: false, reason: expect.stringContaining('entityId') });
    // "Solved with this article" taken back: the same, with the rating the article goes back to.
    const unsolved = (segment: string, back: unknown) => ({ ...withdrawn(segment), rating: back });
    expect(rule(envelope(agent, 'kb.solved_withdrawn', 't-1', 3, unsolved('education', 1)), agent, { segment: 'education', seen: true })).toEqual({ ok: true, segment: 'education' });
    expect(rule(envelope(agent, 'kb.solved_withdrawn', 't-1', 3, unsolved('education', null)), agent, { segment: 'education', seen: true })).toEqual({ ok: true, segment: 'education' });
    expect(rule(envelope(agent, 'kb.solved_withdrawn', 't-1', 3, unsolved('government', 1)), agent, fresh)).toMatchObject({ ok: false });
    expect(rule(envelope(agent, 'kb.solved_withdrawn', 't-1', 3, unsolved('education', 5)), agent, fresh)).toMatchObject({ ok: false, reason: expect.stringContaining('rating') });
  });

  it('takes a satisfaction score from someone who sees the segment (an import only from supervisors and admins), a follow-up only from supervisors and admins', () => {
    const grace: Person = { id: 'u-grace', role: 'supervisor', tier: 3, segments: ['education'] };
    const score = { ticketId: 't-1', customerId: 'c-1', segment: 'education', tier: 1, productLine: null, score: 2, comment: 'Slow', source: 'agent' };
    expect(rule(envelope(agent, 'csat.recorded', 'csat:t-1', 1, score), agent, fresh)).toEqual({ ok: true, segment: 'education' });
    expect(rule(envelope(agent, 'csat.recorded', 'csat:t-1', 1, { ...score, source: 'import' }), agent, fresh)).toMatchObject({ ok: false });
    expect(rule(envelope(agent, 'csat.recorded', 't-1', 1, score), agent, fresh)).toMatchObject({ ok: false, reason: expect.stringContaining('entityId') });
    expect(rule(envelope(agent, 'csat.followed_up', 'csat:t-1', 2, { ticketId: 't-1', segment: 'education' }), agent, { segment: 'education', seen: true })).toEqual({ ok: false, reason: 'Only supervisors can see this.' });
    expect(rule(envelope(grace, 'csat.followed_up', 'csat:t-1', 2, { ticketId: 't-1', segment: 'education' }), grace, { segment: 'education', seen: true })).toEqual({ ok: true, segment: 'education' });
  });
});


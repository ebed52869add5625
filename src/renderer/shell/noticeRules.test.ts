import { describe, expect, it } from 'vitest';
import { PAGE_NOTICE_PRIORITY, burstDestination, closedByChange, closedByLanguage, closedByRoute, handoverBody, noticeAutoClose, noticeId, noticePriority, paletteNotices, replacedBy, type OpenNotice } from './noticeRules';

// An agent on a call looks at the screen minutes later: the SLA and escalation notices they
// have not seen must still be there, and go once they open the ticket.

const warning = (ticketId: string): OpenNotice => ({ id: noticeId('warning', ticketId), kind: 'warning', ticketId });
const breach = (ticketId: string): OpenNotice => ({ id: noticeId('breach', ticketId), kind: 'breach', ticketId });
const escalation = (ticketId: string): OpenNotice => ({ id: noticeId('escalation', ticketId), kind: 'escalation', ticketId });
const handover = (ticketId: string): OpenNotice => ({ id: noticeId('handover', ticketId), kind: 'handover', ticketId });
const burst: OpenNotice = { id: 'sla-burst', kind: 'burst', ticketId: null };

describe('which SLA and escalation notices stay', () => {
  it('keeps breaches, escalations, warnings and the burst summary until dismissed', () => {
    for (const kind of ['breach', 'escalation', 'handover', 'warning', 'burst'] as const) expect(noticeAutoClose(kind, false), kind).toBe(false);
  });

  it('lets a notice about the ticket already on the screen pass: the page shows it', () => {
    for (const kind of ['breach', 'escalation', 'handover', 'warning'] as const) expect(noticeAutoClose(kind, true), kind).toBe(12_000);
    expect(noticeAutoClose('burst', true)).toBe(false);
  });

  it('shows breaches and escalations before warnings when more are open than fit, and a page’s own notice before them all', () => {
    for (const kind of ['burst', 'breach', 'escalation', 'handover', 'warning'] as const) expect(noticePriority(kind), kind).toBeLessThan(PAGE_NOTICE_PRIORITY);
    expect(noticePriority('burst')).toBeGreaterThan(noticePriority('breach'));
    expect(noticePriority('breach')).toBeGreaterThan(noticePriority('escalation'));
    expect(noticePriority('escalation')).toBeGreaterThan(noticePriority('warning'));
  });
});

describe('which notices opening a ticket closes', () => {
  const open = [warning('t1'), breach('t2'), escalation('t2'), escalation('t3'), burst];

  it('closes every notice about the opened ticket, and only those', () => {
    expect(closedByRoute(open, { name: 'ticket', ticketId: 't2' })).toEqual([breach('t2').id, escalation('t2').id]);
    expect(closedByRoute(open, { name: 'ticket', ticketId: 't1' })).toEqual([warning('t1').id]);
    expect(closedByRoute(open, { name: 'ticket', ticketId: 't9' })).toEqual([]);
  });

  it('closes nothing on any other page, the summary included', () => {
    expect(closedByRoute(open, { name: 'home' })).toEqual([]);
    expect(closedByRoute(open, { name: 'queues', segment: null, tier: null })).toEqual([]);
    expect(closedByRoute(open, { name: 'customer', customerId: 't2', assetId: null, matchedBy: null })).toEqual([]);
  });
});

describe('a ticket does not stack notices', () => {
  it('replaces its warning with its breach, and leaves other tickets’ warnings', () => {
    expect(replacedBy([warning('t1'), warning('t2'), escalation('t1')], breach('t1'))).toEqual([warning('t1').id]);
    expect(replacedBy([warning('t1')], escalation('t1'))).toEqual([]);
    expect(replacedBy([breach('t1')], warning('t1'))).toEqual([]);
  });

  it('gives a ticket one notice of each kind', () => {
    expect(noticeId('escalation', 't1')).toBe(noticeId('escalation', 't1'));
    expect(new Set([noticeId('warning', 't1'), noticeId('breach', 't1'), noticeId('escalation', 't1')]).size).toBe(3);
  });
});

describe('which notices a change elsewhere makes untrue', () => {
  const me = 'ava';
  const open = [warning('t1'), breach('t1'), escalation('t2'), warning('t3'), burst];

  it('closes every notice about a ticket resolved or closed meanwhile', () => {
    expect(closedByChange(open, { ticketId: 't1', open: false, assigneeId: me }, me)).toEqual([warning('t1').id, breach('t1').id]);
  });

  it('keeps the notice of a ticket’s new number whatever happens to the ticket, until it is opened', () => {
    const renumbered: OpenNotice = { id: noticeId('renumbered', 't4'), kind: 'renumbered', ticketId: 't4' };
    for (const change of [{ open: false, assigneeId: me }, { open: true, assigneeId: 'ben' }, { open: true, assigneeId: null }]) {
      expect(closedByChange([renumbered], { ticketId: 't4', ...change }, me)).toEqual([]);
    }
    expect(closedByRoute([renumbered], { name: 'ticket', ticketId: 't4' })).toEqual([renumbered.id]);
  });

  it('closes my warning once the ticket is someone else’s, and keeps the breach: it happened', () => {
    expect(closedByChange(open, { ticketId: 't1', open: true, assigneeId: 'ben' }, me)).toEqual([warning('t1').id]);
    expect(closedByChange(open, { ticketId: 't1', open: true, assigneeId: null }, me)).toEqual([warning('t1').id]);
    expect(closedByChange(open, { ticketId: 't1', open: true, assigneeId: me }, me)).toEqual([]);
  });

  it('closes an escalation into my queue once someone has taken the ticket, and not before', () => {
    expect(closedByChange(open, { ticketId: 't2', open: true, assigneeId: null }, me)).toEqual([]);
    expect(closedByChange(open, { ticketId: 't2', open: true, assigneeId: 'sam' }, me)).toEqual([escalation('t2').id]);
  });

  it('closes “handed to you” once the ticket is someone else’s or done, and not while it is mine', () => {
    const mine = [handover('t4')];
    expect(closedByChange(mine, { ticketId: 't4', open: true, assigneeId: me }, me)).toEqual([]);
    expect(closedByChange(mine, { ticketId: 't4', open: true, assigneeId: 'sam' }, me)).toEqual([handover('t4').id]);
    expect(closedByChange(mine, { ticketId: 't4', open: true, assigneeId: null }, me)).toEqual([handover('t4').id]);
    expect(closedByChange(mine, { ticketId: 't4', open: false, assigneeId: me }, me)).toEqual([handover('t4').id]);
  });

  it('keeps “a ticket you escalated was resolved” through the change that resolved it, until it is reopened or opened', () => {
    const resolved: OpenNotice = { id: noticeId('resolved', 't5'), kind: 'resolved', ticketId: 't5' };
    expect(closedByChange([resolved], { ticketId: 't5', open: false, assigneeId: 'sam' }, me)).toEqual([]);
    expect(closedByChange([resolved], { ticketId: 't5', open: true, assigneeId: 'sam' }, me)).toEqual([resolved.id]);
    expect(closedByRoute([resolved], { name: 'ticket', ticketId: 't5' })).toEqual([resolved.id]);
    expect(noticeAutoClose('resolved', false)).toBe(false);
  });

  it('keeps “returned to the queue by …” while the ticket waits or is someone else’s, until it is mine again or opened', () => {
    const returned: OpenNotice = { id: noticeId('returned', 't6'), kind: 'returned', ticketId: 't6' };
    expect(closedByChange([returned], { ticketId: 't6', open: true, assigneeId: null }, me)).toEqual([]);
    expect(closedByChange([returned], { ticketId: 't6', open: true, assigneeId: 'dev' }, me)).toEqual([]);
    expect(closedByChange([returned], { ticketId: 't6', open: true, assigneeId: me }, me)).toEqual([returned.id]);
    expect(closedByRoute([returned], { name: 'ticket', ticketId: 't6' })).toEqual([returned.id]);
    expect(noticeAutoClose('returned', false)).toBe(false);
    expect(noticePriority('returned')).toBe(noticePriority('handover'));
  });

  it('leaves other tickets’ notices and the summary alone', () => {
    expect(closedByChange(open, { ticketId: 't9', open: false, assigneeId: null }, me)).toEqual([]);
  });
});

describe('where the burst summary takes its reader', () => {
  it('takes a supervisor to the board’s breached tickets at tier 3, where the breaches they were told of are, not to their own empty list', () => {
    expect(burstDestination('supervisor')).toEqual({ route: { name: 'overview', drill: { filter: 'breached', segment: null, tier: 3 } }, linkKey: 'notice.moreBreachedLink' });
  });

  it('takes agents and specialists to their tickets and queues', () => {
    for (const role of ['agent', 'specialist'] as const) expect(burstDestination(role), role).toEqual({ route: { name: 'home' }, linkKey: 'notice.moreLink' });
  });

  it('says what it folds for an agent whose tickets were returned or handed away, not "See your tickets and queues"', () => {
    expect(burstDestination('agent', { kind: 'returned', by: 'Grace Chen' }).linkKey).toBe('notice.moreReturnedLink');
    expect(burstDestination('agent', { kind: 'reassigned', by: 'Grace Chen', to: 'Dev Patel' }).linkKey).toBe('notice.moreReassignedLink');
    expect(burstDestination('agent', { kind: 'sla' }).linkKey).toBe('notice.moreLink');
    expect(burstDestination('supervisor', { kind: 'mixed' }).linkKey).toBe('notice.moreBreachedLink');
  });
});

// Omar saved Nadia Karimi, switched to Persian, and “nadia karimi saved.” stayed on the screen
// in English: a toast's words are fixed when it is shown. On a switch, every notice closes but
// those said anew from their data in the new language (the SLA and escalation notices, the
// burst summary, and the notices that stay until closed, such as a ticket taken first).
describe('a language switch', () => {
  it('closes every notice on the screen but those said anew in the new language', () => {
    const open = [breach('t1').id, warning('t2').id, burst.id, 'taken-first-t9'];
    const shown = ['mantine-saved', breach('t1').id, 'mantine-taken', warning('t2').id, 'sla-burst', 'taken-first-t9', 'mantine-saved'];
    expect(closedByLanguage(shown, open)).toEqual(['mantine-saved', 'mantine-taken']);
    expect(closedByLanguage(shown, [])).toEqual(['mantine-saved', breach('t1').id, 'mantine-taken', warning('t2').id, 'sla-burst', 'taken-first-t9']);
    expect(closedByLanguage([], open)).toEqual([]);
  });
});

describe('the notices the command palette offers', () => {
  it('offers the open notices about tickets, newest first, a few at most: a keyboard user reaches the latest hand-over without Tabbing down the page', () => {
    const open = [1, 2, 3, 4, 5, 6, 7].map((i) => ({ at: 1000 * i, source: { kind: 'handover' as const, ticketId: `t${i}` } }));
    expect(paletteNotices(open).map((n) => n.source.ticketId)).toEqual(['t7', 't6', 't5', 't4', 't3']);
    expect(paletteNotices([{ at: 5, source: { ticketId: 'older' } }, { at: 9, source: { ticketId: 'newer' } }], 1).map((n) => n.source.ticketId)).toEqual(['newer']);
    expect(paletteNotices([])).toEqual([]);
  });
});

describe('what a ticket handed to me says of who did it and why', () => {
  it('names who handed it back, reopened it or assigned it, with the first words of their note', () => {
    const by = { name: 'Grace Chen', note: 'Customer called again: still no sound.' };
    expect(handoverBody('REOPEN', by)).toEqual({ key: 'notice.reopenedBy', vars: by });
    expect(handoverBody('REOPEN', { name: 'Grace Chen', note: '' })).toEqual({ key: 'notice.reopenedByNoNote', vars: { name: 'Grace Chen' } });
    expect(handoverBody('ASSIGN', { name: 'Grace Chen', note: '' })).toEqual({ key: 'notice.assignedBy', vars: { name: 'Grace Chen' } });
    expect(handoverBody('DEESCALATE', by)).toEqual({ key: 'notice.handedBackBy', vars: by });
    expect(handoverBody('ASSIGN', undefined)).toBeNull();
  });
});

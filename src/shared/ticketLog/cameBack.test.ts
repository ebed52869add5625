import { describe, expect, it } from 'vitest';
import { cameBack, firstWords, type CameBackEvent } from './cameBack';

const ava = 'ava';
const sam = 'sam';
const ben = 'ben';
const e = (type: string, actorId: string, at: number, payload: Record<string, unknown> = {}): CameBackEvent => ({ type, actorId, at, payload });

describe('a ticket that came back to its holder', () => {
  const handedBack = [e('CREATED', ava, 1), e('TAKE', ava, 2), e('ESCALATE', ava, 3, { note: 'Board swap' }), e('TAKE', sam, 4), e('DEESCALATE', sam, 5, { note: 'Firmware reflashed; please confirm with the caller that the fan is quiet now.' })];

  it('shows a hand-back down from a higher tier, with who and the note', () => {
    expect(cameBack(handedBack, ava)).toEqual({ kind: 'handedBack', actorId: sam, at: 5, note: 'Firmware reflashed; please confirm with the caller that the fan is quiet now.' });
  });

  it('is gone once she acts on the ticket, whatever she does', () => {
    expect(cameBack([...handedBack, e('ADD_NOTE', ava, 6, { note: 'Called back' })], ava)).toBeNull();
    expect(cameBack([...handedBack, e('WAIT_ON_CUSTOMER', ava, 6)], ava)).toBeNull();
    // The system's SLA events are not hers: the mark stays.
    expect(cameBack([...handedBack, e('SLA_WARNING', 'system', 6)], ava)?.kind).toBe('handedBack');
  });

  it('shows a ticket someone else reopened, and not one she reopened herself', () => {
    const resolved = [e('CREATED', ava, 1), e('TAKE', ava, 2), e('RESOLVE', ava, 3, { code: 'fixed_remotely', note: 'Done' })];
    expect(cameBack([...resolved, e('REOPEN', ben, 4, { note: 'Customer says it is back' })], ava)).toEqual({ kind: 'reopened', actorId: ben, at: 4, note: 'Customer says it is back' });
    expect(cameBack([...resolved, e('REOPEN', ben, 4)], ava)?.note).toBe('');
    expect(cameBack([...resolved, e('REOPEN', ava, 4, { note: 'Called again' })], ava)).toBeNull();
  });

  it('does not mark a ticket that reached her by a supervisor’s assignment, or one never returned', () => {
    expect(cameBack([...handedBack, e('ASSIGN', 'grace', 6, { assigneeId: ben })], ben)).toBeNull();
    expect(cameBack([e('CREATED', ava, 1), e('ASSIGN', 'grace', 2, { assigneeId: ava })], ava)).toBeNull();
    // Only the newest deciding event is needed (what the desk's query reads).
    expect(cameBack(handedBack.slice(-1), ava)).toEqual(cameBack(handedBack, ava));
  });

  it('keeps a note’s first words, cut at a word', () => {
    expect(firstWords('  Short\nnote ')).toBe('Short note');
    const long = 'The replacement board arrived this morning and the fan now runs quietly; the customer should confirm tonight after the update.';
    const cut = firstWords(long);
    expect(cut.length).toBeLessThanOrEqual(81);
    expect(cut.endsWith('…')).toBe(true);
    expect(long.startsWith(cut.slice(0, -1))).toBe(true);
  });
});

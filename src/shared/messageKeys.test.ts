import { describe, expect, it } from 'vitest';
import { mayBeAssigned, mayHold, maySeeSegment, mayTake, mayWorkSegment, type Person } from './access';
import { messageDetail, say, sayCount } from './messageKeys';
import { userStreamRule } from './userStream';
import { applyEvent, openTicket } from './ticket';

// The rules say why in English; each of their sentences reads back as a key with its values,
// which is what a window in another language says instead.

const ava: Person = { id: 'ava', role: 'agent', tier: 1, segments: ['education'] };
const sam: Person = { id: 'sam', role: 'specialist', tier: 2, segments: ['education'] };
const omar: Person = { id: 'omar', role: 'admin', tier: 1, segments: [] };
const place = { segment: 'education' as const, tier: 1 as const, assigneeId: null };

describe('message keys', () => {
  it('reads every kind of refusal the access rules give back into its key and values', () => {
    expect(messageDetail(maySeeSegment(ava, 'home')!)).toEqual({ key: 'segmentTicket' });
    expect(messageDetail(maySeeSegment(ava, 'home', 'customer')!)).toEqual({ key: 'segmentCustomer' });
    expect(messageDetail(mayWorkSegment(ava, 'small_business')!)).toEqual({ key: 'notYourSegment', params: { segment: 'small_business' } });
    expect(messageDetail(mayTake(sam, place)!)).toEqual({ key: 'otherTier', params: { ticketTier: 1, yourTier: 2 } });
    expect(messageDetail(mayTake(ava, { ...place, assigneeId: 'ben' })!)).toEqual({ key: 'alreadyTaken' });
    expect(messageDetail(mayHold(ava, { ...place, assigneeId: 'ben' })!)).toEqual({ key: 'heldByOther' });
    expect(messageDetail(mayHold(ava, { ...place, assigneeId: null })!)).toEqual({ key: 'notHolder' });
    expect(messageDetail(mayTake(omar, place)!)).toEqual({ key: 'adminsNoTickets' });
    expect(messageDetail(mayBeAssigned({ ...sam, name: 'Sam Rivera', active: true }, { segment: 'education', tier: 3 })!)).toEqual({ key: 'assigneeTier', params: { name: 'Sam Rivera', tier: 3 } });
    expect(messageDetail(mayBeAssigned({ ...sam, name: 'Sam Rivera', active: false }, { segment: 'education', tier: 2 })!)).toEqual({ key: 'personInactive', params: { name: 'Sam Rivera' } });
  });

  it('reads the ticket machine’s refusals, the state and the action by their codes', () => {
    const pos = openTicket({ segment: 'education', priority: 'normal', at: 0, reopenWindowMs: 7 * 86_400_000 });
    const reopened = applyEvent(pos, { type: 'REOPEN', at: 1, actor: ava } as Parameters<typeof applyEvent>[1]);
    expect(reopened.ok).toBe(false);
    if (!reopened.ok) expect(messageDetail(reopened.reason)).toMatchObject({ key: 'stateRefuses', params: { state: expect.any(String), action: 'REOPEN' } });
    // Two people take one ticket: the second is told someone has it, not that the state refuses taking.
    const ben: Person = { id: 'ben', role: 'agent', tier: 1, segments: ['education'] };
    const taken = applyEvent(pos, { type: 'TAKE', at: 1, actor: ava } as Parameters<typeof applyEvent>[1]);
    expect(taken.ok).toBe(true);
    if (taken.ok) {
      const second = applyEvent(taken.next, { type: 'TAKE', at: 2, actor: ben } as Parameters<typeof applyEvent>[1]);
      expect(second.ok).toBe(false);
      if (!second.ok) expect(messageDetail(second.reason)).toEqual({ key: 'alreadyTaken' });
      const closed = applyEvent(taken.next, { type: 'RESOLVE', code: 'fixed_remotely', note: 'done', at: 3, actor: ava } as Parameters<typeof applyEvent>[1]);
      expect(closed.ok).toBe(true);
      if (closed.ok) {
        const late = applyEvent(closed.next, { type: 'TAKE', at: 4, actor: ben } as Parameters<typeof applyEvent>[1]);
        expect(late.ok).toBe(false);
        if (!late.ok) expect(messageDetail(late.reason)).toMatchObject({ key: 'stateRefuses', params: { action: 'TAKE' } });
      }
    }
    const noNote = applyEvent(pos, { type: 'ADD_NOTE', note: ' ', at: 1, actor: ava } as Parameters<typeof applyEvent>[1]);
    expect(noNote.ok).toBe(false);
    if (!noNote.ok) expect(messageDetail(noNote.reason)).toEqual({ key: 'noteNeeded' });
  });

  it('reads the hub’s own sentences: its sign-in and its accounts', () => {
    expect(messageDetail(say('hubTicketMoved'))).toEqual({ key: 'hubTicketMoved' });
    // A sign-in lock says its minutes as English writes them ("1 minute", "15 minutes", never
    // "minute(s)"), and whether an admin's password reset lifts it: an account's, not a desk's.
    expect(sayCount('accountThrottled', 15)).toContain('try again in 15 minutes, or ask an admin to reset your password');
    expect(sayCount('accountThrottled', 1)).toContain('try again in 1 minute, or');
    expect(sayCount('deskThrottled', 1)).toMatch(/at this desk.*try again in 1 minute\. A password reset does not lift this lock/);
    expect(sayCount('addressThrottled', 2)).toMatch(/network address.*try again in 2 minutes\. A password reset does not lift/);
    expect(messageDetail(sayCount('accountThrottled', 15))).toEqual({ key: 'accountThrottled_other', params: { count: 15 } });
    expect(messageDetail(sayCount('deskThrottled', 1))).toEqual({ key: 'deskThrottled_one', params: { count: 1 } });
    expect(messageDetail('Wrong email or password.')).toEqual({ key: 'wrongPassword' });
    // A desk's change to an account, refused by the hub's rule for the user stream.
    const refused = userStreamRule({} as Parameters<typeof userStreamRule>[0], ava, { segment: null, seen: true });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(messageDetail(refused.reason)).toEqual({ key: 'usersOnHub' });
    expect(messageDetail(say('hubCouldNotCheck', { detail: 'relation "x" does not exist' }))).toEqual({ key: 'hubCouldNotCheck', params: { detail: 'relation "x" does not exist' } });
  });

  it('reads the hub’s "Refused: …" the same way, and gives no key to a sentence it does not know', () => {
    expect(messageDetail('Refused: Only admins can change SLA policies and calendars.')).toEqual({ key: 'adminsOnly' });
    expect(messageDetail('Sam Rivera took this ticket first, at 10:42.')).toBeNull();
    expect(messageDetail('You do not work the moon segment.')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import type { Presence } from '../../shared/syncApi';
import { applyPresence, settleFirstAnswer } from './presenceList';

// The window's side of presence: its first "who is here?" answer can be read on the desk before
// a change that reaches the window first. What was heard meanwhile must win over that answer.

const TICKET = '0190a5e0-0000-7000-8000-0000000000f1';
const person = (userId: string, name: string, state: Presence['state'], since: number, deskId = 'desk-b'): Presence => ({ ticketId: TICKET, userId, name, state, deskId, since });

describe('who else is on a ticket, in this window', () => {
  it('keeps a change heard before the first answer arrived, which the answer had not seen', () => {
    const answer = [person('sam', 'Sam Rivera', 'viewing', 1)];
    expect(settleFirstAnswer(answer, [person('sam', 'Sam Rivera', 'typing', 2)], 'ava')).toEqual([person('sam', 'Sam Rivera', 'typing', 2)]);
    expect(settleFirstAnswer(answer, [person('sam', 'Sam Rivera', 'left', 2)], 'ava')).toEqual([]);
  });

  it('lists someone who arrived meanwhile, in the order they came, and never this person', () => {
    const answer = [person('ava', 'Ava Martin', 'viewing', 0, 'desk-a'), person('sam', 'Sam Rivera', 'viewing', 3)];
    const grace = person('grace', 'Grace Chen', 'viewing', 1, 'desk-c');
    expect(settleFirstAnswer(answer, [grace], 'ava').map((p) => p.userId)).toEqual(['grace', 'sam']);
  });

  it('tells the same person at two desks apart, and lets one of them leave', () => {
    const list = applyPresence([person('sam', 'Sam Rivera', 'viewing', 1)], person('sam', 'Sam Rivera', 'typing', 2, 'desk-c'));
    expect(list.map((p) => `${p.deskId}:${p.state}`)).toEqual(['desk-b:viewing', 'desk-c:typing']);
    expect(applyPresence(list, person('sam', 'Sam Rivera', 'left', 3)).map((p) => p.deskId)).toEqual(['desk-c']);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { say } from '../../../shared/messageKeys';
import { openDatabase, type DeskDb } from '../db/database';
import { Sql } from '../db/exec';
import { uuidv7 } from '../ids';
import { conflictStore, type NewConflict } from './conflicts';

// A person's conflicts in the order to read them: an offline take refused because someone
// else had the ticket first, and the escalation the same agent made after it, refused because
// of it, come cause first, the escalation saying it follows from the take.

let deskDb: DeskDb;
let store: ReturnType<typeof conflictStore>;

beforeAll(async () => {
  deskDb = await openDatabase(':memory:');
  store = conflictStore(new Sql(deskDb.sqlite, deskDb.kysely));
});
afterAll(() => deskDb.close());

const ticket = '0193a000-0000-7000-8000-0000000000aa';
const other = '0193a000-0000-7000-8000-0000000000bb';
const base = 1_765_000_000_000;

function conflict(over: Partial<NewConflict> & Pick<NewConflict, 'type' | 'deskTime' | 'reason'>): NewConflict {
  return { eventId: uuidv7(base + over.deskTime), stream: 'ticket', entityId: ticket, ticketNumber: 'T-000042', actorId: 'ava', refusedAt: base + 60_000, payload: {}, ...over };
}

describe('a person’s conflicts', () => {
  it('lists a refused take before the escalation refused because of it, and marks the escalation as following from it', () => {
    const take = conflict({ type: 'TAKE', deskTime: 1_000, reason: say('alreadyTaken') });
    const escalate = conflict({ type: 'ESCALATE', deskTime: 2_000, reason: say('notHolder'), payload: { note: 'Needs tier 2.' } });
    // Refused earlier, on another ticket: listed after the latest refusals.
    const older = conflict({ type: 'ADD_NOTE', deskTime: 500, entityId: other, reason: say('ticketChanged'), refusedAt: base + 30_000, payload: { note: 'Called back.' } });
    // Refused with the take, another person's: not in Ava's list.
    const bens = conflict({ type: 'ESCALATE', deskTime: 2_500, actorId: 'ben', reason: say('notHolder') });
    // Stored in the order the desk records them: the later escalation first.
    for (const c of [escalate, older, take, bens]) store.record(c);

    const list = store.list('ava');
    expect(list.map((c) => c.eventId)).toEqual([take.eventId, escalate.eventId, older.eventId]);
    expect(list[0]!.followsFrom).toBeUndefined();
    expect(list[1]!.followsFrom).toBe(take.eventId);
    expect(list[2]!.followsFrom).toBeUndefined();
    // Ben's escalation does not follow from Ava's take.
    expect(store.list('ben')[0]!.followsFrom).toBeUndefined();
  });

  it('says nothing follows when the take was made after, or the refusal is not the holder rule’s, or the take is dismissed', () => {
    const t = '0193a000-0000-7000-8000-0000000000cc';
    const resolve = conflict({ type: 'RESOLVE', deskTime: 10_000, entityId: t, actorId: 'cy', reason: say('notHolder') });
    const take = conflict({ type: 'TAKE', deskTime: 11_000, entityId: t, actorId: 'cy', reason: say('alreadyTaken') });
    const note = conflict({ type: 'ADD_NOTE', deskTime: 12_000, entityId: t, actorId: 'cy', reason: say('ticketChanged') });
    for (const c of [resolve, take, note]) store.record(c);
    expect(store.list('cy').map((c) => [c.eventId, c.followsFrom])).toEqual([
      [resolve.eventId, undefined],
      [take.eventId, undefined],
      [note.eventId, undefined],
    ]);

    const take2 = conflict({ type: 'TAKE', deskTime: 20_000, entityId: t, actorId: 'dee', reason: say('alreadyTaken') });
    const escalate2 = conflict({ type: 'ESCALATE', deskTime: 21_000, entityId: t, actorId: 'dee', reason: say('notHolder') });
    for (const c of [take2, escalate2]) store.record(c);
    expect(store.dismiss('dee', take2.eventId, base + 90_000)).toBe(true);
    expect(store.list('dee')).toMatchObject([{ eventId: escalate2.eventId }]);
    expect(store.list('dee')[0]!.followsFrom).toBeUndefined();
  });
});

import type { Sql } from '../db/exec';

// The last event this desk read from the hub's log, as "<global seq> <event id>" (meta 'cursor_event').
// Each pull names it (GET /sync/pull?atId=&atSeq=), for the hub to say when its event at that seq
// is another (wentBack): its log went back, restored from an older backup, and what desks sent
// since took numbers this desk had read already, maybe past its cursor (so its head alone does
// not tell).
// Not only the event at the cursor: an agent limited to some segments reads none of the others'
// events, and its cursor moves past them (to the hub's head); until stop 55 the pull then named
// nothing, and a restored hub whose new events passed such a desk's cursor went unnoticed: the
// desk skipped them for good. The last event it read is at or before its cursor; a hub restored
// from a backup older than it has another event there, or none.
// What this does not see: a backup taken after the last event the desk read and before its
// cursor (what the hub lost between them is all of events this desk does not read; what desks
// sent since, numbered up to its cursor again, it skips). Naming its cursor needs the id of an
// event it may not read.

const KEY = 'cursor_event';

/** Keeps the last event this desk read (or, with null, forgets it: the desk reads the log again from the start). */
export function keepEventAtCursor(db: Sql, seq: number, eventId: string | null): void {
  if (eventId === null) {
    db.run(db.kysely.deleteFrom('meta').where('key', '=', KEY));
    return;
  }
  const value = `${seq} ${eventId}`;
  db.run(db.kysely.insertInto('meta').values({ key: KEY, value }).onConflict((c) => c.column('key').doUpdateSet({ value })));
}

/** The last event this desk read, at or before `cursor` (its seq and id), if it knows it. */
export function eventAtCursor(db: Sql, cursor: number): { seq: number; id: string } | null {
  if (cursor <= 0) return null;
  const value = db.get(db.kysely.selectFrom('meta').select('value').where('key', '=', KEY))?.value;
  const [seqText, id] = value?.split(' ') ?? [];
  const seq = Number(seqText);
  return Number.isInteger(seq) && seq >= 1 && seq <= cursor && id ? { seq, id } : null;
}

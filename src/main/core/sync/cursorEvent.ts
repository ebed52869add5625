import type { Sql } from '../db/exec';

// The event this desk read at its pull cursor, as "<global seq> <event id>" (meta 'cursor_event').
// Each pull names it (GET /sync/pull?atId=), for the hub to say when its event there is another
// (wentBack): its log went back, restored from an older backup, and what desks sent since took
// numbers this desk had read already, maybe past its cursor (so its head alone does not tell).
// Kept with its number: once the cursor moves past an event this desk does not read (another
// segment's), the pair no longer matches it and the pull names nothing (as before).

const KEY = 'cursor_event';

export function keepEventAtCursor(db: Sql, cursor: number, eventId: string): void {
  const value = `${cursor} ${eventId}`;
  db.run(db.kysely.insertInto('meta').values({ key: KEY, value }).onConflict((c) => c.column('key').doUpdateSet({ value })));
}

/** The id of the event this desk read at `cursor`, if it knows it. */
export function eventAtCursor(db: Sql, cursor: number): string | null {
  if (cursor <= 0) return null;
  const value = db.get(db.kysely.selectFrom('meta').select('value').where('key', '=', KEY))?.value;
  const [seq, id] = value?.split(' ') ?? [];
  return Number(seq) === cursor && id ? id : null;
}

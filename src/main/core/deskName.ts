import { hostname } from 'node:os';
import { deskNameFromHost } from '../../shared/deskName';
import type { Sql } from './db/exec';

// This desk's name (src/shared/deskName.ts), in its meta table: the machine's host name at its
// first start, or what an admin named it on the Desks page. It rides each call to the hub
// (the sync engine's report, src/shared/deskReport.ts), which keeps the last one said.

export const DESK_NAME_KEY = 'desk_name';

export function deskNameOf(db: Sql): string | null {
  return db.get(db.kysely.selectFrom('meta').select('value').where('key', '=', DESK_NAME_KEY))?.value ?? null;
}

export function setDeskName(db: Sql, name: string): void {
  db.run(db.kysely.insertInto('meta').values({ key: DESK_NAME_KEY, value: name }).onConflict((c) => c.column('key').doUpdateSet({ value: name })));
}

/** At a start: a desk with no name yet (new, or older than names) takes its machine's host name. */
export function nameDeskIfUnnamed(db: Sql, host: () => string = hostname): void {
  if (deskNameOf(db) !== null) return;
  const name = deskNameFromHost(host());
  if (name !== null) setDeskName(db, name);
}

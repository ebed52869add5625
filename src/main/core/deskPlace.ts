import { createHash, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { deskNameFromHost } from '../../shared/deskName';
import type { Sql } from './db/exec';
import { deskNameOf, setDeskName } from './deskName';
import { deskIdOf } from './outbox';

// Where this desk runs, and a new identity for a desk whose data folder was copied.
//
// Call centres image machines: one desk is set up and joined to the hub, then its data folder
// is copied to twenty machines. Each copy then held the same desk id, desk key, count of pushes
// and hub sessions: twenty writers under one id, which the hub took for one desk restored from
// a backup again and again (README, "A desk restored from a backup"), one row on the Desks page,
// one sign-in lock for the whole floor, and the imaging person's hub session on every machine.
//
// The desk remembers where it runs (meta 'desk_place'): the machine (its machine id where the
// system has one, /etc/machine-id, else its host name) and its data folder (real path) with the
// database file's identity (device and inode). At a start, on another machine, or in another
// folder with another file (a copy; a folder moved whole keeps its file), it re-keys itself
// before it sends anything: a new desk id and desk key (the hub registers them at the next
// sign-in), its count of pushes from 0, the hub sessions kept here dropped (they were opened for
// the old id, and are the imaging person's); its data, its outbox (sent under the new id) and
// its people's kept passwords stay. A file put back in place (`tagdesk restore`, a new inode in
// the same folder on the same machine) is the same desk. The hub refuses a second writer it
// still sees under one id (src/hub/sync.ts), and the desk re-keys on that refusal too.

const PLACE_KEY = 'desk_place';
/** The last re-key, for the sync status's notice (until someone signs in through the hub after it). */
export const REKEYED_KEY = 'desk_rekeyed';
/** The hub's epoch of this desk's count of pushes, as its last 409 said it (src/hub/sync.ts). */
export const HUB_EPOCH_KEY = 'hub_epoch';

const placeSchema = z.object({ machine: z.string(), folder: z.string(), file: z.string() });
export type DeskPlace = z.infer<typeof placeSchema>;
const rekeyedSchema = z.object({
  from: z.string(),
  at: z.number(),
  why: z.enum(['copied', 'hubRefused']),
  /** The name it had (the desk it was copied from; src/shared/deskName.ts), when it had one. */
  fromName: z.string().nullable().optional(),
  /** Someone signed in here read the notice of it and dismissed it (rekeyedBanner). */
  dismissed: z.boolean().optional(),
});
/** A re-key: the id it had, when, why, and whether the desk was joined to a hub (a desk alone has no one to tell). */
export type Rekeyed = z.infer<typeof rekeyedSchema> & { joined: boolean };

/** The machine: a hash of its machine id where the system keeps one, else its host name. */
export function machineOf(readMachineId: () => string | null = systemMachineId, host: () => string = hostname): string {
  const id = readMachineId();
  return id ? `id:${createHash('sha256').update(`tagdesk:${id}`).digest('hex').slice(0, 32)}` : `host:${host()}`;
}

function systemMachineId(): string | null {
  for (const file of ['/etc/machine-id', '/var/lib/dbus/machine-id']) {
    try {
      const id = fs.readFileSync(file, 'utf8').trim();
      if (/^[0-9a-f]{16,}$/i.test(id)) return id;
    } catch {
      /* none here (Windows, macOS, a container) */
    }
  }
  return null;
}

/** Where the desk in `dataDir` (its database file `dbFile`) runs now. */
export function placeOf(dataDir: string, dbFile: string, machine: string = machineOf()): DeskPlace {
  const folder = fs.realpathSync(path.resolve(dataDir));
  const s = fs.statSync(dbFile);
  return { machine, folder, file: `${s.dev}:${s.ino}` };
}

/**
 * Whether the desk's file is a copy of the desk that last ran from `was`: on another machine, or
 * in another folder and another file (a folder moved whole keeps its file; a backup put back in
 * the same folder is another file in the same place).
 */
export function isCopy(was: DeskPlace, now: DeskPlace): boolean {
  return was.machine !== now.machine || (was.folder !== now.folder && was.file !== now.file);
}

const metaGet = (db: Sql, key: string) => db.get(db.kysely.selectFrom('meta').select('value').where('key', '=', key))?.value;
const metaSet = (db: Sql, key: string, value: string) =>
  db.run(db.kysely.insertInto('meta').values({ key, value }).onConflict((c) => c.column('key').doUpdateSet({ value })));

/**
 * At a start: re-keys the desk if it is a copy of where it last ran, and remembers where it runs.
 * A desk from before this (nothing remembered) is taken as where it is. Answers the re-key, if any.
 */
export function checkDeskPlace(db: Sql, now: number, here: DeskPlace): Rekeyed | null {
  return db.write(() => {
    const kept = metaGet(db, PLACE_KEY);
    let was: DeskPlace | null = null;
    try {
      was = kept === undefined ? null : (placeSchema.safeParse(JSON.parse(kept)).data ?? null);
    } catch {
      was = null;
    }
    const rekeyed = was && isCopy(was, here) ? rekeyDesk(db, now, 'copied') : null;
    if (!was || JSON.stringify(was) !== JSON.stringify(here)) metaSet(db, PLACE_KEY, JSON.stringify(here));
    return rekeyed;
  });
}

/**
 * Gives the desk a new identity: a new desk id (and desk key, if joined), its count of pushes from
 * 0 for the hub to register anew, and no hub session (each was opened for the old id; its people
 * sign in again, their kept passwords still let them in offline). Everything else stays: data,
 * outbox (its changes go under the new id: the sync engine sends each with the desk's id), cursor.
 */
export function rekeyDesk(db: Sql, now: number, why: Rekeyed['why'], host: () => string = hostname): Rekeyed {
  const k = db.kysely;
  return db.write(() => {
    const from = deskIdOf(db);
    // Its name was the machine it was copied from ("FRONT-ROW-01" on twenty machines): it takes
    // this machine's host name, as a new desk would; an admin may name it otherwise.
    const fromName = deskNameOf(db);
    const here = deskNameFromHost(host());
    if (here !== null && here !== fromName) setDeskName(db, here);
    const id = randomUUID();
    metaSet(db, 'desk_id', id);
    // A desk alone copied would have met "This desk's id belongs to another desk" on joining.
    const joined = db.run(k.updateTable('hub_link').set({ desk_id: id, desk_key: randomBytes(32).toString('base64url') }).where('id', '=', 1)).changes > 0;
    db.run(k.updateTable('hub_accounts').set({ token: null, token_expires_at: null, refusals_after: 0 }));
    db.run(k.updateTable('sync_state').set({ hub_desk_seq: 0 }).where('id', '=', 1));
    db.run(k.deleteFrom('meta').where('key', '=', HUB_EPOCH_KEY));
    const rekeyed = { from, at: now, why, fromName };
    if (joined) metaSet(db, REKEYED_KEY, JSON.stringify(rekeyed));
    return { ...rekeyed, joined };
  });
}

/** The last re-key, while nobody has signed in through the hub since (the sync status says it until then). */
function lastRekey(db: Sql): z.infer<typeof rekeyedSchema> | null {
  const kept = metaGet(db, REKEYED_KEY);
  if (kept === undefined) return null;
  try {
    return rekeyedSchema.safeParse(JSON.parse(kept)).data ?? null;
  } catch {
    return null;
  }
}

/**
 * The last re-key, for the notice on every page (RekeyedNotice.tsx), until someone signed in here
 * dismisses it: the first to sign in after it learns that this desk was copied and took an
 * identity of its own, and that its data and unsent changes were kept.
 */
export function rekeyedBanner(db: Sql): { at: number; fromName: string | null } | null {
  const r = lastRekey(db);
  return r && !r.dismissed ? { at: r.at, fromName: r.fromName ?? null } : null;
}

/** Someone signed in here dismissed the notice of the last re-key: it is not shown again. */
export function dismissRekeyed(db: Sql): void {
  db.write(() => {
    const r = lastRekey(db);
    if (r && !r.dismissed) metaSet(db, REKEYED_KEY, JSON.stringify({ ...r, dismissed: true }));
  });
}

export function rekeyedNotice(db: Sql): z.infer<typeof rekeyedSchema> | null {
  const r = lastRekey(db);
  if (!r) return null;
  const since = db.get(db.kysely.selectFrom('hub_accounts').select('user_id').where('token', 'is not', null).where('signed_in_at', '>=', r.at).limit(1));
  return since ? null : r;
}

import { sql } from 'kysely';
import type { Logger } from 'pino';
import { clockSkewOf } from '../shared/clockSkew';
import type { DeskReport, HubDesks } from '../shared/deskReport';
import { DESK_MACHINE_VERSION } from '../shared/ticketLog';
import type { HubDb } from './db';

// What each desk last said of itself, for the admins' Desks page: its name, its last call, its version,
// its clock and its outbox as it measured them, and whether its last pull was refused as too
// old. Kept cheaply: a desk's row is written at most once a minute by a hub process, sooner only
// when what the page says of it changes (another version, refused or no longer, its clock
// another number of minutes off, its outbox emptied or no longer empty). Nothing of it is
// written per event, nor inside a push's transaction.
//
// How far it has read the hub's log rides on the same row: the cursor its latest pull named (its
// read_to, sync.ts PullAnswer) and when, kept in memory on every pull and written with the next
// write the row gets anyway (at most a minute late; at once the first time this hub process hears
// the desk pull, so a desk is not "Not known" for a minute after a hub restart). No write per pull.

const MINUTE = 60_000;

interface Said {
  at: number;
  version: number;
  skew: string;
  waiting: boolean | null;
  tooOld: boolean | undefined;
  /** The name it said (null: none, its name there stays). */
  name: string | null;
  /** The cursor its latest pull heard by this process named, and when (null: none yet). */
  readTo: number | null;
  readAt: number | null;
  /** Whether a row this process wrote holds a read_to. */
  readWritten: boolean;
}

export interface DeskContacts {
  /**
   * A call of `deskId` (its stated version and report); `tooOld` when a pull was (true) or was not
   * (false) refused as too old; `readTo`, a pull's: the cursor it named (sync.ts PullAnswer).
   */
  note(deskId: string, version: number, report: DeskReport, tooOld?: boolean, readTo?: number | null): Promise<void>;
}

export function deskContacts(db: HubDb, log: Logger, now: () => number): DeskContacts {
  const said = new Map<string, Said>();
  return {
    async note(deskId, version, report, tooOld, readTo) {
      const at = now();
      const name = report.name ?? null;
      const was = said.get(deskId);
      // Its latest pull's cursor, in memory whether or not this call writes.
      const read = readTo === undefined || readTo === null ? { readTo: was?.readTo ?? null, readAt: was?.readAt ?? null } : { readTo, readAt: at };
      if (was) Object.assign(was, read);
      const next: Said = { at, version, skew: JSON.stringify(clockSkewOf(report.skewMs === null ? null : -report.skewMs)), waiting: report.outbox === null ? null : report.outbox > 0, tooOld, name, ...read, readWritten: read.readTo !== null };
      // A new name is written at once: an admin who renamed a desk looks for it on the Desks page.
      const same =
        was && was.version === next.version && was.skew === next.skew && was.waiting === next.waiting && (tooOld === undefined || was.tooOld === tooOld) && (name === null || was.name === name) && (was.readWritten || read.readTo === null);
      if (was && same && at - was.at < MINUTE) return;
      said.set(deskId, { ...next, tooOld: tooOld ?? was?.tooOld });
      try {
        await db
          .insertInto('desk_contacts')
          .values({ desk_id: deskId, last_contact_at: at, version, clock_skew_ms: report.skewMs, outbox: report.outbox, too_old: tooOld ?? false, read_to: read.readTo, read_at: read.readAt })
          .onConflict((c) =>
            c.column('desk_id').doUpdateSet((eb) => ({
              last_contact_at: eb.ref('excluded.last_contact_at'),
              version: eb.ref('excluded.version'),
              clock_skew_ms: eb.ref('excluded.clock_skew_ms'),
              outbox: eb.ref('excluded.outbox'),
              ...(tooOld === undefined ? {} : { too_old: eb.ref('excluded.too_old') }),
              // What another process (or this one before a restart) wrote stays when this one knows no pull.
              ...(read.readTo === null ? {} : { read_to: eb.ref('excluded.read_to'), read_at: eb.ref('excluded.read_at') }),
            })),
          )
          .execute();
        // Its name on its own row (registered at its first sign-in): kept when a call says none.
        if (name !== null) await db.updateTable('desks').set({ name }).where('id', '=', deskId).where(sql<boolean>`name is distinct from ${name}`).execute();
      } catch (error) {
        // Never the call's failure: the page is a minute late at worst.
        said.delete(deskId);
        log.warn({ err: { message: error instanceof Error ? error.message : String(error) } }, 'desk contact not kept');
      }
    },
  };
}

/** Every desk that has signed in to this hub, with what it last said and who last signed in there. */
export async function listDesks(db: HubDb, now: number): Promise<HubDesks> {
  const rows = await db
    .selectFrom('desks as d')
    .leftJoin('desk_contacts as c', 'c.desk_id', 'd.id')
    .select(['d.id', 'd.name', 'd.created_at', 'c.last_contact_at', 'c.version', 'c.clock_skew_ms', 'c.outbox', 'c.too_old', 'c.read_to', 'c.read_at'])
    .execute();
  const head = (await db.selectFrom('log_head').select('seq').where('id', '=', 1).executeTakeFirst())?.seq ?? 0;
  const last = await sql<{ desk_id: string; user_id: string; name: string }>`
    select distinct on (s.desk_id) s.desk_id, u.id as user_id, u.name
    from sessions s join users u on u.id = s.user_id
    where s.desk_id is not null
    order by s.desk_id, s.created_at desc`.execute(db);
  const who = new Map(last.rows.map((r) => [r.desk_id, { id: r.user_id, name: r.name }]));
  return {
    hubVersion: DESK_MACHINE_VERSION,
    now,
    head: Number(head),
    desks: rows.map((r) => ({
      id: r.id,
      name: r.name ?? null,
      version: r.version ?? null,
      lastContactAt: r.last_contact_at ?? r.created_at,
      lastUser: who.get(r.id) ?? null,
      clockSkewMs: r.clock_skew_ms ?? null,
      outbox: r.outbox ?? null,
      tooOld: r.too_old ?? false,
      readTo: r.read_to ?? null,
      readAt: r.read_at ?? null,
    })),
  };
}

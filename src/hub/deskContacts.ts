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

const MINUTE = 60_000;

interface Said {
  at: number;
  version: number;
  skew: string;
  waiting: boolean | null;
  tooOld: boolean | undefined;
  /** The name it said (null: none, its name there stays). */
  name: string | null;
}

export interface DeskContacts {
  /** A call of `deskId` (its stated version and report); `tooOld` when a pull was (true) or was not (false) refused as too old. */
  note(deskId: string, version: number, report: DeskReport, tooOld?: boolean): Promise<void>;
}

export function deskContacts(db: HubDb, log: Logger, now: () => number): DeskContacts {
  const said = new Map<string, Said>();
  return {
    async note(deskId, version, report, tooOld) {
      const at = now();
      const name = report.name ?? null;
      const next: Said = { at, version, skew: JSON.stringify(clockSkewOf(report.skewMs === null ? null : -report.skewMs)), waiting: report.outbox === null ? null : report.outbox > 0, tooOld, name };
      const was = said.get(deskId);
      // A new name is written at once: an admin who renamed a desk looks for it on the Desks page.
      const same = was && was.version === next.version && was.skew === next.skew && was.waiting === next.waiting && (tooOld === undefined || was.tooOld === tooOld) && (name === null || was.name === name);
      if (was && same && at - was.at < MINUTE) return;
      said.set(deskId, { ...next, tooOld: tooOld ?? was?.tooOld });
      try {
        await db
          .insertInto('desk_contacts')
          .values({ desk_id: deskId, last_contact_at: at, version, clock_skew_ms: report.skewMs, outbox: report.outbox, too_old: tooOld ?? false })
          .onConflict((c) =>
            c.column('desk_id').doUpdateSet((eb) => ({
              last_contact_at: eb.ref('excluded.last_contact_at'),
              version: eb.ref('excluded.version'),
              clock_skew_ms: eb.ref('excluded.clock_skew_ms'),
              outbox: eb.ref('excluded.outbox'),
              ...(tooOld === undefined ? {} : { too_old: eb.ref('excluded.too_old') }),
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
    .select(['d.id', 'd.name', 'd.created_at', 'c.last_contact_at', 'c.version', 'c.clock_skew_ms', 'c.outbox', 'c.too_old'])
    .execute();
  const last = await sql<{ desk_id: string; user_id: string; name: string }>`
    select distinct on (s.desk_id) s.desk_id, u.id as user_id, u.name
    from sessions s join users u on u.id = s.user_id
    where s.desk_id is not null
    order by s.desk_id, s.created_at desc`.execute(db);
  const who = new Map(last.rows.map((r) => [r.desk_id, { id: r.user_id, name: r.name }]));
  return {
    hubVersion: DESK_MACHINE_VERSION,
    now,
    desks: rows.map((r) => ({
      id: r.id,
      name: r.name ?? null,
      version: r.version ?? null,
      lastContactAt: r.last_contact_at ?? r.created_at,
      lastUser: who.get(r.id) ?? null,
      clockSkewMs: r.clock_skew_ms ?? null,
      outbox: r.outbox ?? null,
      tooOld: r.too_old ?? false,
    })),
  };
}

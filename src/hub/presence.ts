import { sql, type Kysely } from 'kysely';
import { Migrator, type Migration } from 'kysely/migration';
import { z } from 'zod';
import { idSchema } from '../shared/domain';
import { seesSegment } from './access';
import type { Session } from './accounts';
import type { HubDb } from './db';
import { badRequest, notFound } from './errors';

// Presence: who has a ticket open on which desk, and who is typing on it. It lives in one
// UNLOGGED PostgreSQL table, so any hub process can answer "who is on this ticket" (a desk
// may be connected to another process behind the load balancer), and it is lost, on purpose,
// when PostgreSQL crashes: presence is worth seconds, not a WAL write. Each change also
// NOTIFYs every hub process, which forwards it to the live desks that may see the ticket's
// segment (live.ts). A row lives PRESENCE_TTL_MS after its last word: desks repeat their
// state every few seconds, so a desk that vanishes without saying 'left' (its hub process
// killed, its network gone) stops showing within the TTL. A live socket that closes removes
// its rows at once.

export const PRESENCE_CHANNEL = 'tagdesk_presence';
export const PRESENCE_TTL_MS = 30_000;

export const presenceStates = z.enum(['viewing', 'typing', 'left']);

/** What a desk sends over its live socket. */
export const presenceIn = z.strictObject({ type: z.literal('presence'), ticketId: idSchema, state: presenceStates });

/** The NOTIFY payload between hub processes (well under PostgreSQL's 8000 bytes). */
export const presenceNote = z.object({
  connection: z.string(),
  userId: z.string(),
  name: z.string(),
  role: z.string(),
  tier: z.number().int(),
  deskId: z.string().nullable(),
  /** The desk's name as it last told the hub (src/shared/deskName.ts; "Sam is viewing, at FRONT-ROW-07"), when it has one. */
  deskName: z.string().nullable().optional(),
  ticketId: z.string(),
  segment: z.string(),
  state: presenceStates,
  /** Since when this person is in this state on this ticket (epoch ms). */
  since: z.number(),
});
export type PresenceNote = z.infer<typeof presenceNote>;

/** What a desk is told: the note without the hub's own routing fields. */
export type PresenceShown = Omit<PresenceNote, 'connection' | 'segment'>;
export const shown = ({ connection: _c, segment: _s, ...rest }: PresenceNote): PresenceShown => rest;

// ---- schema: presence's own forward-only history, apart from the log's ----

interface PresenceTable {
  connection: string;
  ticket_id: string;
  user_id: string;
  name: string;
  role: string;
  tier: number;
  desk_id: string | null;
  segment: string;
  state: string;
  since: number;
  expires_at: number;
}
type PresenceDb = Kysely<{ presence: PresenceTable }>;
const presenceDb = (db: HubDb) => db as unknown as PresenceDb;

const MIGRATIONS: Record<string, Migration> = {
  '0001_presence': {
    async up(db: Kysely<any>) {
      await sql`create unlogged table presence (
        connection text not null,
        ticket_id text not null,
        user_id text not null,
        name text not null,
        role text not null,
        tier smallint not null,
        desk_id text,
        segment text not null,
        state text not null check (state in ('viewing', 'typing')),
        since bigint not null,
        expires_at bigint not null,
        primary key (ticket_id, connection)
      )`.execute(db);
      await sql`create index presence_connection on presence (connection)`.execute(db);
      await sql`create index presence_expires on presence (expires_at)`.execute(db);
    },
  },
};

/**
 * Brings the presence table up to date. Its history is kept in a migration table of its own,
 * so presence and the log's migrations (migrations.ts) can each grow without ordering one
 * against the other.
 */
export async function migratePresence(db: HubDb): Promise<void> {
  const migrator = new Migrator({
    db: db as unknown as Kysely<any>,
    provider: { getMigrations: async () => MIGRATIONS },
    migrationTableName: 'presence_migration',
    migrationLockTableName: 'presence_migration_lock',
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw new Error(`The presence migration failed: ${error instanceof Error ? error.message : String(error)}`);
}

// ---- changes ----

const notify = (db: PresenceDb, note: PresenceNote) => sql`select pg_notify(${PRESENCE_CHANNEL}, ${JSON.stringify(note)})`.execute(db);

/**
 * A person on a live connection says they view, type on, or left a ticket. Refused (with the
 * message to send back) when the ticket is not in their segments; otherwise recorded and
 * announced, in one transaction (NOTIFY is delivered at commit). `arrived` says this
 * connection had not been on the ticket: it is then told who already is (presenceOn), since
 * what others said before it connected reached it by no notification.
 */
export async function setPresence(
  db: HubDb,
  who: { connection: string; session: Session },
  ticketId: string,
  state: PresenceNote['state'],
  now: number,
): Promise<{ refused: string } | { refused: null; arrived: boolean }> {
  const ticket = await db.selectFrom('tickets').select('segment').where('id', '=', ticketId).executeTakeFirst();
  const user = who.session.user;
  if (!ticket || !seesSegment(user, ticket.segment)) return { refused: 'No such ticket in your segments.' };
  // Where the person is, by the desk's name (read once per change of state: a row by its key).
  const deskName = who.session.deskId ? ((await db.selectFrom('desks').select('name').where('id', '=', who.session.deskId).executeTakeFirst())?.name ?? null) : null;
  let arrived = false;
  await presenceDb(db)
    .transaction()
    .execute(async (tx) => {
      const before = await tx.selectFrom('presence').select(['state', 'since']).where('ticket_id', '=', ticketId).where('connection', '=', who.connection).executeTakeFirst();
      const since = before && before.state === state ? before.since : now;
      arrived = !before && state !== 'left';
      const note: PresenceNote = { connection: who.connection, userId: user.id, name: user.name, role: user.role, tier: user.tier, deskId: who.session.deskId, ...(deskName ? { deskName } : {}), ticketId, segment: ticket.segment, state, since };
      if (state === 'left') {
        await tx.deleteFrom('presence').where('ticket_id', '=', ticketId).where('connection', '=', who.connection).execute();
      } else {
        const row = { connection: who.connection, ticket_id: ticketId, user_id: user.id, name: user.name, role: user.role, tier: user.tier, desk_id: who.session.deskId, segment: ticket.segment, state, since, expires_at: now + PRESENCE_TTL_MS };
        await tx
          .insertInto('presence')
          .values(row)
          .onConflict((c) => c.columns(['ticket_id', 'connection']).doUpdateSet({ state, since, expires_at: row.expires_at, name: user.name, role: user.role, tier: user.tier }))
          .execute();
      }
      // A repeat of the same state only keeps the row alive; others hear of changes.
      if (!before || before.state !== state) await notify(tx, note);
      // Rows of desks that vanished without a word, so the table stays small.
      await tx.deleteFrom('presence').where('expires_at', '<', now).execute();
    });
  return { refused: null, arrived };
}

/** A live connection closed: whatever it had open, its person left. */
export async function dropConnection(db: HubDb, connection: string, now: number): Promise<void> {
  await presenceDb(db)
    .transaction()
    .execute(async (tx) => {
      const gone = await tx.deleteFrom('presence').where('connection', '=', connection).returningAll().execute();
      for (const r of gone) {
        await notify(tx, { connection, userId: r.user_id, name: r.name, role: r.role, tier: r.tier, deskId: r.desk_id, ticketId: r.ticket_id, segment: r.segment, state: 'left', since: now });
      }
    });
}

const presenceQuery = z.object({ ticketId: idSchema });

/** GET /presence?ticketId=: who else has the ticket open now (not the asker), for those who may see it. */
export async function presenceOf(db: HubDb, session: Session, query: Record<string, string>, now: number): Promise<{ presence: PresenceShown[] }> {
  const parsed = presenceQuery.safeParse(query);
  if (!parsed.success) throw badRequest('Say which ticket: /presence?ticketId=<id>.');
  const ticket = await db.selectFrom('tickets').select('segment').where('id', '=', parsed.data.ticketId).executeTakeFirst();
  if (!ticket || !seesSegment(session.user, ticket.segment)) throw notFound('No such ticket in your segments.');
  return { presence: await presenceOn(db, parsed.data.ticketId, session.user.id, now) };
}

/** Who is on a ticket now, but for one person (the asker), oldest first. The caller checks the right to see it. */
export async function presenceOn(db: HubDb, ticketId: string, except: string, now: number): Promise<PresenceShown[]> {
  const rows = await presenceDb(db)
    .selectFrom('presence')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .where('expires_at', '>=', now)
    .where('user_id', '!=', except)
    .orderBy('since')
    .execute();
  // The desks' names: a handful of rows by their key (the few people on one ticket).
  const deskIds = [...new Set(rows.flatMap((r) => (r.desk_id ? [r.desk_id] : [])))];
  const names = new Map(deskIds.length ? (await db.selectFrom('desks').select(['id', 'name']).where('id', 'in', deskIds).execute()).map((d) => [d.id, d.name]) : []);
  return rows.map((r) => {
    const deskName = r.desk_id ? names.get(r.desk_id) : null;
    return { userId: r.user_id, name: r.name, role: r.role, tier: r.tier, deskId: r.desk_id, ...(deskName ? { deskName } : {}), ticketId: r.ticket_id, state: r.state as PresenceNote['state'], since: r.since };
  });
}

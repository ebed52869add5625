import { sql, type Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';

// The hub's schema, forward-only: each step is frozen in time (Kysely<any>, never the live
// types) and listed here in order. A database whose history has diverged is refused by
// Kysely's migrator.

type Db = Kysely<any>;

export const MIGRATIONS: Record<string, Migration> = {
  '0001_accounts': {
    async up(db: Db) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('agent', 'specialist', 'supervisor', 'admin')`))
        .addColumn('tier', 'smallint', (c) => c.notNull().check(sql`tier between 1 and 3`))
        .addColumn('segments', 'jsonb', (c) => c.notNull())
        .addColumn('active', 'boolean', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('sessions')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
        .addColumn('desk_id', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('revoked_at', 'bigint')
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
      await db.schema
        .createTable('sign_in_throttle')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('window_start', 'bigint', (c) => c.notNull())
        .addColumn('locked_until', 'bigint', (c) => c.notNull())
        .execute();
    },
  },
  '0002_log': {
    async up(db: Db) {
      await db.schema
        .createTable('desks')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('key_hash', 'text', (c) => c.notNull())
        .addColumn('last_desk_seq', 'bigint', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      // One row: the last global seq handed out. Its row lock, held from allocation to
      // commit, makes seqs commit in order, which a bare sequence does not.
      await db.schema
        .createTable('log_head')
        .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .execute();
      await db.insertInto('log_head').values({ id: 1, seq: 0 }).execute();
      await db.schema
        .createTable('events')
        .addColumn('seq', 'bigint', (c) => c.primaryKey())
        .addColumn('id', 'uuid', (c) => c.notNull().unique())
        .addColumn('ticket_id', 'text', (c) => c.notNull())
        .addColumn('ticket_seq', 'integer', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('segment', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text', (c) => c.notNull())
        .addColumn('desk_id', 'text', (c) => c.notNull())
        .addColumn('desk_seq', 'bigint', (c) => c.notNull())
        .addColumn('envelope', 'jsonb', (c) => c.notNull())
        .addColumn('accepted_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('events_ticket_seq', ['ticket_id', 'ticket_seq'])
        .execute();
      await db.schema.createIndex('events_segment_seq').on('events').columns(['segment', 'seq']).execute();
      await db.schema
        .createTable('tickets')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('segment', 'text', (c) => c.notNull())
        .addColumn('state', 'jsonb', (c) => c.notNull())
        .addColumn('last_global_seq', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('refusals')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('event_id', 'uuid', (c) => c.notNull().unique())
        .addColumn('desk_id', 'text', (c) => c.notNull())
        .addColumn('desk_seq', 'bigint', (c) => c.notNull())
        .addColumn('author_id', 'text', (c) => c.notNull())
        .addColumn('ticket_id', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('envelope', 'jsonb', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('refusals_desk').on('refusals').columns(['desk_id', 'id']).execute();
    },
  },
  // Streams besides tickets ('customer', 'knowledge', ...): each event names its stream; the
  // ticket_id column holds the entity of any stream. Per-entity order is the ticket log's
  // rule only; other streams' entities keep the segment their events put them in.
  '0003_streams': {
    async up(db: Db) {
      await db.schema.alterTable('events').addColumn('stream', 'text', (c) => c.notNull().defaultTo('ticket')).execute();
      await db.schema.alterTable('events').dropConstraint('events_ticket_seq').execute();
      await sql`create unique index events_ticket_seq on events (ticket_id, ticket_seq) where stream = 'ticket'`.execute(db);
      await db.schema.alterTable('refusals').addColumn('stream', 'text', (c) => c.notNull().defaultTo('ticket')).execute();
      await db.schema
        .createTable('entities')
        .addColumn('stream', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('segment', 'text')
        .addColumn('last_global_seq', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('entities_pk', ['stream', 'id'])
        .execute();
    },
  },
  // Envelopes and ticket states as `json`: the text as written, which the hub stores and sends
  // back without converting (jsonb costs a parse on the way in and an encode on the way out,
  // and nothing queries inside them). Envelopes are stored without the global seq, which is
  // the row's own `seq` and is written into the envelope as it leaves (src/hub/rawJson.ts).
  '0004_json_text': {
    async up(db: Db) {
      await sql`alter table events alter column envelope type json using envelope::json`.execute(db);
      await sql`alter table tickets alter column state type json using state::json`.execute(db);
      // Written on every push and read by nothing: the log's seq lives in the events.
      await sql`alter table tickets drop column last_global_seq`.execute(db);
      await sql`alter table entities drop column last_global_seq`.execute(db);
    },
  },
  // Accounts join the log (the 'user' stream, segment '*'): every account that exists when
  // this runs gets its USER_CREATED event, by the system, so a desk's snapshot and pull learn
  // everyone; from then on each change appends its own event in its own transaction. A
  // person's events are found by the partial index (the next one's per-person seq).
  '0005_user_stream': {
    async up(db: Db) {
      await sql`create index events_user on events (ticket_id, ticket_seq) where stream = 'user'`.execute(db);
      await sql`
        with u as (
          select id, name, email, role, tier, segments, active, created_at, gen_random_uuid() as eid,
                 row_number() over (order by created_at, id) as n
          from users
        ),
        h as (update log_head set seq = seq + (select count(*) from users) where id = 1 returning seq - (select count(*) from users) as base),
        e as (
          select u.*, h.base + u.n as gseq,
                 jsonb_build_object('name', u.name, 'email', u.email, 'role', u.role, 'tier', u.tier, 'segments', u.segments, 'active', u.active) as acct
          from u, h
        ),
        ins as (
          insert into events (seq, id, stream, ticket_id, ticket_seq, type, segment, actor_id, desk_id, desk_seq, envelope, accepted_at)
          select gseq, eid, 'user', id::text, 1, 'USER_CREATED', '*', 'system', '00000000-0000-0000-0000-000000000000', 0,
                 jsonb_build_object(
                   'id', eid, 'stream', 'user', 'entityId', id::text, 'seq', 1, 'type', 'USER_CREATED', 'payloadVersion', 1,
                   'payload', jsonb_build_object(
                     'v', 1,
                     'changes', (select jsonb_agg(jsonb_build_object('field', f.key, 'from', null, 'to', f.value)) from jsonb_each(acct) f),
                     'user', acct,
                     'actorName', 'system'),
                   'actor', jsonb_build_object('id', 'system', 'role', 'system', 'tier', 3, 'segments', '["education", "government", "small_business", "large_enterprise", "home"]'::jsonb),
                   'deskId', '00000000-0000-0000-0000-000000000000', 'deskTime', created_at)::json,
                 created_at
          from e
          returning ticket_id
        )
        insert into entities (stream, id, segment) select 'user', ticket_id, null from ins
      `.execute(db);
    },
  },
  // Erasure on request reaches the hub's own copies (src/hub/erasure.ts): a customer's record
  // events, the satisfaction events and refused events are found by their entity, and a
  // customer's tickets by the customer they were opened for.
  '0006_erasure': {
    async up(db: Db) {
      await sql`create index events_entity on events (ticket_id) where stream in ('customer', 'knowledge')`.execute(db);
      await sql`alter table tickets add column customer_id text`.execute(db);
      await sql`update tickets set customer_id = state->'head'->>'customerId'`.execute(db);
      await sql`create index tickets_customer on tickets (customer_id)`.execute(db);
      await sql`create index refusals_entity on refusals (ticket_id)`.execute(db);
      await db.schema
        .createTable('erased_customers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .execute();
    },
  },
  // One ticket a number across desks: a ticket opened offline whose number another desk's
  // ticket reached the hub with first gets the hub's next number as it is accepted (sync.ts,
  // push); the number is kept beside the state to find who has it and the highest given.
  '0007_ticket_numbers': {
    async up(db: Db) {
      await sql`alter table tickets add column number integer`.execute(db);
      await sql`update tickets set number = (state->'head'->>'number')::int`.execute(db);
      await sql`create index tickets_number on tickets (number)`.execute(db);
    },
  },
  // Each number claimed by one ticket (sync.ts, numberOpened): a push claims the numbers it
  // gives with INSERT ... ON CONFLICT DO NOTHING, so only pushes giving the same number wait for
  // each other (0007 had every push that opened a ticket wait for every other to commit).
  //
  // A hub upgraded from before 0007 may hold one number on several tickets (each desk then
  // moved its own ticket aside and showed the arriving one under it, so desks differ). The
  // first accepted keeps it; each later one takes the next free number in the order they were
  // accepted, its state and creation say so, and its events move to the head of the log, as
  // if pushed again: every desk pulls its creation under the new number, moves the ticket to it
  // and tells who opened and who holds it, as for a ticket the hub renumbered on its push
  // (src/main/core/sync/apply.ts, takeHubNumber); a desk without the ticket yet gets its
  // events in their order.
  '0008_ticket_number_claims': {
    async up(db: Db) {
      await sql`create table ticket_numbers (number integer primary key, ticket_id text not null unique)`.execute(db);
      const dup = await sql<{ id: string }>`
        select id from (
          select t.id, e.seq, row_number() over (partition by t.number order by e.seq nulls last, t.id) as k
          from tickets t left join events e on e.stream = 'ticket' and e.ticket_id = t.id and e.ticket_seq = 1
          where t.number is not null
        ) x where k > 1 order by seq nulls last, id`.execute(db);
      const moved = dup.rows.map((r) => r.id);
      if (moved.length > 0) {
        await sql`
          with renumbered as (
            select d.id, (select max(number) from tickets) + d.n as number
            from unnest(${moved}::text[]) with ordinality as d(id, n)
          ),
          tk as (
            update tickets t set number = r.number, state = jsonb_set(t.state::jsonb, '{head,number}', to_jsonb(r.number))::json
            from renumbered r where t.id = r.id
          )
          update events e set envelope = jsonb_set(e.envelope::jsonb, '{payload,number}', to_jsonb(r.number))::json
          from renumbered r where e.stream = 'ticket' and e.ticket_id = r.id and e.ticket_seq = 1`.execute(db);
        // Their events, in the order they had, after every other (the seqs are the log's keys).
        await sql`
          with m as (
            select seq, row_number() over (order by array_position(${moved}::text[], ticket_id), ticket_seq) as n
            from events where stream = 'ticket' and ticket_id = any(${moved}::text[])
          ),
          h as (update log_head set seq = seq + (select count(*) from m) where id = 1 returning seq - (select count(*) from m) as base)
          update events e set seq = h.base + m.n from m, h where e.seq = m.seq`.execute(db);
      }
      await sql`insert into ticket_numbers (number, ticket_id) select number, id from tickets where number is not null`.execute(db);
    },
  },
  // What each desk last said of itself (deskContacts.ts, the admins' Desks page): when it last
  // called, its version, its clock against the hub's and its outbox as it measured them, and
  // whether its last pull was refused as too old. One row a desk, written at most once a
  // minute per desk and hub process unless a value changes, never per event.
  '0009_desk_contacts': {
    async up(db: Db) {
      await db.schema
        .createTable('desk_contacts')
        .addColumn('desk_id', 'text', (c) => c.primaryKey())
        .addColumn('last_contact_at', 'bigint', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('clock_skew_ms', 'bigint')
        .addColumn('outbox', 'integer')
        .addColumn('too_old', 'boolean', (c) => c.notNull().defaultTo(false))
        .execute();
    },
  },
  // The epoch of each desk's count of pushes (sync.ts): moved on each time a desk's count went
  // back (a restore from a backup), with the count it went back behind, so that a desk of an
  // older epoch whose count goes back again after others were processed is known as a second
  // writer under the id (a copied data folder) and refused.
  '0010_desk_epoch': {
    async up(db: Db) {
      await db.schema.alterTable('desks').addColumn('epoch', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('desks').addColumn('epoch_at', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
    },
  },
  // Each desk's name as it last said it (src/shared/deskName.ts), for the Desks page and the
  // presence of people on a ticket; null for a desk that has said none (one older than names).
  '0011_desk_name': {
    async up(db: Db) {
      await db.schema.alterTable('desks').addColumn('name', 'text').execute();
    },
  },
  // How far each desk has read the hub's log: the cursor its last pull named (what it holds,
  // applied), and when (hub time); null for a desk not heard pulling since (deskContacts.ts).
  '0012_desk_read_to': {
    async up(db: Db) {
      await db.schema.alterTable('desk_contacts').addColumn('read_to', 'bigint').addColumn('read_at', 'bigint').execute();
    },
  },
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** Brings the schema up to date; several hub processes may call it at once (Kysely locks). */
export async function migrate(db: Db): Promise<void> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(failed ? `Migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}` : error instanceof Error ? error.message : String(error), { cause: error });
  }
}

import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database, TicketRowDb } from '../src/main/core/db/schema';
import { customerViewQueries } from '../src/main/core/customerView';
import { lookupQueries } from '../src/main/core/lookup';
import { Sql } from '../src/main/core/db/exec';
import { uuidv7 } from '../src/main/core/ids';
import { uuidToBytes } from '../src/main/core/db/idCodec';
import { withStablePlans } from '../src/main/core/db/stablePlans';
import { ticketStatements, type EventRowValues } from '../src/main/core/ticketStatements';
import { queuePageQueries } from '../src/main/core/tickets';

// The floors: the statements the core runs for each call, prepared once on a separate raw
// connection and run with their values bound directly, returning rows without mapping.
// The 360° view's statements, the queue pages, the board's summary and the ticket writes
// are the product's own builders, imported (customerView.ts, tickets.ts, ticketStatements.ts),
// so they cannot drift; so are the lookup's (lookup.ts). What the product spends above the floor
// is the cost of its own layers: validation, query building, mapping, the ticket machine,
// the SLA clock.

/** The floor's own connection, with the pragmas database.ts gives the desk's. */
export function openFloorConnection(file: string): BetterSqlite3.Database {
  // The desk's statement text (stablePlans.ts): a floor statement is compiled once, as the product's is.
  const raw = withStablePlans(new BetterSqlite3(file));
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  raw.pragma('cache_size = -65536');
  // The desk checkpoints from a worker thread (database.ts), which serves this connection's
  // writes too: the same file, the same WAL.
  raw.pragma('wal_autocheckpoint = 0');
  return raw;
}

const DESK = '00000000-0000-4000-8000-0000000000f1';
// Ids are stored as 16 bytes (migration 0014). The floor binds bytes itself and reads them
// back as bytes: what the desk's codec (idCodec.ts) adds on top is part of the product's cost.
const B = uuidToBytes;
const DESK_BYTES = B(DESK);

export function floorQueries(raw: BetterSqlite3.Database) {
  const k = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });

  // customerView.ts, lookup.ts: the core's own builders, prepared the way the core prepares
  // them (Sql.prepare binds the values into the slots; nothing else runs around them).
  const statements = new Sql(raw, k);
  const lookup = lookupQueries(k);
  const assetByTag = statements.prepare<{ customer_id: string }, [string]>(lookup.assetByTag);
  const customersByPhone = statements.prepare<unknown, [string, string]>(lookup.customersByPhone);
  const customersByName = statements.prepare<{ id: Buffer }, [string, string]>(lookup.customersByName);
  const customersByWord = statements.prepare<{ id: Buffer }, [string, string, string, number]>(lookup.customersByWord);
  const candidateFacts = statements.prepare<unknown, [Buffer]>(lookup.candidateFacts);
  const viewQueries = Object.values(customerViewQueries(k)).map((query) => statements.prepare<unknown, [string]>(query));
  // tickets.ts
  const pages = queuePageQueries(k);
  const queuePage = { urgency: statements.prepare<unknown, [string, number, number, number]>(pages.urgency), priority: statements.prepare<unknown, [string, number, number, number]>(pages.priority) };
  // ticketStore.ts: the store's own statements (ticketStatements.ts), bound to values
  // computed here: the least a take or an escalation writes (the row and its event), without
  // the machine, the SLA clock, the counters, the interaction or the outbox.
  const ts = ticketStatements(statements);
  const actorJson = (userId: string) => JSON.stringify({ id: userId, role: 'agent', tier: 1 });
  const moveRow = (row: TicketRowDb, at: number, change: { state: string; tier: number; assigneeId: Buffer | null; assigneeIdText: string | null }) => {
    const context = JSON.parse(row.machine) as { tier: number; assigneeId: string | null; heldBy: Record<string, string | null>; updatedAt: number };
    context.tier = change.tier;
    context.assigneeId = change.assigneeIdText;
    if (change.assigneeIdText) context.heldBy[String(change.tier)] = change.assigneeIdText;
    context.updatedAt = at;
    const version = row.version + 1;
    ts.updateMoved(row, { ...row, state: change.state, tier: change.tier, assignee_id: change.assigneeId as unknown as string | null, updated_at: at, version, machine: JSON.stringify(context) });
    return version;
  };
  /** Every query of the 360° view, in the order customerView.ts runs them. */
  const view = (customerId: Buffer) => {
    for (const statement of viewQueries) statement.all(customerId as unknown as string);
  };

  const takeNext = raw.transaction((segment: string, userId: string, at: number) => {
    const next = ts.nextUnassigned.get(segment, 1);
    if (!next) throw new Error(`floor take_next: the ${segment} tier-1 queue is empty`);
    const row = ts.ticketById.get(next.id)!;
    const user = B(userId);
    const version = moveRow(row, at, { state: 'tier1.open', tier: 1, assigneeId: user, assigneeIdText: userId });
    ts.insertEvent.run(...bytes(uuidv7(at), next.id, version, 'TAKE', user, at, '{}', actorJson(userId), 1, 1, DESK_BYTES, null));
  });

  /** An escalation's row and event, inside the caller's transaction. */
  const escalateRows = (ticketId: string, userId: string, at: number) => {
    const ticket = B(ticketId);
    const row = ts.ticketById.get(ticket as unknown as string)!;
    const version = moveRow(row, at, { state: 'tier2.waiting', tier: 2, assigneeId: null, assigneeIdText: null });
    ts.insertEvent.run(...bytes(uuidv7(at), ticket, version, 'ESCALATE', B(userId), at, JSON.stringify({ reason: 'needs_specialist_skill', note: 'bench' }), actorJson(userId), 1, 1, DESK_BYTES, null));
  };
  const escalate = raw.transaction(escalateRows);

  // The same escalation with the outbox row the store adds for the hub: its cost alone.
  const outboxBody = (ticketId: string, userId: string, at: number) =>
    JSON.stringify({ id: uuidv7(at), stream: 'ticket', entityId: ticketId, seq: 0, type: 'ESCALATE', payloadVersion: 1, payload: { reason: 'needs_specialist_skill', note: 'bench' }, actor: { id: userId, role: 'agent', tier: 1, segments: ['education', 'government', 'small_business', 'large_enterprise', 'home'] }, deskId: DESK, deskTime: at, globalSeq: null });
  // The rows straight, not escalate() itself: a transaction function called inside another
  // is a savepoint, and a savepoint copies each page it changes into a statement journal
  // first, which the store's single transaction does not (that cost was counted as the
  // outbox's).
  const escalateWithOutbox = raw.transaction((ticketId: string, userId: string, at: number) => {
    escalateRows(ticketId, userId, at);
    ts.appendOutbox.run(B(uuidv7(at)) as unknown as string, 'ticket', outboxBody(ticketId, userId, at));
  });

  const byTag = (tag: string): Buffer => {
    const a = assetByTag.get(tag);
    if (!a) throw new Error(`floor: no asset with tag ${tag}`);
    return a.customer_id as unknown as Buffer;
  };

  return {
    lookupTag: (tag: string) => view(byTag(tag)),
    /** An Express code is looked up as a tag and, being digits, as a phone number too. */
    lookupExpress(tag: string, phone: string | null) {
      const customerId = byTag(tag);
      if (phone) customersByPhone.all(phone, phone);
      view(customerId);
    },
    /**
     * A name search of one word (key as nameKey gives it): names starting so, then names with a
     * word starting so, up to the list's 20, then what tells each candidate apart.
     */
    lookupNameWord(key: string, listLimit: number) {
      const listed = customersByName.all(key, key + '\uffff');
      const seen = new Set(listed.map((r) => r.id.toString('hex')));
      const ids = listed.map((r) => r.id);
      for (const r of customersByWord.all(key, key + '\uffff', '', listLimit)) {
        if (ids.length === listLimit) break;
        if (seen.has(r.id.toString('hex'))) continue;
        ids.push(r.id);
      }
      for (const id of ids) candidateFacts.get(id);
    },
    queuePage: (order: 'urgency' | 'priority', segment: string, limit: number) => queuePage[order].all(segment, 1, limit, 0),
    takeNext: (segment: string, userId: string, at: number) => takeNext.immediate(segment, userId, at),
    escalate: (ticketId: string, userId: string, at: number) => escalate.immediate(ticketId, userId, at),
    escalateWithOutbox: (ticketId: string, userId: string, at: number) => escalateWithOutbox.immediate(ticketId, userId, at),
    customersByPhone: (phone: string) => customersByPhone.all(phone, phone) as unknown[],
  };
}

/** An event row's values as the floor binds them: its id as 16 bytes, the rest as given. */
function bytes(id: string, ...rest: [unknown, number, string, Buffer, number, string, string, number, number, Buffer, null]): EventRowValues {
  return [B(id), ...rest] as unknown as EventRowValues;
}

export type FloorQueries = ReturnType<typeof floorQueries>;

import { sql, type Kysely } from 'kysely';
import { CUSTOMER_STREAM } from '../shared/customerStream';
import { customerNamedBy, ERASED_TEXT, erasedEvent, erasedLabel, erasureOf, namesIn, type Erasure, type RecordCopy } from '../shared/erasure';
import { csatEntityId, KNOWLEDGE_STREAM } from '../shared/kb/knowledgeStream';
import { TICKET_STREAM } from '../shared/ticketLog';
import type { HubDatabase } from './db';
import type { Envelope } from './envelope';

// Erasure on request, in the hub's own log. A desk erases a customer and pushes
// CUSTOMER_ERASED; when the hub accepts it, in the same transaction, it rewrites what its log
// and its ticket states hold of them by the rules every desk applies (src/shared/erasure.ts):
// their record's events (and those of records merged into it), the name other records' events
// gave them as a system's owner, the name on each of their tickets and its first event, and
// their satisfaction comments, and the same in events the hub refused (kept for their author's
// conflict list). A desk that pulls the log or a snapshot afterwards never
// receives what was erased. An event naming them that another desk made before it heard of
// the erasure is rewritten the same way as it arrives (`keptAsErased`).

type Tx = Kysely<HubDatabase>;
type Payload = RecordCopy & { entity?: string };

/**
 * The events of a push as the hub keeps them: those naming a customer erased already lose
 * what erasure removed. Returns the same array when none does (one indexed read, only for a
 * push that names customers).
 */
export async function keptAsErased(tx: Tx, events: readonly Envelope[]): Promise<readonly Envelope[]> {
  const named = [...new Set(events.map(customerNamedBy).filter((id): id is string => id !== null))];
  if (named.length === 0) return events;
  const erased = new Set((await tx.selectFrom('erased_customers').select('id').where('id', 'in', named).execute()).map((r) => r.id));
  if (erased.size === 0) return events;
  return events.map((e) => {
    const id = customerNamedBy(e);
    return id !== null && erased.has(id) ? erasedEvent(e, erasureOf(id)) : e;
  });
}

/** Rewrites what the log and the ticket states hold of one customer just erased. */
export async function eraseOnHub(tx: Tx, customerId: string, at: number): Promise<void> {
  await tx.insertInto('erased_customers').values({ id: customerId, at }).onConflict((oc) => oc.doNothing()).execute();
  const recordEvents = async (ids: readonly string[]) =>
    ids.length === 0
      ? []
      : (
          await sql<{ seq: number; ticket_id: string; envelope: Envelope }>`select seq, ticket_id, envelope from events where stream = ${sql.lit(CUSTOMER_STREAM)} and ticket_id = any(${ids}::text[]) order by seq`.execute(tx)
        ).rows;
  const own = await recordEvents([customerId]);
  // Records merged into hers are wholly hers; their owners before and after her are not.
  const merged = new Set<string>();
  const counterparts = new Set<string>();
  for (const { envelope } of own) {
    const note = (envelope.payload as Payload).note ?? {};
    if (envelope.type === 'CUSTOMER_MERGED' && note.survivorId === customerId && typeof note.mergedId === 'string') merged.add(note.mergedId);
    if (envelope.type === 'ASSET_TRANSFERRED') for (const id of [note.fromId, note.toId]) if (typeof id === 'string' && id !== customerId) counterparts.add(id);
  }
  const whole = [customerId, ...merged];
  const tickets = (await tx.selectFrom('tickets').select('id').where('customer_id', 'in', whole).execute()).map((t) => t.id);
  const hers = [...own, ...(await recordEvents([...merged]))];
  const erasure: Erasure = { names: namesIn(hers.map((r) => r.envelope.payload as Payload)), whole: new Set(whole), label: erasedLabel(customerId) };
  await eraseRefused(tx, erasure, tickets);
  for (const r of [...hers, ...(await recordEvents([...counterparts].filter((id) => !merged.has(id))))]) {
    const kept = erasedEvent(r.envelope, erasure);
    if (kept !== r.envelope) await sql`update events set envelope = ${JSON.stringify(kept)}::json where seq = ${r.seq}`.execute(tx);
  }
  // Her tickets: the name on each (its state, its first event) and her satisfaction comments.
  if (tickets.length === 0) return;
  const label = erasure.label;
  await sql`update tickets set state = jsonb_set(state::jsonb, '{head,customerName}', to_jsonb(${label}::text))::json where id = any(${tickets}::text[])`.execute(tx);
  await sql`update events set envelope = jsonb_set(envelope::jsonb, '{payload,customerName}', to_jsonb(${label}::text))::json
    where stream = ${sql.lit(TICKET_STREAM)} and ticket_id = any(${tickets}::text[]) and ticket_seq = 1 and type = 'CREATED'`.execute(tx);
  await sql`update events set envelope = jsonb_set(envelope::jsonb, '{payload,comment}', to_jsonb(${ERASED_TEXT}::text))::json
    where stream = ${sql.lit(KNOWLEDGE_STREAM)} and ticket_id = any(${tickets.map(csatEntityId)}::text[]) and type = 'csat.recorded' and envelope->'payload'->>'comment' <> ''`.execute(tx);
}

/** Events the hub refused that named her: her records' changes, her tickets' first events, her scores. */
async function eraseRefused(tx: Tx, erasure: Erasure, tickets: readonly string[]): Promise<void> {
  const entities = [...erasure.whole, ...tickets, ...tickets.map(csatEntityId)];
  const rows = (await sql<{ id: number; envelope: Envelope }>`select id, envelope from refusals where ticket_id = any(${entities}::text[])`.execute(tx)).rows;
  for (const r of rows) {
    const kept = erasedEvent(r.envelope, erasure);
    if (kept !== r.envelope) await sql`update refusals set envelope = ${JSON.stringify(kept)}::jsonb where id = ${r.id}`.execute(tx);
  }
}

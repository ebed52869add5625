import type { ActorSnapshot, RecordEventType, RecordPayload } from '../../../shared/customerEvents';
import { CUSTOMER_STREAM, customerStreamPayload } from '../../../shared/customerStream';
import type { Actor, Segment } from '../../../shared/domain';
import { PAYLOAD_VERSION } from '../../../shared/ticketLog/envelope';
import type { Sql } from '../db/exec';
import { uuidv7 } from '../ids';
import { deskIdOf, outbox, type Outbox } from '../outbox';

// The customer log: a change to a customer, contact or system is one row of customer_events
// (what the record's history shows) and, in the same transaction, one envelope of the
// 'customer' stream in the outbox (what the hub hears), with the same id. Call `append`
// inside the db.write(...) that makes the change.

/** Who made a change: their name for the history, their role, tier and segments for the hub's re-check. */
export type RecordActor = ActorSnapshot & Pick<Actor, 'tier' | 'segments'>;

export function customerLog(db: Sql) {
  const insert = db.sqlite.prepare('INSERT INTO customer_events (id, customer_id, type, at, actor_id, actor_name, actor_role, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const eventsOf = db.sqlite.prepare('SELECT count(*) AS n FROM customer_events WHERE customer_id = ?').pluck();
  const segmentOf = db.sqlite.prepare('SELECT segment FROM customers WHERE id = ?').pluck();
  // Made on first use: a desk opened read-only (the CLI's reads) never appends.
  let box: Outbox | null = null;

  /**
   * Appends one event to the record's history and to the outbox. `segment` is the
   * customer's segment after the change (read from the row when not given).
   */
  function append(customerId: string, type: RecordEventType, at: number, actor: RecordActor, payload: Omit<RecordPayload, 'v'>, segment?: Segment): string {
    const id = uuidv7(at);
    insert.run(id, customerId, type, at, actor.id, actor.name, actor.role, JSON.stringify({ v: 1, ...payload }));
    const seq = eventsOf.get(customerId) as number;
    box ??= outbox(db, deskIdOf(db));
    box.append({
      id,
      stream: CUSTOMER_STREAM,
      entityId: customerId,
      seq,
      type,
      payloadVersion: PAYLOAD_VERSION,
      payload: customerStreamPayload(payload, actor.name, segment ?? (segmentOf.get(customerId) as Segment)),
      actor: { id: actor.id, role: actor.role, tier: actor.tier, segments: [...actor.segments] },
      deskId: box.deskId,
      deskTime: at,
      globalSeq: null,
    });
    return id;
  }

  return { append };
}
export type CustomerLog = ReturnType<typeof customerLog>;

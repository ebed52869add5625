import { randomUUID } from 'node:crypto';
import { outboxEnvelopeSchema, type OutboxEnvelope } from '../../shared/ticketLog/envelope';
import type { Sql } from './db/exec';

// The desk's outbox: what the hub has not yet heard of, in the desk's own order (desk_seq,
// the table's integer key, is the desk's sequence). An area appends its change inside the
// same db.write(...) as the change itself, so the change and its outbox row commit or roll
// back together:
//
//   db.write(() => {
//     ...write the change...
//     outbox.append({ id: uuidv7(at), stream: 'customer', entityId, seq, type, payloadVersion: 1,
//                     payload, actor, deskId: outbox.deskId, deskTime: at, globalSeq: null });
//   });
//
// The ticket store appends ticket events itself (stream 'ticket').

/** This desk's id: a UUID kept in meta (migration 0006 gives every desk one). */
export function deskIdOf(db: Sql): string {
  const k = db.kysely;
  const row = db.get(k.selectFrom('meta').select('value').where('key', '=', 'desk_id'));
  if (row) return row.value;
  const id = randomUUID();
  db.run(k.insertInto('meta').values({ key: 'desk_id', value: id }).onConflict((oc) => oc.doNothing()));
  return db.get(k.selectFrom('meta').select('value').where('key', '=', 'desk_id'))?.value ?? id;
}

export function outbox(db: Sql, deskId: string) {
  const k = db.kysely;
  const insert = db.sqlite.prepare(k.insertInto('outbox').values({ event_id: '', stream: '', body: '' }).compile().sql);
  return {
    deskId,
    /** Appends one envelope, validated; call it inside the write that makes the change. */
    append(envelope: OutboxEnvelope): void {
      const e = outboxEnvelopeSchema.parse(envelope);
      insert.run(e.id, e.stream, JSON.stringify(e));
    },
  };
}
export type Outbox = ReturnType<typeof outbox>;

import { sql, type Transaction } from 'kysely';
import { SYSTEM_ACTOR } from '../shared/domain';
import { USER_FIELDS, USER_STREAM, type UserEventType, type UserStreamPayload } from '../shared/userStream';
import { uuidv7 } from '../main/core/ids';
import { actorOfUser, type HubUser } from './accounts';
import type { HubDatabase } from './db';
import { EVERYONE, type Envelope } from './envelope';
import { EVENTS_CHANNEL } from './sync';

// The hub's own 'user' events (src/shared/userStream.ts): each change to an account is
// appended to the log inside the transaction that makes it, with the next global seq taken
// from log_head like any pushed event (its row lock, held to commit, keeps seqs in order),
// and announced to every hub process at commit (NOTIFY), so connected desks pull it live.
// Every signed-in person may read it (segment '*'), and every desk with its key (sync.ts
// directory). Password hashes and tokens never enter.

/** The author desk of the hub's own events. */
export const HUB_DESK_ID = '00000000-0000-0000-0000-000000000000';

/**
 * Appends the event telling of `after` (and how it differs from `before`); nothing when nothing
 * a desk keeps changed, unless it is a password reset (`type`), which changes no such field.
 */
export async function appendUserEvent(tx: Transaction<HubDatabase>, by: HubUser | null, before: HubUser | null, after: HubUser, now: number, type?: 'USER_PASSWORD_RESET'): Promise<void> {
  const changes: UserStreamPayload['changes'] = [];
  for (const field of USER_FIELDS) {
    const from = before ? before[field] : null;
    const to = after[field];
    if (JSON.stringify(from) !== JSON.stringify(to)) changes.push({ field, from: Array.isArray(from) ? [...from] : from, to: Array.isArray(to) ? [...to] : to });
  }
  if (before && changes.length === 0 && !type) return;
  const payload: UserStreamPayload = {
    v: 1,
    changes,
    user: { name: after.name, email: after.email, role: after.role, tier: after.tier, segments: [...after.segments], active: after.active },
    actorName: by?.name ?? 'system',
  };
  // The person's last event (the partial index events_user, whatever the log's size).
  const prior = await tx.selectFrom('events').select('ticket_seq').where('stream', '=', USER_STREAM).where('ticket_id', '=', after.id).orderBy('ticket_seq', 'desc').limit(1).executeTakeFirst();
  const entitySeq = (prior?.ticket_seq ?? 0) + 1;
  const head = (await sql<{ seq: number }>`update log_head set seq = seq + 1 where id = 1 returning seq, pg_notify(${EVENTS_CHANNEL}, json_build_object('first', seq, 'last', seq)::text)`.execute(tx)).rows[0]!;
  const globalSeq = Number(head.seq);
  const actor = by ? actorOfUser(by) : SYSTEM_ACTOR;
  // Stored without the global seq, which is the row's own seq (added as it leaves: src/hub/rawJson.ts).
  const envelope: Omit<Envelope, 'globalSeq'> = {
    id: uuidv7(now),
    stream: USER_STREAM,
    entityId: after.id,
    seq: entitySeq,
    type: type ?? ((before ? 'USER_CHANGED' : 'USER_CREATED') satisfies UserEventType),
    payloadVersion: 1,
    payload,
    actor: { ...actor, segments: [...actor.segments] },
    deskId: HUB_DESK_ID,
    deskTime: now,
  };
  await tx
    .insertInto('events')
    .values({
      seq: globalSeq,
      id: envelope.id,
      stream: USER_STREAM,
      ticket_id: after.id,
      ticket_seq: entitySeq,
      type: envelope.type,
      segment: EVERYONE,
      actor_id: actor.id,
      desk_id: HUB_DESK_ID,
      desk_seq: 0,
      envelope: JSON.stringify(envelope),
      accepted_at: now,
    })
    .execute();
  await tx
    .insertInto('entities')
    .values({ stream: USER_STREAM, id: after.id, segment: null })
    .onConflict((c) => c.columns(['stream', 'id']).doNothing())
    .execute();
}

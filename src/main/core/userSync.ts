import { USER_STREAM, userEventTypeSchema, userStreamPayloadSchema } from '../../shared/userStream';
import type { OutboxEnvelope } from '../../shared/ticketLog/envelope';
import type { Sql } from './db/exec';
import type { StreamApplier } from './sync/stream';

// Applies the hub's 'user' events (src/shared/userStream.ts) to this desk's users table, so
// every desk knows every colleague (assignee names, reassign targets, the board's agent load,
// take-next eligibility) without that person having signed in here, and a deactivated person
// is offered as an assignee nowhere.
//
// - Idempotent by event id (user_events): a repeated pull changes nothing.
// - Events come only from the hub, in its global order, and each carries the account as it
//   was after the change: applying them in order leaves each person as the hub has them (the
//   last writer by global order wins every field).
// - Never appends to the outbox; the users directory's cache is dropped after the batch.

/** `onApplied` runs after the engine's transaction has committed, when the batch changed someone. */
export function userStreamApplier(db: Sql, users: { invalidate(): void }, onApplied: () => void = () => undefined): StreamApplier {
  const s = db.sqlite;
  const known = s.prepare('SELECT 1 FROM user_events WHERE id = ?').pluck();
  const record = s.prepare('INSERT INTO user_events (id, user_id, type, at, global_seq, payload) VALUES (?, ?, ?, ?, ?, ?)');
  const upsert = s.prepare(
    `INSERT INTO users (id, name, email, role, tier, segments, active, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET name = excluded.name, email = excluded.email, role = excluded.role, tier = excluded.tier, segments = excluded.segments, active = excluded.active
     /* scan: the plan lists the check of tickets.assignee_id, which SQLite runs only when a user's id changes, which this never does */`,
  );

  function applyOne(e: OutboxEnvelope): boolean {
    if (e.stream !== USER_STREAM || e.globalSeq === null || known.get(e.id)) return false;
    const type = userEventTypeSchema.safeParse(e.type);
    const parsed = userStreamPayloadSchema.safeParse(e.payload);
    if (!type.success || !parsed.success) return false;
    const u = parsed.data.user;
    upsert.run(e.entityId, u.name, u.email, u.role, u.tier, JSON.stringify(u.segments), u.active ? 1 : 0, e.deskTime);
    record.run(e.id, e.entityId, type.data, e.deskTime, e.globalSeq, JSON.stringify(parsed.data));
    return true;
  }

  return {
    stream: USER_STREAM,
    // A ticket settled in the same batch finds its assignee by name, not as a stand-in.
    beforeTickets: true,
    apply(envelopes) {
      let changed = false;
      db.write(() => {
        for (const e of envelopes) if (applyOne(e)) changed = true;
      });
      if (!changed) return;
      users.invalidate();
      setImmediate(() => {
        if (!db.sqlite.open) return; // the desk closed meanwhile
        users.invalidate();
        onApplied();
      });
    },
  };
}

import { sql, type Kysely } from 'kysely';

// A hub restored from an older backup gets back what it lost (engine.ts hubWentBack): each desk
// sends again the changes made there that the hub had numbered after the point it went back to.
// - sent_events: the envelope of each change of a stream other than tickets made here that the
//   hub accepted, with the global seq it gave it (a ticket's log keeps its own events, with
//   theirs, in ticket_events; other areas keep no envelope once it has left the outbox). Small:
//   customers' records, ratings, settings.
// - hub_resends: the changes this desk sent again after the hub went back, by author, for the
//   notice to say how many went and how many the hub refused (a conflict of the same event id).
// - ticket_events' global seq may change inside the sync engine's batch transaction (rebasing):
//   what the restored hub no longer has is unconfirmed there, and an event the hub numbers again
//   takes the hub's new number. Outside it, an accepted event still keeps its global seq.
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of [
    sql`CREATE TABLE sent_events (
       event_id ANY PRIMARY KEY,
       global_seq INTEGER NOT NULL,
       stream TEXT NOT NULL,
       actor_id ANY NOT NULL,
       body TEXT NOT NULL
     ) STRICT, WITHOUT ROWID`,
    sql`CREATE INDEX sent_events_seq ON sent_events(global_seq)`,
    sql`CREATE TABLE hub_resends (
       event_id ANY PRIMARY KEY,
       actor_id ANY NOT NULL
     ) STRICT, WITHOUT ROWID`,
    sql`DROP TRIGGER ticket_events_global_seq_once`,
    sql`CREATE TRIGGER ticket_events_global_seq_once BEFORE UPDATE OF global_seq ON ticket_events
       WHEN OLD.global_seq IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND rebasing = 1)
       BEGIN SELECT RAISE(ABORT, 'an accepted event keeps its global sequence'); END`,
  ]) {
    await statement.execute(db);
  }
}

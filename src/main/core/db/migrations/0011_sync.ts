import { sql, type Kysely } from 'kysely';

// The sync engine's state on a desk joined to a hub:
// - sync_state: how far this desk has applied the hub's log (cursor), which of its refusals
//   it has read, the hub's count of this desk's pushes (hub_desk_seq), when it last heard
//   from the hub, and whether it has taken its starting snapshot;
// - sync_conflicts: changes made here that the hub (or the rebase on newer news) refused,
//   with what happened and what to do next, for their author to read and dismiss;
// - sync_inbox: events of streams no area on this desk applies yet, kept for a later build.
// The ticket log stays append-only for what the hub accepted; an event not yet accepted may
// be withdrawn by the rebase only (it is re-decided on the hub's newer state and written
// again): the engine raises sync_state.rebasing inside its batch transaction, nothing else does.
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of [
    sql`CREATE TABLE sync_state (
       id INTEGER PRIMARY KEY CHECK (id = 1),
       cursor INTEGER NOT NULL,
       refusals_after INTEGER NOT NULL,
       hub_desk_seq INTEGER NOT NULL,
       last_synced_at INTEGER,
       bootstrapped INTEGER NOT NULL,
       rebasing INTEGER NOT NULL DEFAULT 0
     ) STRICT`,
    sql`INSERT INTO sync_state (id, cursor, refusals_after, hub_desk_seq, last_synced_at, bootstrapped) VALUES (1, 0, 0, 0, NULL, 0)`,
    sql`CREATE TABLE sync_conflicts (
       event_id TEXT PRIMARY KEY,
       stream TEXT NOT NULL,
       entity_id TEXT NOT NULL,
       ticket_number TEXT,
       type TEXT NOT NULL,
       summary TEXT NOT NULL,
       reason TEXT NOT NULL,
       next_step TEXT NOT NULL,
       actor_id TEXT NOT NULL,
       desk_time INTEGER NOT NULL,
       refused_at INTEGER NOT NULL,
       dismissed_at INTEGER
     ) STRICT`,
    sql`CREATE INDEX sync_conflicts_actor ON sync_conflicts(actor_id, refused_at) WHERE dismissed_at IS NULL`,
    sql`CREATE TABLE sync_inbox (
       global_seq INTEGER PRIMARY KEY,
       stream TEXT NOT NULL,
       body TEXT NOT NULL
     ) STRICT`,
    sql`DROP TRIGGER ticket_events_no_delete`,
    sql`CREATE TRIGGER ticket_events_no_delete BEFORE DELETE ON ticket_events
       WHEN OLD.global_seq IS NOT NULL OR NOT EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND rebasing = 1)
       BEGIN SELECT RAISE(ABORT, 'ticket_events is append-only'); END`,
    sql`CREATE INDEX ticket_events_unconfirmed ON ticket_events(ticket_id, seq) WHERE global_seq IS NULL`,
    // A desk signs in to its hub under the id its events carry (meta desk_id); a desk joined
    // before this migration registers that id at its next sign-in.
    sql`UPDATE hub_link SET desk_id = (SELECT value FROM meta WHERE key = 'desk_id') WHERE EXISTS (SELECT 1 FROM meta WHERE key = 'desk_id')`,
  ]) {
    await statement.execute(db);
  }
}

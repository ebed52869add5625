import { sql, type Kysely } from 'kysely';

// The hub's refusals a desk has read, per person (the hub answers a pull with the refusals of the
// person whose session makes it): one cursor for the whole desk moved past a refusal of someone
// whose session did not make the pull, whose push's answer was lost on the way, and their refused
// change was never told to them. Each person's cursor starts from the start: the old one may be
// past refusals they never got, and reading one again is harmless (a refusal applies only to a
// change still waiting in the outbox, and a conflict already kept is known by its event's id).
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of [
    sql`ALTER TABLE hub_accounts ADD COLUMN refusals_after INTEGER NOT NULL DEFAULT 0`,
    sql`ALTER TABLE sync_state DROP COLUMN refusals_after`,
  ]) {
    await statement.execute(db);
  }
}

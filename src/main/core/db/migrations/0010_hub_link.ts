import { sql, type Kysely } from 'kysely';

// A desk joined to a hub: the hub's address, the desk's id and the secret key it signs in
// with (so no one else can push as this desk), and, per person who signed in here while the
// hub answered, a verifier of their password (argon2id, never the password) so they can sign
// in again while the hub is unreachable, and the hub session the desk pushes with.
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of [
    sql`CREATE TABLE hub_link (
       id INTEGER PRIMARY KEY CHECK (id = 1),
       url TEXT NOT NULL,
       desk_id TEXT NOT NULL,
       desk_key TEXT NOT NULL,
       joined_at INTEGER NOT NULL
     ) STRICT`,
    sql`CREATE TABLE hub_accounts (
       user_id TEXT PRIMARY KEY REFERENCES users(id),
       email TEXT NOT NULL UNIQUE,
       verifier TEXT NOT NULL,
       token TEXT,
       token_expires_at INTEGER,
       signed_in_at INTEGER NOT NULL
     ) STRICT`,
  ]) {
    await statement.execute(db);
  }
}

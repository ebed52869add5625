import { sql, type Kysely } from 'kysely';

// import_ids maps a record's id in the desk it was imported from to its id here, keyed by
// (source, kind, external id). A merge of two customers points the merged one's rows at the
// survivor (`WHERE local_id = ?`), and a customer's export lists them: both read the whole
// table without an index by local id. An import writes a row per customer, contact, user,
// ticket and comment, so an imported desk holds millions, and every merge read them all.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX import_ids_local ON import_ids(local_id)`.execute(db);
}

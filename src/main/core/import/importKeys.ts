import { createHmac, randomBytes } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import { rawPrepare } from '../db/idCodec';

// How import_ids holds the id a customer had in the desk they came from. The importer knows a
// person or company it has brought in before by that id so that a second import of the same
// export changes nothing, and the id is often personal: a Freshdesk contact's email, a
// company's name, a plain CSV's email, phone or name. Those kinds of rows hold a keyed hash
// (HMAC-SHA-256 under a secret of this desk's, kept in meta) instead: the importer hashes what
// it reads and finds the row, and nobody reading the table (or a customer's export) reads an
// email or a name back. An erasure keeps the row, so a re-import still links to the erased
// record rather than bringing the person back. The secret is the desk file's own: whoever has
// the file and a guess can test the guess (as the import must), but the table holds nothing
// to read, and the same email hashes differently on every desk.

/** The kinds of import_ids rows that name a customer or contact: their external ids are keyed hashes. */
export const KEYED_KINDS: ReadonlySet<string> = new Set(['user', 'company', 'organization']);

const PREFIX = 'hmac:';
const META_KEY = 'import_key';

/** Whether an external id is already a keyed hash (what migration 0028 skips when it resumes). */
export const isKeyedId = (ext: string): boolean => ext.length === PREFIX.length + 43 && ext.startsWith(PREFIX);

/** This desk's secret for import keys, made (32 random bytes) the first time it is asked for. */
export function importSecret(raw: BetterSqlite3.Database): Buffer {
  const read = rawPrepare(raw, 'SELECT value FROM meta WHERE key = ?').pluck();
  const stored = read.get(META_KEY);
  if (typeof stored === 'string') return Buffer.from(stored, 'base64url');
  rawPrepare(raw, 'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT DO NOTHING').run(META_KEY, randomBytes(32).toString('base64url'));
  return Buffer.from(read.get(META_KEY) as string, 'base64url');
}

/** The external id as import_ids stores it: a keyed hash for the kinds that name a person or company, the id itself for tickets and comments. */
export function importKeys(secret: Buffer): (kind: string, ext: string) => string {
  return (kind, ext) => (KEYED_KINDS.has(kind) ? PREFIX + createHmac('sha256', secret).update(ext, 'utf8').digest('base64url') : ext);
}

import type BetterSqlite3 from 'better-sqlite3';
import { importKeys, importSecret, isKeyedId, KEYED_KINDS } from '../../import/importKeys';
import type { CompactProgress } from '../compact';
import { bytesToUuid, rawPrepare } from '../idCodec';

// import_ids kept a Freshdesk contact's email and a company's lowercased name as they were
// read (and a CSV's email, phone or name), and an erasure left them there. Every row of the
// kinds that name a customer or contact now holds a keyed hash (import/importKeys.ts): the
// same rows, rekeyed, so a desk's next import of the same files still finds them. Rows are
// read in key order, a batch per transaction; a hashed key is skipped, so a run stopped by a
// kill starts again from the top and converts only what is left. An external id stored as 16
// bytes (a UUID, by 0014_compact) is hashed as its text, as the importer reads it.

const KINDS = [...KEYED_KINDS].map((k) => `'${k}'`).join(', ');

export async function keyImportIds(raw: BetterSqlite3.Database, onProgress: (p: CompactProgress) => void, batch = 5_000): Promise<void> {
  const key = importKeys(importSecret(raw));
  const total = (rawPrepare(raw, `SELECT count(*) AS n FROM import_ids WHERE kind IN (${KINDS}) /* scan: once, at the upgrade */`).get() as { n: number }).n;
  const read = rawPrepare(
    raw,
    `SELECT source, kind, external_id, local_id FROM import_ids WHERE kind IN (${KINDS}) AND (source, kind, external_id) > (?, ?, ?) ORDER BY source, kind, external_id LIMIT ?`,
  );
  const insert = rawPrepare(raw, 'INSERT INTO import_ids (source, kind, external_id, local_id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING');
  const remove = rawPrepare(raw, 'DELETE FROM import_ids WHERE source = ? AND kind = ? AND external_id = ?');
  let after: [string, string, unknown] = ['', '', ''];
  let done = 0;
  onProgress({ step: 'import_ids', rowsDone: 0, rowsTotal: total, whole: true });
  for (;;) {
    const rows = read.all(...after, batch) as Array<{ source: string; kind: string; external_id: string | Buffer; local_id: unknown }>;
    if (rows.length === 0) return;
    raw.transaction(() => {
      for (const r of rows) {
        const ext = typeof r.external_id === 'string' ? r.external_id : bytesToUuid(r.external_id);
        if (isKeyedId(ext)) continue;
        insert.run(r.source, r.kind, key(r.kind, ext), r.local_id);
        remove.run(r.source, r.kind, r.external_id);
      }
    })();
    const last = rows[rows.length - 1]!;
    after = [last.source, last.kind, last.external_id];
    done += rows.length;
    onProgress({ step: 'import_ids', rowsDone: Math.min(done, total), rowsTotal: total, whole: true });
    // The upgrade screen answers its progress requests between batches.
    await new Promise<void>((resume) => setImmediate(resume));
  }
}

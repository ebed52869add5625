import { sql, type Kysely } from 'kysely';
import { normalizeText } from '../../../../shared/kb/normalize';

// The search now joins a Persian verb's prefix (می, نمی) and a plural's suffix (ها, های, هایی)
// typed with a space to their word (normalize.ts): an article that wrote «می کند» or «فایل ها»
// apart is indexed again, so a ticket or a search typed either way finds it. Articles without
// such a space keep their index entry as it is.
const APART = /(?<![\p{L}\p{N}])ن?م[یيى][ \u00a0]+\p{Script=Arabic}|\p{Script=Arabic}[ \u00a0]+ها(?:[یيى]|[یيى][یيى])?(?![\p{L}\p{N}])/u;

export async function up(db: Kysely<any>): Promise<void> {
  const rows = await sql<{ n: number; title: string; body: string; tags: string; product_lines: string; models: string }>`SELECT n, title, body, tags, product_lines, models FROM kb_articles`.execute(db);
  for (const r of rows.rows) {
    const tagText = [...(JSON.parse(r.tags) as string[]), ...(JSON.parse(r.product_lines) as string[]), ...(JSON.parse(r.models) as string[])].join(' ');
    if (!APART.test(r.title) && !APART.test(r.body) && !APART.test(tagText)) continue;
    await sql`DELETE FROM kb_fts WHERE rowid = ${r.n}`.execute(db);
    await sql`INSERT INTO kb_fts (rowid, title, body, tags) VALUES (${r.n}, ${normalizeText(r.title)}, ${normalizeText(r.body)}, ${normalizeText(tagText)})`.execute(db);
  }
}

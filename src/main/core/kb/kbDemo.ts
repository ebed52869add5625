import { seededFaker } from '../seededFaker';
import type BetterSqlite3 from 'better-sqlite3';
import { actorOf, type User } from '../../../shared/domain';
import { PRODUCTS } from '../demo';
import type { CsatStore } from './csat';
import type { KbStore } from './kbStore';
import { GENERAL, linesFor, PROBLEMS, problemBody, UNRELATED } from './problems';

// The demo desk's knowledge base: an article for each recurring problem on each product
// line it occurs on, the general articles they lean on, a few on other matters; and
// satisfaction scores for some of the resolved tickets, a few low, a few asking for things.

const COMMENTS: Array<[number, string]> = [
  [5, 'Fixed on the first call, thank you.'],
  [5, ''],
  [4, 'Took a while on hold but the fix worked.'],
  [4, 'Good help; the technician came the next day.'],
  [3, 'Solved in the end, after two calls.'],
  [2, 'I had to explain the problem three times.'],
  [1, 'Still not working properly and nobody called back.'],
  [4, 'Would be great to have a longer battery option for this model.'],
  [3, 'Suggestion: offer a USB-C dock that works out of the box.'],
  [5, 'Feature request: a backlit keyboard option would help in class.'],
];

export function seedKnowledge(sqlite: BetterSqlite3.Database, kb: KbStore, csat: CsatStore, staff: readonly User[], now: number, seed: number): void {
  const author = staff.find((u) => u.role === 'specialist') ?? staff.find((u) => u.role === 'admin');
  if (!author) return;
  const who = actorOf(author);
  let at = now - 200 * 86_400_000;
  const next = () => (at += 3_600_000);
  for (const p of PROBLEMS) {
    for (const line of linesFor(p)) {
      const models = PRODUCTS[line] ?? [];
      kb.save(who, { title: `${line}: ${p.title}`, body: problemBody(p, line, models), productLines: [line], models, segments: [], tags: p.terms.slice(0, 3), status: 'published', sourceTicketId: null }, next());
    }
  }
  for (const g of Object.values(GENERAL)) kb.save(who, { title: g.title, body: g.body, productLines: [], models: [], segments: [], tags: g.tags, status: 'published', sourceTicketId: null }, next());
  for (const u of UNRELATED) kb.save(who, { title: u.title, body: u.body, productLines: [], models: [], segments: [], tags: u.tags, status: 'published', sourceTicketId: null }, next());

  const f = seededFaker(seed);
  const resolved = sqlite
    .prepare<[], { id: string; assignee_id: string | null; updated_at: number }>("SELECT /* scan: a new demo desk's ratings, seeded once */ id, assignee_id, updated_at FROM tickets WHERE state IN ('resolved', 'closed') ORDER BY number")
    .all();
  for (const t of resolved) {
    if (!f.datatype.boolean(0.6)) continue;
    const agent = staff.find((u) => u.id === t.assignee_id) ?? author;
    const [score, comment] = f.helpers.weightedArrayElement(COMMENTS.map((c, i) => ({ value: c, weight: i < 2 ? 4 : 1 })));
    csat.record(actorOf(agent), { ticketId: t.id, score, comment }, 'agent', Math.min(now, t.updated_at + f.number.int({ min: 1, max: 48 }) * 3_600_000));
  }
}

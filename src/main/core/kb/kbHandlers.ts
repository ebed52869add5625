import { say } from '../../../shared/messageKeys';
import type BetterSqlite3 from 'better-sqlite3';
import { ApiError, type Output } from '../../../shared/api';
import { actorOf, resolutionCodeSchema, type Actor, type User } from '../../../shared/domain';
import { isOpenState, type TicketState } from '../../../shared/ticketMachine';
import { maySeeBoard, mayImportCsat, mayWriteArticles } from '../../../shared/access';
import { refuseUnless } from '../handlers/types';
import { categorize } from '../../../shared/kb/category';
import type { kbApi } from '../../../shared/kb/kbApi';
import { isReason, type Article, type Reason, type Suggestions, type TicketWriteUp, type ticketDraftSchema } from '../../../shared/kb/schemas';
import { triedNotes, writeUpBody, type WriteUpWords } from '../../../shared/kb/writeUp';
import { csatStore } from './csat';
import { kbStore, toSummary, type KbQuery } from './kbStore';
import { trendsReader } from './trends';
import type { Outbox } from '../outbox';
import type { z } from 'zod';

type TicketDraft = z.output<typeof ticketDraftSchema>;

/** The desk's own write-up words (a window writes the draft again in its person's language). */
const ENGLISH_WRITE_UP: WriteUpWords = {
  problem: 'Problem',
  tried: 'What was tried',
  resolution: 'Resolution',
  code: (code) => code.replaceAll('_', ' '),
  from: (number) => `From ticket ${number}.`,
};

// The knowledge base's API methods (kbApi): articles, suggestions and ratings, CSAT,
// trends. desk.ts spreads these into its one handler map; who is signed in and which
// segments they may see come from the desk, so the privacy rule stays in one place.

type KbMethod = keyof typeof kbApi;
export type KbHandlers<S> = { [M in KbMethod]: (session: S, input: z.output<(typeof kbApi)[M]['input']>) => Output<M> };

export interface KbDeps<S> {
  sqlite: BetterSqlite3.Database;
  now(): number;
  signedIn(s: S): User;
  maySee(u: User, segment: string): boolean;
  userNames(): Map<string, string>;
  /** The desk's outbox: article changes and ratings go to the hub through it (stream 'knowledge'). */
  outbox?: Outbox;
  /** A satisfaction score was recorded, imported or followed up: the board's panels read again. */
  csatChanged?: () => void;
  /** The zone the centre's day follows (sla.ts dayZone): the board's weeks are its (centreWeek.ts). UTC when not given. */
  dayZone?: () => string;
}

interface TicketForKb {
  id: string;
  number: number;
  subject: string;
  description: string;
  segment: string;
  state: TicketState;
  product_line: string | null;
  model: string | null;
}

/** The ranker's features as reasons people read: text × product and untried are text. */
function reasonsOf(exploring: boolean, features: readonly string[]): Reason[] {
  const out: Reason[] = [];
  for (const f of features) {
    const r = f === 'textProduct' || f === 'untried' ? 'text' : f;
    if (isReason(r) && !out.includes(r)) out.push(r);
  }
  return exploring ? [...out, 'exploring'] : out;
}

export function kbHandlers<S>(deps: KbDeps<S>) {
  const { sqlite } = deps;
  const kb = kbStore(sqlite, { outbox: deps.outbox ?? null });
  const csat = csatStore(sqlite, { outbox: deps.outbox ?? null });
  const trends = trendsReader(sqlite);
  const zone = () => deps.dayZone?.() ?? 'UTC';
  const q = {
    ticket: sqlite.prepare<[string], TicketForKb>(
      'SELECT t.id, t.number, t.subject, t.description, t.segment, t.state, a.product_line, a.model FROM tickets t LEFT JOIN assets a ON a.id = t.asset_id WHERE t.id = ?',
    ),
    notes: sqlite.prepare<[string], { type: string; payload: string }>(
      "SELECT type, payload FROM ticket_events WHERE ticket_id = ? AND type IN ('ADD_NOTE', 'ESCALATE', 'DEESCALATE', 'WAIT_ON_CUSTOMER', 'RESOLVE') ORDER BY seq",
    ),
    counts: sqlite.prepare<[], { n: number; published: number }>("SELECT count(*) AS n, coalesce(sum(status = 'published'), 0) AS published FROM kb_articles"),
  };

  const ticketFor = (s: S, ticketId: string): { user: User; ticket: TicketForKb } => {
    const user = deps.signedIn(s);
    const ticket = q.ticket.get(ticketId);
    if (!ticket) throw new ApiError('not_found', say('ticketNotFound'));
    if (!deps.maySee(user, ticket.segment)) throw new ApiError('forbidden', 'This ticket belongs to a segment you do not work.');
    return { user, ticket };
  };
  const notesOf = (ticketId: string) =>
    q.notes.all(ticketId).map((e) => ({ type: e.type, ...(JSON.parse(e.payload) as { note?: string; code?: string; reason?: string }) }));
  /**
   * What the ticket is about, as the KB searches it: subject, description and the notes so
   * far. The notes are read when the text is first asked for: a rating of a suggestion the
   * store has just shown needs only the ticket's key, line and segment.
   */
  const queryOf = (t: TicketForKb): KbQuery => {
    let text: string | null = null;
    return {
      key: t.id,
      get text() {
        return (text ??= [t.subject, t.description, ...notesOf(t.id).filter((n) => n.type !== 'RESOLVE').map((n) => n.note ?? '')].join('\n'));
      },
      productLine: t.product_line,
      model: t.model,
      segment: t.segment,
    };
  };

  const suggestionsFor = (t: TicketForKb): Suggestions => {
    const s = kb.suggest(queryOf(t), { limit: 3 });
    const rated = kb.ratingsFor(t.id);
    return {
      ticketId: t.id,
      kind: s.kind,
      category: s.category,
      ask: s.ask,
      precision: s.precision,
      suggestions: s.ranked.map((r) => ({
        article: toSummary(r.meta),
        relevance: r.relevance,
        reasons: reasonsOf(r.exploring, r.reasons),
        matched: r.matched,
        rating: rated.get(r.articleId)?.rating ?? null,
        solved: rated.get(r.articleId)?.solved ?? false,
      })),
    };
  };

  const articleOut = (id: string): Article => {
    const a = kb.article(id);
    if (!a) throw new ApiError('not_found', say('articleNotFound'));
    const names = deps.userNames();
    return {
      ...toSummary(a.meta),
      body: a.row.body,
      authorName: names.get(a.row.author_id) ?? a.row.author_id,
      sourceTicketId: a.row.source_ticket_id,
      createdAt: a.row.created_at,
      ratings: a.ratings,
      versions: a.versions.map((v) => ({ version: v.version, title: v.title, status: v.status, authorName: names.get(v.author_id) ?? v.author_id, at: v.at })),
    };
  };

  const draftFrom = (t: TicketForKb): TicketDraft => {
    const notes = notesOf(t.id);
    const resolution = [...notes].reverse().find((n) => n.type === 'RESOLVE');
    if (!resolution || isOpenState(t.state)) throw new ApiError('refused', say('resolutionNotYet'));
    const code = resolutionCodeSchema.safeParse(resolution.code);
    const writeUp: TicketWriteUp = {
      problem: t.description.trim() || t.subject,
      tried: triedNotes(notes),
      code: code.success ? code.data : null,
      note: resolution.note?.trim() ? resolution.note : null,
      number: `T-${String(t.number).padStart(6, '0')}`,
    };
    const body = writeUpBody(writeUp, ENGLISH_WRITE_UP);
    const category = categorize(`${t.subject} ${t.description}`);
    return {
      title: t.subject,
      body,
      productLines: t.product_line ? [t.product_line] : [],
      models: t.model ? [t.model] : [],
      segments: [],
      tags: category === 'other' ? [] : [category.replaceAll('_', ' ')],
      status: 'draft',
      sourceTicketId: t.id,
      writeUp,
    };
  };

  const board = (s: S): Actor => {
    const u = deps.signedIn(s);
    refuseUnless(maySeeBoard(u));
    return actorOf(u);
  };

  const handlers: KbHandlers<S> = {
    'kb.search': (s, i) => {
      deps.signedIn(s);
      return { articles: kb.search(i.query, i.limit, i.status === 'published').map(toSummary) };
    },
    'kb.get': (s, i) => {
      deps.signedIn(s);
      return articleOut(i.articleId);
    },
    'kb.save': (s, i) => {
      const u = deps.signedIn(s);
      refuseUnless(mayWriteArticles(u));
      if (i.sourceTicketId) ticketFor(s, i.sourceTicketId);
      return articleOut(kb.save(actorOf(u), i, deps.now()));
    },
    'kb.draftFromTicket': (s, i) => {
      const { user, ticket } = ticketFor(s, i.ticketId);
      refuseUnless(mayWriteArticles(user));
      return draftFrom(ticket);
    },
    'kb.suggest': (s, i) => suggestionsFor(ticketFor(s, i.ticketId).ticket),
    'kb.rate': (s, i) => {
      const { user, ticket } = ticketFor(s, i.ticketId);
      const rating = i.solved ? 2 : i.rating;
      const precision = kb.rate(actorOf(user), queryOf(ticket), i.articleId, rating, i.solved, deps.now());
      return { ticketId: ticket.id, articleId: i.articleId, rating, solved: i.solved, precision };
    },
    'kb.withdrawRating': (s, i) => {
      const { user, ticket } = ticketFor(s, i.ticketId);
      return { ticketId: ticket.id, articleId: i.articleId, ...kb.withdraw(actorOf(user), queryOf(ticket), i.articleId, deps.now()) };
    },
    'kb.withdrawSolved': (s, i) => {
      const { user, ticket } = ticketFor(s, i.ticketId);
      return { ticketId: ticket.id, articleId: i.articleId, solved: false, ...kb.withdrawSolved(actorOf(user), queryOf(ticket), i.articleId, deps.now()) };
    },
    'kb.status': (s) => {
      deps.signedIn(s);
      const c = q.counts.get()!;
      return { articles: c.n, published: c.published, statuses: ['draft', 'published'] };
    },
    'csat.record': (s, i) => {
      const { user } = ticketFor(s, i.ticketId);
      const entry = csat.record(actorOf(user), i, 'agent', deps.now());
      deps.csatChanged?.();
      return entry;
    },
    'csat.get': (s, i) => csat.entry(ticketFor(s, i.ticketId).ticket.id),
    'csat.import': (s, i) => {
      const u = deps.signedIn(s);
      refuseUnless(mayImportCsat(u));
      const result = csat.importRows(actorOf(u), i.rows, deps.now());
      if (result.imported > 0) deps.csatChanged?.();
      return result;
    },
    'csat.board': (s) => {
      board(s);
      return csat.board(deps.now(), zone());
    },
    'csat.followUp': (s, i) => {
      const entry = csat.followUp(board(s), i.ticketId, deps.now());
      deps.csatChanged?.();
      return entry;
    },
    'trends.board': (s, i) => {
      board(s);
      return trends.board(deps.now(), i.weeks, zone());
    },
    'trends.export': (s, i) => {
      board(s);
      return trends.csv(deps.now(), i.weeks, i.which, zone());
    },
  };
  return { handlers, kb, csat };
}

import { z } from 'zod';
import { TICKET_STATES_MAX, type TicketStanding } from '../../shared/api';
import { HANDOVER_TYPES } from '../../shared/access';
import { idSchema, resolutionCodeSchema, segmentSchema, tierSchema } from '../../shared/domain';
import { isOpenState } from '../../shared/ticketMachine';

// Hot desks: several people use one window in turn. When someone else takes the window (Switch
// user) or the person signs out, the notices still open for them (an SLA breach on their
// ticket, a ticket escalated into their queue or handed to them) leave the screen, as they must: the next person
// never reads someone else's "you". They are kept for their owner, on this window only, and
// come back when the same person signs in here again:
// - kept per person, never given to anyone else;
// - what comes back is said anew from what the notice was about (in the language of the
//   moment), newest first, at most as many as a burst shows before folding (BURST_SHOWN), the
//   rest (and a summary they had not dismissed) in one summary;
// - a notice the person dismissed was not open when they left, so it is not kept: gone for good;
// - kept for a working day (KEEP_MS): an older one is dropped rather than shown;
// - one that stopped being true while they were away (the ticket resolved by someone else,
//   taken, no longer at risk) is dropped rather than shown: what comes back is checked
//   against where its tickets stand now (stillWorthShowing).
// The store lives in sessionStorage (a reload keeps it, closing the window loses it).

export const KEEP_MS = 12 * 3_600_000;
/** How many notices show one by one before the rest fold into the summary (SlaWatch's burst rule). */
export const BURST_SHOWN = 3;
/** Below this window width (a laptop's split screen, 420 px) the notices would cover the page. */
export const NARROW_NOTICES_PX = 768;

/**
 * How many notices show one by one on a window `width` px wide before the rest fold into the
 * summary: on a narrow window one (with the summary, the page stays readable), else BURST_SHOWN.
 */
export function noticesShownFor(width: number): number {
  return width > 0 && width < NARROW_NOTICES_PX ? 1 : BURST_SHOWN;
}

/** What a notice was about: enough to say it again, in whatever language is chosen then. */
export const noticeSourceSchema = z.union([
  z.object({
    kind: z.enum(['warning', 'breach']),
    ticketId: idSchema,
    number: z.string().max(64),
    target: z.string().max(64),
    tier: tierSchema,
    segment: segmentSchema,
    /** The breach was on a ticket the person held (it went up a tier from them). */
    mine: z.boolean(),
  }),
  z.object({
    kind: z.literal('escalation'),
    ticketId: idSchema,
    number: z.string().max(64),
    /** Escalated by a breach rather than by a person. */
    bySla: z.boolean(),
    /** Not escalated: handed back down, or reopened, into the queue (its holder there may no longer hold it). */
    back: z.enum(['DEESCALATE', 'REOPEN', 'RETURN_TO_QUEUE']).optional(),
    tier: tierSchema,
    segment: segmentSchema,
  }),
  z.object({
    kind: z.literal('handover'),
    ticketId: idSchema,
    number: z.string().max(64),
    /** How it came to them: handed back down, reopened, assigned by a supervisor. */
    how: z.enum(HANDOVER_TYPES),
    tier: tierSchema,
    segment: segmentSchema,
    /** Who did it and the first words of what they wrote (absent when not told). */
    by: z.object({ name: z.string().max(200), note: z.string().max(200) }).optional(),
  }),
  z.object({
    /** A ticket they held was returned to its queue, or given to another person, by someone else (a supervisor): it left their list. */
    kind: z.literal('returned'),
    ticketId: idSchema,
    number: z.string().max(64),
    /** Where it waits now. */
    tier: tierSchema,
    segment: segmentSchema,
    /** Who returned it and the first words of why. */
    by: z.object({ name: z.string().max(200), note: z.string().max(200) }),
    /** Given to another person instead (an assignment out of their hands): whom. */
    to: z.string().max(200).optional(),
  }),
  z.object({
    /** A ticket they escalated (held at a lower tier) was resolved by someone else. */
    kind: z.literal('resolved'),
    ticketId: idSchema,
    number: z.string().max(64),
    /** Who resolved it. */
    by: z.string().max(200),
    /** The resolution: its code, and the first words of its note. */
    code: resolutionCodeSchema.optional(),
    note: z.string().max(200),
  }),
  z.object({
    /** A ticket they opened or hold took a new number (another desk had given its number first). */
    kind: z.literal('renumbered'),
    ticketId: idSchema,
    /** The number it has now. */
    number: z.string().max(64),
    /** The number it had, which the caller may have been given. */
    from: z.string().max(64),
  }),
]);
export type NoticeSource = z.infer<typeof noticeSourceSchema>;

/** An open notice as it is kept: when it was shown, and what it was about. */
export interface OpenKept {
  at: number;
  source: NoticeSource;
}

/**
 * Who handed a ticket back and what they asked, as its open notice says it: the same hand-back
 * told again without that news (the hub's echo of a step taken at this desk) is said the same.
 */
export function handedBackBy(open: readonly OpenKept[], ticketId: string, how: string): { name: string; note: string } | undefined {
  for (const { source: s } of open) if (s.kind === 'handover' && s.ticketId === ticketId && s.how === how && s.by) return s.by;
  return undefined;
}

/**
 * Who a notice of a ticket handed to someone (back down, reopened, assigned) names, and what
 * they wrote: the step's news (`step`, told where it is news), or as its open notice said it
 * (the same step told again without that news).
 */
export function handoverBy(open: readonly OpenKept[], c: { ticketId: string; type: string; step?: { actorName: string; note: string } | undefined }): { name: string; note: string } | undefined {
  if (c.step?.actorName) return { name: c.step.actorName, note: c.step.note };
  return handedBackBy(open, c.ticketId, c.type);
}

/**
 * What a burst summary stands for, so it can say it: SLA and escalation notices, tickets
 * returned to the queue by one person, tickets handed by one person to another, or a mix.
 */
const foldAboutSchema = z.union([
  z.object({ kind: z.literal('sla') }),
  z.object({ kind: z.literal('returned'), by: z.string().max(200) }),
  z.object({ kind: z.literal('reassigned'), by: z.string().max(200), to: z.string().max(200) }),
  z.object({ kind: z.literal('mixed') }),
]);
export type FoldAbout = z.infer<typeof foldAboutSchema>;

/** What one notice folded into the summary is. */
export function foldAboutOf(s: NoticeSource): FoldAbout {
  switch (s.kind) {
    case 'warning':
    case 'breach':
    case 'escalation':
      return { kind: 'sla' };
    case 'returned':
      return s.to !== undefined ? { kind: 'reassigned', by: s.by.name, to: s.to } : { kind: 'returned', by: s.by.name };
    default:
      return { kind: 'mixed' };
  }
}

/** What the summary stands for once `next` folds into it (`was`: before; null: nothing yet). */
export function foldWith(was: FoldAbout | null | undefined, next: FoldAbout): FoldAbout {
  if (!was) return next;
  return JSON.stringify(was) === JSON.stringify(next) ? was : { kind: 'mixed' };
}

/** The summary's words for `count` notices about `about` (a plural message base and its values). */
export function foldTitle(about: FoldAbout | null | undefined): { base: 'notice.more' | 'notice.moreReturned' | 'notice.moreReassigned' | 'notice.moreAny'; vars: Record<string, string> } {
  switch (about?.kind) {
    case 'sla':
      return { base: 'notice.more', vars: {} };
    case 'returned':
      return { base: 'notice.moreReturned', vars: { name: about.by } };
    case 'reassigned':
      return { base: 'notice.moreReassigned', vars: { name: about.by, to: about.to } };
    default:
      return { base: 'notice.moreAny', vars: {} };
  }
}

const keptSchema = z.object({
  userId: idSchema,
  at: z.number(),
  source: noticeSourceSchema,
});
export type KeptNotice = z.infer<typeof keptSchema>;

/** Everyone's kept notices on this window, plus how many folded notices each person's summary stood for. */
export const keptStoreSchema = z.object({
  notices: z.array(keptSchema).max(500),
  folded: z.array(z.object({ userId: idSchema, at: z.number(), count: z.number().int().min(0), about: foldAboutSchema.optional() })).max(100),
});
export type KeptStore = z.infer<typeof keptStoreSchema>;

export const emptyStore = (): KeptStore => ({ notices: [], folded: [] });

/** What sessionStorage held: a store, or (anything else, an older shape) an empty one. */
export function parseStore(raw: string | null): KeptStore {
  if (!raw) return emptyStore();
  try {
    const parsed = keptStoreSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : emptyStore();
  } catch {
    return emptyStore();
  }
}

const fresh = (at: number, now: number): boolean => now - at <= KEEP_MS;

/**
 * The person leaves the window: what is open for them now is what is kept for them (it
 * replaces what was kept before: anything they dismissed since is not open, so not kept).
 * `folded` is an open burst summary: how many notices it stood for, and when it was first shown.
 */
export function keepOnLeave(store: KeptStore, userId: string, open: readonly OpenKept[], folded: Folded | null, now: number): KeptStore {
  const others = dropOld(store, now);
  return {
    notices: [...others.notices.filter((n) => n.userId !== userId), ...open.filter((n) => fresh(n.at, now)).map((n) => ({ userId, at: n.at, source: n.source }))],
    folded: [...others.folded.filter((f) => f.userId !== userId), ...(folded && folded.count > 0 && fresh(folded.at, now) ? [{ userId, at: folded.at, count: folded.count, ...(folded.about ? { about: folded.about } : {}) }] : [])],
  };
}

/** An open burst summary: how many notices it stands for, since when, and what they are (absent: not known). */
export interface Folded {
  count: number;
  at: number;
  about?: FoldAbout | undefined;
}

/** What comes back on the screen. */
export interface OnScreen {
  /** Shown one by one, newest first. */
  shown: KeptNotice[];
  /** How many the summary stands for (0: no summary). */
  more: number;
  /** What they are (null: no summary). */
  moreAbout: FoldAbout | null;
}

export interface ComeBack extends OnScreen {
  /** All of this person's kept notices, newest first (`shown` are the first of them). */
  mine: KeptNotice[];
  /** The summary they had not dismissed: how many notices it stood for, and since when (null: none). */
  folded: Folded | null;
  /** The store without this person's notices (they are on the screen again) and without old ones. */
  store: KeptStore;
}

/** The person signs in again on this window: their kept notices (only theirs, none older than KEEP_MS). */
export function comeBack(store: KeptStore, userId: string, now: number): ComeBack {
  const kept = dropOld(store, now);
  const mine = kept.notices
    .filter((n) => n.userId === userId)
    .sort((a, b) => b.at - a.at);
  const summaries = kept.folded.filter((f) => f.userId === userId);
  const count = summaries.reduce((sum, f) => sum + f.count, 0);
  // A summary kept without what it stood for (an older window's) is said as a mix (onScreen).
  const about = summaries.every((f) => f.about) ? summaries.reduce<FoldAbout | null>((a, f) => foldWith(a, f.about!), null) : null;
  const folded = count > 0 ? { count, at: Math.min(...summaries.map((f) => f.at)), ...(about ? { about } : {}) } : null;
  return {
    ...onScreen(mine, folded),
    mine,
    folded,
    store: { notices: kept.notices.filter((n) => n.userId !== userId), folded: kept.folded.filter((f) => f.userId !== userId) },
  };
}

/**
 * Notices (newest first) on the screen: the first BURST_SHOWN one by one, the rest counted in
 * the summary with the `folded` notices it already stood for.
 */
export function onScreen(mine: readonly KeptNotice[], folded: Folded | null, shown = BURST_SHOWN): OnScreen {
  const rest = mine.slice(shown);
  const more = rest.length + (folded?.count ?? 0);
  const about = rest.reduce<FoldAbout | null>((a, n) => foldWith(a, foldAboutOf(n.source)), folded && folded.count > 0 ? (folded.about ?? { kind: 'mixed' }) : null);
  return { shown: mine.slice(0, shown), more, moreAbout: more > 0 ? about : null };
}

/**
 * The tickets to ask about (`tickets.states`, one call for all): those of the notices, newest
 * first, each once, as many as one call takes. A notice about a ticket beyond them (a person
 * rarely leaves TICKET_STATES_MAX open) is not checked: it comes back as it was.
 */
export function ticketsToCheck(mine: readonly KeptNotice[]): string[] {
  return [...new Set(mine.map((n) => n.source.ticketId))].slice(0, TICKET_STATES_MAX);
}

/**
 * The kept notices still worth `userId`'s attention, by where their tickets stand now
 * (`found`, the answer for `asked`). A ticket asked about and not in the answer (gone, or in
 * a segment they no longer serve) takes its notices with it. Otherwise, by kind, as the live
 * rules close a notice on the screen (noticeRules.ts, closedByChange), with the ticket's SLA
 * as its row keeps it (the worst status of its running targets, and the soonest of them):
 * - warning: kept while the ticket is open, still theirs, and at risk (or by now breached)
 *   with the warned target the one that runs: a first response given since, a ticket handed
 *   on, resolved, closed or paused (waiting on the customer) drops it. One whose target was
 *   missed meanwhile comes back as that breach: at tier 3, still theirs; below, the ticket
 *   went up a tier and left their list (the notices they would have seen);
 * - breach: kept while the ticket is open and still breached, whoever holds it now (as on
 *   the screen: it happened). Its target is not compared: the row names the soonest running
 *   target, and a ticket has one breach notice, so the notice's target can still be breached
 *   behind an earlier one;
 * - escalation (or a ticket handed back down or reopened into the queue): kept while the
 *   ticket is open and still waits, unassigned, at the tier it came to: taken by someone,
 *   moved on, handed back or resolved drops it;
 * - handover (a ticket handed back down to them, reopened or assigned to them): kept while the
 *   ticket is open and still theirs.
 * - returned (a ticket of theirs returned to its queue by someone else): kept while the ticket
 *   is open and not theirs again.
 * - resolved (a ticket they escalated, resolved by someone else): kept while it is not reopened.
 * - renumbered (a ticket they opened or hold took a new number): kept while the ticket is
 *   here, open or not, until they open it (the caller may hold the old number either way).
 * Dropped ones are gone (the caller does not keep them again).
 */
export function stillWorthShowing(mine: readonly KeptNotice[], asked: readonly string[], found: readonly TicketStanding[], userId: string): KeptNotice[] {
  const checked = new Set(asked);
  const now = new Map(found.map((t) => [t.id, t]));
  return mine.flatMap((n): KeptNotice[] => {
    const s = n.source;
    if (!checked.has(s.ticketId)) return [n];
    const t = now.get(s.ticketId);
    // The caller may still have the old number, whatever became of the ticket: kept until seen.
    if (s.kind === 'renumbered') return t ? [n] : [];
    // How a ticket they escalated ended: kept while it stays resolved (or closed).
    if (s.kind === 'resolved') return t && !isOpenState(t.state) ? [n] : [];
    if (!t || !isOpenState(t.state)) return [];
    switch (s.kind) {
      case 'warning': {
        if (t.slaTarget !== s.target) return [];
        const his = t.assigneeId === userId;
        // The warned target was missed while he was away: said as the breach he would have
        // seen, not as "at risk". At tier 3 the ticket stays his; below, it went up a tier and
        // left his list.
        if (t.slaStatus === 'breached' && his && t.tier === 3) return [{ ...n, source: { ...s, kind: 'breach', tier: 3, mine: true } }];
        if (t.slaStatus === 'breached' && !his && t.tier > s.tier) return [{ ...n, source: { ...s, kind: 'breach', mine: true } }];
        return his && (t.slaStatus === 'atRisk' || t.slaStatus === 'breached') ? [n] : [];
      }
      case 'breach':
        return t.slaStatus === 'breached' ? [n] : [];
      case 'escalation':
        return t.assigneeId === null && t.tier === s.tier ? [n] : [];
      case 'handover':
        return t.assigneeId === userId ? [n] : [];
      case 'returned':
        return t.assigneeId !== userId ? [n] : [];
    }
  });
}

/** Kept notices older than a working day are dropped rather than shown. */
export function dropOld(store: KeptStore, now: number): KeptStore {
  return { notices: store.notices.filter((n) => fresh(n.at, now)), folded: store.folded.filter((f) => fresh(f.at, now)) };
}

import { z } from 'zod';
import { idSchema, segmentSchema, tierSchema } from '../../shared/domain';

// Hot desks: several people use one window in turn. When someone else takes the window (Switch
// user) or the person signs out, the notices still open for them (an SLA breach on their
// ticket, a ticket escalated into their queue) leave the screen, as they must: the next person
// never reads someone else's "you". They are kept for their owner, on this window only, and
// come back when the same person signs in here again:
// - kept per person, never given to anyone else;
// - what comes back is said anew from what the notice was about (in the language of the
//   moment), newest first, at most as many as a burst shows before folding (BURST_SHOWN), the
//   rest (and a summary they had not dismissed) in one summary;
// - a notice the person dismissed was not open when they left, so it is not kept: gone for good;
// - kept for a working day (KEEP_MS): an older one is dropped rather than shown.
// The store lives in sessionStorage (a reload keeps it, closing the window loses it).

export const KEEP_MS = 12 * 3_600_000;
/** How many notices show one by one before the rest fold into the summary (SlaWatch's burst rule). */
export const BURST_SHOWN = 3;

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
    tier: tierSchema,
    segment: segmentSchema,
  }),
]);
export type NoticeSource = z.infer<typeof noticeSourceSchema>;

/** An open notice as it is kept: when it was shown, and what it was about. */
export interface OpenKept {
  at: number;
  source: NoticeSource;
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
  folded: z.array(z.object({ userId: idSchema, at: z.number(), count: z.number().int().min(0) })).max(100),
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
export function keepOnLeave(store: KeptStore, userId: string, open: readonly OpenKept[], folded: { count: number; at: number } | null, now: number): KeptStore {
  const others = dropOld(store, now);
  return {
    notices: [...others.notices.filter((n) => n.userId !== userId), ...open.filter((n) => fresh(n.at, now)).map((n) => ({ userId, at: n.at, source: n.source }))],
    folded: [...others.folded.filter((f) => f.userId !== userId), ...(folded && folded.count > 0 && fresh(folded.at, now) ? [{ userId, at: folded.at, count: folded.count }] : [])],
  };
}

export interface ComeBack {
  /** Shown one by one, newest first. */
  shown: KeptNotice[];
  /** How many the summary stands for (0: no summary). */
  more: number;
  /** The store without this person's notices (they are on the screen again) and without old ones. */
  store: KeptStore;
}

/** The person signs in again on this window: their kept notices (only theirs, none older than KEEP_MS). */
export function comeBack(store: KeptStore, userId: string, now: number): ComeBack {
  const kept = dropOld(store, now);
  const mine = kept.notices
    .filter((n) => n.userId === userId)
    .sort((a, b) => b.at - a.at);
  const foldedBefore = kept.folded.filter((f) => f.userId === userId).reduce((sum, f) => sum + f.count, 0);
  return {
    shown: mine.slice(0, BURST_SHOWN),
    more: Math.max(0, mine.length - BURST_SHOWN) + foldedBefore,
    store: { notices: kept.notices.filter((n) => n.userId !== userId), folded: kept.folded.filter((f) => f.userId !== userId) },
  };
}

/** Kept notices older than a working day are dropped rather than shown. */
export function dropOld(store: KeptStore, now: number): KeptStore {
  return { notices: store.notices.filter((n) => fresh(n.at, now)), folded: store.folded.filter((f) => fresh(f.at, now)) };
}

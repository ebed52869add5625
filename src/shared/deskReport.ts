import { z } from 'zod';
import { deskNameSchema } from './deskName';

// What a desk tells its hub about itself on every call, and what an admin is shown of each desk
// (the Desks page). Two headers beside the desk's version (DESK_VERSION_HEADER, deskVersion.ts):
// how far its clock is off the hub's, as the desk measured it from the hub's own answers
// (clockSkew.ts), and how many changes wait in its outbox. Headers, so a hub that predates them
// ignores them; a hub reads each with zod, and one absent or malformed is unknown (null).

/** How far this desk's clock is ahead of the hub's, ms (negative: behind). */
export const DESK_SKEW_HEADER = 'x-tagdesk-clock-skew';
/** How many changes wait in this desk's outbox. */
export const DESK_OUTBOX_HEADER = 'x-tagdesk-outbox';

const YEAR_MS = 366 * 24 * 60 * 60_000;
const headerText = z.union([z.string(), z.array(z.string()).transform((a) => a[0] ?? '')]);

/**
 * The hub's epoch of this desk's count of pushes, as the desk last heard it (a 409 that set its
 * count back says the next one, src/hub/sync.ts): a push whose count went back with an epoch
 * older than one the hub moved on from is a second writer under this desk's id (its data folder
 * copied), not a restore. A desk that sends none (before this) is judged as before.
 */
export const DESK_EPOCH_HEADER = 'x-tagdesk-desk-epoch';
const epochHeader = headerText.pipe(z.string().trim().regex(/^\d{1,9}$/)).transform(Number);
/** The epoch a push states, or null (none, or not a number). */
export const readDeskEpoch = (headers: Record<string, string | string[] | undefined>): number | null => epochHeader.safeParse(headers[DESK_EPOCH_HEADER]).data ?? null;
const skewHeader = headerText.pipe(z.string().trim().regex(/^-?\d{1,14}$/)).transform(Number).pipe(z.number().int().min(-100 * YEAR_MS).max(100 * YEAR_MS));
const outboxHeader = headerText.pipe(z.string().trim().regex(/^\d{1,9}$/)).transform(Number);

/**
 * The desk's name (deskName.ts), percent-encoded (a header is Latin-1, a name may be Persian).
 * A hub keeps the last one a desk said; a desk that says none keeps the name it had there.
 */
export const DESK_NAME_HEADER = 'x-tagdesk-desk-name';
const decoded = z.string().transform((s, ctx) => {
  try {
    return decodeURIComponent(s);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'not percent-encoded' });
    return z.NEVER;
  }
});
const nameHeader = headerText.pipe(z.string().max(1000)).pipe(decoded).pipe(deskNameSchema);

export interface DeskReport {
  skewMs: number | null;
  outbox: number | null;
  /** Its name (null or absent: it said none). */
  name?: string | null;
}

/** The desk's report from its request headers: each absent or not a number in range is unknown. */
export function readDeskReport(headers: Record<string, string | string[] | undefined>): DeskReport {
  return { skewMs: skewHeader.safeParse(headers[DESK_SKEW_HEADER]).data ?? null, outbox: outboxHeader.safeParse(headers[DESK_OUTBOX_HEADER]).data ?? null, name: nameHeader.safeParse(headers[DESK_NAME_HEADER]).data ?? null };
}

/** The headers a desk sends its report in (none for what it does not know). */
export function deskReportHeaders(report: DeskReport): Record<string, string> {
  const h: Record<string, string> = {};
  if (report.skewMs !== null && Number.isFinite(report.skewMs)) h[DESK_SKEW_HEADER] = String(Math.round(report.skewMs));
  if (report.outbox !== null && Number.isInteger(report.outbox) && report.outbox >= 0) h[DESK_OUTBOX_HEADER] = String(report.outbox);
  if (report.name) h[DESK_NAME_HEADER] = encodeURIComponent(report.name);
  return h;
}

/** One desk as the hub knows it. */
export const hubDeskSchema = z.object({
  id: z.string().min(1).max(200),
  /** Its name as it last said it (deskName.ts); null: it has said none (a desk older than names, or a hub). */
  name: z.string().nullable().default(null),
  /** Its machine version as it last stated it (null: it has not called since the hub kept it). */
  version: z.number().int().nullable(),
  /** When it last called (hub time, ms): its sign-in when it has not synced since. */
  lastContactAt: z.number(),
  /** Who last signed in there with a hub account. */
  lastUser: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** Its clock minus the hub's, ms, as the desk measured it; null: unknown. */
  clockSkewMs: z.number().nullable(),
  /** Changes waiting in its outbox; null: unknown. */
  outbox: z.number().int().nullable(),
  /** Its last pull was refused: the hub's log holds what its version cannot read. */
  tooOld: z.boolean(),
  /** How far it holds the hub's log: the cursor its last pull named (null: not known, a hub or desk before this). */
  readTo: z.number().int().nullable().default(null),
  /** When it pulled so (hub time, ms); null: not known. */
  readAt: z.number().nullable().default(null),
});
export type HubDesk = z.infer<typeof hubDeskSchema>;

/** How many of the hub's changes a desk has not read: null when either end is not known. */
export const changesBehind = (head: number | null, readTo: number | null): number | null => (head === null || readTo === null ? null : Math.max(0, head - readTo));
/**
 * A desk this many of the hub's changes behind needs someone: its people see old queues. A healthy
 * desk is seconds behind (it pulls every 15 s, and on news), up to a minute's changes as the hub
 * writes its position down (deskContacts.ts).
 */
export const FAR_BEHIND = 1000;
/** A desk whose last pull is this much older than its last call sends but receives nothing. */
export const NOT_RECEIVING_MS = 10 * 60_000;
/** Why a desk's reading of the hub's log needs someone: 'notReceiving' first, then 'farBehind'; null: neither (or not known). */
export function lagOf(desk: { lastContactAt: number; readTo: number | null; readAt: number | null }, head: number | null): 'notReceiving' | 'farBehind' | null {
  if (desk.readAt !== null && desk.lastContactAt - desk.readAt >= NOT_RECEIVING_MS) return 'notReceiving';
  const behind = changesBehind(head, desk.readTo);
  return behind !== null && behind >= FAR_BEHIND ? 'farBehind' : null;
}

export const hubDesksSchema = z.object({
  /** The hub's desk machine version: a desk below it should be upgraded. */
  hubVersion: z.number().int(),
  /** The hub's time as it answered (what "3 days ago" counts from). */
  now: z.number(),
  /** The hub's newest event number as it answered (null: a hub before it said). */
  head: z.number().int().nullable().default(null),
  desks: z.array(hubDeskSchema),
});
export type HubDesks = z.infer<typeof hubDesksSchema>;

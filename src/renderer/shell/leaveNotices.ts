import { notifications, notificationsStore } from '@mantine/notifications';
import type { TicketStanding } from '../../shared/api';
import { comeBack, foldWith, keepOnLeave, onScreen, parseStore, stillWorthShowing, ticketsToCheck, type ComeBack, type FoldAbout, type Folded, type KeptStore, type OnScreen, type OpenKept } from './keptNotices';
import type { OpenNotice } from './noticeRules';

/**
 * When the person at the desk signs out or switches user, the notices of what they did
 * ("You took T-000788.") and for them (an SLA warning on their ticket) go with them: the next
 * person never reads someone else's "you". Each is closed as its close button would, so its
 * owner forgets it too (SlaWatch's list of shown notices: a notice it still thought shown
 * would be "updated" in place, that is never shown, for the next person).
 *
 * The notices for them that they had not dismissed (SlaWatch's: breaches, warnings,
 * escalations into their queue, tickets handed to them, the summary of a burst) are first kept for them on this
 * window (keptNotices.ts), and come back when they sign in here again.
 */
export function clearNoticesOnLeave(userId: string | null): void {
  if (userId) keepFor(userId);
  const { notifications: shown, queue } = notificationsStore.getState();
  for (const n of [...shown, ...queue]) if (n.id) notifications.hide(n.id);
  notifications.clean();
}

/** The ids of every notice on the screen or waiting for room (Mantine's store). */
export function shownNoticeIds(): string[] {
  const { notifications: shown, queue } = notificationsStore.getState();
  return [...shown, ...queue].flatMap((n) => (n.id ? [n.id] : []));
}

// ---- SlaWatch's open notices: the one list of them -----------------------------------------
// What opening a ticket or a change to it closes (noticeRules.ts), and what is kept when the
// person leaves.

const STORE_KEY = 'tagdesk.keptNotices';
const open = new Map<string, OpenKept>();
let folded: Folded | null = null;

/** A notice for this person is on the screen (or waiting for room). */
export function noteOpen(id: string, notice: OpenKept): void {
  open.set(id, notice);
}

/** It closed: dismissed, its ticket opened, or made moot. */
export function noteClosed(id: string): void {
  open.delete(id);
}

/** The open notices with what they are about (to say them anew in another language). */
export const openKept = (): OpenKept[] => [...open.values()];

/** Whether a notice with this id is open. */
export const isOpen = (id: string): boolean => open.has(id);

/** The open notices, as the rules that close them read them. */
export function openNotices(): OpenNotice[] {
  return [...open].map(([id, n]) => ({ id, kind: n.source.kind, ticketId: n.source.ticketId }));
}

/** The burst summary stands for `count` notices (0: it closed); `about`: what the ones folded now are. */
export function noteFolded(count: number, about?: FoldAbout | null): void {
  const was = folded && folded.count > 0 ? (folded.about ?? { kind: 'mixed' as const }) : null;
  const now = about ? foldWith(was, about) : was;
  folded = count > 0 ? { count, at: folded?.at ?? Date.now(), ...(now ? { about: now } : {}) } : null;
}

/** What the burst summary stands for now (null: none shown). */
export const foldedAbout = (): FoldAbout | null => (folded && folded.count > 0 ? (folded.about ?? null) : null);

/** How many notices the burst summary stands for now (0: none shown). */
export const foldedCount = (): number => folded?.count ?? 0;

/**
 * Notices taken out of the store and not yet on the screen (their tickets are being checked):
 * a leave or a reload meanwhile keeps them again with what is open.
 */
let waiting: { userId: string; back: ComeBack } | null = null;

/**
 * Keeps what is open for `userId` now (leaving, or the window reloading), without closing it;
 * with what came back for them and is still being checked (it is theirs for next time).
 */
export function keepFor(userId: string): void {
  const w = waiting?.userId === userId ? waiting.back : null;
  if (w) waiting = null;
  const notices = w ? [...open.values(), ...w.mine] : [...open.values()];
  const about = w?.folded?.about ? foldWith(folded?.about ?? null, w.folded.about) : folded?.about;
  const summary = w?.folded ? { count: (folded?.count ?? 0) + w.folded.count, at: Math.min(folded?.at ?? w.folded.at, w.folded.at), ...(about ? { about } : {}) } : folded;
  writeStore(keepOnLeave(readStore(), userId, notices, summary, Date.now()));
}

/** `userId` signs in on this window: their kept notices, taken out of the store (see checkKept). */
export function takeKept(userId: string): ComeBack {
  const back = comeBack(readStore(), userId, Date.now());
  writeStore(back.store);
  waiting = { userId, back };
  return back;
}

/**
 * What of `back` (takeKept's) comes back on the screen: checked against where its tickets
 * stand now, asked of the desk once for all of them (`standingsOf`: `tickets.states`); those
 * no longer true are left out, for good, and the summary counts only what is left. If the desk
 * does not answer, they all come back as they were: none is lost to a failed check.
 * Null when they are not to be shown now: the person left meanwhile (leaving kept them), or
 * `here()` says the screen is no longer theirs (they are put back, for next time). `shown`: how
 * many show one by one (noticesShownFor, by the window's width).
 */
export async function checkKept(userId: string, back: ComeBack, standingsOf: (ticketIds: string[]) => Promise<readonly TicketStanding[]>, here: () => boolean, shown?: number): Promise<OnScreen | null> {
  const asked = ticketsToCheck(back.mine);
  let found: readonly TicketStanding[] | null = null;
  if (asked.length > 0) {
    try {
      found = await standingsOf(asked);
    } catch {
      found = null;
    }
  }
  if (waiting?.back !== back) return null;
  waiting = null;
  if (!here()) {
    writeStore(keepOnLeave(readStore(), userId, back.mine, back.folded, Date.now()));
    return null;
  }
  return onScreen(found ? stillWorthShowing(back.mine, asked, found, userId) : back.mine, back.folded, shown);
}

/** This window's memory of the store; sessionStorage (where there is one) outlives a reload. */
let memory: KeptStore = parseStore(null);

function readStore(): KeptStore {
  try {
    if (typeof sessionStorage !== 'undefined') return parseStore(sessionStorage.getItem(STORE_KEY));
  } catch {
    // storage refused: this window's memory
  }
  return memory;
}

function writeStore(store: KeptStore): void {
  memory = store;
  try {
    if (typeof sessionStorage === 'undefined') return;
    if (store.notices.length === 0 && store.folded.length === 0) sessionStorage.removeItem(STORE_KEY);
    else sessionStorage.setItem(STORE_KEY, JSON.stringify(store));
  } catch {
    // without storage they are kept in this window's memory only
  }
}

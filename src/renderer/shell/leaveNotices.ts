import { notifications, notificationsStore } from '@mantine/notifications';
import { comeBack, keepOnLeave, parseStore, type ComeBack, type KeptStore, type OpenKept } from './keptNotices';
import type { OpenNotice } from './noticeRules';

/**
 * When the person at the desk signs out or switches user, the notices of what they did
 * ("You took T-000788.") and for them (an SLA warning on their ticket) go with them: the next
 * person never reads someone else's "you". Each is closed as its close button would, so its
 * owner forgets it too (SlaWatch's list of shown notices: a notice it still thought shown
 * would be "updated" in place, that is never shown, for the next person).
 *
 * The notices for them that they had not dismissed (SlaWatch's: breaches, warnings,
 * escalations into their queue, the summary of a burst) are first kept for them on this
 * window (keptNotices.ts), and come back when they sign in here again.
 */
export function clearNoticesOnLeave(userId: string | null): void {
  if (userId) keepFor(userId);
  const { notifications: shown, queue } = notificationsStore.getState();
  for (const n of [...shown, ...queue]) if (n.id) notifications.hide(n.id);
  notifications.clean();
}

// ---- SlaWatch's open notices: the one list of them -----------------------------------------
// What opening a ticket or a change to it closes (noticeRules.ts), and what is kept when the
// person leaves.

const STORE_KEY = 'tagdesk.keptNotices';
const open = new Map<string, OpenKept>();
let folded: { count: number; at: number } | null = null;

/** A notice for this person is on the screen (or waiting for room). */
export function noteOpen(id: string, notice: OpenKept): void {
  open.set(id, notice);
}

/** It closed: dismissed, its ticket opened, or made moot. */
export function noteClosed(id: string): void {
  open.delete(id);
}

/** Whether a notice with this id is open. */
export const isOpen = (id: string): boolean => open.has(id);

/** The open notices, as the rules that close them read them. */
export function openNotices(): OpenNotice[] {
  return [...open].map(([id, n]) => ({ id, kind: n.source.kind, ticketId: n.source.ticketId }));
}

/** The burst summary stands for `count` notices (0: it closed). */
export function noteFolded(count: number): void {
  folded = count > 0 ? { count, at: folded?.at ?? Date.now() } : null;
}

/** How many notices the burst summary stands for now (0: none shown). */
export const foldedCount = (): number => folded?.count ?? 0;

/** Keeps what is open for `userId` now (leaving, or the window reloading), without closing it. */
export function keepFor(userId: string): void {
  writeStore(keepOnLeave(readStore(), userId, [...open.values()], folded, Date.now()));
}

/** `userId` signs in on this window: their kept notices, taken out of the store. */
export function takeKept(userId: string): ComeBack {
  const back = comeBack(readStore(), userId, Date.now());
  writeStore(back.store);
  return back;
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

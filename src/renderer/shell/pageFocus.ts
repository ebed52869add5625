import { useEffect, useSyncExternalStore } from 'react';
import { subscribeLocale, t } from '../i18n';
import { writeAddressNow } from '../route';

// Where focus and the window's title go, for keyboard and screen-reader users:
// - on every page change focus moves to the new page's heading (h1), once it is drawn, unless
//   the person has put it somewhere else meanwhile;
// - when focus would fall to the page body (a dialog closed and the button that opened it
//   is gone, a row was taken and left the list), it goes to the heading instead; from a button
//   that only went busy while its request ran, it goes back to that button once it is free;
// - the window's title is the heading's text, so each page has its own;
// - back (or forward) to a page whose link or row was opened (a ticket from a queue or My
//   tickets), focus goes to that link, not the heading: the agent carries on down the list (a
//   long list, which draws only the rows in view, scrolls to its row first: TicketTable).

const HEADING = '#main h1, h1';

function heading(): HTMLElement | null {
  return document.querySelector<HTMLElement>(HEADING);
}

function focusHeading(h: HTMLElement): void {
  if (!h.hasAttribute('tabindex')) h.setAttribute('tabindex', '-1');
  h.focus({ preventScroll: false });
}

/**
 * Focus to the page's heading now: a lookup that answers with the page already shown (the
 * customer on screen looked up again) changes no page, so nothing else moves it there.
 */
export function focusPageHeading(): void {
  const h = heading();
  if (h) focusHeading(h);
}

/** What a page's history entry keeps of the link opened from it, for coming back to it. */
interface OpenedMark {
  /** The page (its route key) the link was opened from. */
  focusFor: string;
  /** The link's href (#/ticket/…). */
  focusHref: string;
  /** The aria-rowindex of the table row it was in, if any (a long list draws only the rows in view). */
  focusRow?: number;
}

/** The link opened from a page, as coming back to the page looks for it. */
export interface OpenedLink {
  href: string;
  /** The aria-rowindex of its table row (1 is the header row), or null. */
  row: number | null;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The history entry's state with the link opened from the page `routeKey` marked (what else it held kept). */
export function markOpened(state: unknown, routeKey: string, href: string, row: number | null = null): Record<string, unknown> {
  const { focusRow: _earlier, ...kept } = isRecord(state) ? state : {};
  const mark: OpenedMark = { focusFor: routeKey, focusHref: href, ...(row === null ? {} : { focusRow: row }) };
  return { ...kept, ...mark };
}

/** The link to give focus to on arriving at `routeKey` with this entry's state, if one was opened from there. */
export function openedToRestore(state: unknown, routeKey: string): OpenedLink | null {
  if (!isRecord(state) || state.focusFor !== routeKey || typeof state.focusHref !== 'string') return null;
  const row = typeof state.focusRow === 'number' && Number.isInteger(state.focusRow) && state.focusRow > 1 ? state.focusRow : null;
  return { href: state.focusHref, row };
}

/**
 * Which row a list that draws only the rows in view (TicketTable) scrolls to, coming back to
 * the page the link `wanted` was opened from, so that the link is drawn and can take focus:
 * the row that holds the link, looked for where it was (its aria-rowindex `wanted.row`) and
 * then through the rows in hand; if it is not in hand (a queue's rows come a page at a time),
 * where it was, so its rows are fetched. Null: nothing to scroll to. `hrefAt(i)` is the link
 * of the i-th row (0 the first after the header), undefined while that row is not in hand.
 */
export function rowToRestore(wanted: OpenedLink | null, count: number, hrefAt: (index: number) => string | undefined): number | null {
  if (!wanted) return null;
  const was = wanted.row === null ? null : wanted.row - 2;
  if (was !== null && was < count && hrefAt(was) === wanted.href) return was;
  for (let i = 0; i < count; i++) if (hrefAt(i) === wanted.href) return i;
  return was !== null && was < count ? was : null;
}

/**
 * Whether a list scrolling to the opened row (`restore`, from rowToRestore) has yet to draw it
 * (`drawn`: the indexes of the rows it draws now). The list says it is busy meanwhile, so focus
 * waits for the row: on a busy machine the list learnt its width (and so where the row is) more
 * than RETURN_WAIT_MS after its rows came, and focus went to the heading first.
 */
export function stillScrollingTo(restore: number | null, drawn: readonly number[]): boolean {
  return restore !== null && !drawn.includes(restore);
}

// The link a page come back to is waiting for, while it waits: a long list scrolls to it.
let returning: OpenedLink | null = null;
const returningListeners = new Set<() => void>();
function setReturning(next: OpenedLink | null): void {
  if (returning === next) return;
  returning = next;
  returningListeners.forEach((l) => l());
}
const subscribeReturning = (listener: () => void) => {
  returningListeners.add(listener);
  return () => void returningListeners.delete(listener);
};

/** The link opened from this page that focus is waiting to go back to (Back to the page), while it waits. */
export const useReturningTo = (): OpenedLink | null => useSyncExternalStore(subscribeReturning, () => returning);

/**
 * How long a page come back to waits for the opened link to be drawn before focus goes to the
 * heading, counted from when the page stopped being busy (its data in hand), not from arrival:
 * on a slow machine the list's rows came after the wait was over.
 */
export const RETURN_WAIT_MS = 1000;

/** How long after arriving focus waits at most, for a page that stays busy (its data never comes). */
export const ARRIVAL_WAIT_MS = 10_000;

/**
 * Where focus goes on arriving at a page: the link opened from it when coming back (`wanted`),
 * once drawn; else, once the page is no longer busy (`settledMs`: how long since its data came,
 * null while it still loads), the heading when there is no link to wait for, or the link is
 * not drawn within RETURN_WAIT_MS of that (the ticket left the list). `arrivedMs` (since the
 * page came) caps the whole wait, so that focus never waits on a page that stays busy.
 */
export function arrivalFocus(wanted: string | null, found: boolean, settledMs: number | null, arrivedMs: number): 'link' | 'wait' | 'heading' {
  if (wanted !== null && found) return 'link';
  if (arrivedMs >= ARRIVAL_WAIT_MS) return 'heading';
  if (settledMs === null) return 'wait';
  if (wanted === null) return 'heading';
  return settledMs < RETURN_WAIT_MS ? 'wait' : 'heading';
}

/** Whether the page is still loading: a part of it says it is busy (PageLoading, a list's rows not yet in hand). */
const pageBusy = (): boolean => document.querySelector('#main [aria-busy="true"]') !== null;

/** The link in the page whose href is `href`. */
function linkTo(href: string): HTMLElement | null {
  for (const a of document.querySelectorAll<HTMLElement>('#main a[href]')) if (a.getAttribute('href') === href) return a;
  return null;
}

/** The in-app link a click in the page opens: the link itself, or the one in the row clicked; and that row's place. */
function openedLink(target: EventTarget | null): OpenedLink | null {
  if (!(target instanceof Element) || !target.closest('#main')) return null;
  const link = target.closest('a[href^="#/"]') ?? target.closest('tr')?.querySelector('a[href^="#/"]');
  const href = link?.getAttribute('href');
  if (!link || !href) return null;
  const row = Number(link.closest('tr[aria-rowindex]')?.getAttribute('aria-rowindex'));
  return { href, row: Number.isInteger(row) && row > 1 ? row : null };
}

/** Moves focus to the heading of the page `routeKey` names, once it appears (or to the link opened from it, coming back). */
export function useFocusHeadingOn(routeKey: string): void {
  useEffect(() => {
    // Coming back to a page a link was opened from (browser Back), that link is where the
    // person was: its history entry says which (marked as the link is opened, below).
    const opened = openedToRestore(window.history.state, routeKey);
    const wanted = opened?.href ?? null;
    const arrived = performance.now();
    const onOpen = (event: MouseEvent) => {
      const link = openedLink(event.target);
      if (!link) return;
      // Arrived by navigate(), the page's history entry may not be written yet (it is, once the
      // browser is idle, within a fifth of a second): the mark went on the page before, and the
      // ticket's entry replaced this page's, so Back skipped it. Written now, then marked.
      writeAddressNow();
      window.history.replaceState(markOpened(window.history.state, routeKey, link.href, link.row), '');
    };
    document.addEventListener('click', onOpen, true);
    let done = false;
    // A long list draws only the rows in view: it scrolls to the opened one while this waits.
    setReturning(opened);
    // Where focus was when the page changed. If the person puts it somewhere else while the page
    // loads (starts typing a tag in the lookup field right after signing in), that is where they
    // are working: moving it to the heading then sent their next keys nowhere.
    const before = document.activeElement;
    const movedByPerson = () => {
      const now = document.activeElement;
      return now !== null && now !== before && now !== document.body && !now.matches('h1');
    };
    // Looked at as focus moves, not only when the page changes: a person who Tabbed into a
    // part already drawn and then on out of the page (to the browser's toolbar) had left no
    // trace by the time a slow part stopped being busy, and focus was pulled back to the
    // heading, so their next Tab went on from there instead of coming in at the top.
    const onFocusIn = (event: FocusEvent) => {
      const to = event.target;
      if (!done && to instanceof Element && to !== before && !to.matches('h1')) finish();
    };
    // Nor when the person leaves the page from where focus was as it came (the page's effect can
    // start after their first move, on a loaded machine): Tab past its last control goes to the
    // browser's toolbar, and the browser (or Electron) puts focus back where they come in.
    let leaving = 0;
    const onFocusOut = (event: FocusEvent) => {
      if (event.relatedTarget !== null || done) return;
      window.clearTimeout(leaving);
      leaving = window.setTimeout(() => {
        if (!done && !document.hasFocus()) finish();
      }, 0);
    };
    // When the page last stopped being busy (its data came), or null while it is busy: the wait
    // for the opened link counts from then. A list whose rows come a page at a time is busy
    // again when it scrolls to the opened row and fetches its page.
    let settled: number | null = null;
    let giveUp = 0;
    const finish = () => {
      done = true;
      setReturning(null);
      observer.disconnect();
      document.removeEventListener('focusin', onFocusIn, true);
      document.removeEventListener('focusout', onFocusOut, true);
    };
    const tryFocus = () => {
      if (!done && movedByPerson()) finish();
      const h = heading();
      // Effects run after the new page is committed: wait only for its data to load.
      if (done || !h) return;
      const now = performance.now();
      if (pageBusy()) settled = null;
      else if (settled === null) {
        settled = now;
        // The opened link not drawn in time, and nothing else changing: the heading then.
        window.clearTimeout(giveUp);
        if (wanted) giveUp = window.setTimeout(schedule, RETURN_WAIT_MS + 50);
      }
      if (document.querySelector('[role="dialog"]')) return;
      const link = wanted ? linkTo(wanted) : null;
      const where = arrivalFocus(wanted, link !== null, settled === null ? null : now - settled, now - arrived);
      if (where === 'wait') return;
      finish();
      if (where === 'link' && link) {
        link.focus({ preventScroll: true });
        // Its whole row, not only the link: the row's second line was cut at the window's foot.
        (link.closest('tr') ?? link).scrollIntoView({ block: 'nearest' });
      } else focusHeading(h);
    };
    // Looked for once a frame, before it is drawn: focusing lays the page out, and doing that as
    // each change lands would lay it out again between React's commit and the paint.
    let frame = 0;
    const schedule = () => {
      if (!frame && !done) frame = requestAnimationFrame(() => {
        frame = 0;
        tryFocus();
      });
    };
    // A part of the page that stops being busy may only lose its aria-busy: attributes too.
    const observer = new MutationObserver(schedule);
    observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-busy'] });
    document.addEventListener('focusin', onFocusIn, true);
    document.addEventListener('focusout', onFocusOut, true);
    // A page still busy at the cap: the heading then, and nothing more is watched.
    const timer = window.setTimeout(() => {
      schedule();
      observer.disconnect();
    }, ARRIVAL_WAIT_MS + 50);
    schedule();
    return () => {
      setReturning(null);
      observer.disconnect();
      document.removeEventListener('click', onOpen, true);
      document.removeEventListener('focusin', onFocusIn, true);
      document.removeEventListener('focusout', onFocusOut, true);
      window.clearTimeout(leaving);
      window.clearTimeout(timer);
      window.clearTimeout(giveUp);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [routeKey]);
}

/** What had focus before it fell to the body, as far as where it goes next is concerned. */
export interface LostFocus {
  readonly isConnected: boolean;
  /** Disabled now (busy). */
  readonly disabled: boolean;
  /** It lost focus by being disabled: a button gone busy, not one left behind. */
  readonly wentBusy: boolean;
}

/** How long a busy button is waited for before its focus goes to the heading after all. */
export const BUSY_WAIT_MS = 10_000;

/**
 * Where focus that fell to the body goes: back to the button it was on when that button only
 * went busy (Mantine's `loading` disables it while its request runs: "Very relevant" under a
 * suggested article), once it is enabled again; else (the button gone, focus lost another way,
 * the wait too long) to the page's heading; nowhere while the page itself does not have focus.
 */
export function lostFocusGoes(last: LostFocus | null, waitedMs: number, pageFocused = true): 'wait' | 'back' | 'heading' | 'leave' {
  // Focus left the page itself (Tab past its last control, to the browser's toolbar or round to
  // the top; another window): the browser or Electron puts it back where the agent comes in.
  // Pulled to the heading, the next Tab went on from there and never reached the top bar.
  if (!pageFocused) return 'leave';
  if (!last?.isConnected || !last.wentBusy || waitedMs >= BUSY_WAIT_MS) return 'heading';
  return last.disabled ? 'wait' : 'back';
}

/** Focus that would be lost to the body goes back to a busy button once it is free, else to the page's heading. */
export function useFocusNeverLost(): void {
  useEffect(() => {
    // A focused element that is removed fires no event, so removals are watched too.
    let pending = 0;
    // The element focus fell from, and whether it was disabled as it did (went busy).
    let last: HTMLElement | null = null;
    let wentBusy = false;
    let since = 0;
    const lostToBody = () => document.activeElement === document.body || document.activeElement === null;
    const check = () => {
      if (pending) return;
      pending = window.setTimeout(() => {
        pending = 0;
        if (!lostToBody()) {
          since = 0;
          return;
        }
        if (document.querySelector('[role="dialog"]')) return;
        const waited = since ? Date.now() - since : 0;
        const where = lostFocusGoes(last ? { isConnected: last.isConnected, disabled: last.matches(':disabled'), wentBusy } : null, waited, document.hasFocus());
        if (where === 'leave') return; // looked at again when the page has focus back (below)
        if (where === 'wait') {
          if (!since) since = Date.now();
          check();
          return;
        }
        since = 0;
        if (where === 'back' && last) {
          last.focus({ preventScroll: true });
          if (document.activeElement === last) return;
        }
        const h = heading();
        if (h) {
          if (!h.hasAttribute('tabindex')) h.setAttribute('tabindex', '-1');
          h.focus({ preventScroll: true });
        }
      }, 50);
    };
    const lost = new MutationObserver((records) => {
      if (records.some((r) => r.removedNodes.length > 0)) check();
    });
    lost.observe(document.body, { childList: true, subtree: true });
    const onFocusOut = (event: FocusEvent) => {
      if (event.target instanceof HTMLElement) {
        last = event.target;
        wentBusy = event.target.matches(':disabled');
        since = 0;
      }
      check();
    };
    document.addEventListener('focusout', onFocusOut);
    // Back in the page with nothing focused (a click on its background, or a control removed
    // while the agent was in another window): the heading, as above.
    window.addEventListener('focus', check);
    return () => {
      lost.disconnect();
      document.removeEventListener('focusout', onFocusOut);
      window.removeEventListener('focus', check);
      window.clearTimeout(pending);
    };
  }, []);
}

/** The window's title follows the page's heading: "Queues · Tagdesk". */
export function useTitleFromHeading(): void {
  useEffect(() => {
    // Once the browser is idle (within a fifth of a second): setting the title tells the browser
    // process, which takes milliseconds the agent should not wait on before seeing the page.
    let idle = 0;
    const update = () => {
      idle = 0;
      const text = heading()?.textContent?.replace(/[\u2068\u2069]/g, '').replace(/\s+/g, ' ').trim();
      const title = text ? t('title.page', { page: text }) : t('app.name');
      if (document.title !== title) document.title = title;
    };
    const schedule = () => {
      if (!idle) idle = requestIdleCallback(update, { timeout: 200 });
    };
    const observer = new MutationObserver(schedule);
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    // A language switch changes the title's words too; it is read after the switch's frame.
    const unsubscribe = subscribeLocale(schedule);
    update();
    return () => {
      observer.disconnect();
      unsubscribe();
      if (idle) cancelIdleCallback(idle);
    };
  }, []);
}

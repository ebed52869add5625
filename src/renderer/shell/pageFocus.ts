import { useEffect } from 'react';
import { subscribeLocale, t } from '../i18n';

// Where focus and the window's title go, for keyboard and screen-reader users:
// - on every page change focus moves to the new page's heading (h1), once it is drawn, unless
//   the person has put it somewhere else meanwhile;
// - when focus would fall to the page body (a dialog closed and the button that opened it
//   is gone, a row was taken and left the list), it goes to the heading instead; from a button
//   that only went busy while its request ran, it goes back to that button once it is free;
// - the window's title is the heading's text, so each page has its own;
// - back (or forward) to a page whose link or row was opened (a ticket from a queue or My
//   tickets), focus goes to that link, not the heading: the agent carries on down the list.

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
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The history entry's state with the link opened from the page `routeKey` marked (what else it held kept). */
export function markOpened(state: unknown, routeKey: string, href: string): Record<string, unknown> {
  const mark: OpenedMark = { focusFor: routeKey, focusHref: href };
  return { ...(isRecord(state) ? state : {}), ...mark };
}

/** The href of the link to give focus to on arriving at `routeKey` with this entry's state, if it was opened from there. */
export function hrefToRestore(state: unknown, routeKey: string): string | null {
  if (!isRecord(state) || state.focusFor !== routeKey || typeof state.focusHref !== 'string') return null;
  return state.focusHref;
}

/** How long a page come back to waits for the opened link to be drawn before focus goes to the heading. */
export const RETURN_WAIT_MS = 1000;

/**
 * Where focus goes on arriving at a page, once its heading is drawn and its data loaded: the
 * link opened from it when coming back (`wanted`), once drawn; the heading when there is none,
 * or it is not drawn in time (the ticket left the list).
 */
export function arrivalFocus(wanted: string | null, found: boolean, waitedMs: number): 'link' | 'wait' | 'heading' {
  if (wanted === null) return 'heading';
  if (found) return 'link';
  return waitedMs < RETURN_WAIT_MS ? 'wait' : 'heading';
}

/** The link in the page whose href is `href`. */
function linkTo(href: string): HTMLElement | null {
  for (const a of document.querySelectorAll<HTMLElement>('#main a[href]')) if (a.getAttribute('href') === href) return a;
  return null;
}

/** The in-app link a click in the page opens: the link itself, or the one in the row clicked. */
function openedHref(target: EventTarget | null): string | null {
  if (!(target instanceof Element) || !target.closest('#main')) return null;
  const link = target.closest('a[href^="#/"]') ?? target.closest('tr')?.querySelector('a[href^="#/"]');
  return link?.getAttribute('href') ?? null;
}

/** Moves focus to the heading of the page `routeKey` names, once it appears (or to the link opened from it, coming back). */
export function useFocusHeadingOn(routeKey: string): void {
  useEffect(() => {
    // Coming back to a page a link was opened from (browser Back), that link is where the
    // person was: its history entry says which (marked as the link is opened, below).
    const wanted = hrefToRestore(window.history.state, routeKey);
    const arrived = performance.now();
    const onOpen = (event: MouseEvent) => {
      const href = openedHref(event.target);
      if (href) window.history.replaceState(markOpened(window.history.state, routeKey, href), '');
    };
    document.addEventListener('click', onOpen, true);
    let done = false;
    // Where focus was when the page changed. If the person puts it somewhere else while the page
    // loads (starts typing a tag in the lookup field right after signing in), that is where they
    // are working: moving it to the heading then sent their next keys nowhere.
    const before = document.activeElement;
    const movedByPerson = () => {
      const now = document.activeElement;
      return now !== null && now !== before && now !== document.body && !now.matches('h1');
    };
    const tryFocus = () => {
      if (!done && movedByPerson()) done = true;
      const h = heading();
      // Effects run after the new page is committed: wait only for its data to load.
      if (done || !h || document.querySelector('#main [aria-busy="true"]')) return;
      if (document.querySelector('[role="dialog"]')) return;
      const link = wanted ? linkTo(wanted) : null;
      const where = arrivalFocus(wanted, link !== null, performance.now() - arrived);
      if (where === 'wait') return;
      done = true;
      if (where === 'link' && link) {
        link.focus({ preventScroll: true });
        link.scrollIntoView({ block: 'nearest' });
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
    const observer = new MutationObserver(schedule);
    observer.observe(document.body, { childList: true, subtree: true });
    const timer = window.setTimeout(() => observer.disconnect(), 4000);
    // The opened link not drawn in time, and nothing else changing: the heading then.
    const giveUp = wanted ? window.setTimeout(schedule, RETURN_WAIT_MS + 50) : 0;
    schedule();
    return () => {
      observer.disconnect();
      document.removeEventListener('click', onOpen, true);
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
 * the wait too long) to the page's heading.
 */
export function lostFocusGoes(last: LostFocus | null, waitedMs: number): 'wait' | 'back' | 'heading' {
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
        const where = lostFocusGoes(last ? { isConnected: last.isConnected, disabled: last.matches(':disabled'), wentBusy } : null, waited);
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
    return () => {
      lost.disconnect();
      document.removeEventListener('focusout', onFocusOut);
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

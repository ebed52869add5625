import { useEffect } from 'react';
import { subscribeLocale, t } from '../i18n';

// Where focus and the window's title go, for keyboard and screen-reader users:
// - on every page change focus moves to the new page's heading (h1), once it is drawn, unless
//   the person has put it somewhere else meanwhile;
// - when focus would fall to the page body (a dialog closed and the button that opened it
//   is gone, a row was taken and left the list), it goes to the heading instead; from a button
//   that only went busy while its request ran, it goes back to that button once it is free;
// - the window's title is the heading's text, so each page has its own.

const HEADING = '#main h1, h1';

function heading(): HTMLElement | null {
  return document.querySelector<HTMLElement>(HEADING);
}

function focusHeading(h: HTMLElement): void {
  if (!h.hasAttribute('tabindex')) h.setAttribute('tabindex', '-1');
  h.focus({ preventScroll: false });
}

/** Moves focus to the heading of the page `routeKey` names, once it appears. */
export function useFocusHeadingOn(routeKey: string): void {
  useEffect(() => {
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
      done = true;
      focusHeading(h);
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
    schedule();
    return () => {
      observer.disconnect();
      window.clearTimeout(timer);
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

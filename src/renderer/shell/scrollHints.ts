import { useEffect } from 'react';
import { subscribeLocale, t } from '../i18n';

// A table wider than its box scrolls sideways; at 820 px that hides its last columns (a
// system's warranty status), so every table scroll container on the page says so: while
// it overflows it gets `data-overflow` (styles.css fades the hidden edge and shows the
// hint text from `data-scroll-hint` under the table), a name, and a tab stop so a keyboard
// can scroll it. One observer for the whole window: pages need not do anything.

const SELECTOR = '.mantine-TableScrollContainer-scrollContainer';

export function useScrollHints(): void {
  useEffect(() => {
    // Sizes are read only when the observer reports them, after the frame's own layout: reading
    // them as the page changes would force a layout of its own between React's commit and the paint.
    const sized = new ResizeObserver((entries) => entries.forEach((e) => mark(e.target as HTMLElement)));
    const seen = new WeakSet<Element>();
    const watch = (el: Element) => {
      if (seen.has(el)) return;
      seen.add(el);
      // A newly observed element is reported once, in the next frame.
      sized.observe(el);
    };
    let frame = 0;
    const scan = () => {
      frame = 0;
      for (const el of document.querySelectorAll<HTMLElement>(SELECTOR)) {
        if (!seen.has(el)) el.addEventListener('scroll', () => mark(el), { passive: true });
        watch(el);
        const table = el.querySelector('table');
        if (table) watch(table);
      }
    };
    // Changes arrive in bursts (a page commits, then its effects): one look per frame is enough.
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(scan);
    };
    scan();
    const added = new MutationObserver(schedule);
    added.observe(document.body, { childList: true, subtree: true });
    // The hint is in the reader's language: a switch re-marks the tables that overflow, after
    // the switch's frame.
    let relabel = 0;
    const unsubscribe = subscribeLocale(() => {
      if (!relabel)
        relabel = requestAnimationFrame(() => {
          relabel = 0;
          for (const el of document.querySelectorAll<HTMLElement>(`${SELECTOR}[data-overflow]`)) mark(el);
        });
    });
    return () => {
      added.disconnect();
      sized.disconnect();
      unsubscribe();
      if (frame) cancelAnimationFrame(frame);
      if (relabel) cancelAnimationFrame(relabel);
    };
  }, []);
}

function mark(target: HTMLElement): void {
  const el = target.matches(SELECTOR) ? target : target.closest<HTMLElement>(SELECTOR);
  if (!el) return;
  const hidden = el.scrollWidth - el.clientWidth;
  if (hidden <= 1) {
    if (el.hasAttribute('data-overflow')) {
      el.removeAttribute('data-overflow');
      el.removeAttribute('data-scroll-hint');
      el.removeAttribute('tabindex');
      el.removeAttribute('role');
      el.removeAttribute('aria-label');
    }
    return;
  }
  // How far along the inline axis it is scrolled; scrollLeft is negative in right-to-left.
  const hint = t('table.scrollHint');
  const along = Math.abs(el.scrollLeft);
  const state = along < 2 ? 'end' : along > hidden - 2 ? 'start' : 'both';
  if (el.getAttribute('data-overflow') !== state) el.setAttribute('data-overflow', state);
  if (el.getAttribute('data-scroll-hint') !== hint) {
    el.setAttribute('data-scroll-hint', hint);
    el.setAttribute('aria-label', hint);
  }
  if (!el.hasAttribute('tabindex')) {
    el.setAttribute('tabindex', '0');
    el.setAttribute('role', 'region');
  }
}

import { expect, type Locator, type Page } from '@playwright/test';

// Where focus went in a page, for a focus assertion that fails only now and then (on a loaded
// CI machine, never when run alone) to say what moved it: every focusin and focusout, the
// window's own focus and blur, and each programmatic focus() on a heading with the code that
// called it (the page's focus rules, src/renderer/shell/pageFocus.ts, are the usual callers).

interface TracedWindow {
  __focusTrace?: string[];
}

/** Starts recording focus moves in the page as it is now (the app stays loaded: no reload). */
export async function traceFocus(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as TracedWindow;
    if (w.__focusTrace) return;
    const trace: string[] = [];
    w.__focusTrace = trace;
    const t0 = performance.now();
    const at = () => `${(performance.now() - t0).toFixed(0)} ms`;
    const name = (el: EventTarget | null) => {
      if (!(el instanceof Element)) return String(el);
      const text = (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 30);
      return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${text}"`;
    };
    const focus = HTMLElement.prototype.focus;
    HTMLElement.prototype.focus = function (this: HTMLElement, options?: FocusOptions) {
      if (/^H[1-6]$/.test(this.tagName)) {
        const caller = new Error().stack?.split('\n').slice(2, 5).map((l) => l.trim()).join(' < ');
        trace.push(`${at()} focus() on ${name(this)}; page has focus: ${document.hasFocus()}; from ${caller}`);
      }
      return focus.call(this, options);
    };
    document.addEventListener('focusin', (e) => trace.push(`${at()} focusin ${name(e.target)}`), true);
    document.addEventListener('focusout', (e) => trace.push(`${at()} focusout ${name(e.target)} to ${name(e.relatedTarget)}`), true);
    window.addEventListener('focus', () => trace.push(`${at()} window focus`));
    window.addEventListener('blur', () => trace.push(`${at()} window blur`));
  });
}

/** Marks a step in the trace (what the test does next). */
export async function traceStep(page: Page, step: string): Promise<void> {
  await page.evaluate((s) => (window as unknown as TracedWindow).__focusTrace?.push(`--- ${s}`), step);
}

/** Expects `target` to have focus; if it has not, the failure lists where focus went. */
export async function expectFocusedTraced(page: Page, target: Locator): Promise<void> {
  try {
    await expect(target).toBeFocused();
  } catch (error) {
    const trace = await page.evaluate(() => (window as unknown as TracedWindow).__focusTrace ?? []).catch(() => ['(the page could not be read)']);
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n\nWhere focus went:\n${trace.slice(-60).join('\n')}`);
  }
}

import { expect, type Locator, type Page } from '@playwright/test';
import { en } from '../../src/renderer/i18n/en';

// The supervisor's board (#/overview) and its drill-down drawer. Every count is a button
// named like "At risk in Government tier 1: 3"; the drawer lists the tickets behind it.

/**
 * Scrolls a board section drawn as it nears the window into view. Its placeholder, a region of
 * the same name, is swapped for the section while Playwright scrolls, which then fails with
 * "Element is not attached to the DOM" (twice in twelve runs at a load of 6): try again until
 * the section drawn is the one scrolled to.
 */
export async function reveal(section: Locator): Promise<void> {
  await expect(async () => {
    await section.scrollIntoViewIfNeeded({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
}

export type DrillFilter = 'open' | 'unassigned' | 'atRisk' | 'breached';

const FILTER_WORD: Record<DrillFilter, string> = {
  open: en['board.filter.open'],
  unassigned: en['board.filter.unassigned'],
  atRisk: en['board.filter.atRisk'],
  breached: en['board.filter.breached'],
};

export class Board {
  readonly drawer: Locator;

  constructor(readonly page: Page) {
    this.drawer = page.getByRole('dialog');
  }

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: en['nav.label'] }).getByRole('link', { name: en['nav.overview'] }).click();
    // The heading is drawn at once, before the board's script and figures (under 0.1 s after
    // the click on a 2-core machine under a load of 10; it came with the figures, 0.4-1.6 s).
    await expect(this.page.getByRole('heading', { level: 1, name: en['overview.title'] })).toBeVisible();
    // Then the queues' figures (0.6-1.6 s there, with the rest of the board): a count is read
    // or clicked right after opening.
    await expect(this.page.getByRole('region', { name: en['overview.grid'], exact: true })).not.toHaveAttribute('aria-busy', 'true', { timeout: 10_000 });
  }

  /** The count button of one queue ("Government tier 1") for a filter, whatever its number. */
  count(filter: DrillFilter, queue: string): Locator {
    return this.page.getByRole('button', { name: new RegExp(`^${FILTER_WORD[filter]} in ${queue}: \\d+$`) });
  }

  /** The number a count button shows, read from its accessible name. */
  async valueOf(filter: DrillFilter, queue: string): Promise<number> {
    const label = (await this.count(filter, queue).getAttribute('aria-label')) ?? '';
    return Number(/: (\d+)$/.exec(label)?.[1] ?? Number.NaN);
  }

  async drill(filter: DrillFilter, queue: string): Promise<void> {
    await this.count(filter, queue).click();
    await expect(this.drawer).toBeVisible();
    await expect(this.drawer.getByRole('heading', { name: `${FILTER_WORD[filter]} · ${queue}` })).toBeVisible();
  }

  ticketLink(number: string): Locator {
    return this.drawer.getByRole('link', { name: number, exact: true });
  }

  async closeDrawer(): Promise<void> {
    await this.drawer.getByRole('button', { name: en['common.close'] }).click();
    await expect(this.drawer).toBeHidden();
  }
}

/** Moves the desk's test clock (only a desk started with a test clock accepts this). */
export async function advanceClock(page: Page, ms: number): Promise<{ now: number; sent: number }> {
  return page.evaluate(async (by) => {
    const hook = (window as unknown as { __tagdeskDev?: { advanceClock(ms: number): Promise<{ now: number; sent: number }> } }).__tagdeskDev;
    if (!hook) throw new Error('The renderer exposes no __tagdeskDev hook.');
    return hook.advanceClock(by);
  }, ms);
}

import { expect, type Locator, type Page } from '@playwright/test';

// A queue's ticket table (and My tickets) is virtualised: only the rows in view are in the
// page. To reach a row further down, scroll the table a screen at a time until it is rendered.

export async function scrollToTicket(page: Page, table: Locator, number: string): Promise<Locator> {
  return scrollToRow(page, table, table.getByRole('link', { name: number, exact: true }));
}

/**
 * Scrolls `table` (the element that scrolls) until `row`, one of its rows or something in one,
 * is rendered, and brings it into view. A tenth of a second a screen: a retried `expect`
 * (`toPass`) waits up to a second between tries, 12 s to scroll a long My tickets.
 */
export async function scrollToRow(page: Page, table: Locator, row: Locator): Promise<Locator> {
  await expect(table.getByRole('row').nth(1)).toBeVisible();
  for (let i = 0; i < 60 && (await row.count()) === 0; i++) {
    const atEnd = await table.evaluate((el) => {
      const before = el.scrollTop;
      el.scrollTop = before + el.clientHeight * 0.8;
      return el.scrollTop === before;
    });
    await page.waitForTimeout(100);
    if (atEnd && (await row.count()) === 0) break;
  }
  await row.scrollIntoViewIfNeeded();
  return row;
}

import { expect, type Locator, type Page } from '@playwright/test';

// A queue's ticket table is virtualised: only the rows in view are in the page. To reach a
// ticket further down, scroll the table a screen at a time until its row is rendered.

export async function scrollToTicket(page: Page, table: Locator, number: string): Promise<Locator> {
  const link = table.getByRole('link', { name: number, exact: true });
  await expect(table.getByRole('row').nth(1)).toBeVisible();
  for (let i = 0; i < 60 && (await link.count()) === 0; i++) {
    const atEnd = await table.evaluate((el) => {
      const before = el.scrollTop;
      el.scrollTop = before + el.clientHeight * 0.8;
      return el.scrollTop === before;
    });
    await page.waitForTimeout(100);
    if (atEnd && (await link.count()) === 0) break;
  }
  await link.scrollIntoViewIfNeeded();
  return link;
}

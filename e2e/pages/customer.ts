import { expect, type Locator, type Page } from '@playwright/test';
import { en } from '../../src/renderer/i18n/en';

/** The 360° view of one customer. */
export class CustomerView {
  readonly systems: Locator;

  constructor(readonly page: Page) {
    this.systems = page.getByRole('region', { name: /^Systems/ });
  }

  async expectCustomer(name: string): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name })).toBeVisible();
  }

  systemRow(tag: string): Locator {
    return this.systems.getByRole('row').filter({ hasText: tag });
  }

  /** The system the lookup matched is marked (aria-current) and labelled. */
  async expectMatchedSystem(tag: string): Promise<void> {
    const row = this.systemRow(tag);
    await expect(row).toHaveAttribute('aria-current', 'true');
    await expect(row.getByText(en['asset.matched'])).toBeVisible();
  }

  get newTicketButton(): Locator {
    return this.page.getByRole('button', { name: en['customer.newTicket'], exact: true });
  }

  /**
   * Opens the form, fills it, creates the ticket; ends on the new ticket's page. "Assign to me"
   * is left as the form offers it (on for an agent of the segment) unless `assignToMe` says.
   */
  async createTicket(fields: { subject: string; description?: string; assignToMe?: boolean }): Promise<void> {
    await this.newTicketButton.click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByLabel(en['newTicket.subject']).fill(fields.subject);
    if (fields.description) await dialog.getByLabel(en['newTicket.description']).fill(fields.description);
    if (fields.assignToMe !== undefined) await dialog.getByLabel(en['newTicket.assignToMe']).setChecked(fields.assignToMe);
    await dialog.getByRole('button', { name: en['newTicket.submit'] }).click();
    await expect(dialog).toBeHidden();
  }
}

/**
 * Merge, then Merge again in the dialog that asks once more (a merge cannot be undone). The
 * dialog is clicked once it is open (its Cancel has the focus), and has closed before this
 * returns, merged or refused: under load a click during its opening was lost.
 */
export async function confirmMerge(page: Page): Promise<void> {
  await page.getByRole('button', { name: en['merge.submit'] }).first().click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('button', { name: en['common.cancel'] })).toBeFocused();
  await dialog.getByRole('button', { name: en['merge.submit'] }).click();
  await expect(dialog).toBeHidden({ timeout: 10_000 });
}

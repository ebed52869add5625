import { expect, type Locator, type Page } from '@playwright/test';
import { en } from '../../src/renderer/i18n/en';
import type { EscalationReason, ResolutionCode } from '../../src/shared/domain';

type ActionName = keyof typeof en & `action.${string}`;

/** One ticket: its header, its action bar (only what the machine allows), its dialogs. */
export class TicketView {
  readonly actions: Locator;
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.actions = page.getByRole('region', { name: en['ticket.actions'] });
    this.dialog = page.getByRole('dialog');
  }

  heading(subject: string): Locator {
    return this.page.getByRole('heading', { level: 1, name: new RegExp(subject) });
  }

  action(key: ActionName): Locator {
    return this.actions.getByRole('button', { name: en[key], exact: true });
  }

  /** The ticket's id, from the route (#/ticket/<id>). */
  async id(): Promise<string> {
    await expect(this.page).toHaveURL(/#\/ticket\//);
    return decodeURIComponent(new URL(this.page.url()).hash.replace('#/ticket/', ''));
  }

  async expectState(stateKey: keyof typeof en & `state.${string}`): Promise<void> {
    await expect(this.page.getByText(en[stateKey], { exact: true }).first()).toBeVisible();
  }

  async take(): Promise<void> {
    await this.action('action.TAKE').click();
    await expect(this.action('action.TAKE')).toBeHidden();
  }

  async chooseOption(label: string, option: string): Promise<void> {
    await this.dialog.getByRole('combobox', { name: label }).click();
    await this.page.getByRole('option', { name: option, exact: true }).click();
  }

  noteField(): Locator {
    return this.dialog.getByLabel(/^Note/);
  }

  async escalate(reason: EscalationReason, note: string): Promise<void> {
    await this.action('action.ESCALATE').click();
    await this.chooseOption(en['act.reason'], en[`reason.${reason}`]);
    await this.noteField().fill(note);
    await this.dialog.getByRole('button', { name: /^Escalate to/ }).click();
    await expect(this.dialog).toBeHidden();
  }

  async resolve(code: ResolutionCode, note: string): Promise<void> {
    await this.action('action.RESOLVE').click();
    await this.chooseOption(en['act.code'], en[`resolution.${code}`]);
    await this.noteField().fill(note);
    await this.dialog.getByRole('button', { name: en['act.submit.RESOLVE'] }).click();
    await expect(this.dialog).toBeHidden();
  }
}

import Database from 'better-sqlite3';
import { join } from 'node:path';
import { en } from '../src/renderer/i18n/en';
import { expect, test } from './fixtures';
import { signInAs } from './pages/app';

// A policy saved while the desk cannot write its tickets: the save keeps the policy, but the
// open tickets' re-time fails. The admin who saved is told so at once, and the SLA settings page
// says it (why, and what it means for the tickets) until "Try again" re-times them.

const targetLabel = (priority: string, target: string) => en['slaEdit.targetLabel'].replace('{priority}', priority).replace('{target}', target);

/** The desk's data file refuses every change to a ticket's row (as a locked or failing disk would), until `allow`. */
function refuseTicketWrites(dataDir: string): { allow: () => void } {
  const db = new Database(join(dataDir, 'tagdesk.sqlite'), { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  db.exec("CREATE TRIGGER zz_refuse_ticket_writes BEFORE UPDATE ON tickets BEGIN SELECT RAISE(ABORT, 'tickets are not writable (test)'); END");
  return {
    allow: () => {
      db.exec('DROP TRIGGER zz_refuse_ticket_writes');
      db.close();
    },
  };
}

test('a re-time that fails is shown to the admin with why, and “Try again” re-times the open tickets', async ({ page, dataDir }) => {
  test.setTimeout(90_000);
  await signInAs(page, 'Omar Haddad');
  const fault = refuseTicketWrites(dataDir);
  await page.evaluate(() => (window.location.hash = '#/admin/sla/policy/government-premier'));
  const resolution = page.getByRole('textbox', { name: targetLabel(en['priority.normal'], en['slaTarget.resolution']) });
  await resolution.fill(String(Number(await resolution.inputValue()) + 120));
  await page.getByRole('button', { name: en['slaEdit.savePolicy'] }).click();

  // The saving window: a notice that stays, naming the policy, saying why and offering to try again.
  const told = page.locator('.mantine-Notification-root').filter({ hasText: en['slaRetime.savedButNot'] });
  await expect(told).toBeVisible();
  await expect(told).toContainText(en['slaRetime.failedOther'].slice(0, 30));
  await expect(told.getByRole('button', { name: en['slaRetime.tryAgain'] })).toBeVisible();

  // The SLA settings page says it too.
  await page.evaluate(() => (window.location.hash = '#/admin/sla'));
  const notice = page.getByTestId('retime-failed');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText(en['slaRetime.failedTitle']);
  await expect(notice.getByTestId('retime-failed-detail')).toContainText('tickets are not writable (test)');

  // Fixed, "Try again" re-times them: the count is said and the notices go.
  fault.allow();
  await notice.getByRole('button', { name: en['slaRetime.tryAgain'] }).click();
  await expect(page.locator('.mantine-Notification-root').filter({ hasText: /open tickets? re-timed|No open ticket/ })).toBeVisible();
  await expect(notice).toBeHidden();
  await expect(told).toBeHidden();
});

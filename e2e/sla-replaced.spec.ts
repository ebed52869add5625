import type { Page } from '@playwright/test';
import type { SlaSettings } from '../src/shared/api';
import { en } from '../src/renderer/i18n/en';
import { expect, SHELL, test } from './fixtures';
import { signInAs } from './pages/app';

// Omar's changes to a policy were replaced by later saves on another desk: the SLA settings page
// names each for 30 days, and could not be told "read". He dismisses one: it is gone for him, also
// after a reload, the other stays; Grace, who reads the same page, still sees both.
// The replaced changes come from the hub's order of two offline desks' saves (settingsSync.test.ts
// makes them for real); here the spec adds them to the desk's answer at the window's socket.

const AT = Date.UTC(2026, 11, 3, 10, 30);
const REPLACED: SlaSettings['replaced'] = [
  {
    entity: 'policy',
    entityId: 'government-premier',
    path: 'atRiskShare',
    lost: { eventId: 'e-lost-1', actorName: 'Omar Haddad', value: 0.6, at: AT - 3_600_000 },
    won: { eventId: 'e-won-1', actorName: 'Nadia Karimi', value: 0.7, at: AT },
  },
  {
    entity: 'policy',
    entityId: 'government-premier',
    path: 'targets.normal.firstResponse',
    lost: { eventId: 'e-lost-1', actorName: 'Omar Haddad', value: 45, at: AT - 3_600_000 },
    won: { eventId: 'e-won-1', actorName: 'Nadia Karimi', value: 50, at: AT },
  },
];

/** The desk's answers to sla.settings, with `replaced` as the hub's order would have made them. */
async function withReplaced(page: Page, replaced: SlaSettings['replaced']): Promise<void> {
  const asked = new Set<number>();
  await page.routeWebSocket(/\/api\?/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => {
      const frame = JSON.parse(String(message)) as { id?: number; method?: string };
      if (frame.method === 'sla.settings' && frame.id !== undefined) asked.add(frame.id);
      server.send(message);
    });
    server.onMessage((message) => {
      const frame = JSON.parse(String(message)) as { id?: number; ok?: boolean; result?: SlaSettings };
      if (frame.id === undefined || !asked.delete(frame.id) || !frame.ok || !frame.result) return ws.send(message);
      ws.send(JSON.stringify({ ...frame, result: { ...frame.result, replaced } }));
    });
  });
}

const dismissName = (lost: string, field: RegExp | string) => new RegExp(`^${en['slaSettings.replacedDismiss'].replace('{lost}', lost).replace('{thing}', '.+').replace(', {field}', '')}, ${typeof field === 'string' ? field : field.source}$`);

test('a replaced change dismissed on the SLA settings page stays dismissed for that admin only', async ({ page }) => {
  test.skip(SHELL !== 'web', 'the spec plays the replaced changes at the browser shell’s socket');
  // A reload and three sign-ins: 33 s alone on a 2-core machine, past the default 30 s.
  test.setTimeout(90_000);
  await withReplaced(page, REPLACED);
  await page.reload();
  const app = await signInAs(page, 'Omar Haddad');
  await page.evaluate(() => (window.location.hash = '#/admin/sla'));
  const notice = page.getByTestId('sla-replaced');
  const changes = notice.getByTestId('sla-replaced-change');
  // The settings page's script and its first read: past 5 s on a busy 2-core machine.
  await expect(changes).toHaveCount(2, { timeout: 15_000 });
  await expect(notice).toContainText(en['slaSettings.replacedDismissNote']);

  // The first (at risk) dismissed: gone, focus on the next one's button.
  const first = notice.getByRole('button', { name: dismissName('Omar Haddad', /At risk.*/) });
  await expect(first).toHaveCount(1);
  await first.click();
  await expect(changes).toHaveCount(1);
  await expect(changes.first()).not.toContainText('70');
  await expect(notice.getByRole('button', { name: dismissName('Omar Haddad', /.+/) })).toBeFocused();

  // Still dismissed after a reload.
  await page.reload();
  await app.signedInAs('Omar Haddad');
  await expect(page.getByRole('heading', { level: 1, name: en['slaSettings.title'] })).toBeVisible();
  await expect(changes).toHaveCount(1);

  // Grace still reads both.
  await app.switchUser('Grace Chen');
  await page.evaluate(() => (window.location.hash = '#/admin/sla'));
  await expect(page.getByRole('heading', { level: 1, name: en['slaSettings.title'] })).toBeVisible();
  await expect(changes).toHaveCount(2, { timeout: 15_000 });

  // Omar's last one dismissed: the notice is gone for him.
  await app.switchUser('Omar Haddad');
  await page.evaluate(() => (window.location.hash = '#/admin/sla'));
  await expect(changes).toHaveCount(1);
  await notice.getByRole('button', { name: dismissName('Omar Haddad', /.+/) }).click();
  await expect(notice).toHaveCount(0);
});

import { expect, type Page, type WebSocketRoute } from '@playwright/test';
import Database from 'better-sqlite3';
import { coded } from '../src/main/core/db/idCodec';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ticketNumber } from '../src/main/core/ticketRows';
import type { SyncConflict, SyncStatus } from '../src/shared/syncApi';
import { en } from '../src/renderer/i18n/en';
import { axeViolations } from './axe';
import { fa } from '../src/renderer/i18n/fa';
import { test } from './fixtures';
import { say } from '../src/shared/messageKeys';

// The sync screens in the browser: the header's indicator, the conflicts page and its
// dismiss button, in both languages and both schemes. The desk's sync state is played by
// the spec at the window's socket (the engine that fills it is another branch's), so every
// state the screens must show can be shown; everything else is the real desk behind it.

interface FakeSync {
  status: SyncStatus;
  conflicts: SyncConflict[];
  /** Tells the window the sync state changed, as the desk's engine would. */
  change(status: SyncStatus): void;
}

async function fakeSync(page: Page, status: SyncStatus, conflicts: SyncConflict[]): Promise<FakeSync> {
  const sockets: WebSocketRoute[] = [];
  const state: FakeSync = {
    status,
    conflicts,
    change(next) {
      state.status = next;
      for (const ws of sockets) ws.send(JSON.stringify({ event: 'sync.changed', payload: next }));
    },
  };
  await page.routeWebSocket(/\/api\?/, (ws) => {
    sockets.push(ws);
    const server = ws.connectToServer();
    ws.onMessage((message) => {
      const frame = JSON.parse(String(message)) as { id: number; method: string; input: { eventId?: string } };
      const answer = (result: unknown) => ws.send(JSON.stringify({ id: frame.id, ok: true, result }));
      if (frame.method === 'sync.status') return answer(state.status);
      if (frame.method === 'sync.conflicts') return answer(state.conflicts);
      if (frame.method === 'sync.dismissConflict') {
        state.conflicts = state.conflicts.filter((c) => c.eventId !== frame.input.eventId);
        answer(null);
        if (state.status.mode === 'hub') state.change({ ...state.status, conflicts: state.conflicts.length });
        return;
      }
      if (frame.method === 'sync.dismissHubRestored') {
        answer(null);
        if (state.status.mode === 'hub') state.change({ ...state.status, hubRestored: undefined });
        return;
      }
      server.send(message);
    });
  });
  await page.reload();
  return state;
}

/** Two education tickets of the demo desk, for the conflicts to name. */
function demoTickets(dataDir: string): { id: string; number: string }[] {
  const db = coded(new Database(join(dataDir, 'tagdesk.sqlite'), { readonly: true, fileMustExist: true }));
  try {
    const rows = db.prepare(`select id, number from tickets where segment = 'education' order by number limit 2`).all() as { id: string; number: number }[];
    return rows.map((r) => ({ id: r.id, number: ticketNumber(r.number) }));
  } finally {
    db.close();
  }
}

/** What Ava typed into the escalation the hub refused: kept with the conflict, to copy. */
const ESCALATION_NOTE = 'AVA-ESC: beeps code 3 = memory;\nneeds tier 2 to reseat the DIMM. شماره ۳';

function conflictsOn(tickets: { id: string; number: string }[], now: number): SyncConflict[] {
  const [a, b] = tickets;
  if (!a || !b) throw new Error('The demo desk has fewer than two education tickets.');
  return [
    {
      eventId: '01938c2e-7a00-7000-8000-000000000001',
      stream: 'ticket',
      entityId: a.id,
      ticketNumber: a.number,
      type: 'TAKE',
      summary: `Take ticket ${a.number}`,
      reason: 'Sam Rivera took this ticket first, at 10:42.',
      nextStep: 'Open the ticket: Sam is working it. Add a note there if you know something that helps.',
      actorId: 'ava',
      deskTime: now - 20 * 60_000,
      refusedAt: now - 3 * 60_000,
      written: null,
    },
    {
      eventId: '01938c2e-7a00-7000-8000-000000000002',
      stream: 'ticket',
      entityId: b.id,
      ticketNumber: b.number,
      type: 'ESCALATE',
      summary: `Escalate ticket ${b.number} to tier 2`,
      reason: 'The ticket was resolved on another desk before your escalation reached the hub.',
      nextStep: 'Open the ticket and reopen it if the customer still needs help.',
      actorId: 'ava',
      deskTime: now - 45 * 60_000,
      refusedAt: now - 2 * 60_000,
      written: ESCALATION_NOTE,
    },
  ];
}

const joined = (over: Partial<Extract<SyncStatus, { mode: 'hub' }>> = {}): SyncStatus => ({
  mode: 'hub',
  url: 'http://hub.example.test:4180',
  online: false,
  pending: 1,
  conflicts: 2,
  lastSyncedAt: Date.now() - 5 * 60_000,
  cursor: 1200,
  ...over,
});

async function signInAsAva(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Ava Martin/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

test('the header says offline, 1 pending and 2 conflicts; the conflicts page explains each, links its ticket and dismisses it', async ({ page, dataDir }) => {
  const tickets = demoTickets(dataDir);
  const sync = await fakeSync(page, joined(), conflictsOn(tickets, Date.now()));
  await signInAsAva(page);

  const indicator = page.getByRole('group', { name: en['sync.label'] });
  await expect(indicator).toContainText(en['sync.offline']);
  await expect(indicator).toContainText('1 pending');
  // The tooltip says where the hub is and when the desk last heard from it.
  await indicator.getByText(en['sync.offline']).hover();
  await expect(page.getByRole('tooltip')).toContainText('Last synced 5 minutes ago');
  const shots = process.env.TAGDESK_SCREENS_DIR;
  if (shots) await page.screenshot({ path: join(shots, 'indicator-tooltip.png'), clip: { x: 700, y: 0, width: 580, height: 260 } });

  await indicator.getByRole('link', { name: '2 conflicts' }).click();
  await expect(page.getByRole('heading', { level: 1, name: en['conflicts.title'] })).toBeVisible();
  const cards = page.getByRole('listitem');
  await expect(cards).toHaveCount(2);
  const first = cards.filter({ hasText: `Take ticket ${tickets[0]!.number}` });
  await expect(first).toContainText(en['conflicts.why']);
  await expect(first).toContainText('Sam Rivera took this ticket first, at 10:42.');
  await expect(first).toContainText('Open the ticket: Sam is working it.');
  await expect(first.getByRole('link', { name: `Open ticket ${tickets[0]!.number}` })).toHaveAttribute('href', `#/ticket/${encodeURIComponent(tickets[0]!.id)}`);

  // The page does not promise that nothing else was lost: what was typed is kept, as typed, to copy.
  await expect(page.getByText(en['conflicts.lead'])).toBeVisible();
  await expect(first).not.toContainText(en['conflicts.written']);
  const escalation = cards.filter({ hasText: `Escalate ticket ${tickets[1]!.number}` });
  await expect(escalation).toContainText(en['conflicts.written']);
  const written = escalation.getByText('AVA-ESC: beeps code 3 = memory;');
  await expect(written).toHaveAttribute('dir', 'auto');
  expect(await written.innerText()).toBe(ESCALATION_NOTE);
  await expect(escalation.getByRole('button', { name: en['conflicts.copyLabel'] })).toBeVisible();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await escalation.getByRole('button', { name: en['conflicts.copyLabel'] }).click();
  await expect(escalation.getByRole('button', { name: en['conflicts.copyLabel'] })).toContainText(en['conflicts.copied']);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(ESCALATION_NOTE);

  await first.getByRole('button', { name: `Dismiss: Take ticket ${tickets[0]!.number}` }).click();
  await expect(cards).toHaveCount(1);
  // Focus goes to the card that took the dismissed one's place, not back to the page's heading.
  await expect(escalation).toBeFocused();
  await expect(indicator.getByRole('link', { name: '1 conflict' })).toBeVisible();

  // The hub comes back and takes the pending change: the header follows without a reload.
  sync.change(joined({ online: true, pending: 0, conflicts: 1, lastSyncedAt: Date.now() }));
  await expect(indicator).toContainText(en['sync.online']);
  await expect(indicator).not.toContainText('pending');
  // The shell's hidden live region says the change for a screen reader.
  const live = page.getByTestId('sync-live');
  await expect(live).toHaveText(`${en['sync.online']}, 1 conflict`);

  await cards.first().getByRole('button', { name: /^Dismiss: / }).click();
  await expect(page.getByText(en['conflicts.empty'])).toBeVisible();
  // None is left: the heading has it.
  await expect(page.getByRole('heading', { level: 1, name: en['conflicts.title'] })).toBeFocused();
  await expect(indicator.getByRole('link')).toHaveCount(0);
  // A few seconds later the region is empty: it kept the state, which was read a second time,
  // after the indicator's, by anyone reading the page line by line.
  await expect(live).toHaveText('', { timeout: 10_000 });

  // The ticket link leads to the ticket.
  await page.goto(page.url().replace(/#.*$/, `#/ticket/${encodeURIComponent(tickets[1]!.id)}`));
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(tickets[1]!.number) })).toBeVisible();
});

/** What the hub refused of an import's work at this desk: the desk's own account's, shown to its admins. */
function importRefused(now: number): SyncConflict {
  return {
    eventId: '01938c2e-7a00-7000-8000-000000000003',
    stream: 'ticket',
    entityId: '01938c2e-7a00-7000-8000-0000000000aa',
    ticketNumber: 'T-000512',
    type: 'CREATED',
    summary: 'Open a new ticket: “Projector in room B12 shows no signal”',
    reason: say('newTicketIncomplete'),
    nextStep: 'Open the customer and create the ticket again if it is still needed; nothing of it was kept.',
    actorId: '01938c2e-7a00-7000-8000-0000000000bb',
    deskTime: now - 60 * 60_000,
    refusedAt: now - 4 * 60_000,
    written: null,
    deskAccount: 'Import from zendesk',
  };
}

test('an admin sees what the hub refused of the desk’s own accounts’ work, which account and why, and dismisses it, in both languages', async ({ page }) => {
  await fakeSync(page, joined({ conflicts: 1 }), [importRefused(Date.now())]);
  await page.getByRole('button', { name: /^Omar Haddad/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const base = page.url().replace(/[?#].*$/, '');
  await page.goto(`${base}?lang=fa#/sync/conflicts`);
  await page.reload();
  const card = page.getByRole('listitem');
  const account = fa['people.importAccount'].replace('{source}', fa['data.source.zendesk']);
  await expect(card).toContainText(fa['conflicts.triedBy'].replace('{name}', account));
  await expect(card).toContainText(fa['conflicts.deskAccount'].split('{name}')[1]!.trim());
  await expect(card).toContainText(fa['apiError.newTicketIncomplete']);
  await page.goto(`${base}?lang=en#/sync/conflicts`);
  await page.reload();
  await expect(card).toContainText('What Import from Zendesk tried');
  await expect(card).toContainText(en['conflicts.deskAccount'].replace('{name}', 'Import from Zendesk'));
  await expect(card).toContainText(say('newTicketIncomplete'));
  await card.getByRole('button', { name: /^Dismiss: / }).click();
  await expect(page.getByText(en['conflicts.empty'])).toBeVisible();
});

/** A change of someone the hub deactivated since, refused with its push's answer lost, as an admin reads it. */
function deactivatedRefused(now: number): SyncConflict {
  return { ...importRefused(now), eventId: '01938c2e-7a00-7000-8000-000000000004', deskAccount: undefined, deactivatedAuthor: 'Zoe Rahimi' };
}

test('an admin sees what the hub refused of someone deactivated since, naming them and why, in both languages', async ({ page }) => {
  await fakeSync(page, joined({ conflicts: 1 }), [deactivatedRefused(Date.now())]);
  await page.getByRole('button', { name: /^Omar Haddad/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const base = page.url().replace(/[?#].*$/, '');
  await page.goto(`${base}?lang=fa#/sync/conflicts`);
  await page.reload();
  const card = page.getByRole('listitem');
  // A name in a Persian sentence is set apart as left to right (U+2068 … U+2069).
  const zoe = '\u2068Zoe Rahimi\u2069';
  await expect(card).toContainText(fa['conflicts.triedBy'].replace('{name}', zoe));
  await expect(card).toContainText(fa['conflicts.deactivatedAuthor'].replaceAll('{name}', zoe));
  await expect(card).not.toContainText(fa['conflicts.deskAccount'].split('{name}')[1]!.trim());
  await page.goto(`${base}?lang=en#/sync/conflicts`);
  await page.reload();
  await expect(card).toContainText('What Zoe Rahimi tried');
  await expect(card).toContainText(en['conflicts.deactivatedAuthor'].replaceAll('{name}', 'Zoe Rahimi'));
  await card.getByRole('button', { name: /^Dismiss: / }).click();
  await expect(page.getByText(en['conflicts.empty'])).toBeVisible();
});

/** An admin's offline edit of a customer's contact, refused by the hub: named by the contact and the customer, not by ids. */
function contactRefused(now: number, customerId: string): SyncConflict {
  return {
    eventId: '01938c2e-7a00-7000-8000-000000000004',
    stream: 'customer',
    entityId: customerId,
    ticketNumber: null,
    type: 'CONTACT_CHANGED',
    summary: `contact changed (customer ${customerId})`,
    reason: say('adminsErase'),
    nextStep: 'Open the record, check what changed, and make your change again if it is still needed.',
    actorId: 'ava',
    deskTime: now - 30 * 60_000,
    refusedAt: now - 60_000,
    written: null,
    record: { name: 'Sara Ahmadi', customer: 'Acme Ltd', gone: null, mergedInto: null, link: { to: 'customer', id: customerId } },
  };
}

test('a refused change of a customer’s contact names the contact and the customer, never an id, and links the customer, in both languages', async ({ page }) => {
  const customerId = '01938c2e-7a00-7000-8000-0000000000cc';
  await fakeSync(page, joined({ conflicts: 1 }), [contactRefused(Date.now(), customerId)]);
  await signInAsAva(page);
  const base = page.url().replace(/[?#].*$/, '');
  for (const d of [en, fa]) {
    await page.goto(`${base}?lang=${d === fa ? 'fa' : 'en'}#/sync/conflicts`);
    await page.reload();
    const card = page.getByRole('listitem');
    await expect(page.locator('#conflict-01938c2e-7a00-7000-8000-000000000004')).toHaveText(
      new RegExp(`${d['conflicts.kind.CONTACT_CHANGED'].split('{name}')[0]}.*Sara Ahmadi.*Acme Ltd`),
    );
    await expect(card).not.toContainText(customerId);
    await expect(card.getByRole('link', { name: d['conflicts.openCustomer'] })).toHaveAttribute('href', new RegExp(`#/customer/${customerId}`));
  }
});

test('the conflicts page is reached from the navigation and the command palette', async ({ page }) => {
  await fakeSync(page, joined({ conflicts: 0, pending: 0, online: true }), []);
  await signInAsAva(page);
  const nav = page.getByRole('navigation', { name: en['nav.label'] });
  await nav.getByRole('link', { name: en['nav.conflicts'] }).click();
  await expect(page.getByRole('heading', { level: 1, name: en['conflicts.title'] })).toBeVisible();
  await expect(page.getByText(en['conflicts.empty'])).toBeVisible();

  await nav.getByRole('link', { name: en['nav.mine'] }).click();
  await expect(page).toHaveURL(/#\/$/);
  await page.keyboard.press('ControlOrMeta+Shift+P');
  await expect(page.getByRole('textbox', { name: en['palette.open'] })).toBeFocused();
  await page.keyboard.type('sync conflicts');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/sync\/conflicts$/);
});

test('a desk that works alone shows no sync indicator and no conflicts in the navigation', async ({ page }) => {
  await signInAsAva(page);
  await expect(page.getByRole('link', { name: en['nav.mine'] })).toBeVisible();
  await expect(page.getByRole('group', { name: en['sync.label'] })).toHaveCount(0);
  await expect(page.getByTestId('sync-live')).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: en['nav.label'] }).getByRole('link', { name: en['nav.conflicts'] })).toHaveCount(0);
});

test('a person whose hub session the hub ended is told to sign in again, and the link signs them out', async ({ page }) => {
  const reason = 'You have no current hub session at this desk (it expired, or an admin changed or deactivated your account): your changes wait here until you sign out and sign in again.';
  await fakeSync(page, joined({ online: true, pending: 0, conflicts: 0, waiting: [reason], signInAgain: true }), []);
  await signInAsAva(page);
  const indicator = page.getByRole('group', { name: en['sync.label'] });
  await indicator.getByText(en['sync.online']).hover();
  await expect(page.getByRole('tooltip')).toContainText(reason);
  // One live region says the state, and stays while the indicator moves from the header to a
  // row under it: the indicator's own region was drawn anew there, and a screen reader could miss it.
  await expect(page.locator('header').getByRole('group', { name: en['sync.label'] })).toBeVisible();
  const live = page.getByRole('status').filter({ hasText: en['sync.online'] });
  await expect(live).toHaveText(`${en['sync.online']}, ${en['sync.signInAgain']}`);
  const region = await live.elementHandle();
  await page.setViewportSize({ width: 420, height: 800 });
  await expect(page.locator('header').getByRole('group', { name: en['sync.label'] })).toHaveCount(0);
  await expect(indicator).toBeVisible();
  expect(await region!.evaluate((e) => e.isConnected)).toBe(true);
  // One region still (its words are there for a few seconds only: briefText.ts).
  await expect(page.getByTestId('sync-live')).toHaveCount(1);
  // What is scrolled into view at the top stops under the header and that row, not behind them.
  const row = (await indicator.boundingBox())!;
  expect(await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop))).toBeGreaterThanOrEqual(row.y + row.height);
  await indicator.getByRole('button', { name: en['sync.signInAgain'] }).click();
  await expect(page.getByRole('heading', { level: 1, name: en['signIn.title'] })).toBeVisible();
});

test('when no one at the desk has a hub session, the header says to sign in again, not that the hub cannot be reached, in both languages', async ({ page }) => {
  const url = 'http://hub.example.test:4180';
  await fakeSync(page, joined({ online: false, noSession: true, signInAgain: true, pending: 2, conflicts: 0, waiting: ['Nobody at this desk has a current hub session: sign in to sync.'] }), []);
  await signInAsAva(page);
  const check = async (d: typeof fa) => {
    const indicator = page.getByRole('group', { name: d['sync.label'] });
    await expect(indicator).toContainText(d['sync.noSession']);
    await expect(indicator).not.toContainText(d['sync.offline']);
    await indicator.getByText(d['sync.noSession']).hover();
    const tip = page.getByRole('tooltip');
    // The url is isolated in Persian: the sentence up to it.
    await expect(tip).toContainText(d['sync.noSessionDetail'].split('{url}')[0]!);
    await expect(tip).toContainText(url);
    await expect(tip).not.toContainText(d['sync.offlineDetail'].split('{url}')[1]!);
    await expect(indicator.getByRole('button', { name: d['sync.signInAgain'] })).toBeVisible();
  };
  await check(en);
  await expect(page.getByRole('tooltip')).toContainText('Sign in again to send your changes: your hub session ended');
  await page.goto(`${page.url().replace(/[?#].*$/, '')}?lang=fa#/`);
  await page.reload();
  await check(fa);
});

// As in a11y.spec.ts: colours follow the scheme and layout the direction and width, so two
// combinations see both schemes, both directions and both widths.
const COMBINATIONS = [
  { lang: 'en', scheme: 'light', width: 1440 },
  { lang: 'fa', scheme: 'dark', width: 820 },
] as const;

/** Whether two boxes share any pixel. */
const intersect = (a: { x: number; y: number; width: number; height: number }, b: typeof a): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test('why changes wait is said in the reader’s language, the name kept as written; at phone width the state is in words', async ({ page }) => {
  const waiting = [
    'Changes by Ben Okafor wait until they sign in at this desk again: their hub session has ended.',
    'Nobody at this desk has a current hub session: sign in to sync.',
    // Deactivated at the hub while the desk was offline, she worked here: her changes are held.
    'Zoe Park’s account was deactivated at the hub: the changes they made at this desk are kept here and not sent. To send them, an admin turns the account back on at the hub and Zoe Park signs in here; otherwise a supervisor redoes what is still needed.',
  ];
  // At phone width, where the header once cut the word "Offline" to a pixel for lack of room.
  await page.setViewportSize({ width: 420, height: 800 });
  const sync = await fakeSync(page, joined({ waiting }), []);
  await signInAsAva(page);
  const drawn = async (d: typeof fa, state: 'sync.offline' | 'sync.noSession' = 'sync.offline') => {
    const indicator = page.getByRole('group', { name: d['sync.label'] });
    await expect(indicator.getByRole('link')).toBeVisible();
    // The state in words, drawn (not only there for a screen reader), the conflicts with it,
    // the whole within the window and clear of the lookup field: with a link to follow it has
    // a row of its own under the header (beside the field, "Hub session ended · 12 pending"
    // and "Sign in again ⚠ 3 conflicts" ran over it).
    expect((await indicator.getByText(d[state], { exact: true }).boundingBox())!.width).toBeGreaterThan(20);
    const box = (await indicator.boundingBox())!;
    const field = (await page.getByRole('textbox', { name: d['lookup.label'] }).boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(page.viewportSize()!.width);
    expect(intersect(box, field)).toBe(false);
    for (const link of await indicator.locator('a, button').all()) expect(intersect((await link.boundingBox())!, field)).toBe(false);
    expect(await indicator.evaluate((e) => e.scrollWidth - e.clientWidth)).toBeLessThanOrEqual(0);
  };
  const tooltip = async (d: typeof fa) => {
    await drawn(d);
    await page.getByRole('group', { name: d['sync.label'] }).getByText(d['sync.offline']).hover();
    return page.getByRole('tooltip');
  };
  await expect(await tooltip(en)).toContainText(waiting[0]!);
  await page.goto(`${page.url().replace(/[?#].*$/, '')}?lang=fa#/`);
  await page.reload();
  const tip = await tooltip(fa);
  await expect(tip).toContainText(fa['apiError.waitsForSignIn'].replace('{name}', '\u2068Ben Okafor\u2069'));
  await expect(tip).toContainText(fa['apiError.noHubSession']);
  await expect(tip).toContainText(fa['apiError.heldDeactivated'].replaceAll('{name}', '\u2068Zoe Park\u2069'));
  await expect(tip).not.toContainText('wait until');
  await expect(tip).not.toContainText('deactivated');
  const shots = process.env.TAGDESK_SCREENS_DIR;
  if (shots) await page.screenshot({ path: join(shots, 'indicator-waiting-fa.png'), clip: { x: 0, y: 0, width: 420, height: 320 } });
  // The longest the indicator says: the session ended, two-digit pending, conflicts too.
  sync.change(joined({ online: false, noSession: true, signInAgain: true, pending: 12, conflicts: 3 }));
  await expect(page.getByRole('group', { name: fa['sync.label'] }).getByRole('button', { name: fa['sync.signInAgain'] })).toBeVisible();
  await drawn(fa, 'sync.noSession');
  // The row stays in sight over the page as it scrolls, on an opaque ground: in the dark scheme
  // its tint is translucent, and the page's text showed through it.
  await page.emulateMedia({ colorScheme: 'dark' });
  const ground = await page.getByRole('group', { name: fa['sync.label'] }).evaluate((e) => getComputedStyle(e).backgroundColor);
  expect(ground).toMatch(/^rgb\(/);
  // At 780 px, on one line in the header, it left the lookup field 134 px: the row again.
  await page.setViewportSize({ width: 780, height: 800 });
  await drawn(fa, 'sync.noSession');
  expect((await page.getByRole('textbox', { name: fa['lookup.label'] }).boundingBox())!.width).toBeGreaterThan(300);
});

test('axe finds nothing on the conflicts page, English and Persian, light and dark, narrow and wide', async ({ page, dataDir }) => {
  test.setTimeout(120_000);
  const tickets = demoTickets(dataDir);
  const shots = process.env.TAGDESK_SCREENS_DIR;
  if (shots) mkdirSync(shots, { recursive: true });
  const found: string[] = [];
  await fakeSync(page, joined(), conflictsOn(tickets, Date.now()));
  await signInAsAva(page);
  const base = page.url().replace(/[?#].*$/, '');
  for (const { lang, scheme, width } of COMBINATIONS) {
    const d = lang === 'fa' ? fa : en;
    await page.setViewportSize({ width, height: 900 });
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await page.goto(`${base}?lang=${lang}#/sync/conflicts`);
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('dir', lang === 'fa' ? 'rtl' : 'ltr');
    await expect(page.getByRole('heading', { level: 1, name: d['conflicts.title'] })).toBeVisible();
    await expect(page.getByRole('listitem')).toHaveCount(2);
    await expect(page.getByRole('group', { name: d['sync.label'] })).toContainText(d['sync.offline']);
    for (const v of await axeViolations(page)) found.push(`${lang} ${scheme} ${width}: ${v}`);
    if (shots) await page.screenshot({ path: join(shots, `conflicts-${lang}-${scheme}-${width}.png`) });
  }
  expect(found).toEqual([]);
});

test('a desk whose clock is 10 minutes off says so on every page, in words, in both languages, and stops once the clock is right', async ({ page }) => {
  // The desk's engine measures the offset from each hub answer (src/hub/clockSkew.test.ts); here the status plays it.
  const sync = await fakeSync(page, joined({ online: true, pending: 0, conflicts: 0, clockSkewMs: 10 * 60_000 + 12_000 }), []);
  await signInAsAva(page);
  const warning = page.getByRole('alert').filter({ hasText: 'This computer’s clock is 10 minutes fast.' });
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('Set this computer’s clock right');
  const shots = process.env.TAGDESK_SCREENS_DIR;
  const shoot = async (name: string) => {
    for (const width of [420, 1366]) {
      for (const scheme of ['light', 'dark'] as const) {
        await page.setViewportSize({ width, height: 800 });
        await page.emulateMedia({ colorScheme: scheme });
        if (shots) await page.screenshot({ path: join(shots, `clock-${name}-${width}-${scheme}.png`) });
        // Legible in both schemes (contrast, names): axe over the warning alone, once a scheme
        // (its colours and names do not change with the width).
        if (width === 420) expect(await axeViolations(page, '[data-testid="clock-warning"]')).toEqual([]);
        // Within the window at phone width: nothing to scroll sideways.
        expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      }
    }
  };
  await shoot('en');
  // A day slow (a dead CMOS battery), in Persian: in days, "behind".
  sync.change(joined({ online: true, pending: 0, conflicts: 0, clockSkewMs: -26 * 60 * 60_000 }));
  await page.goto(`${page.url().replace(/[?#].*$/, '')}?lang=fa#/`);
  await page.reload();
  await expect(page.getByRole('alert').filter({ hasText: 'ساعت این رایانه ۲۶ ساعت عقب است.' })).toBeVisible();
  await shoot('fa');
  // Set right: the warning goes, without a reload.
  sync.change(joined({ online: true, pending: 0, conflicts: 0, clockSkewMs: 300 }));
  await expect(page.getByTestId('clock-warning')).toHaveCount(0);
});

test('a hub restored from an older backup is a notice on every page, with the reader’s lost changes sent again and those refused, in both languages, until dismissed', async ({ page }) => {
  // The desk finds and keeps it (src/hub/hubRestored.test.ts, hubRestoredNotice.test.ts); here the status plays it.
  const at = Date.now() - 20 * 60_000;
  await fakeSync(page, joined({ online: true, pending: 0, conflicts: 0, hubRestored: { at, mine: 2, waiting: 0, refused: 1 } }), []);
  await signInAsAva(page);
  const notice = page.getByRole('alert').filter({ hasText: en['hubRestored.title'] });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('2 changes you made at this desk were among them.');
  // Sent again by the desk; the one the hub refused is the author's sync conflict.
  await expect(notice.getByTestId('hub-restored-resent')).toHaveText(`${en['hubRestored.sent']} ${en['hubRestored.refused_one'].replace('{count}', '1')}`);
  const shots = process.env.TAGDESK_SCREENS_DIR;
  const shoot = async (name: string) => {
    // Pictures at both widths when asked for; the checks at phone width, where it wraps most.
    for (const width of shots ? [420, 1366] : [420]) {
      for (const scheme of ['light', 'dark'] as const) {
        await page.setViewportSize({ width, height: 800 });
        await page.emulateMedia({ colorScheme: scheme });
        await page.evaluate(() => window.scrollTo(0, 0));
        if (shots) await page.screenshot({ path: join(shots, `hub-restored-${name}-${width}-${scheme}.png`) });
        // Legible in both schemes (contrast, names; the same at any width): axe over the notice alone.
        if (width === 420) expect(await axeViolations(page, '[data-testid="hub-restored"]')).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      }
    }
  };
  await shoot('en');
  await page.goto(`${page.url().replace(/[?#].*$/, '')}?lang=fa#/`);
  await page.reload();
  const persian = page.getByRole('alert').filter({ hasText: fa['hubRestored.title'] });
  await expect(persian).toContainText('۲ تغییری که شما در این میز داده بودید');
  await expect(persian.getByTestId('hub-restored-resent')).toContainText('هاب ۱ مورد از آن‌ها را نپذیرفت');
  await shoot('fa');
  // Dismissed: it goes, without a reload.
  await persian.getByRole('button', { name: fa['common.dismiss'] }).click();
  await expect(page.getByTestId('hub-restored')).toHaveCount(0);
});

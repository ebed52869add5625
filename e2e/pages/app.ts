import { expect, type Browser, type Locator, type Page } from '@playwright/test';
import { en } from '../../src/renderer/i18n/en';
import { fa } from '../../src/renderer/i18n/fa';

// The shell every signed-in screen shares: the lookup field, the navigation, the user menu.
// Locators use roles and accessible names (from the English dictionary), never CSS classes.

export class App {
  readonly lookupField: Locator;
  readonly lookupAlert: Locator;
  readonly nav: Locator;

  constructor(readonly page: Page) {
    this.lookupField = page.getByRole('textbox', { name: en['lookup.label'] });
    this.lookupAlert = page.getByRole('alert').filter({ has: page.getByText(/./) }).first();
    this.nav = page.getByRole('navigation', { name: en['nav.label'] });
  }

  heading(name: string | RegExp): Locator {
    return this.page.getByRole('heading', { level: 1, name });
  }

  /** Types a query into the lookup field and presses Enter. */
  async lookup(query: string): Promise<void> {
    await this.lookupField.fill(query);
    await this.lookupField.press('Enter');
  }

  async openUserMenu(): Promise<void> {
    await this.page.getByRole('button', { name: /account menu/ }).click();
  }

  /** Back to the user picker and in as someone else; the screen (URL hash) is kept. */
  async switchUser(name: string): Promise<void> {
    await this.openUserMenu();
    await this.page.getByRole('menuitem', { name: en['user.switch'] }).click();
    await new SignIn(this.page).chooseUser(name);
  }

  async signedInAs(name: string): Promise<void> {
    await expect(this.page.getByRole('button', { name: en['user.menu'].replace('{name}', name) })).toBeVisible();
  }

  async goToQueues(): Promise<void> {
    await this.nav.getByRole('link', { name: en['nav.queues'] }).click();
    await expect(this.heading(en['queues.title'])).toBeVisible();
  }
}

export class SignIn {
  constructor(readonly page: Page) {}

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: en['signIn.title'] });
  }

  async chooseUser(name: string): Promise<App> {
    await expect(this.heading).toBeVisible();
    await this.page.getByRole('button', { name: new RegExp(`^${name}\\b`) }).click();
    const app = new App(this.page);
    await app.signedInAs(name);
    return app;
  }
}

/** A fresh page: first start (if shown) with demo data, then sign in as `name`. */
export async function signInAs(page: Page, name: string): Promise<App> {
  const demo = page.getByRole('button', { name: en['firstStart.demoButton'] });
  const signIn = new SignIn(page);
  await expect(demo.or(signIn.heading)).toBeVisible();
  if (await demo.isVisible()) await demo.click();
  return signIn.chooseUser(name);
}

/** A fresh page (its desk already started): Persian chosen on the sign-in screen, then `name` signed in. */
export async function signInInPersian(page: Page, name: string): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: en['signIn.title'] })).toBeVisible();
  await page.getByText(fa['language.fa'], { exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.getByRole('button', { name: new RegExp(`^${name}\\b`) }).click();
  await expect(page.locator('#main h1')).toBeVisible();
}

/** Opens a desk joined to a hub in a new browser context and signs in with email and password. */
export async function signInWithPassword(browser: Browser, url: string, email: string, password: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(url);
  await page.getByRole('textbox', { name: en['signIn.email'] }).fill(email);
  await page.getByLabel(new RegExp(`^${en['signIn.password']}`)).fill(password);
  await page.getByRole('button', { name: en['signIn.submit'] }).click();
  await expect(page.getByRole('navigation', { name: en['nav.label'] })).toBeVisible();
  return page;
}

// A table too wide for its box scrolls sideways inside Mantine's scroll container (and the
// shell says so under it, scrollHints.ts); a page that fits its window has none wider than its box.
const SCROLLER = '.mantine-TableScrollContainer-scrollContainer';

/** Neither the page nor any table in `region` is wider than its box. */
export async function noSidewaysScroll(page: Page, region: Locator) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  const tables = await region.locator('table').evaluateAll((all, scroller) =>
    all.map((table) => {
      const box = table.closest(scroller) ?? table.parentElement!;
      return { table: Math.round(table.getBoundingClientRect().width), box: box.clientWidth, scrolls: box.scrollWidth - box.clientWidth };
    }),
    SCROLLER,
  );
  expect(tables.length).toBeGreaterThan(0);
  for (const t of tables) {
    expect(t.table).toBeLessThanOrEqual(t.box);
    expect(t.scrolls).toBeLessThanOrEqual(0);
  }
}

/** Shown, and whole inside its table's box: not off its side, behind a sideways scroll. */
export async function readable(fact: Locator) {
  // The one shown: the wide table's cell and the narrow block's line are both in the page.
  fact = fact.filter({ visible: true });
  await expect(fact).toBeVisible();
  const inside = await fact.evaluate((el, scroller) => {
    const r = el.getBoundingClientRect();
    const box = (el.closest(scroller) ?? document.documentElement).getBoundingClientRect();
    return r.left >= box.left - 1 && r.right <= box.right + 1;
  }, SCROLLER);
  expect(inside).toBe(true);
}

/**
 * A value as an English sentence of the window holds it: one in a right-to-left script sits in
 * its own window (FSI … PDI, the i18n's interpolate), so "Keep: پریسا احمدی" reads as it should.
 */
export const inEnglishSentence = (value: string): string => (/[\u0590-\u08ff]/.test(value) && !value.includes('\u2068') ? `\u2068${value}\u2069` : value);

/** Windows opened on one desk's address in a test (two people at one desk), closed together in the test's `finally`. */
export function deskWindows(browser: Browser, url: string) {
  const pages: Page[] = [];
  const blank = async (): Promise<Page> => {
    const page = await browser.newPage();
    pages.push(page);
    await page.goto(url);
    return page;
  };
  return {
    blank,
    async signedIn(name: string): Promise<{ page: Page; app: App }> {
      const page = await blank();
      return { page, app: await signInAs(page, name) };
    },
    async closeAll(): Promise<void> {
      for (const page of pages) await page.close();
    },
  };
}

import { expect } from '@playwright/test';
import { en } from '../src/renderer/i18n/en';
import { fa } from '../src/renderer/i18n/fa';
import { test } from './fixtures';
import { signInInPersian } from './pages/app';

// A Persian-speaking admin enters a holiday in the Solar Hijri calendar, by picking it in a
// Saturday-first Jalali month or by typing it in Persian digits, and the desk stores the same
// ISO date an English admin sees in their date field.

test('a holiday picked in the Jalali calendar is stored as its ISO date', async ({ page }) => {
  await signInInPersian(page, 'Omar Haddad');
  await page.evaluate(() => (window.location.hash = '#/admin/sla/calendar/std-weekdays'));
  await page.getByRole('button', { name: fa['slaEdit.addHoliday'] }).click();

  const date = page.getByRole('textbox', { name: /^تاریخ / }).last();
  // A date that is not a Jalali day is kept as typed and named under the field.
  await date.fill('۱۴۰۴/۱۲/۳۰');
  await expect(page.getByText(fa['date.invalidJalali'])).toBeVisible();
  await expect(date).toHaveValue('۱۴۰۴/۱۲/۳۰');

  // Typed in Persian digits: Nowruz 1405.
  await date.fill('۱۴۰۵/۰۱/۰۱');

  // Picked in the calendar, which opens on the month typed: Sizdah Bedar, 13 Farvardin.
  await page.getByRole('button', { name: /^انتخاب تاریخ .* در تقویم$/ }).last().click();
  const month = page.locator('.mantine-Popover-dropdown');
  await expect(month.getByRole('table', { name: 'فروردین ۱۴۰۵' })).toBeVisible();
  await expect(month.locator('thead abbr').first()).toHaveAttribute('title', 'شنبه');
  await month.getByRole('button', { name: /۱۳ فروردین ۱۴۰۵/ }).click();
  await expect(date).toHaveValue('۱۴۰۵/۰۱/۱۳');

  await page.getByRole('textbox', { name: /^نام تعطیلی|^نام / }).last().fill('سیزده‌به‌در');
  await page.getByRole('button', { name: fa['slaEdit.saveCalendar'] }).click();
  await expect(page.getByRole('alert').or(page.locator('.mantine-Notification-root')).first()).toBeVisible();

  // In English the same holiday is the ISO date in the browser's date field.
  await page.locator('nav button[aria-haspopup="menu"]').last().click();
  await page.getByRole('menuitem', { name: en['language.en'] }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await page.evaluate(() => (window.location.hash = '#/admin/sla'));
  await page.evaluate(() => (window.location.hash = '#/admin/sla/calendar/std-weekdays'));
  await expect(page.locator('input[type="date"]').last()).toHaveValue('2026-04-02');
});

// Business hours, years and SLA targets in the digits the reader chose: shown in Persian
// digits, typed in Persian (or Latin) digits, stored as the same ASCII values English shows.
test('business hours, years and SLA targets take and show Persian digits', async ({ page }) => {
  // Three screens, two saves and a language switch: 15 s on CI, past 30 s on a loaded machine.
  test.setTimeout(60_000);
  await signInInPersian(page, 'Omar Haddad');
  await page.evaluate(() => (window.location.hash = '#/admin/sla/calendar/std-weekdays'));

  const opens = page.getByRole('textbox', { name: /: ساعت شروع/ });
  const closes = page.getByRole('textbox', { name: /: ساعت پایان/ });
  await expect(opens.first()).toHaveValue(/^[۰-۹]{2}:[۰-۹]{2}$/);
  const yearFrom = page.getByRole('textbox', { name: fa['slaEdit.yearFrom'] });
  await expect(yearFrom).toHaveValue(/^[۰-۹]{4}$/);

  // Persian digits typed in one field, Latin in another: both are shown in Persian digits.
  await opens.first().fill('۰۸:۳۰');
  await expect(opens.first()).toHaveValue('۰۸:۳۰');
  await closes.first().fill('');
  await closes.first().pressSequentially('18:15');
  await expect(closes.first()).toHaveValue('۱۸:۱۵');
  await yearFrom.fill('۲۰۲۵');
  await expect(yearFrom).toHaveValue('۲۰۲۵');
  await yearFrom.press('ArrowUp');
  await expect(yearFrom).toHaveValue('۲۰۲۶');
  // The years are Gregorian; the Solar Hijri years they span are written under them.
  await expect(page.getByText(fa['slaEdit.yearSolar'].replace('{years}', '۱۴۰۴–۱۴۰۵')).first()).toBeVisible();
  await page.getByRole('button', { name: fa['slaEdit.saveCalendar'] }).click();
  await expect(page.locator('.mantine-Notification-root').first()).toBeVisible();

  // An SLA target typed in Persian digits, with its hint in words and Persian digits.
  await page.evaluate(() => (window.location.hash = '#/admin/sla'));
  const policy = page.locator('a[href^="#/admin/sla/policy/"]:not([href$="/new"])').first();
  const policyHref = (await policy.getAttribute('href')) ?? '';
  await policy.click();
  const target = page.getByRole('textbox', { name: /^اولویت .*، هدف .* به دقیقه$/ }).first();
  await expect(target).toHaveValue(/^[۰-۹]+$/);
  await target.fill('۹۰');
  await expect(target).toHaveValue('۹۰');
  await expect(page.getByText(fa['slaEdit.equals'].replace('{time}', fa['duration.hm'].replace('{h}', '۱').replace('{m}', '۳۰')))).toBeVisible();
  await page.getByRole('button', { name: fa['slaEdit.savePolicy'] }).click();
  await expect(page.locator('.mantine-Notification-root').first()).toBeVisible();

  // In English the same values are the ASCII the desk stores.
  await page.locator('nav button[aria-haspopup="menu"]').last().click();
  await page.getByRole('menuitem', { name: en['language.en'] }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await page.evaluate((href) => (window.location.hash = href), policyHref);
  await expect(page.getByRole('textbox', { name: /first response/i }).first()).toHaveValue('90');
  await page.evaluate(() => (window.location.hash = '#/admin/sla/calendar/std-weekdays'));
  await expect(page.getByRole('textbox', { name: /opens/i }).first()).toHaveValue('08:30');
  await expect(page.getByRole('textbox', { name: /closes/i }).first()).toHaveValue('18:15');
  await expect(page.getByRole('textbox', { name: en['slaEdit.yearFrom'] })).toHaveValue('2026');
});

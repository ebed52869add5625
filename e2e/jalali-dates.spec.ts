import { expect } from '@playwright/test';
import { en } from '../src/renderer/i18n/en';
import { fa } from '../src/renderer/i18n/fa';
import { test } from './fixtures';

// A Persian-speaking admin enters a holiday in the Solar Hijri calendar, by picking it in a
// Saturday-first Jalali month or by typing it in Persian digits, and the desk stores the same
// ISO date an English admin sees in their date field.

test('a holiday picked in the Jalali calendar is stored as its ISO date', async ({ page }) => {
  await expect(page.getByRole('heading', { level: 1, name: en['signIn.title'] })).toBeVisible();
  await page.getByText(fa['language.fa'], { exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.getByRole('button', { name: /^Omar Haddad/ }).click();
  await expect(page.locator('#main h1')).toBeVisible();
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

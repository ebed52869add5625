import { fa } from '../src/renderer/i18n/fa';
import { en } from '../src/renderer/i18n/en';
import { expect, test } from './fixtures';
import type { Page } from '@playwright/test';
import { noSidewaysScroll, readable } from './pages/app';
import { reveal } from './pages/board';

// How the supervisor's board reads: every count's label whole in each queue cell (Persian's
// longer words too), at 420 px every queue and attainment figure without scrolling sideways, and the weekly satisfaction chart's score axis 1–5 with each label on its
// gridline and room above the top score.

async function openBoard(page: Page, lang: 'en' | 'fa', width: number) {
  await page.setViewportSize({ width, height: 1000 });
  await expect(page.getByRole('heading', { level: 1, name: en['signIn.title'] })).toBeVisible();
  if (lang === 'fa') {
    await page.getByText(fa['language.fa'], { exact: true }).click();
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  }
  await page.getByRole('button', { name: /^Grace Chen/ }).click();
  await expect(page.locator('#main h1')).toBeVisible();
  await page.evaluate(() => (window.location.hash = '#/overview'));
  const dict = lang === 'fa' ? fa : en;
  await expect(page.getByRole('heading', { level: 1, name: dict['overview.title'] })).toBeVisible();
}

for (const [lang, width] of [['fa', 1400], ['en', 1440], ['fa', 760], ['en', 760]] as const) {
  test(`no count's label is cut short in a queue cell (${lang}, ${width} px)`, async ({ page }) => {
    test.setTimeout(60_000);
    await openBoard(page, lang, width);
    const breached = (lang === 'fa' ? fa : en)['board.stat.breached'];
    const labels = page.getByRole('main').getByText(breached, { exact: true });
    await expect(labels.first()).toBeVisible();
    expect(await labels.count()).toBeGreaterThanOrEqual(15);
    // A label cut short is wider inside than its box (and ends in an ellipsis).
    const cut = await page.getByRole('main').locator('table').first().evaluate((table) =>
      [...table.querySelectorAll('button[data-tone] > span:first-child')]
        .filter((el) => el.scrollWidth > el.clientWidth + 1)
        .map((el) => el.textContent),
    );
    expect(cut).toEqual([]);
    // The low scores to follow up: each score, ticket number and "Mark followed up" whole (at
    // 1440 px the button read "Mark followe", a score "2..", a number broke as "T-" over "000087").
    const followUps = page.getByRole('region', { name: new RegExp(`^${(lang === 'fa' ? fa : en)['csat.followUps']}`) });
    await reveal(followUps);
    await expect(followUps.getByRole('link').first()).toBeVisible();
    const squeezed = await followUps.evaluate((region) =>
      [...region.querySelectorAll('button, a, .mantine-Badge-root')]
        .filter((el) => {
          const label = el.querySelector('.mantine-Button-label, .mantine-Badge-label') ?? el;
          const lines = el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight || '20');
          return label.scrollWidth > label.clientWidth + 1 || (el.tagName === 'A' && lines > 1.5);
        })
        .map((el) => el.textContent),
    );
    expect(squeezed).toEqual([]);
  });
}

// At 420 px a segment is its name with each tier's queue under it, named, and its four
// attainment figures under it, each named by target and window: none off the box's side; the
// satisfaction table fits as it is.
for (const lang of ['en', 'fa'] as const) {
  test(`at 420 px every queue and attainment figure reads without scrolling sideways (${lang})`, async ({ page }) => {
    test.setTimeout(60_000);
    await openBoard(page, lang, 420);
    const dict = lang === 'fa' ? fa : en;
    const grid = page.getByRole('region', { name: dict['overview.grid'], exact: true });
    const home = grid.getByRole('row').filter({ hasText: dict['segment.home'] });
    // The last tier's queue: its name, and its breached count.
    await readable(home.getByText(dict['tier.3'], { exact: true }));
    await readable(home.getByText(dict['board.stat.breached'], { exact: true }).last());
    await noSidewaysScroll(page, grid);

    const attainment = page.getByRole('region', { name: dict['board.attainment'], exact: true });
    await reveal(attainment);
    const homeFigures = attainment.getByRole('row').filter({ hasText: dict['segment.home'] });
    await readable(homeFigures.getByText(`${dict['slaTarget.resolution']} · ${dict['board.week']}`, { exact: true }));
    await readable(homeFigures.getByRole('cell').last());
    await noSidewaysScroll(page, attainment);

    // The satisfaction table, segment by tier: it scrolled 26 px sideways, a scrolling box
    // without anything a keyboard could focus (axe: scrollable-region-focusable).
    const csat = page.getByRole('region', { name: dict['csat.board'], exact: true });
    await reveal(csat);
    await readable(csat.getByTestId('csat-home-3'));
    await noSidewaysScroll(page, csat);

    // The low scores to follow up: each customer's name whole (it had 91 px here, in Persian
    // 17 px, an ellipsis alone beside the "Mark followed up" button).
    const followUps = page.getByRole('region', { name: new RegExp(`^${dict['csat.followUps']}`) });
    await reveal(followUps);
    const names = followUps.getByTestId('followup-customer');
    await expect(names.first()).toBeVisible();
    expect(await names.evaluateAll((all) => all.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent))).toEqual([]);

    // At 320 px, the narrowest window WCAG's reflow asks for, a tier is the box's whole width:
    // it had stayed 300 px wide and pushed its queue's link 12 px off the box's side.
    await page.setViewportSize({ width: 320, height: 900 });
    for (const region of [grid, attainment, csat]) await noSidewaysScroll(page, region);
    await page.setViewportSize({ width: 420, height: 900 });

    // Each chart's legend names all five segments (or three tiers) inside the chart: on two
    // lines here, it was cut at a fixed height of one.
    await expect(page.locator('.recharts-legend-wrapper')).toHaveCount(3);
    const spilled = await page.locator('.recharts-legend-wrapper').evaluateAll((legends) =>
      legends.flatMap((legend) => {
        const box = legend.getBoundingClientRect();
        return [...legend.querySelectorAll('*')]
          .filter((el) => el.children.length === 0 && (el.textContent ?? '').trim() !== '')
          .filter((el) => el.getBoundingClientRect().bottom > box.bottom + 1)
          .map((el) => el.textContent);
      }),
    );
    expect(spilled).toEqual([]);

    // A ticket's SLA badge in the drill drawer: its tooltip ("First response due Dec 7, 2026,
    // 12:00 PM (United Kingdom time)", longer in Persian) ran past the window's edge; it wraps
    // inside the window now.
    await grid.locator('button[data-tone]:not([disabled])').first().click();
    const drawer = page.getByRole('dialog');
    // It names the queue's tier as the board's rows do: «سطح یک» (it said «سطح ۱»).
    const tier1 = lang === 'fa' ? fa['tier.1'] : 'tier 1';
    await expect(drawer.getByRole('heading', { name: `${dict['board.filter.open']} · ${dict['segment.education']} ${tier1}` })).toBeVisible();
    const badge = drawer.getByRole('table').locator('[data-sla-status]').first();
    await expect(badge).toBeVisible({ timeout: 15_000 });
    await badge.hover();
    const tip = page.getByRole('tooltip');
    await expect(tip).toBeVisible();
    const box = (await tip.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(420);
  });
}

test('the weekly satisfaction chart labels every score from 1 to 5 on its gridline, with room above 5', async ({ page }) => {
  test.setTimeout(60_000);
  await openBoard(page, 'en', 1400);
  const chart = page.getByRole('img', { name: en['csat.trend'] });
  await reveal(chart);
  // Recharts draws the tick labels in a layer of their own: the y axis's are the digits.
  await expect(chart.locator('text.recharts-cartesian-axis-tick-value').first()).toBeVisible();
  const axis = await chart.evaluate((el) => {
    const ticks = [...el.querySelectorAll('text.recharts-cartesian-axis-tick-value')]
      .map((text) => ({ label: text.textContent ?? '', y: Number(text.getAttribute('y')) }))
      .filter((tick) => /^\d+$/.test(tick.label));
    const grid = [...el.querySelectorAll('.recharts-cartesian-grid-horizontal line')].map((l) => Number(l.getAttribute('y1')));
    return { ticks, grid, top: Math.min(...grid) };
  });
  expect(axis.ticks.map((t) => t.label).sort()).toEqual(['1', '2', '3', '4', '5']);
  for (const tick of axis.ticks) expect(axis.grid.some((y) => Math.abs(y - tick.y) < 0.5)).toBe(true);
  const five = axis.ticks.find((t) => t.label === '5')!;
  expect(five.y - axis.top).toBeGreaterThan(4);
});

import { MantineProvider } from '@mantine/core';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, expect, it } from 'vitest';
import { setLocale } from '../i18n/state';
import { DrillMeta } from './DrillMeta';
import drawerSource from './DrillDrawer.tsx?raw';

// A supervisor at 420 px in Persian read «…kson County Administration» under each subject: the
// English name, cut at its start, and no segment or tier after it. The name is now a part of its
// own, in its own direction, and the only part that gives way; the segment and tier are whole.

afterAll(() => setLocale('en', 'latn'));

const row = { createdAt: Date.UTC(2026, 11, 6, 6), customerName: 'Jackson County Administration', segment: 'government', tier: 2 } as const;
const draw = (open = true) => renderToStaticMarkup(createElement(MantineProvider, null, createElement(DrillMeta, { row, now: Date.UTC(2026, 11, 6, 9), open })));
const part = (html: string, name: string) => html.match(new RegExp(`<(\\w+)[^>]*data-part="${name}"[^>]*>(.*?)</\\1>`))?.[0] ?? '';

for (const language of ['fa', 'en'] as const) {
  it(`isolates an English customer name in its own part, cut at its own end, the segment and tier kept whole (${language})`, async () => {
    await setLocale(language, language === 'fa' ? 'arabext' : 'latn');
    const { segmentLabel, tierLabel } = await import('../labels');
    const html = draw();
    const customer = part(html, 'customer');
    expect(customer).toMatch(/^<bdi[^>]*dir="auto"/);
    expect(customer).toContain('>Jackson County Administration</bdi>');
    const queue = part(html, 'queue');
    expect(queue).toContain(segmentLabel('government'));
    expect(queue).toContain(tierLabel(2));
    expect(queue).not.toContain('Jackson');
    // Age, customer, then segment and tier, in that order.
    expect(html.indexOf('data-part="age"')).toBeLessThan(html.indexOf('data-part="customer"'));
    expect(html.indexOf('data-part="customer"')).toBeLessThan(html.indexOf('data-part="queue"'));
  });
}

it('leaves out the age of a closed ticket, and the drawer draws its rows’ line with it', () => {
  expect(draw(false)).not.toContain('data-part="age"');
  expect(drawerSource).toMatch(/<DrillMeta row=\{row\}/);
});

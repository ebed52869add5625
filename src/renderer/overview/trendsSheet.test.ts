import { describe, expect, it } from 'vitest';
import type { Trends } from '../../shared/kb/schemas';
import { fa } from '../i18n/fa';
import { trendsSheet, type TrendsSheetWords } from './trendsSheet';

const week = (d: number) => Date.UTC(2026, 10, d);
const data: Trends = {
  weeks: [week(16), week(23), week(30)],
  perProduct: [],
  series: [{ productLine: 'Latitude', category: 'battery', counts: [1, 2, 9], upper: 4, warning: true }],
  featureRequests: [{ productLine: 'XPS', n: 2, examples: ['=HYPERLINK("x")', 'a darker theme'] }],
  recounting: false,
};
// The Persian words the board gives it (KnowledgeBoard.tsx's trendsWords, from fa.ts).
const persian: TrendsSheetWords = {
  col: { week: fa['trends.col.week'], productLine: fa['trends.productLine'], category: fa['trends.category'], tickets: fa['trends.col.tickets'], warning: fa['trends.col.warning'], requests: fa['trends.requests'], examples: fa['trends.col.examples'] },
  category: (c) => fa[`category.${c}`],
  rising: fa['trends.rising'],
};

describe('the board’s product trends as CSV', () => {
  it('has Persian headings, categories and mark for a Persian reader, with weeks and counts a spreadsheet reads', () => {
    const { filename, csv } = trendsSheet(data, 'tickets', persian, Date.UTC(2026, 11, 7));
    expect(filename).toBe('ticket-trends-2026-12-07.csv');
    expect(csv.startsWith('\ufeff')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('هفته,خط محصول,دسته,تیکت‌ها,هشدار');
    expect(lines[1]).toBe(`2026-11-16,Latitude,${fa['category.battery']},1,`);
    expect(lines[3]).toBe(`2026-11-30,Latitude,${fa['category.battery']},9,${fa['trends.rising']}`);
    // No English word of the desk's own (product lines are names, kept as written).
    expect(lines.join('\n').replaceAll('Latitude', '')).not.toMatch(/[A-Za-z]/);
  });

  it('writes feature requests with the caller’s words kept as text, not run as a formula', () => {
    const { filename, csv } = trendsSheet(data, 'features', persian, Date.UTC(2026, 11, 7));
    expect(filename).toBe('feature-requests-2026-12-07.csv');
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('خط محصول,درخواست‌ها,نمونه‌ها');
    expect(lines[1]).toBe('XPS,2,"\'=HYPERLINK(""x"") | a darker theme"');
  });
});

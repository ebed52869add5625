import { describe, expect, it } from 'vitest';
import { displayWidth, labelled, padStart } from './columns';

describe('columns on a terminal', () => {
  it('count what the terminal shows: no column for joiners, isolates, marks; two for a wide character', () => {
    expect(displayWidth('حل‌شده')).toBe(5);
    expect(displayWidth('کسب‌وکار کوچک سطح ۱')).toBe(18);
    expect(displayWidth('\u2068/tmp/desk\u2069')).toBe(9);
    expect(displayWidth('\u200e--data\u200e')).toBe(6);
    expect(displayWidth('مقالهٔ')).toBe(5);
    expect(displayWidth('東京')).toBe(4);
    expect(padStart('بی‌مسئول', 10)).toBe('   بی‌مسئول');
  });

  it('line up the values after labels of different widths', () => {
    expect(labelled(['Desk\t/tmp/d', 'Customers\t40'])).toEqual(['Desk        /tmp/d', 'Customers   40']);
    expect(labelled(['مشتری‌ها\t۴۰', 'حل‌شده\t۳ امروز']).map(displayWidth)).toEqual([12, 17]);
  });
});

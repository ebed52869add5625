import { expect, it } from 'vitest';
import { shareOfAll } from './labels';

it('never calls a count that is there "0 %" of all, nor one short of all "100 %"', () => {
  expect(shareOfAll(2, 3000)).toBe('under 1 % of all');
  expect(shareOfAll(0, 3000)).toBe('0 % of all');
  expect(shareOfAll(2999, 3000)).toBe('over 99 % of all');
  expect(shareOfAll(3000, 3000)).toBe('100 % of all');
  expect(shareOfAll(750, 3000)).toBe('25 % of all');
});

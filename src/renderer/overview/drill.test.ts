import { expect, it } from 'vitest';
import { chartTargetOf } from './drill';

// The supervisor leaves the board for a ticket and comes back many times a shift: the
// attainment chart shows the target she chose last, not resolution again each time.

it('reads back the attainment chart’s target as it was stored', () => {
  expect(chartTargetOf(JSON.stringify('firstResponse'))).toBe('firstResponse');
  expect(chartTargetOf(JSON.stringify('resolution'))).toBe('resolution');
});

it('shows resolution when nothing, or nothing it knows, was stored', () => {
  expect(chartTargetOf(undefined)).toBe('resolution');
  expect(chartTargetOf('"nextResponse"')).toBe('resolution');
  expect(chartTargetOf('not json')).toBe('resolution');
});

import { describe, expect, it } from 'vitest';
import { band } from './trends';

describe('early warning band', () => {
  it('warns when the last week rises beyond the usual band of the weeks before', () => {
    expect(band([4, 5, 3, 4, 5, 4, 12]).warning).toBe(true);
    expect(band([4, 5, 3, 4, 5, 4, 6]).warning).toBe(false);
  });
  it('does not warn on a quiet series for a couple of tickets', () => expect(band([0, 0, 0, 0, 1, 0, 2]).warning).toBe(false));
  it('needs four weeks of the series’ own history before it warns', () => {
    expect(band([0, 0, 0, 0, 0, 1, 2, 1, 9]).warning).toBe(false);
    expect(band([0, 0, 0, 0, 1, 2, 1, 2, 9]).warning).toBe(true);
  });
});

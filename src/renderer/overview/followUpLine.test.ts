import { describe, expect, it } from 'vitest';
import { followUpLine } from './followUpLine';

const FSI = '\u2068';
const PDI = '\u2069';

describe('the line under a low score to follow up', () => {
  it('isolates the comment, the segment and the date, in that order', () => {
    // An English comment on a Persian board: each piece keeps its own direction and place.
    expect(followUpLine('Printer still jams', 'آموزش', '۱۵ آذر ۱۴۰۵، ۱۰:۳۰')).toBe(
      `${FSI}Printer still jams${PDI} · ${FSI}آموزش${PDI} · ${FSI}۱۵ آذر ۱۴۰۵، ۱۰:۳۰${PDI}`,
    );
    // A Persian comment on an English board.
    expect(followUpLine('هنوز گیر می‌کند', 'Education', 'Dec 6, 2026, 10:30 AM')).toBe(
      `${FSI}هنوز گیر می‌کند${PDI} · ${FSI}Education${PDI} · ${FSI}Dec 6, 2026, 10:30 AM${PDI}`,
    );
  });

  it('says a dash for no comment', () => {
    expect(followUpLine('  ', 'Business', 'today')).toBe(`${FSI}—${PDI} · ${FSI}Business${PDI} · ${FSI}today${PDI}`);
  });
});

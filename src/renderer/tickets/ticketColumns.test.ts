import { describe, expect, it } from 'vitest';
import { cutUnder, layoutColumns, MIN_TABLE_WIDTH, subjectWidth, SUBJECT_ROOM, underTitle, type TicketColumn } from './ticketColumns';

// Table widths measured in Chromium: the queue's table at a 1,280 px window is 990 px wide;
// at 1,600 px 1,310; at 800 px (the navigation folded away) 686; at 420 px 380.
const QUEUE: TicketColumn[] = ['due', 'assignee', 'age', 'customer'];
const MINE: TicketColumn[] = ['due', 'age', 'customer', 'tier'];

describe('ticket list columns', () => {
  it('gives the subject at least 400 px at 1,280 px, the rest of the row going under it', () => {
    const layout = layoutColumns(QUEUE, 990);
    expect(layout).toEqual({ columns: ['due'], under: ['assignee', 'age', 'customer'], badgesUnder: false });
    expect(subjectWidth(layout, 990)).toBeGreaterThanOrEqual(SUBJECT_ROOM);
    expect(layoutColumns(MINE, 990)).toEqual({ columns: ['due'], under: ['age', 'customer', 'tier'], badgesUnder: false });
  });

  it('gives a wide window its columns while the subject keeps its room', () => {
    const layout = layoutColumns(QUEUE, 1310);
    expect(layout).toEqual({ columns: ['due', 'assignee', 'age'], under: ['customer'], badgesUnder: false });
    expect(subjectWidth(layout, 1310)).toBeGreaterThanOrEqual(SUBJECT_ROOM);
    expect(layoutColumns(QUEUE, 1800)).toEqual({ columns: ['due', 'assignee', 'age', 'customer'], under: [], badgesUnder: false });
  });

  it('keeps the most useful column while the subject keeps 220 px, else puts everything under the subject', () => {
    expect(layoutColumns(QUEUE, 686)).toEqual({ columns: [], under: QUEUE, badgesUnder: false });
    expect(subjectWidth(layoutColumns(QUEUE, 686), 686)).toBe(290);
    // 1,024 px: the SLA due keeps its column, the subject 358 px.
    expect(layoutColumns(QUEUE, 910)).toEqual({ columns: ['due'], under: ['assignee', 'age', 'customer'], badgesUnder: false });
    expect(subjectWidth(layoutColumns(QUEUE, 910), 910)).toBe(358);
  });

  it('puts the priority and state under the subject too when their columns would leave it less than 220 px, so a narrow window does not scroll sideways', () => {
    // 420 px (the table 380 px) and a window snapped beside a softphone (the table 600 px).
    for (const width of [380, 600]) {
      const layout = layoutColumns(QUEUE, width);
      expect(layout).toEqual({ columns: [], under: QUEUE, badgesUnder: true });
      expect(subjectWidth(layout, width)).toBeGreaterThanOrEqual(220);
      expect(width).toBeGreaterThanOrEqual(MIN_TABLE_WIDTH);
    }
    expect(layoutColumns(QUEUE, 616).badgesUnder).toBe(false);
  });

  it('shows every column before the table is measured, and none is lost', () => {
    expect(layoutColumns(QUEUE, 0)).toEqual({ columns: QUEUE, under: [], badgesUnder: false });
    for (const width of [380, 600, 686, 990, 1310, 2000]) {
      const { columns, under } = layoutColumns(QUEUE, width);
      expect([...columns, ...under].sort()).toEqual([...QUEUE].sort());
    }
  });
});

describe('the title of the line under a subject', () => {
  it('isolates each value in a right-to-left window, so a Latin name keeps its full stop at its end', () => {
    const values = ['۳۷ دقیقه', 'Gleichner, Farrell and Mann Inc.', 'سطح یک'];
    expect(underTitle(values, true)).toBe('\u2068۳۷ دقیقه\u2069 · \u2068Gleichner, Farrell and Mann Inc.\u2069 · \u2068سطح یک\u2069');
    expect(underTitle(['37m', 'Douglas Inc', 'Tier 1'], false)).toBe('37m · Douglas Inc · Tier 1');
  });
});

describe('what the line under a subject may cut', () => {
  it('cuts a name, never "Unassigned" (it read "Unass…" at 420 px) nor a short value', () => {
    expect(cutUnder('customer', false)).toBe(true);
    expect(cutUnder('assignee', true)).toBe(true);
    expect(cutUnder('assignee', false)).toBe(false);
    for (const c of ['age', 'tier', 'segment', 'due'] as const) expect(cutUnder(c, true)).toBe(false);
  });
});

import { isolated } from '../i18n';

// Which of a ticket list's optional columns get a column of their own, and which go on a
// second line under the subject. The table is laid out fixed (its columns must not jump
// as the virtualised rows change while it scrolls), so the widths are known here, and the
// subject gets what is left. A column of its own only while the subject keeps room to be
// read (a window 1,280 px wide left it 220 px: "Wi-Fi drops every few min…"); what does
// not fit is still on the row, under the subject, instead of being dropped.

export type TicketColumn = 'segment' | 'tier' | 'assignee' | 'customer' | 'due' | 'age';

export const COLUMN_WIDTH: Record<TicketColumn, number> = { customer: 200, assignee: 140, tier: 72, segment: 130, due: 156, age: 78 };
/** Ticket number, priority and state: always shown, whole (badges are never cut). */
export const FIXED_WIDTH = { number: 104, priority: 92, state: 200 } as const;
/** The narrowest the subject gets: the table scrolls sideways below this. */
export const SUBJECT_FLOOR = 220;
/** What the subject keeps before a further column of its own is given. */
export const SUBJECT_ROOM = 400;

/**
 * The narrowest the table gets before it scrolls sideways: the ticket number and the subject,
 * with everything else under it (a window snapped beside a softphone, or a phone's width).
 */
export const MIN_TABLE_WIDTH = FIXED_WIDTH.number + SUBJECT_FLOOR;

export interface ColumnLayout {
  /** Columns of their own, in the caller's order. */
  columns: TicketColumn[];
  /** Said under the subject, in the caller's order. */
  under: TicketColumn[];
  /**
   * The priority and state go under the subject too, as badges, when their columns would leave
   * the subject less than SUBJECT_FLOOR: the table then fits, instead of hiding them off the
   * side of a narrow window (at 420 px it was 616 px wide).
   */
  badgesUnder: boolean;
}

/**
 * `wanted` is most useful first. The first one gets its column while the subject keeps
 * SUBJECT_FLOOR, each further one while it keeps SUBJECT_ROOM (on an 800 px window the SLA
 * due goes under a 290 px subject rather than leave it 134 px). Unmeasured (width 0,
 * the first render): every column its own, as a wide window would have them.
 */
export function layoutColumns(wanted: readonly TicketColumn[], width: number): ColumnLayout {
  if (width <= 0) return { columns: [...wanted], under: [], badgesUnder: false };
  if (width - FIXED_WIDTH.number - FIXED_WIDTH.priority - FIXED_WIDTH.state < SUBJECT_FLOOR) return { columns: [], under: [...wanted], badgesUnder: true };
  let subject = width - FIXED_WIDTH.number - FIXED_WIDTH.priority - FIXED_WIDTH.state;
  const own = new Set<TicketColumn>();
  wanted.forEach((c, i) => {
    const keeps = i === 0 ? SUBJECT_FLOOR : SUBJECT_ROOM;
    if (subject - COLUMN_WIDTH[c] >= keeps) {
      own.add(c);
      subject -= COLUMN_WIDTH[c];
    }
  });
  return { columns: wanted.filter((c) => own.has(c)), under: wanted.filter((c) => !own.has(c)), badgesUnder: false };
}

/** The subject's width in a layout (for the record; the table gives it what is left). */
export function subjectWidth(layout: ColumnLayout, width: number): number {
  const badges = layout.badgesUnder ? 0 : FIXED_WIDTH.priority + FIXED_WIDTH.state;
  return width - FIXED_WIDTH.number - badges - layout.columns.reduce((sum, c) => sum + COLUMN_WIDTH[c], 0);
}

/**
 * Whether a value on the line under a subject may be cut (at its own end, with an ellipsis) when
 * the line is too long: a name may, the customer's or the assignee's. "Unassigned" is not a
 * name but a state, as short as the age: cut, it read "Unass…" beside a customer's name at 420 px.
 */
export function cutUnder(column: TicketColumn, assigned: boolean): boolean {
  return column === 'customer' || (column === 'assignee' && assigned);
}

/**
 * The full text of the line under a ticket's subject, as its title (the tooltip over what the
 * ellipsis cut): "Jordan Smith · Unassigned · 35m". A tooltip has no <bdi>, so in a right-to-left
 * window each value is isolated (FSI … PDI) as the dictionary's filled-in values are: otherwise
 * "Gleichner, Farrell and Mann Inc." before " · سطح یک" showed its full stop at its start.
 */
export function underTitle(values: readonly string[], rtl: boolean): string {
  return values.map((v) => (rtl ? isolated(v) : v)).join(' · ');
}

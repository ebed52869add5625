import { attainmentTargetSchema, type AgentSla, type AttainmentWindow, type DrillFilter } from '../../shared/api';
import { formatDuration, formatPercent, t, tc } from '../i18n';
import { segmentLabel, slaTargetLabel, tierInText } from '../labels';
import { openedFromOf } from '../inAppHistory';
import { hrefOf, type AttainmentDrill, type Drill, type QueueDrill } from '../route';

// Words for a drill-down: which tickets ("At risk"), where ("Government tier 1"), and the
// accessible name of the number that opens it ("At risk in Government tier 1: 3",
// "Resolution today in Government: 12 of 14 met (86 %)", "Open tickets of Sam Rivera: 4").

export const filterLabel = (filter: DrillFilter): string => t(`board.filter.${filter}`);
export const windowLabel = (window: AttainmentWindow): string => t(window === 'today' ? 'board.today' : 'board.week');

export function scopeName(drill: Pick<QueueDrill, 'segment' | 'tier'>): string {
  if (drill.segment && drill.tier) return t('board.scope.queue', { segment: segmentLabel(drill.segment), tier: tierInText(drill.tier) });
  if (drill.segment) return t('board.scope.segment', { segment: segmentLabel(drill.segment) });
  if (drill.tier) return t('board.scope.tier', { tier: tierInText(drill.tier) });
  return t('board.scope.all');
}

/** The accessible name of a count on the board. */
export function drillLabel(drill: QueueDrill, count: number): string {
  return t('board.drillLabel', { filter: filterLabel(drill.filter), scope: scopeName(drill), count });
}

/** The accessible name of a queue's "oldest" figure. */
export function oldestLabel(drill: QueueDrill, ageMs: number | null): string {
  return ageMs === null ? t('board.oldestNoneLabel', { scope: scopeName(drill) }) : t('board.oldestLabel', { scope: scopeName(drill), age: formatDuration(ageMs) });
}

/** The accessible name of an agent's load, or of their at-risk or breached figure. */
export const agentLabel = (name: string, count: number, sla?: AgentSla): string =>
  sla ? t('board.agentSlaLabel', { filter: filterLabel(sla), name, count }) : t('board.agentLabel', { name, count });

/**
 * A person as the drawer's assignee list offers them: their name and the open tickets they
 * hold now, the board's figure ("Dev Patel · 29 open tickets"); the name alone for someone
 * the board does not count (a supervisor) or before it is in. The board lay under the drawer:
 * to give an overloaded agent's ticket to someone with room, the supervisor closed the drawer
 * to read the agents' load, and opened it again.
 */
export const assigneeChoice = (name: string, open: number | undefined): string => (open === undefined ? name : tc('drill.assigneeLoad', open, { name }));

/** Each person's open tickets as the board counts them (userId → count): the loads assigneeChoice says. */
export const loadsOf = (agents: ReadonlyArray<{ userId: string; open: number }> | undefined): ReadonlyMap<string, number> => new Map((agents ?? []).map((a) => [a.userId, a.open]));

/** The accessible name of an attainment figure. */
export function attainmentLabel(drill: Pick<AttainmentDrill, 'segment' | 'target' | 'window'>, tally: { met: number; total: number }): string {
  const what = { target: slaTargetLabel(drill.target), window: windowLabel(drill.window).toLowerCase(), segment: segmentLabel(drill.segment) };
  if (tally.total === 0) return t('board.attainmentNoneLabel', what);
  return t('board.attainmentLabel', { ...what, met: tally.met, total: tally.total, share: formatPercent(tally.met / tally.total) });
}

/** The drawer's heading: "At risk · Government tier 1", "Resolution · 7 days · Government", "Open tickets · Sam Rivera". */
export function drillTitle(drill: Drill, personName: (id: string) => string | null): string {
  if (drill.filter === 'agent') {
    const name = personName(drill.assigneeId) ?? t('drill.someone');
    return drill.sla ? t('drill.agentSlaTitle', { filter: filterLabel(drill.sla), name }) : t('drill.agentTitle', { name });
  }
  if (drill.filter === 'resolved') return t('drill.resolvedTitle');
  if (drill.filter === 'csat') return t('drill.csatTitle', { scope: scopeName(drill) });
  if (drill.filter === 'attainment') return t('drill.attainmentTitle', { target: slaTargetLabel(drill.target), window: windowLabel(drill.window), segment: segmentLabel(drill.segment) });
  return t('drill.title', { filter: filterLabel(drill.filter), scope: scopeName(drill) });
}

/**
 * The target the attainment chart shows, as local storage keeps it (JSON, by Mantine's
 * useLocalStorage): kept when the supervisor opens a ticket and comes back, or reloads.
 * Anything else stored there (an older build's value, a hand edit) shows resolution.
 */
export function chartTargetOf(stored: string | undefined): 'firstResponse' | 'resolution' {
  if (stored === undefined) return 'resolution';
  try {
    const parsed = attainmentTargetSchema.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : 'resolution';
  } catch {
    return 'resolution';
  }
}

/**
 * What marks the board's number that opens a drill (its data-drill attribute): the drawer's
 * address, so the number is found again from the address alone when the drawer closes after
 * the supervisor went to a ticket and came back (the board was drawn anew and Mantine no
 * longer knows what opened the drawer).
 */
export const drillKey = (drill: Drill): string => hrefOf({ name: 'overview', drill });

/** The board's number a drill was opened from: an agent's drawer turned to oldest first came from their load. */
export function boardNumberOf(drill: Drill): Drill {
  if (drill.filter !== 'agent' || drill.order === undefined) return drill;
  const { order: _turned, ...number } = drill;
  return number;
}

/** Puts the keyboard back on the board's number for this drill, if the board shows one. */
export function focusBoardNumber(drill: Drill): void {
  const button = document.querySelector<HTMLElement>(`[data-drill="${CSS.escape(drillKey(boardNumberOf(drill)))}"]`);
  button?.focus();
}

/**
 * The drawer's table needs this much room for its five columns (the ticket, the subject, the
 * SLA, and the priority and assignee pickers). A narrower drawer (a window snapped beside a
 * softphone, 420 px) stacks each row instead: the SLA and both pickers under the subject, so
 * the supervisor can act on a ticket without scrolling sideways to find the pickers.
 */
export const DRILL_TABLE_WIDTH = 760;

/** Whether the drawer's rows stack, for the width its body has. Unmeasured (0): the full table. */
export const drillRowsStack = (bodyWidth: number): boolean => bodyWidth > 0 && bodyWidth < DRILL_TABLE_WIDTH;

/**
 * The drawer's rows in the order it showed them, so a row the supervisor changes (a new
 * priority moves its deadline, and the desk's order with it) stays under her hand, with the
 * focus she had in it, until she re-opens the drawer or sorts again: she is working down the
 * list, and a row that jumped away took her place in it (and her focus, out of sight or to
 * nowhere). `held` is the ids in the order shown; rows gone from the desk's list leave, and a
 * row new to it goes in after the row it follows in the desk's order (first if none).
 */
export function keepOrder<T extends { id: string }>(held: readonly string[], rows: readonly T[]): T[] {
  if (held.length === 0) return [...rows];
  const byId = new Map(rows.map((row) => [row.id, row]));
  const out = held.flatMap((id) => byId.get(id) ?? []);
  const placed = new Set(out.map((row) => row.id));
  rows.forEach((row, i) => {
    if (placed.has(row.id)) return;
    let after = -1;
    for (let j = i - 1; j >= 0 && after < 0; j--) {
      const before = rows[j]!.id;
      if (placed.has(before)) after = out.findIndex((r) => r.id === before);
    }
    out.splice(after + 1, 0, row);
    placed.add(row.id);
  });
  return out;
}

/** Whether the rows shown are out of the desk's order (Sort again is offered). */
export const outOfOrder = (shown: readonly { id: string }[], rows: readonly { id: string }[]): boolean =>
  shown.length !== rows.length || shown.some((row, i) => row.id !== rows[i]?.id);

/** Where the keyboard goes when the row that had it leaves the drawer (drill.ts focusAfterLeaving). */
export type FocusAfterLeaving = { row: string } | { empty: true };

/**
 * Where the keyboard goes when the row whose field had it leaves the drawer (assigned from
 * Unassigned, a new priority taking it out of At risk, taken or resolved at another desk): the
 * same field of the next row shown before that is still there, else of the nearest one above
 * it, else of the first row (only new rows are left); with no row left, the drawer's "No
 * tickets" message. Focus fell to nowhere: the next key the supervisor pressed did nothing, Tab
 * started again from the top of the window, and a screen reader said nothing of the list.
 * The board's low scores to follow up go on the same way when one is marked followed up.
 */
export function focusAfterLeaving(before: readonly string[], gone: string, now: readonly string[]): FocusAfterLeaving {
  const first = now[0];
  if (first === undefined) return { empty: true };
  const still = new Set(now);
  const at = before.indexOf(gone);
  const next = at < 0 ? undefined : (before.slice(at + 1).find((id) => still.has(id)) ?? before.slice(0, at).reverse().find((id) => still.has(id)));
  return { row: next ?? first };
}

/**
 * What closing the drawer does, by the drill's own history entry: back, when the entry before
 * it is the board the drill was opened from (so the history holds no second board, and Forward
 * opens the drill again); else (the SLA notice's link on another page, a pasted address, a
 * drill opened from a ticket) the board, in the drill's place. Back from a drill opened
 * elsewhere went to the page the notice was on, or out of the app.
 */
export const closeDrillBy = (state: unknown): 'back' | 'board' => (openedFromOf(state) === hrefOf({ name: 'overview' }) ? 'back' : 'board');

import { afterEach, describe, expect, it, vi } from 'vitest';

// route.ts listens for the page being hidden, and marks the history entry it opened on, when it
// loads; under Node there is no window.
vi.hoisted(() => {
  const global = globalThis as { window?: unknown };
  global.window ??= { addEventListener: () => {}, history: { state: null, replaceState: () => {} } };
});

import { assigneeChoice, boardNumberOf, chartTargetOf, loadsOf, closeDrillBy, drillKey, drillLabel, drillRowsStack, drillTitle, focusAfterLeaving, keepOrder, outOfOrder, scopeName } from './drill';
import { setLocale } from '../i18n/state';
import { tierLabel } from '../labels';
import { hrefOf, parseHash } from '../route';
import { arrivalState, pushedState, replacedState } from '../inAppHistory';

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

it('finds the board’s number again from the drawer’s address, for every kind of number', () => {
  // What each kind of number on the board opens, as its button holds it.
  const numbers = [
    { filter: 'breached', segment: null, tier: null },
    { filter: 'unassigned', segment: 'government', tier: 1 },
    { filter: 'open', segment: 'home', tier: 3, order: 'age' },
    { filter: 'attainment', segment: 'education', target: 'resolution', window: 'week' },
    { filter: 'agent', assigneeId: 'u-ava' },
    { filter: 'agent', assigneeId: 'u-ava', sla: 'atRisk' },
    { filter: 'agent', assigneeId: 'u-ava', sla: 'breached' },
    { filter: 'agent', assigneeId: 'u-ava', order: 'age' },
  ] as const;
  for (const drill of numbers) {
    // After a ticket and Back, the drawer knows its drill only from the address.
    const back = parseHash(hrefOf({ name: 'overview', drill }));
    expect(back.name).toBe('overview');
    const again = back.name === 'overview' ? back.drill : null;
    expect(again, drill.filter).not.toBeNull();
    expect(drillKey(again!), drill.filter).toBe(drillKey(drill));
  }
});

it('stacks the drawer’s rows on a narrow window, so the priority and assignee pickers are on screen without scrolling sideways', () => {
  // The drawer fills a window narrower than 62em; its body is the window less 32 px of padding.
  expect(drillRowsStack(420 - 32)).toBe(true);
  expect(drillRowsStack(768 - 32)).toBe(true);
  // Wider, every column has its room: the full table, as before.
  expect(drillRowsStack(900 - 32)).toBe(false);
  expect(drillRowsStack(1024 - 32)).toBe(false);
  // Not measured yet (the first frame): the full table.
  expect(drillRowsStack(0)).toBe(false);
});

it('opens a person’s at-risk or breached tickets from their figures, each its own drawer, and an unknown sla in the address shows all their open tickets', () => {
  const load = drillKey({ filter: 'agent', assigneeId: 'u-ava' });
  const atRisk = drillKey({ filter: 'agent', assigneeId: 'u-ava', sla: 'atRisk' });
  const breached = drillKey({ filter: 'agent', assigneeId: 'u-ava', sla: 'breached' });
  expect(new Set([load, atRisk, breached]).size).toBe(3);
  expect(parseHash('#/overview?show=agent&agent=u-ava&sla=atRisk')).toEqual({ name: 'overview', drill: { filter: 'agent', assigneeId: 'u-ava', sla: 'atRisk' } });
  expect(parseHash('#/overview?show=agent&agent=u-ava&sla=soon')).toEqual({ name: 'overview', drill: { filter: 'agent', assigneeId: 'u-ava' } });
  // Oldest first is kept in the address (Back from a ticket keeps it), and the board's number it came from is the load's.
  expect(parseHash('#/overview?show=agent&agent=u-ava&order=age')).toEqual({ name: 'overview', drill: { filter: 'agent', assigneeId: 'u-ava', order: 'age' } });
  expect(drillKey(boardNumberOf({ filter: 'agent', assigneeId: 'u-ava', order: 'age' }))).toBe(load);
});

// A supervisor working down the drawer's list set the first ticket's priority to Low: the desk
// put it 40 rows down (its deadline moved), out of sight with her focus in it. The rows keep
// the order the drawer showed them in until she re-opens it or sorts again.

const row = (id: string, priority = 'normal') => ({ id, priority });
const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

it('keeps each row where the drawer showed it when the desk re-orders them, with the row’s new values', () => {
  const desk = [row('b'), row('c'), row('a', 'low')];
  const shown = keepOrder(['a', 'b', 'c'], desk);
  expect(ids(shown)).toEqual(['a', 'b', 'c']);
  expect(shown[0]).toBe(desk[2]);
  expect(outOfOrder(shown, desk)).toBe(true);
});

it('shows the desk’s order when nothing was shown yet, and after Sort again', () => {
  const desk = [row('b'), row('a')];
  expect(ids(keepOrder([], desk))).toEqual(['b', 'a']);
  expect(outOfOrder(keepOrder(['b', 'a'], desk), desk)).toBe(false);
});

it('drops a row that left the list, and puts a new one after the row it follows in the desk’s order', () => {
  // Shown: a b c d. The desk now: d n a c (b resolved elsewhere, n new after d, d moved up).
  expect(ids(keepOrder(['a', 'b', 'c', 'd'], [row('d'), row('n'), row('a'), row('c')]))).toEqual(['a', 'c', 'd', 'n']);
  // A new row first in the desk's order goes first.
  expect(ids(keepOrder(['a', 'c'], [row('n'), row('a'), row('c')]))).toEqual(['n', 'a', 'c']);
  expect(ids(keepOrder(['a'], []))).toEqual([]);
});

// Assigned from Unassigned, a ticket leaves the drawer with the field that had the keyboard:
// focus fell to nowhere. The same field of the row after it takes it.

it('gives the keyboard to the row after the one that left, else the one above it', () => {
  expect(focusAfterLeaving(['a', 'b', 'c'], 'b', ['a', 'c'])).toEqual({ row: 'c' });
  // The row after it left too (the list was read again after two changes).
  expect(focusAfterLeaving(['a', 'b', 'c', 'd'], 'b', ['a', 'd'])).toEqual({ row: 'd' });
  expect(focusAfterLeaving(['a', 'b', 'c'], 'c', ['a', 'b'])).toEqual({ row: 'b' });
  // Not among the rows shown before: the first row.
  expect(focusAfterLeaving(['a'], 'z', ['a'])).toEqual({ row: 'a' });
});

// The last ticket in the drawer taken at another desk (or assigned from here): focus fell to the
// page's body, and the next key did nothing. It goes to the drawer's "No tickets" message.

it('gives the keyboard to the drawer’s “No tickets” message when the last row leaves, and to a new row when only new rows are left', () => {
  expect(focusAfterLeaving(['a'], 'a', [])).toEqual({ empty: true });
  expect(focusAfterLeaving(['a', 'b'], 'b', [])).toEqual({ empty: true });
  // The only row left is one the drawer had not shown yet.
  expect(focusAfterLeaving(['a'], 'a', ['n'])).toEqual({ row: 'n' });
});

// Closing the drawer: back to the board when the entry before the drill's is the board it was
// opened from (its number clicked), so the history has no second board; else (a link in a
// notice, a pasted address, a drill left over from before) the board in the drill's place.
describe('where closing a drill goes', () => {
  it('goes back when the drill was opened from the board, even after its filter changed or a ticket was opened from it', () => {
    const opened = pushedState(hrefOf({ name: 'overview' }));
    expect(closeDrillBy(opened)).toBe('back');
    expect(closeDrillBy(replacedState(opened))).toBe('back');
    expect(closeDrillBy(replacedState(replacedState(opened)))).toBe('back');
    expect(closeDrillBy({ ...opened, focusFor: 'overview', focusHref: '#/ticket/t1' })).toBe('back');
  });

  it('replaces the drill with the board when it was opened from elsewhere', () => {
    // The SLA notice's link (a link clicked on any page), and a pasted address or a new window.
    expect(closeDrillBy(arrivalState(null, false))).toBe('board');
    expect(closeDrillBy(arrivalState(null, true))).toBe('board');
    // Pushed from another page (a ticket), or from a drill (the board is not the entry before).
    expect(closeDrillBy(pushedState('#/ticket/t1'))).toBe('board');
    expect(closeDrillBy(pushedState(hrefOf({ name: 'overview', drill: { filter: 'open', segment: null, tier: null } })))).toBe('board');
    // Said by a page opened directly, whatever else it says.
    expect(closeDrillBy({ fromApp: false, openedFrom: '#/overview' })).toBe('board');
    expect(closeDrillBy(null)).toBe('board');
  });
});

describe('a queue’s tier, named as everywhere else', () => {
  afterEach(() => setLocale('en', 'latn'));

  // The Persian drawer said «باز · دولتی سطح ۲» above rows that said «سطح دو», as the board's
  // own rows, the queues and the ticket do.
  it('says the tier in words in Persian, in the drawer’s heading and the numbers’ names', async () => {
    await setLocale('fa', 'arabext');
    expect(drillTitle({ filter: 'open', segment: 'government', tier: 2 }, () => null)).toBe(`باز · دولتی ${tierLabel(2)}`);
    expect(tierLabel(2)).toBe('سطح دو');
    expect(drillLabel({ filter: 'atRisk', segment: 'education', tier: 1 }, 3)).toBe('در خطر در آموزشی سطح یک: ۳');
    expect(scopeName({ segment: null, tier: 3 })).toBe('سطح سه، همهٔ بخش‌ها');
  });

  it('keeps the English names the board’s numbers have always had', () => {
    expect(drillTitle({ filter: 'open', segment: 'government', tier: 1 }, () => null)).toBe('Open · Government tier 1');
    expect(scopeName({ segment: null, tier: 2 })).toBe('tier 2, all segments');
  });
});

// Reassigning from an overloaded agent, the supervisor picks someone with room: each person the
// drawer's list offers says how many open tickets they hold now, the board's own figure (the
// board was under the drawer, and she closed it to read the agents' load, then opened it again).
it('offers each assignee with the open tickets they hold now, in the page’s language', async () => {
  await setLocale('en', 'latn');
  expect(assigneeChoice('Dev Patel', 29)).toBe('Dev Patel · 29 open tickets');
  expect(assigneeChoice('Dev Patel', 1)).toBe('Dev Patel · one open ticket');
  expect(assigneeChoice('Dev Patel', 0)).toBe('Dev Patel · no open tickets');
  // Not on the board (a supervisor, or the board not in yet): the name alone.
  expect(assigneeChoice('Grace Chen', undefined)).toBe('Grace Chen');
  await setLocale('fa', 'arabext');
  // The Latin name kept apart from the Persian around it (first-strong isolate).
  expect(assigneeChoice('Dev Patel', 29)).toBe('\u2068Dev Patel\u2069 · ۲۹ تیکت باز');
  await setLocale('en', 'latn');
});

it('reads each person’s load from the board’s agents, as the drawer and the ticket page’s Assign list say it', () => {
  const loads = loadsOf([{ userId: 'dev', open: 29 }, { userId: 'ava', open: 0 }]);
  expect(assigneeChoice('Dev Patel · Tier 1 · Government', loads.get('dev'))).toBe('Dev Patel · Tier 1 · Government · 29 open tickets');
  expect(assigneeChoice('Ava Martin', loads.get('ava'))).toBe('Ava Martin · no open tickets');
  expect(assigneeChoice('Grace Chen', loads.get('grace'))).toBe('Grace Chen');
  expect(loadsOf(undefined).size).toBe(0);
});

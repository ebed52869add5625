import { expect, it } from 'vitest';
import { NOTICE_GAP, noticePlacement, type Direction, type DrawerOnScreen } from './noticePlacement';

// The SLA notices must never stand over an open drawer's controls (the drill-down's assignee
// and priority pickers): checked as boxes on the screen, in both directions, at the widths a
// supervisor's window has (a full screen, a window snapped to half, a phone-width one).

const DRAWER_PX = 1024; // the drill-down drawer: 64rem
const WIDTHS = [1920, 1366, 1100, 760, 420];

/** The span [from, to) in px from the window's left edge that the notices or the drawer take. */
function noticeSpan(direction: Direction, windowWidth: number, drawer: DrawerOnScreen | null) {
  const p = noticePlacement(direction, windowWidth, drawer);
  const width = Math.min(p.width, windowWidth - 2 * NOTICE_GAP);
  const from = p.position === 'bottom-left' ? NOTICE_GAP : windowWidth - NOTICE_GAP - width;
  return { from, to: from + width, onTop: p.zIndex > 200 };
}
function drawerSpan(direction: Direction, windowWidth: number, drawer: DrawerOnScreen) {
  const width = drawer.width === 'full' ? windowWidth : Math.min(drawer.width, windowWidth);
  const onRight = (drawer.side === 'end') === (direction === 'ltr');
  return onRight ? { from: windowWidth - width, to: windowWidth } : { from: 0, to: width };
}

it('never puts a notice over an open drawer, in either direction, at any width', () => {
  for (const direction of ['ltr', 'rtl'] as const) {
    for (const windowWidth of WIDTHS) {
      // Mantine's drawer fills a window under 62em (992 px), as the drill-down asks it to.
      const drawer: DrawerOnScreen = { side: 'end', width: windowWidth < 992 ? 'full' : DRAWER_PX };
      const n = noticeSpan(direction, windowWidth, drawer);
      const d = drawerSpan(direction, windowWidth, drawer);
      const overlaps = n.from < d.to && d.from < n.to;
      expect({ direction, windowWidth, coversDrawer: n.onTop && overlaps }).toEqual({ direction, windowWidth, coversDrawer: false });
    }
  }
});

it('moves the notices to the side away from the drawer when there is room there, no wider than the room', () => {
  expect(noticePlacement('ltr', 1366, { side: 'end', width: DRAWER_PX })).toEqual({ position: 'bottom-left', width: 1366 - DRAWER_PX - 2 * NOTICE_GAP, zIndex: 400 });
  // In Persian the drawer opens on the left: the notices go right.
  expect(noticePlacement('rtl', 1366, { side: 'end', width: DRAWER_PX })).toEqual({ position: 'bottom-right', width: 1366 - DRAWER_PX - 2 * NOTICE_GAP, zIndex: 400 });
  expect(noticePlacement('ltr', 1920, { side: 'end', width: DRAWER_PX })).toEqual({ position: 'bottom-left', width: 440, zIndex: 400 });
});

it('puts them under a drawer that leaves no room beside it, where they wait until it closes', () => {
  expect(noticePlacement('ltr', 420, { side: 'end', width: 'full' }).zIndex).toBeLessThan(200);
  expect(noticePlacement('rtl', 1100, { side: 'end', width: DRAWER_PX }).zIndex).toBeLessThan(200);
});

it('keeps them where they always stood when no drawer is open: the bottom of the inline end', () => {
  expect(noticePlacement('ltr', 1366, null)).toEqual({ position: 'bottom-right', width: 440, zIndex: 400 });
  expect(noticePlacement('rtl', 420, null)).toEqual({ position: 'bottom-left', width: 440, zIndex: 400 });
});

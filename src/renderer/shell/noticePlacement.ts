import { useSyncExternalStore } from 'react';

// Where SlaWatch's notices stand so that they never cover an open drawer's controls. They stay
// until seen (noticeRules.ts) and four show at once, so at the drawer's side of the screen they
// piled over the board's drill-down, its assignee and priority pickers among them, and the
// supervisor could not reach them while notices kept coming. The drawer opens on the inline
// end (the right in English, the left in Persian); the notices normally stand there too.
// - No drawer: the notices at the bottom of the inline end, as always.
// - A drawer with room beside it: the notices move to the other side, no wider than that room.
// - A drawer with no room beside it (a narrow window, where it fills the width): the notices go
//   under the drawer and its overlay; they are still there, unseen notices, when it closes.

export type Direction = 'ltr' | 'rtl';
export type NoticePosition = 'bottom-left' | 'bottom-right';

/** A drawer on screen: the side it opens on (logical) and its width in px, or the whole window. */
export interface DrawerOnScreen {
  side: 'start' | 'end';
  width: number | 'full';
}

export interface NoticePlacement {
  position: NoticePosition;
  /** The notices' width in px (Mantine's containerWidth). */
  width: number;
  /** Under the drawer's layer (no room beside it): Mantine's drawers stand at z-index 200. */
  zIndex: number;
}

/** Mantine's notice width. */
export const NOTICE_WIDTH = 440;
/** Narrower than this a notice's text wraps word by word: under the drawer instead. */
export const MIN_NOTICE_WIDTH = 280;
/** The notices' distance from the window's edge (Mantine: --mantine-spacing-md), and from the drawer. */
export const NOTICE_GAP = 16;
const ABOVE_DRAWERS = 400;
const UNDER_DRAWERS = 150;

/** The physical side of a logical one in a direction. */
const physical = (side: 'start' | 'end', direction: Direction): 'left' | 'right' => ((side === 'end') === (direction === 'ltr') ? 'right' : 'left');

export function noticePlacement(direction: Direction, windowWidth: number, drawer: DrawerOnScreen | null): NoticePlacement {
  const endSide: NoticePosition = `bottom-${physical('end', direction)}`;
  if (!drawer) return { position: endSide, width: NOTICE_WIDTH, zIndex: ABOVE_DRAWERS };
  const room = drawer.width === 'full' ? 0 : windowWidth - drawer.width - 2 * NOTICE_GAP;
  if (room < MIN_NOTICE_WIDTH) return { position: endSide, width: NOTICE_WIDTH, zIndex: UNDER_DRAWERS };
  const away = physical(drawer.side === 'end' ? 'start' : 'end', direction);
  return { position: `bottom-${away}`, width: Math.min(NOTICE_WIDTH, room), zIndex: ABOVE_DRAWERS };
}

// ---- the drawer on screen, as the drawer reports it ---------------------------------------------

let onScreen: DrawerOnScreen | null = null;
const listeners = new Set<() => void>();

/** Called by a drawer when it opens (with its side and width) and when it closes (null). */
export function setDrawerOnScreen(drawer: DrawerOnScreen | null): void {
  if (onScreen?.side === drawer?.side && onScreen?.width === drawer?.width) return;
  onScreen = drawer;
  listeners.forEach((l) => l());
}

export function useDrawerOnScreen(): DrawerOnScreen | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => onScreen,
  );
}

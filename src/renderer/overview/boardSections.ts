import type { MessageKey } from '../i18n';

// The supervisor's board has about six Tab stops per queue (ninety-odd before the tables below
// the grid): a keyboard user tabbed through every queue's figures to reach the agents' load. A
// row of links under the heading jumps to each section's heading.

/** The board's sections, in the page's order: each one's heading id and its title's key. */
export const BOARD_SECTIONS: ReadonlyArray<{ id: string; titleKey: MessageKey }> = [
  { id: 'queue-grid', titleKey: 'overview.grid' },
  { id: 'attainment', titleKey: 'board.attainment' },
  { id: 'agents', titleKey: 'overview.agents' },
  { id: 'open-chart', titleKey: 'overview.chart' },
  { id: 'attainment-chart', titleKey: 'board.attainmentChart' },
  { id: 'csat-board', titleKey: 'csat.board' },
  { id: 'csat-followups', titleKey: 'csat.followUps' },
  { id: 'trends', titleKey: 'trends.title' },
];

/** What a jump needs of a section's heading. */
export interface JumpTarget {
  hasAttribute(name: string): boolean;
  setAttribute(name: string, value: string): void;
  focus(options?: { preventScroll?: boolean }): void;
  scrollIntoView(options?: { block?: 'start' | 'nearest' }): void;
}

/**
 * Takes the keyboard to the heading with id `id` (focusable from script only, so it adds no Tab
 * stop), scrolled to the top: the next Tab is the section's first control. False when the
 * section is not drawn (the follow-ups, when satisfaction could not be read).
 */
export function jumpToSection(find: (id: string) => JumpTarget | null, id: string): boolean {
  const heading = find(id);
  if (!heading) return false;
  if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
  heading.scrollIntoView({ block: 'start' });
  heading.focus({ preventScroll: true });
  return true;
}

import { expect, it } from 'vitest';
import { BOARD_SECTIONS, jumpToSection, type JumpTarget } from './boardSections';

// The board's ~94 Tab stops before the tables below its grid: a link per section takes the
// keyboard to that section's heading.

function heading(attributes: Record<string, string> = {}) {
  const calls: string[] = [];
  const target: JumpTarget = {
    hasAttribute: (name) => name in attributes,
    setAttribute: (name, value) => void (attributes[name] = value),
    focus: () => void calls.push('focus'),
    scrollIntoView: () => void calls.push('scroll'),
  };
  return { target, calls, attributes };
}

it('takes focus to the section heading, focusable from script only (no new Tab stop), scrolled into view', () => {
  const h = heading();
  expect(jumpToSection((id) => (id === 'agents' ? h.target : null), 'agents')).toBe(true);
  expect(h.attributes).toEqual({ tabindex: '-1' });
  expect(h.calls).toEqual(['scroll', 'focus']);
  // A heading already focusable keeps its tabindex.
  const kept = heading({ tabindex: '0' });
  jumpToSection(() => kept.target, 'agents');
  expect(kept.attributes).toEqual({ tabindex: '0' });
});

it('does nothing for a section not drawn', () => {
  expect(jumpToSection(() => null, 'csat-followups')).toBe(false);
});

it('names each section once, in the page order, queues first', () => {
  const ids = BOARD_SECTIONS.map((s) => s.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids[0]).toBe('queue-grid');
  expect(ids).toContain('agents');
});

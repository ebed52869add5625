import AxeBuilder from '@axe-core/playwright';
import axe from 'axe-core';
import type { Page } from '@playwright/test';

// axe (WCAG 2.0/2.1 A and AA) for the specs, set up to cost as little as it can per audit:
// - axe-core's source is guarded, so a page that has it already skips evaluating it again
//   (AxeBuilder injects it into the page twice per audit otherwise);
// - legacy mode runs axe.run in the page itself. The default mode finishes every audit in a
//   new blank page of the context, which cost about half of each audit here. Legacy mode only
//   loses cross-origin frames, which the app has none of.

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const guardedSource = `if (!window.axe) { ${axe.source} }`;

/** The violations on the page (or inside `include`, a CSS selector), as one line each. */
export async function axeViolations(page: Page, include?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page, axeSource: guardedSource }).setLegacyMode().options({ runOnly: { type: 'tag', values: WCAG_TAGS }, resultTypes: ['violations'] });
  if (include) builder.include(include);
  const result = await builder.analyze();
  return result.violations.map((v) => {
    const where = v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}${n.failureSummary ? ` [${n.failureSummary.split('\n').slice(1, 2).join('').trim()}]` : ''}`);
    return `${v.id} (${v.impact}), ${v.nodes.length} node(s): ${where.join(' | ')}`;
  });
}

import axe from 'axe-core';
import type { Page } from '@playwright/test';

// axe (WCAG 2.0/2.1 A and AA) for the specs, at as little cost per audit as it can be:
// axe-core's source (550 KB) is evaluated once per page, then each audit is one `axe.run`
// in the page. @axe-core/playwright's AxeBuilder sent and parsed that source again on every
// audit and set axe up anew each time: the two sweeps of a11y.spec.ts spent 14 s each in
// audits with it and 7 s without, on an idle machine. Neither uses frames: the app has none.

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface Violation {
  id: string;
  impact?: string | null;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** The violations on the page (or inside `include`, a CSS selector), as one line each. */
export async function axeViolations(page: Page, include?: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  const violations: Violation[] = await page.evaluate(
    async ({ include, tags }) => {
      const run = (window as unknown as { axe: typeof axe }).axe.run;
      const result = await run(include ? { include: [include] } : document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => ({ target: n.target.map(String), failureSummary: n.failureSummary })) }));
    },
    { include, tags: WCAG_TAGS },
  );
  return violations.map((v) => {
    const where = v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}${n.failureSummary ? ` [${n.failureSummary.split('\n').slice(1, 2).join('').trim()}]` : ''}`);
    return `${v.id} (${v.impact}), ${v.nodes.length} node(s): ${where.join(' | ')}`;
  });
}

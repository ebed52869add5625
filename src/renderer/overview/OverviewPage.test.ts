import { MantineProvider } from '@mantine/core';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Overview } from '../../shared/api';
import { SEGMENTS, TIERS } from '../../shared/domain';
import { en } from '../i18n/en';
import type { Board as BoardType } from './OverviewPage';
import drawerSource from './DrillDrawer.tsx?raw';
import knowledgeSource from './KnowledgeBoard.tsx?raw';
import boardSource from './OverviewPage.tsx?raw';

// No desk behind the page: every call is still on its way. No window either: links are drawn,
// never followed. Mocked for this file alone (doMock, then undone): Vitest runs a worker's
// files in one module graph (isolate: false), and a hoisted vi.mock of '../route' gave
// drill.test.ts, run after it in the same worker, a hrefOf that ignored its drill.
const MOCKED = ['../backend', '../route', '../session'] as const;
let Board: typeof BoardType;
beforeAll(async () => {
  vi.doMock('../backend', () => ({
    useCall: () => ({ data: undefined, problem: null, loading: true, refetch: () => Promise.resolve() }),
    useNow: () => Date.UTC(2026, 11, 6, 9),
    call: () => Promise.reject(new Error('no desk')),
    problemOf: (error: unknown) => ({ code: 'internal', message: String(error), issues: [] }),
  }));
  vi.doMock('../route', () => ({ hrefOf: () => '#/overview', navigate: () => undefined, queueHref: () => '#/queues', ticketHref: (id: string) => `#/tickets/${id}` }));
  vi.doMock('../session', () => ({ useSession: () => ({ user: { id: 'u0', role: 'supervisor' } }) }));
  vi.resetModules();
  ({ Board } = await import('./OverviewPage'));
});
afterAll(() => {
  for (const path of MOCKED) vi.doUnmock(path);
  vi.resetModules();
});

// The board's heading and sections are drawn at once, before its figures arrive, and its
// tables and totals do not wait for the charts' script (recharts, a chunk of its own).

const draw = (data: Overview | undefined) => renderToStaticMarkup(createElement(MantineProvider, null, createElement(Board, { data })));

const headings = (html: string, level: 1 | 2) => [...html.matchAll(new RegExp(`<h${level}[^>]*>(.*?)</h${level}>`, 'g'))].map((m) => m[1]);

const overview: Overview = {
  now: Date.UTC(2026, 11, 6, 9),
  queues: SEGMENTS.flatMap((segment) => TIERS.map((tier) => ({ segment, tier, open: 3, unassigned: 1, atRisk: 1, breached: 0, oldestAt: Date.UTC(2026, 11, 6, 8) }))),
  agents: [{ userId: 'u1', name: 'Ada Agent', role: 'agent', tier: 1, open: 4, atRisk: 1, breached: 0 }] as Overview['agents'],
  totals: { open: 45, unassigned: 15, atRisk: 15, breached: 0, resolvedToday: 7 },
  slaCatchingUp: 0,
  attainment: SEGMENTS.flatMap((segment) => (['firstResponse', 'resolution'] as const).map((target) => ({ segment, target, today: { met: 3, total: 4 }, week: { met: 9, total: 10 } }))),
  day: { timeZone: 'Asia/Tehran', day: 20_793, start: Date.UTC(2026, 11, 5, 20, 30), end: Date.UTC(2026, 11, 6, 20, 30) },
  daily: [],
} as Overview;

describe('the supervisor board', () => {
  it('shows its heading and every section heading before its figures arrive, marked busy, with no figure to press', () => {
    const html = draw(undefined);
    expect(headings(html, 1)).toEqual([en['overview.title']]);
    for (const section of ['overview.grid', 'board.attainment', 'overview.agents', 'overview.chart', 'board.attainmentChart'] as const) expect(headings(html, 2)).toContain(en[section]);
    expect(html).toContain('aria-busy="true"');
    // No count reads 0 (nor opens a drawer) before it is known.
    expect(html).not.toContain('data-drill');
    expect(html).toContain(en['common.loading']);
  });

  it('has a row of links under its heading, before the totals and the queues, to each section heading on the board', () => {
    const html = draw(overview);
    const nav = /<nav[^>]*aria-labelledby="board-jumps"[^>]*>(.*?)<\/nav>/.exec(html);
    expect(nav).not.toBeNull();
    expect(html).toMatch(new RegExp(`id="board-jumps"[^>]*>${en['overview.jumpTo']}<`));
    const links = [...(nav?.[1] ?? '').matchAll(/<button[^>]*>(.*?)<\/button>/g)].map((m) => m[1]);
    expect(links).toEqual([en['overview.grid'], en['board.attainment'], en['overview.agents'], en['overview.chart'], en['board.attainmentChart'], en['csat.board'], en['csat.followUps'], en['trends.title']]);
    // Before the first figure to press: past the links, the totals and the queues' Tab stops.
    expect(html.indexOf('aria-labelledby="board-jumps"')).toBeLessThan(html.indexOf('data-drill='));
    // Every section it names has its heading (id) on the board.
    for (const id of ['queue-grid', 'attainment', 'agents', 'open-chart', 'attainment-chart']) expect(html).toContain(`id="${id}"`);
  });

  it('draws its tables and totals as soon as its figures arrive, the charts keeping their place until their script is in', () => {
    const html = draw(overview);
    expect(html).toMatch(new RegExp(`aria-label="${en['board.filter.open']} in [^"]+: 3"`)); // a queue's count
    expect((html.match(/data-drill=/g) ?? []).length).toBeGreaterThan(SEGMENTS.length * TIERS.length * 5);
    // The charts' sections are there, busy (their placeholders), the tables' are not.
    expect(html).toMatch(/<section[^>]*aria-labelledby="open-chart"[^>]*aria-busy="true"/);
    expect(html).not.toMatch(/<section[^>]*aria-labelledby="queue-grid"[^>]*aria-busy/);
    expect(html).not.toMatch(/<section[^>]*aria-labelledby="attainment"[^>]*aria-busy/);
  });

  it('draws the agents\' placeholder as the table it stands for: as many rows as it had when last drawn', async () => {
    const stored = new Map<string, string>();
    vi.stubGlobal('localStorage', { getItem: (k: string) => stored.get(k) ?? null, setItem: (k: string, v: string) => void stored.set(k, v), removeItem: (k: string) => void stored.delete(k) });
    try {
      const { rememberAgentRows } = await import('./agentRows');
      const agentsSection = (html: string) => html.slice(html.indexOf('aria-labelledby="agents"'), html.indexOf('</section>', html.indexOf('aria-labelledby="agents"')));
      const bodyRows = (html: string) => (agentsSection(html).split('<tbody')[1]?.match(/<tr/g) ?? []).length;
      const heads = (html: string) => [...agentsSection(html).matchAll(/<th[^>]*>(.*?)<\/th>/g)].map((m) => m[1]);
      // A desk whose board was never drawn here: six.
      expect(bodyRows(draw(undefined))).toBe(6);
      // A desk of nine people: drawn once, the placeholder is nine rows under the same heading row.
      const nine = { ...overview, agents: Array.from({ length: 9 }, (_, i) => ({ ...overview.agents[0]!, userId: `u${i}`, name: `Agent ${i}` })) };
      const drawn = draw(nine);
      rememberAgentRows(nine.agents.length);
      const pending = draw(undefined);
      expect(bodyRows(pending)).toBe(bodyRows(drawn));
      expect(bodyRows(pending)).toBe(9);
      expect(heads(pending)).toEqual(heads(drawn));
      // What the storage holds that is no count is not believed.
      stored.set('tagdesk.board.agentRows', 'lots');
      expect(bodyRows(draw(undefined))).toBe(6);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('says in which time zone its "today" starts: the centre\'s, by name', () => {
    const html = draw(overview);
    const legend = html.match(/<span id="board-legend-today">(.*?)<\/span>/)?.[1] ?? '';
    expect(legend).toContain('midnight in the centre’s time zone, Iran');
    expect(legend).not.toContain('UTC');
  });

  it('leaves recharts out of the board\'s own script', () => {
    for (const [file, source] of Object.entries({ boardSource, knowledgeSource, drawerSource })) {
      expect(source, file).not.toMatch(/from '@mantine\/charts'|from 'recharts'|from '\.\/boardCharts'/);
    }
  });
});

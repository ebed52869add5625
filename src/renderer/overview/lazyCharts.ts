import { lazyModule } from '../lazyModule';

// The board's charts load on their own (boardCharts.ts), once, when a chart first asks for
// them: the board's heading, tables and figures are drawn meanwhile, each chart's box kept at
// its size by a placeholder. A chart drawn again (another visit) has them at once.

export type BoardCharts = typeof import('./boardCharts');

const charts = lazyModule<BoardCharts>(() => import('./boardCharts'));

/** Fetches the charts' module now (once); resolves when charts can be drawn. */
export const loadBoardCharts = charts.preload;

/** The charts' module, or null while it loads (the component is drawn again when it is in). */
export const useBoardCharts = charts.useModule;

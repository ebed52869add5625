import { Sparkline } from '@mantine/charts';
import { memo } from 'react';

// The board's charts: recharts with d3, most of the board's script. They load in a chunk of
// their own (lazyCharts.ts), so the board's tables and figures are drawn without waiting for it.
export { BarChart, LineChart } from '@mantine/charts';

/** Sparklines carry no words or digits: a language switch need not redraw them. */
export const StillSparkline = memo(Sparkline);

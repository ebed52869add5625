import { currentDirection } from './i18n';

// Charts read in the page's direction: in right-to-left the category or time axis runs
// from the right (time flows leftwards, bars grow leftwards) and the value axis stands on
// the right. Recharts does not follow `dir`, so each chart spreads these into its props.

interface AxisProps {
  [key: string]: unknown;
}

/** Axis props for a chart whose x axis is categories or time (LineChart, a column BarChart). */
export function mirroredAxes(x: AxisProps = {}, y: AxisProps = {}): { xAxisProps: AxisProps; yAxisProps: AxisProps } {
  const rtl = currentDirection() === 'rtl';
  return { xAxisProps: { ...x, reversed: rtl }, yAxisProps: { ...y, orientation: rtl ? 'right' : 'left' } };
}

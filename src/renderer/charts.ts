import { useDeferredValue, useMemo, type DependencyList } from 'react';
import { currentDirection, useLocaleVersion } from './i18n';

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

/**
 * A chart element remade only when its data changes or, for a language switch, in a
 * deferred render: the switch paints the page's words at once, and the charts (whose axes,
 * digits and direction change too) follow in the next render, which React may interrupt.
 * Recharts' re-layout of a board's charts costs more than the rest of the board together.
 */
export function useLocaleDeferred<T>(make: () => T, deps: DependencyList): T {
  const version = useDeferredValue(useLocaleVersion());
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `make` reads only `deps` and the locale
  return useMemo(make, [version, ...deps]);
}

import { useEffect, useMemo, useState, type DependencyList } from 'react';
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
 * A chart element remade when its data changes, or, after a language switch, once the
 * switch's first frame is painted: the page's words change at once and the charts (axes,
 * digits, direction) follow a frame later. Recharts' re-layout of a board's charts costs
 * more than the rest of the board together, and its internal store renders synchronously,
 * so a merely deferred render would still land before that first frame.
 */
export function useLocaleDeferred<T>(make: () => T, deps: DependencyList): T {
  const version = useLocaleVersion();
  const [shown, setShown] = useState(version);
  useEffect(() => {
    if (shown === version) return;
    const frame = requestAnimationFrame(() => setShown(version));
    return () => cancelAnimationFrame(frame);
  }, [shown, version]);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `make` reads only `deps` and the locale
  return useMemo(make, [shown, ...deps]);
}

/**
 * Series drawn at once, without recharts' entry animation: a live board is redrawn on every
 * change and on a language switch, and each animated line measures its whole path first.
 */
export const STILL = { isAnimationActive: false } as const;

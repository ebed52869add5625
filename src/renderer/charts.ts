import { useEffect, useMemo, useState, type DependencyList } from 'react';
import { afterPaint } from './afterPaint';
import { currentDirection, localeVersion, subscribeLocale } from './i18n';

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
 * switch's first frame is on screen: the page's words change at once and the charts (axes,
 * digits, direction) follow. Recharts' re-layout of a board's charts costs more than the rest
 * of the board together, and its internal store renders synchronously, so it must not run in
 * the switch's own render nor ahead of its frame. The hook does not re-render its component
 * on a switch: the section around the chart follows the switch on its own terms (at once in
 * view, after the first frame out of view; see inViewFirst).
 */
export function useLocaleDeferred<T>(make: () => T, deps: DependencyList): T {
  const [shown, setShown] = useState(localeVersion);
  useEffect(() => {
    let cancel = () => {};
    const follow = () => {
      cancel();
      cancel = afterPaint(() => setShown(localeVersion()));
    };
    const off = subscribeLocale(follow);
    // A switch between this render and the subscription.
    if (localeVersion() !== shown) follow();
    return () => {
      off();
      cancel();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- subscribed once; `shown` only checked at mount
  }, []);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `make` reads only `deps` and the locale
  return useMemo(make, [shown, ...deps]);
}

/**
 * Series drawn at once, without recharts' entry animation: a live board is redrawn on every
 * change and on a language switch, and each animated line measures its whole path first.
 */
export const STILL = { isAnimationActive: false } as const;

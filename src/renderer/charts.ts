import { useEffect, useMemo, useState, type DependencyList } from 'react';
import { afterPaint } from './afterPaint';
import { currentDirection, localeVersion, subscribeLocale } from './i18n';

// Charts read in the page's direction: in right-to-left the category or time axis runs
// from the right (time flows leftwards, bars grow leftwards) and the value axis stands on
// the right. Recharts does not follow `dir`, so each chart spreads these into its props.

interface AxisProps {
  [key: string]: unknown;
}

/**
 * Mantine moves its left value axis's labels 10 px to the left, away from the plot. Standing
 * on the right, the same move put them 10 px into the plot: a line's last point was drawn over
 * its "0 %" and the bars touched their segment names. On the right they move 10 px to the right,
 * as Mantine does for its own right axis.
 */
export const RIGHT_AXIS_TICK = { transform: 'translate(10, 0)', fontSize: 12, fill: 'currentColor' } as const;

/** Axis props for a chart whose x axis is categories or time (LineChart, a column BarChart). */
export function mirroredAxes(x: AxisProps = {}, y: AxisProps = {}): { xAxisProps: AxisProps; yAxisProps: AxisProps } {
  const rtl = currentDirection() === 'rtl';
  return { xAxisProps: { ...x, reversed: rtl }, yAxisProps: rtl ? { tick: RIGHT_AXIS_TICK, ...y, orientation: 'right' } : { ...y, orientation: 'left' } };
}

/** The value axis of a chart of counts (records, tickets): whole numbers only, never "0.25" of a record. */
export const COUNT_AXIS = { allowDecimals: false } as const;

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

/**
 * A value axis for a score on a fixed whole-number scale (CSAT's 1–5): a tick, labelled and
 * on its gridline, at every whole score, and a quarter point of room beyond each end so a
 * line at the top or bottom score is not drawn on the chart's edge. Recharts' own "nice"
 * ticks for such a domain skip values (1, 2, 3, 5) and put the last one on the edge.
 */
export function scoreAxis(low: number, high: number): { domain: [number, number]; ticks: number[]; interval: 0; allowDataOverflow: true } {
  const ticks = Array.from({ length: high - low + 1 }, (_, i) => low + i);
  return { domain: [low - 0.25, high + 0.25], ticks, interval: 0, allowDataOverflow: true };
}

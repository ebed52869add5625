import { useLayoutEffect, useState } from 'react';

/** The CSS variables on the page that hold the heights of the bars stuck under the header (styles.css). */
export type StickyHeightVar = '--sync-row-height' | '--connection-banner-height';

/**
 * A sticky bar's height as `name` on the page, while it is drawn: what is scrolled into view
 * stops under it (styles.css, scroll-padding) instead of behind it, and a bar stuck below it
 * sits under it. Returns the ref for the bar's box.
 */
export function useStickyHeight(name: StickyHeightVar, drawn: boolean): (el: HTMLDivElement | null) => void {
  const [el, setEl] = useState<HTMLDivElement | null>(null);
  useLayoutEffect(() => {
    if (!drawn || !el) return;
    const root = document.documentElement.style;
    const watch = new ResizeObserver(() => root.setProperty(name, `${el.offsetHeight}px`));
    watch.observe(el);
    root.setProperty(name, `${el.offsetHeight}px`);
    return () => {
      watch.disconnect();
      root.removeProperty(name);
    };
  }, [drawn, el, name]);
  return setEl;
}

import { useLayoutEffect, useState, type RefObject } from 'react';
import { t, useLocaleVersion, type MessageKey } from '../i18n';
import { canvasFont, fittingHint } from './lookupHint';

/**
 * The longest of `hints` (longest first, lookupHint.ts) that fits the input as it is now,
 * measured in its own font, chosen again whenever it is resized or the language changes.
 * `hints` must be a constant list.
 */
export function useFittingHint<H extends MessageKey>(input: RefObject<HTMLInputElement | null>, hints: readonly H[]): H {
  const [hint, setHint] = useState<H>(hints[0]!);
  const locale = useLocaleVersion();
  useLayoutEffect(() => {
    const el = input.current;
    if (!el) return;
    const text = document.createElement('canvas').getContext('2d');
    const pick = () => {
      if (!text) return;
      const style = getComputedStyle(el);
      text.font = canvasFont(style);
      setHint(fittingHint(el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight), (h) => text.measureText(t(h)).width, hints));
    };
    pick();
    const watch = new ResizeObserver(pick);
    watch.observe(el);
    return () => watch.disconnect();
  }, [locale, input, hints]);
  return hint;
}

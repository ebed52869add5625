import { memo, useEffect, useRef, useState, type ComponentType } from 'react';
import { afterPaint } from './afterPaint';
import { localeVersion, subscribeLocale } from './i18n';

// A language switch redraws the whole page in one React commit, and on a long page (the
// supervisor's board) most of that work is for sections nobody can see yet. A section made
// with inViewFirst follows a switch in the same commit as the rest of the page while it is in
// view; out of view, it follows right after the switch's first frame is painted (a frame or
// two later), before anyone can scroll to it. Between switches it renders as any component
// does (on its props), and a screen reader reading the page meanwhile reads the section's
// previous language for those frames only.

function useLocaleVersionInView(ref: { readonly current: Element | null }): number {
  const [version, setVersion] = useState(localeVersion);
  const inView = useRef(true);
  useEffect(() => {
    const element = ref.current;
    const observer = element && typeof IntersectionObserver !== 'undefined' ? new IntersectionObserver((entries) => entries.forEach((e) => (inView.current = e.isIntersecting))) : null;
    if (element) observer?.observe(element);
    let cancel = () => {};
    const off = subscribeLocale(() => {
      cancel();
      if (inView.current) setVersion(localeVersion());
      else cancel = afterPaint(() => setVersion(localeVersion()));
    });
    return () => {
      off();
      observer?.disconnect();
      cancel();
    };
  }, [ref]);
  return version;
}

/**
 * Out of view, the browser skips the section's layout and paint too (`content-visibility`),
 * keeping the size it last had: a language switch flips the whole document's direction, and
 * laying out a long page's hidden half again costs more than redrawing its visible one. The
 * content stays in the accessibility tree and in find-in-page.
 */
const OFFSCREEN_SKIPPED = { contentVisibility: 'auto', containIntrinsicSize: 'auto 480px' } as const;

/** The component, redrawn on a language switch at once when in view, else just after the switch is painted. */
export function inViewFirst<P extends object>(Inner: ComponentType<P>, name: string): ComponentType<P> {
  function InViewFirst(props: P) {
    const ref = useRef<HTMLDivElement>(null);
    useLocaleVersionInView(ref);
    return (
      <div ref={ref} style={OFFSCREEN_SKIPPED}>
        <Inner {...props} />
      </div>
    );
  }
  InViewFirst.displayName = `InViewFirst(${name})`;
  return memo(InViewFirst);
}

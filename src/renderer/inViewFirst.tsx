import { DirectionContext } from '@mantine/core';
import { memo, useEffect, useRef, useState, type ComponentType } from 'react';
import { afterPaint } from './afterPaint';
import { directionContextOf } from './direction';
import { localeState, localeVersion, subscribeLocale } from './i18n';

// A language switch redraws the whole page in one React commit, and on a long page (the
// supervisor's board) most of that work is for sections nobody can see yet. A section made
// with inViewFirst follows a switch in the same commit as the rest of the page while it is in
// view; out of view, it follows right after the switch's first frame is painted (a frame or
// two later), before anyone can scroll to it. Between switches it renders as any component
// does (on its props).
//
// Until it follows, the section keeps the language and direction it was drawn in: its box
// carries `lang` and `dir` of its last render, and its Mantine components are told that
// direction (so those that read it, tooltips and popovers, do not redraw before the section
// does). The document's direction flips on a switch, and a flip lays out again everything
// that inherits it; a section that keeps its own direction is left out of that layout, and
// is laid out once, when it follows. A screen reader reading it meanwhile reads English as
// English (or Persian as Persian) for those frames.

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
 * Out of view, the browser may also skip the section's layout and paint (`content-visibility`),
 * keeping the size it last had; Chromium does so only beyond one and a half screens past the
 * viewport, which is what the section's own `dir` covers. The content stays in the
 * accessibility tree and in find-in-page.
 */
const OFFSCREEN_SKIPPED = { contentVisibility: 'auto', containIntrinsicSize: 'auto 480px' } as const;

/** The component, redrawn on a language switch at once when in view, else just after the switch is painted. */
export function inViewFirst<P extends object>(Inner: ComponentType<P>, name: string): ComponentType<P> {
  function InViewFirst(props: P) {
    const ref = useRef<HTMLDivElement>(null);
    useLocaleVersionInView(ref);
    // Read at render: the box's language is always the one its content was just drawn in.
    const { language, direction } = localeState();
    return (
      <div ref={ref} lang={language} dir={direction} style={OFFSCREEN_SKIPPED}>
        <DirectionContext value={directionContextOf(direction)}>
          <Inner {...props} />
        </DirectionContext>
      </div>
    );
  }
  InViewFirst.displayName = `InViewFirst(${name})`;
  return memo(InViewFirst);
}

import { DirectionContext } from '@mantine/core';
import { memo, useEffect, useMemo, useRef, useState, type ComponentType } from 'react';
import { flushSync } from 'react-dom';
import { directionContextOf } from './direction';
import { localeState, localeVersion, subscribeLocale } from './i18n';

// A language switch redraws the whole page in one React commit, and on a long page (the
// supervisor's board) most of that work is for sections nobody can see yet. A section made
// with inViewFirst follows a switch in the same commit as the rest of the page while it is in
// view (or holds the focus), in the switch's frame if the switch brings it into view; out of
// view, it follows right after that frame is painted (a frame or two later), before anyone
// can scroll to it. Between switches it renders as any component does (on its props).
//
// Until it follows, the section is left as it was: its box keeps the `lang` and `dir` its
// content was drawn in, its Mantine components are told that direction (so those that read
// it, tooltips and popovers, do not redraw before the section does), and the browser skips
// it. The document's `lang` and `dir` change in the switch's commit; Chromium then restyles
// every element it does not skip and lays out again all that inherits the direction, so the
// first frame costs what is in view, and each waiting section is restyled and laid out once,
// when it follows.

interface Following {
  /** The locale version the section was last drawn in. */
  version: number;
  /** Between a switch and the section's turn to follow it (out of view only). */
  waiting: boolean;
}

function inViewport(element: Element): boolean {
  const box = element.getBoundingClientRect();
  return box.bottom > 0 && box.top < window.innerHeight && box.right > 0 && box.left < window.innerWidth;
}

function useLocaleInView(ref: { readonly current: Element | null }): Following {
  const [following, setFollowing] = useState<Following>(() => ({ version: localeVersion(), waiting: false }));
  const inView = useRef(true);
  useEffect(() => {
    const element = ref.current;
    const observer = element && typeof IntersectionObserver !== 'undefined' ? new IntersectionObserver((entries) => entries.forEach((e) => (inView.current = e.isIntersecting))) : null;
    if (element) observer?.observe(element);
    const follow = () => setFollowing({ version: localeVersion(), waiting: false });
    let cancel = () => {};
    const off = subscribeLocale(() => {
      cancel();
      // What has the focus follows at once, in view or not.
      if (inView.current || element?.contains(document.activeElement)) return follow();
      setFollowing((f) => (f.waiting ? f : { ...f, waiting: true }));
      // The switch's frame lays the page out in the new language before painting it: a
      // section the switch has brought into view (the page above it got shorter) follows in
      // that frame, the others once it is on screen (a task queued from the frame runs then).
      let timer: ReturnType<typeof setTimeout> | undefined;
      const frame = requestAnimationFrame(() => {
        if (element && inViewport(element)) flushSync(follow);
        else timer = setTimeout(follow, 0);
      });
      cancel = () => {
        cancelAnimationFrame(frame);
        clearTimeout(timer);
      };
    });
    return () => {
      off();
      observer?.disconnect();
      cancel();
    };
  }, [ref]);
  return following;
}

/**
 * Out of view, the browser skips a section's style, layout and paint by itself
 * (`content-visibility: auto`) only a screen and a half past the viewport, keeping the size
 * it last had. While it waits for its turn after a switch, the section is skipped wherever it
 * is (`hidden`, at the same size); for those few frames it is also out of the accessibility
 * tree and find-in-page, then it is back, in the new language.
 */
const OFFSCREEN_SKIPPED = { contentVisibility: 'auto', containIntrinsicSize: 'auto 480px' } as const;
const WAITING = { contentVisibility: 'hidden', containIntrinsicSize: 'auto 480px' } as const;

/** The component, redrawn on a language switch at once when in view, else just after the switch is painted. */
export function inViewFirst<P extends object>(Inner: ComponentType<P>, name: string): ComponentType<P> {
  function InViewFirst(props: P) {
    const ref = useRef<HTMLDivElement>(null);
    const { version, waiting } = useLocaleInView(ref);
    // Remade on new props or when the section follows a switch, not when it starts waiting;
    // the box keeps the language its content was drawn in.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `version` says when to redraw
    const drawn = useMemo(() => ({ element: <Inner {...props} />, locale: localeState() }), [props, version]);
    const { language, direction } = drawn.locale;
    return (
      <div ref={ref} lang={language} dir={direction} style={waiting ? WAITING : OFFSCREEN_SKIPPED}>
        <DirectionContext value={directionContextOf(direction)}>{drawn.element}</DirectionContext>
      </div>
    );
  }
  InViewFirst.displayName = `InViewFirst(${name})`;
  return memo(InViewFirst);
}

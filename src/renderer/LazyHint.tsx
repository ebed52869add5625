import { Tooltip } from '@mantine/core';
import { cloneElement, useState, type ReactElement } from 'react';

/**
 * A tooltip on something that cannot take focus (an icon, a date, a badge), made only when the
 * pointer first comes over it: a Mantine tooltip is costly to mount and to unmount (it was the
 * costliest component in the 360° view's first render), and queue pages and timelines have one
 * per row. What it says must also be in the page for a screen reader (visually hidden text or
 * an accessible name), as a tooltip on an element that cannot be focused is pointer-only.
 */
/**
 * The widest a hint grows before it wraps: 22rem, and never more than the window less a margin
 * (a badge's "First response due Dec 7, 2026, 12:00 PM (United Kingdom time)" ran 59 px past a
 * 420 px window's edge on one line).
 */
const INSIDE_WINDOW = 'min(22rem, calc(100vw - 1rem))';

export function LazyHint({ label, openDelay, width, children }: {
  label: string;
  openDelay?: number;
  /** For a long label (a note's first words): this width, wrapped inside it (any label wraps before it would leave the window). */
  width?: number;
  children: ReactElement<{ onPointerEnter?: () => void }>;
}) {
  const [live, setLive] = useState(false);
  if (live)
    return (
      <Tooltip label={label} defaultOpened multiline maw={INSIDE_WINDOW} {...(openDelay === undefined ? {} : { openDelay })} {...(width === undefined ? {} : { w: width })}>
        {children}
      </Tooltip>
    );
  return cloneElement(children, { onPointerEnter: () => setLive(true) });
}

import { Tooltip } from '@mantine/core';
import { cloneElement, useState, type ReactElement } from 'react';

/**
 * A tooltip on something that cannot take focus (an icon, a date, a badge), made only when the
 * pointer first comes over it: a Mantine tooltip is costly to mount and to unmount (it was the
 * costliest component in the 360° view's first render), and queue pages and timelines have one
 * per row. What it says must also be in the page for a screen reader (visually hidden text or
 * an accessible name), as a tooltip on an element that cannot be focused is pointer-only.
 */
export function LazyHint({ label, openDelay, width, children }: {
  label: string;
  openDelay?: number;
  /** For a long label (a note's first words): wrapped at this width, so it stays inside a narrow window. */
  width?: number;
  children: ReactElement<{ onPointerEnter?: () => void }>;
}) {
  const [live, setLive] = useState(false);
  if (live)
    return (
      <Tooltip label={label} defaultOpened {...(openDelay === undefined ? {} : { openDelay })} {...(width === undefined ? {} : { multiline: true, w: width })}>
        {children}
      </Tooltip>
    );
  return cloneElement(children, { onPointerEnter: () => setLive(true) });
}

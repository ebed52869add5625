import { Tooltip, VisuallyHidden } from '@mantine/core';
import { useEffect, useId, useRef, useState, type FocusEvent, type PointerEvent, type ReactNode } from 'react';
import { t } from '../i18n';

// The queue grid's fifteen "open the queue" buttons share one tooltip, which goes to the
// button the mouse rests on (after the delay the grid always had) or the one the keyboard
// focuses, and closes on leaving, on blur and on Escape. A Mantine tooltip per button is a
// floating-ui instance each, redrawn on every refresh of the live board and every language
// switch, for a hint only one of them shows at a time. Screen readers hear the hint as each
// button's description.

const OPEN_DELAY_MS = 300;

/** Mantine's tooltip needs a target even when closed. */
const NO_TARGET = { current: null };

const buttonOf = (node: EventTarget | null): HTMLElement | null => (node instanceof Element ? node.closest<HTMLElement>('[data-open-queue]') : null);

export interface OpenQueueHint {
  /** Handlers for the element around the buttons. */
  around: {
    onPointerOver: (e: PointerEvent) => void;
    onPointerOut: (e: PointerEvent) => void;
    onFocus: (e: FocusEvent) => void;
    onBlur: (e: FocusEvent) => void;
  };
  /** Props for each button. */
  button: { 'data-open-queue': true; 'aria-describedby': string };
  /** The tooltip and the description, rendered once. */
  hint: ReactNode;
}

export function useOpenQueueHint(): OpenQueueHint {
  const id = useId();
  const [target, setTarget] = useState<HTMLElement | null>(null);
  const pending = useRef<{ element: HTMLElement; timer: ReturnType<typeof setTimeout> } | null>(null);
  // Closed with Escape: stays closed until the pointer or the focus leaves that button.
  const dismissed = useRef<HTMLElement | null>(null);
  const cancel = () => {
    if (pending.current) clearTimeout(pending.current.timer);
    pending.current = null;
  };
  const showSoon = (element: HTMLElement, delay: number) => {
    if (pending.current?.element === element || dismissed.current === element) return;
    cancel();
    pending.current = { element, timer: setTimeout(() => setTarget(element), delay) };
  };
  const hide = () => {
    cancel();
    dismissed.current = null;
    setTarget(null);
  };
  useEffect(() => cancel, []);
  useEffect(() => {
    if (!target) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      dismissed.current = target;
      setTarget(null);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [target]);
  const label = t('board.openQueue');
  return {
    around: {
      onPointerOver: (e) => {
        const button = buttonOf(e.target);
        if (button && e.pointerType === 'mouse') showSoon(button, OPEN_DELAY_MS);
      },
      onPointerOut: (e) => {
        const button = buttonOf(e.target);
        if (button && !(e.relatedTarget instanceof Node && button.contains(e.relatedTarget))) hide();
      },
      onFocus: (e) => {
        const button = buttonOf(e.target);
        if (button?.matches(':focus-visible')) showSoon(button, 0);
      },
      onBlur: (e) => {
        if (buttonOf(e.target)) hide();
      },
    },
    button: { 'data-open-queue': true, 'aria-describedby': id },
    hint: (
      <>
        <VisuallyHidden id={id}>{label}</VisuallyHidden>
        <Tooltip label={label} target={target ?? NO_TARGET} opened={target !== null} />
      </>
    ),
  };
}

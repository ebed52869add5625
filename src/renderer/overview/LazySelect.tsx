import { Combobox, InputBase, Select, type SelectProps } from '@mantine/core';
import { useLayoutEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';

// A Mantine Select that is mounted only when someone reaches for it. The drill-down drawer
// has two per row and up to 100 rows (500 with "Show all"); mounting 160 Selects took 2.4 s
// of one core on a quiet 2-core machine (the drawer with plain text in their place: 0.6 s),
// and past 30 s on a busy one. Until then the cell is a read-only field that looks and reads
// the same (a combobox with its name and value); the pointer coming near it, or focus
// reaching it, puts the real Select in its place, focused if focus was what reached it.
// It stays mounted after that.

// Focus moved here by the app (the row that had the keyboard left the drawer, and the next
// row's field takes it) leaves the list shut: a searchable Select opens it on focus, which is
// what a person reaching the field with Tab or a click expects, but opened unasked it covered
// the rows below. Set only while such a focus() runs: the focus event comes within it.
let focusingQuietly = false;

/** Moves focus to `el` without opening its list, if it is (or becomes) a LazySelect's field. */
export function focusWithoutOpening(el: HTMLElement): void {
  focusingQuietly = true;
  try {
    el.focus();
  } finally {
    focusingQuietly = false;
  }
}

export interface LazySelectProps extends Omit<SelectProps, 'data'> {
  'aria-label': string;
  data: { value: string; label: string }[];
}

export function LazySelect(props: LazySelectProps) {
  const [active, setActive] = useState<'pointer' | 'focus' | null>(null);
  const input = useRef<HTMLInputElement>(null);
  // The placeholder was focused by the app: the Select in its place is focused the same way.
  const quietly = useRef(false);
  useLayoutEffect(() => {
    const el = input.current;
    if (active !== 'focus' || !el) return;
    if (quietly.current) focusWithoutOpening(el);
    else el.focus();
    quietly.current = false;
  }, [active]);
  // The list's open state, held here so that an opening that comes of the app's focus is refused.
  const [opened, setOpened] = useState(false);
  const { onDropdownOpen, onDropdownClose } = props;

  if (active) {
    return (
      <Select
        {...props}
        ref={input}
        dropdownOpened={opened}
        onDropdownOpen={() => {
          if (focusingQuietly) return;
          setOpened(true);
          onDropdownOpen?.();
        }}
        onDropdownClose={() => {
          setOpened(false);
          onDropdownClose?.();
        }}
      />
    );
  }

  const shown = props.data.find((d) => d.value === props.value)?.label ?? '';
  return (
    <InputBase
      readOnly
      size={props.size}
      value={shown}
      placeholder={props.placeholder}
      disabled={props.disabled}
      title={props.title}
      aria-label={props['aria-label']}
      role="combobox"
      aria-haspopup="listbox"
      aria-expanded={false}
      rightSection={<Combobox.Chevron size={props.size ?? 'sm'} />}
      rightSectionPointerEvents="none"
      // Synchronously, so that the press that follows at once (a fast click, a tap, whose
      // pointer enters and presses in one go) lands on the Select.
      onPointerEnter={() => flushSync(() => setActive('pointer'))}
      onFocus={() => {
        quietly.current = focusingQuietly;
        setActive('focus');
      }}
    />
  );
}

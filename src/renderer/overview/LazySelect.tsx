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

export interface LazySelectProps extends Omit<SelectProps, 'data'> {
  'aria-label': string;
  data: { value: string; label: string }[];
}

export function LazySelect(props: LazySelectProps) {
  const [active, setActive] = useState<'pointer' | 'focus' | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => {
    if (active === 'focus') input.current?.focus();
  }, [active]);

  if (active) return <Select {...props} ref={input} />;

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
      onFocus={() => setActive('focus')}
    />
  );
}

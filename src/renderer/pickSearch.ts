import type { ComboboxItem } from '@mantine/core';
import { useState } from 'react';

/**
 * What a searchable picker (Mantine's Select) needs so its field always reads the choice's name:
 * spread the result into the Select beside its `data` and `value`.
 *
 * - Clicked with a value chosen, its name is selected, so what is typed replaces it. The caret
 *   landed where the click fell and "ir" typed into "None: the desk's country" read
 *   "None: the desk's cirountry", which found nothing.
 * - After any choice the field reads the chosen option's name. Choosing again the value it
 *   already held changed nothing, so Mantine left what had been typed ("Tehran" instead of
 *   "Iran Standard Time") until the field lost the focus: the search is held here and set
 *   to the chosen option's name on every choice.
 */
export function useSearchFromScratch(options: readonly ComboboxItem[], value: string | null) {
  const labelOf = (v: string | null) => options.find((o) => o.value === v)?.label ?? '';
  const [search, setSearch] = useState(() => labelOf(value));
  return {
    searchValue: search,
    onSearchChange: setSearch,
    onOptionSubmit: (chosen: string) => setSearch(labelOf(chosen)),
    onFocus: (e: { currentTarget: HTMLInputElement }) => e.currentTarget.select(),
    onMouseUp: (e: { currentTarget: HTMLInputElement; preventDefault: () => void }) => {
      // The click's own mouseup would put the caret back where it fell.
      if (e.currentTarget.selectionStart !== e.currentTarget.selectionEnd) e.preventDefault();
    },
  };
}

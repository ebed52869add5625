import stringWidth from 'string-width';

// Columns for a terminal: padding by the columns a text takes on screen, not by its UTF-16
// length. Persian words hold zero-width characters (the non-joiner of «حل‌شده», «کسب‌وکار»),
// filled-in values are wrapped in bidi isolates (FSI … PDI), flags in marks (LRM): none of
// them takes a column. A combining mark (the hamza of «مقالهٔ») sits on the letter before
// it. A wide character (CJK, fullwidth forms) takes two. string-width knows all of this.

/** The columns `text` takes in a terminal (string-width: Unicode's widths, zero for default-ignorable and combining characters). */
export const displayWidth = (text: string): number => stringWidth(text);

/** `text` and spaces after it, to `width` columns on screen. */
export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** Spaces and then `text`, to `width` columns on screen. */
export function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
}

/**
 * Lines of `label<TAB>value` with the values in one column, three spaces after the widest
 * label (`Customers   2000`).
 */
export function labelled(lines: readonly string[]): string[] {
  const split = lines.map((l) => {
    const tab = l.indexOf('\t');
    return tab === -1 ? [l, null] as const : [l.slice(0, tab), l.slice(tab + 1)] as const;
  });
  const width = Math.max(0, ...split.map(([label, value]) => (value === null ? 0 : displayWidth(label)))) + 3;
  return split.map(([label, value]) => (value === null ? label : padEnd(label, width) + value));
}

import { Fragment, type ReactNode } from 'react';
import { t, type MessageKey, type Vars } from '.';
import { formatNumber } from './format';

// A sentence whose filled-in values must not be broken across lines: an email such as
// it-desk@lakeside-usd.example wrapped at its hyphen, and in a right-to-left sentence the two
// halves then landed at opposite ends of two lines. Each value is isolated (<bdi>, as t()
// isolates it with FSI … PDI) and kept on one line; the words around it wrap as usual.

/**
 * t(key, vars), with each value a whole, isolated piece of the sentence. `wrap`: a value may
 * still break over lines (a customer's name in a narrow notification), isolated all the same.
 */
export function KeptWhole({ k, vars, wrap = false }: { k: MessageKey; vars: Vars; wrap?: boolean }) {
  const names = Object.keys(vars);
  // Markers of digits only: t() leaves them as they are (it isolates values with a Latin letter, @ or +).
  const marked = t(k, Object.fromEntries(names.map((name, i) => [name, `\u0000${i}\u0000`])));
  const parts: ReactNode[] = marked.split(/\u0000(\d+)\u0000/).map((part, i) => {
    if (i % 2 === 0) return <Fragment key={i}>{part}</Fragment>;
    const value = vars[names[Number(part)]!]!;
    const text = typeof value === 'number' ? formatNumber(value) : value;
    // A phone number or a count has no letter to take its direction from: inside a Persian
    // sentence it would then run right to left ("0142 555 512 1+"). It reads left to right.
    return (
      <bdi key={i} dir={/\p{L}/u.test(text) ? 'auto' : 'ltr'} style={wrap ? undefined : { whiteSpace: 'nowrap' }}>
        {text}
      </bdi>
    );
  });
  return <>{parts}</>;
}

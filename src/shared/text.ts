import type { z } from 'zod';

// Text that enters the desk must be well-formed Unicode. A lone UTF-16 surrogate (half of a
// pair, as a broken paste or a JSON "\ud800" escape can carry) cannot be stored as UTF-8:
// SQLite would silently turn it into U+FFFD, so the desk would keep other text than the
// agent typed. Every method's input is checked once, here, through every nested string.

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const LONE_SURROGATE_MESSAGE = 'This text contains a broken character (half of a UTF-16 surrogate pair). Retype it, or paste it again from its source.';

export function isWellFormedText(s: string): boolean {
  return !LONE_SURROGATE.test(s);
}

/** Adds to `schema` a check that no string anywhere in the value holds a lone surrogate. */
export function wellFormedText<S extends z.ZodType>(schema: S): S {
  return schema.superRefine((value, ctx) => {
    const walk = (v: unknown, path: PropertyKey[]) => {
      if (typeof v === 'string') {
        if (!isWellFormedText(v)) ctx.addIssue({ code: 'custom', message: LONE_SURROGATE_MESSAGE, path, input: v });
      } else if (Array.isArray(v)) v.forEach((item, i) => walk(item, [...path, i]));
      else if (v !== null && typeof v === 'object') for (const [key, item] of Object.entries(v)) walk(item, [...path, key]);
    };
    walk(value, []);
  }) as S;
}

// What a command line says to a person, in English or Persian: the desk's `tagdesk`
// (src/main/cli/messages.ts) and the hub's `npm run hub` (src/hub/messages.ts) each keep a
// dictionary per language and speak through this. Pure text, no Node.
//
// In Persian, numbers are written in Persian digits; a Latin value (a service tag, a path, an
// email, an address) inside a sentence is isolated (FSI … PDI) so it keeps its own order in a
// right-to-left terminal. Commands and flags written in a dictionary stay as typed, between
// left-to-right marks (‎--data‎).

export type CliLanguage = 'en' | 'fa';

export type CliVars = Record<string, string | number>;

/** A dictionary: each key's sentence, with {name}s for the values it is given. */
export type CliDictionary<K extends string> = { readonly [Key in K]: string };

const FSI = '\u2068';
const PDI = '\u2069';

/** A Latin value, isolated inside a Persian line (as a value filled in is). */
export const isolated = (value: string): string => FSI + value + PDI;

/** t() for one language: fills {name}s, Persian digits for numbers, Latin values isolated. */
export function cliTranslator<K extends string>(language: CliLanguage, dict: CliDictionary<K>): (key: K, vars?: CliVars) => string {
  const number = new Intl.NumberFormat(language === 'fa' ? 'fa-IR' : 'en-US', { useGrouping: language === 'fa' });
  return (key, vars) =>
    dict[key].replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = vars?.[name];
      if (value === undefined) return whole;
      if (typeof value === 'number') return language === 'fa' ? number.format(value) : String(value);
      return language === 'fa' && /[A-Za-z0-9@/\\]/.test(value) ? isolated(value) : value;
    });
}

/** A count in the reader's digits. */
export function cliNumber(language: CliLanguage, n: number): string {
  return language === 'fa' ? new Intl.NumberFormat('fa-IR').format(n) : String(n);
}

/** Keys that come in plural forms: `x_one` and `x_other`. */
export type PluralBase<K extends string> = K extends `${infer B}_other` ? B : never;

/** What a command needs to speak to people: the language, t(), plural t() and numbers. */
export interface CliSpeaker<K extends string> {
  language: CliLanguage;
  tr: (key: K, vars?: CliVars) => string;
  /** Picks `base_one` or `base_other` by the language's plural rules and fills in {count}. */
  tc: (base: PluralBase<K>, count: number, vars?: CliVars) => string;
  /** A whole number in the reader's digits. */
  n: (value: number) => string;
  /** A fraction with `digits` decimals: 0.457 in English, ۰٫۴۵۷ in Persian. */
  decimal: (value: number, digits: number) => string;
  /** A share (0..1) as a percentage with one decimal: 45.0 % in English, ۴۵٫۰٪ in Persian. */
  percent: (share: number) => string;
}

export function cliSpeaker<K extends string>(language: CliLanguage, dict: CliDictionary<K>): CliSpeaker<K> {
  const tr = cliTranslator(language, dict);
  const rules = new Intl.PluralRules(language);
  const fa = language === 'fa';
  return {
    language,
    tr,
    tc: (base, count, vars) => tr(`${base}_${rules.select(count) === 'one' ? 'one' : 'other'}` as K, { ...vars, count }),
    n: (value) => cliNumber(language, value),
    decimal: (value, digits) => (fa ? new Intl.NumberFormat('fa-IR', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value) : value.toFixed(digits)),
    percent: (share) => (fa ? new Intl.NumberFormat('fa-IR', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(share) : `${(share * 100).toFixed(1)} %`),
  };
}

// ---- a wrong command line: node's parseArgs refusals, said the same by every command line ----

export const ARGS_WORDS = {
  en: {
    'args.unknownOption': 'Unknown option "{option}".',
    'args.missingValue': 'Option "{option}" needs a value.',
    'args.noValue': 'Option "{option}" does not take a value.',
    'args.unexpected': 'Unexpected argument "{arg}": this command takes no other arguments.',
    'error.badLang': '--lang must be en or fa, not "{lang}".',
  },
  fa: {
    'args.unknownOption': 'گزینهٔ ناشناخته: «{option}».',
    'args.missingValue': 'گزینهٔ «{option}» مقداری می‌خواهد.',
    'args.noValue': 'گزینهٔ «{option}» مقدار نمی‌گیرد.',
    'args.unexpected': 'ورودی نابه‌جا: «{arg}»؛ این فرمان ورودی دیگری نمی‌گیرد.',
    'error.badLang': '‎--lang‎ باید en یا fa باشد، نه «{lang}».',
  },
} as const satisfies Record<CliLanguage, Record<string, string>>;

export type ArgsKey = keyof (typeof ARGS_WORDS)['en'];

/** node's parseArgs refusal as a key of ARGS_WORDS and its values (by its error code; the option it names), or null. */
export function argsRefusal(error: unknown): { key: ArgsKey; vars: CliVars } | null {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  const named = /'([^']+)'/.exec(message)?.[1]?.split(' ')[0] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return { key: 'args.unknownOption', vars: { option: named } };
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return { key: 'args.unexpected', vars: { arg: named } };
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return { key: message.includes('does not take') ? 'args.noValue' : 'args.missingValue', vars: { option: named } };
  return null;
}

import { en, type Messages } from './en';

// Which language and digits the window speaks, and who is told when that changes. One
// mutable state read by t() and the formatters; React re-renders from the root through
// useLocaleVersion() (a useSyncExternalStore on this store), so switching language needs
// no reload and keeps every page's state.
//
// Where the choice comes from, strongest first: `?lang=` in the address (the browser
// shell), the signed-in user's remembered preference (localStorage, per user), the choice
// made on the sign-in screen, then English.
//
// English is in the bundle; Persian is a chunk of its own, loaded before the first render
// when the window starts in Persian, else fetched when the browser is idle after start, so a
// switch finds it loaded (and an English desk never pays for it at start).

export type Language = 'en' | 'fa';
export type Digits = 'latn' | 'arabext';
export type Direction = 'ltr' | 'rtl';

export const LANGUAGES: readonly Language[] = ['en', 'fa'];
const LOADERS: Record<Language, () => Promise<Messages>> = {
  en: () => Promise.resolve(en),
  fa: () => import('./fa').then((m) => m.fa),
};
const loaded = new Map<Language, Messages>([['en', en]]);
const loading = new Map<Language, Promise<Messages>>();

/** Loads a language's dictionary (once); resolves when t() can speak it. */
export function loadDictionary(language: Language): Promise<Messages> {
  const ready = loaded.get(language);
  if (ready) return Promise.resolve(ready);
  let pending = loading.get(language);
  if (!pending) {
    pending = LOADERS[language]().then((messages) => {
      loaded.set(language, messages);
      return messages;
    });
    pending.catch(() => loading.delete(language));
    loading.set(language, pending);
  }
  return pending;
}

const dictionary = (language: Language): Messages => loaded.get(language) ?? en;
const RTL: ReadonlySet<Language> = new Set(['fa']);
const DEFAULT_DIGITS: Record<Language, Digits> = { en: 'latn', fa: 'arabext' };

export interface LocaleState {
  language: Language;
  digits: Digits;
  direction: Direction;
  /** The BCP 47 tag every Intl formatter gets: calendar and numbering system included. */
  formatLocale: string;
  messages: Messages;
}

let state: LocaleState = make('en', 'latn', 'ltr');
let version = 0;
let forcedLanguage: Language | null = null;
let forcedDirection: Direction | null = null;
const listeners = new Set<() => void>();

function make(language: Language, digits: Digits, direction: Direction): LocaleState {
  return { language, digits, direction, formatLocale: formatLocaleOf(language, digits), messages: dictionary(language) };
}

/** 'fa' → Solar Hijri calendar; digits as the user wants them. */
export function formatLocaleOf(language: Language, digits: Digits): string {
  if (language === 'fa') return `fa-IR-u-ca-persian-nu-${digits}`;
  return digits === 'latn' ? 'en' : 'en-u-nu-arabext';
}

export const isLanguage = (value: unknown): value is Language => value === 'en' || value === 'fa';
export const isDigits = (value: unknown): value is Digits => value === 'latn' || value === 'arabext';

export const localeState = (): LocaleState => state;
export const localeVersion = (): number => version;

export function subscribeLocale(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Applies a language (and digits); the document's lang and dir follow. With the dictionary
 * loaded (English always; Persian after start) it applies at once, in the caller's event;
 * otherwise once the dictionary has arrived. The promise says when it has applied.
 */
export function setLocale(language: Language, digits: Digits = DEFAULT_DIGITS[language]): Promise<void> {
  const lang = forcedLanguage ?? language;
  if (!loaded.has(lang)) return loadDictionary(lang).then(() => setLocale(language, digits));
  const dir = forcedDirection ?? (RTL.has(lang) ? 'rtl' : 'ltr');
  // Digits chosen for another language than the address forces (an English preference under
  // ?lang=fa) are not a choice for this one: the forced language's own digits are used.
  const shown = lang === language ? digits : DEFAULT_DIGITS[lang];
  if (state.language === lang && state.digits === shown && state.direction === dir && state.messages === dictionary(lang)) return Promise.resolve();
  state = make(lang, shown, dir);
  version++;
  for (const listener of listeners) listener();
  return Promise.resolve();
}

export const defaultDigits = (language: Language): Digits => DEFAULT_DIGITS[language];

/** Reads `?lang=` and `?dir=` once at start; both then win over any stored preference. */
export function initFromAddress(search: string, storedDirection: string | null): void {
  const params = new URLSearchParams(search);
  const wanted = (params.get('lang') ?? '').split('-')[0];
  forcedLanguage = isLanguage(wanted) ? wanted : null;
  const dir = params.get('dir') ?? storedDirection;
  forcedDirection = dir === 'rtl' || dir === 'ltr' ? dir : null;
  const language = forcedLanguage ?? signInLanguage() ?? 'en';
  state = make(language, DEFAULT_DIGITS[language], forcedDirection ?? (RTL.has(language) ? 'rtl' : 'ltr'));
  applyLocaleToDocument();
}

/** The language the window starts in (see initFromAddress) has its dictionary loaded. */
export async function ensureStartDictionary(): Promise<void> {
  if (state.messages === dictionary(state.language) && loaded.has(state.language)) return;
  await loadDictionary(state.language);
  state = make(state.language, state.digits, state.direction);
  version++;
}

export const isLanguageForced = (): boolean => forcedLanguage !== null;

/** The developer toggle keeps its meaning: it forces the other direction for this tab. */
export function forceDirection(direction: Direction): void {
  forcedDirection = direction;
  state = { ...state, direction };
  version++;
  for (const listener of listeners) listener();
}

/**
 * The document's lang and dir. At start they are written before the first render; on a switch
 * the root writes them once React has committed the page in the new language (main.tsx), so
 * what reacts to the document's direction (Mantine's indicators) measures the new page and
 * the browser lays it out once, not once for the direction and again for the text.
 */
export function applyLocaleToDocument(): void {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = state.language;
  document.documentElement.dir = state.direction;
}

// ---- remembered preferences ------------------------------------------------------------

const PREFS_PREFIX = 'tagdesk.prefs.';
const SIGN_IN_KEY = 'tagdesk.signInLanguage';

export interface LocalePrefs {
  language: Language;
  digits: Digits;
}

export function storedPrefs(userId: string): LocalePrefs | null {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(PREFS_PREFIX + userId) ?? 'null');
    if (typeof raw !== 'object' || raw === null) return null;
    const { language, digits } = raw as Record<string, unknown>;
    if (!isLanguage(language)) return null;
    return { language, digits: isDigits(digits) ? digits : DEFAULT_DIGITS[language] };
  } catch {
    return null;
  }
}

export function storePrefs(userId: string, prefs: LocalePrefs): void {
  try {
    localStorage.setItem(PREFS_PREFIX + userId, JSON.stringify(prefs));
  } catch {
    // without storage the choice lasts until the window closes
  }
}

/** The language picked on the sign-in screen (before anyone is signed in). */
export function signInLanguage(): Language | null {
  try {
    const value = localStorage.getItem(SIGN_IN_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

export function storeSignInLanguage(language: Language): void {
  try {
    localStorage.setItem(SIGN_IN_KEY, language);
  } catch {
    // as above
  }
}

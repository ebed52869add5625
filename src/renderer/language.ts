import { defaultDigits, localeState, setLocale, storePrefs, storeSignInLanguage, storedPrefs, type Digits, type Language } from './i18n';

// Each person's language and digits, remembered on this computer per user: applied when
// they sign in, changed from the account menu or the command palette, never with a reload.

/** On sign-in: the user's remembered choice, or (first time) the one made on the sign-in screen. */
export function applyUserLocale(userId: string): Promise<void> {
  const prefs = storedPrefs(userId);
  if (prefs) return setLocale(prefs.language, prefs.digits);
  const { language, digits } = localeState();
  storePrefs(userId, { language, digits });
  return Promise.resolve();
}

export function chooseLanguage(userId: string | null, language: Language): void {
  const digits = defaultDigits(language);
  void setLocale(language, digits);
  if (userId) storePrefs(userId, { language, digits });
  else storeSignInLanguage(language);
}

export function chooseDigits(userId: string, digits: Digits): void {
  const { language } = localeState();
  void setLocale(language, digits);
  storePrefs(userId, { language, digits });
}

/** The other language (there are two): what "switch language" switches to. */
export const otherLanguage = (): Language => (localeState().language === 'fa' ? 'en' : 'fa');

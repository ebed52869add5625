import { defaultDigits, localeState, setLocale, storePrefs, storeSignInLanguage, storedPrefs, type Digits, type Language } from './i18n';

// Each person's language and digits, remembered on this computer per user: applied when
// they sign in, changed from the account menu or the command palette, or on the sign-in
// screen just before choosing their name; never with a reload.

/**
 * The language picked on the sign-in screen since someone last signed in (not the one it
 * merely shows, kept from an earlier visit): the person who signs in next takes it. Without
 * it, picking Persian and then one's name brought back one's remembered English.
 */
let pickedAtSignIn: Language | null = null;

/** On sign-in: a language just picked on the sign-in screen, else the user's remembered choice, else (first time) the sign-in screen's. */
export function applyUserLocale(userId: string): Promise<void> {
  const prefs = storedPrefs(userId);
  const picked = pickedAtSignIn;
  pickedAtSignIn = null;
  if (picked && picked !== prefs?.language) {
    const digits = defaultDigits(picked);
    storePrefs(userId, { language: picked, digits });
    return setLocale(picked, digits);
  }
  if (prefs) return setLocale(prefs.language, prefs.digits);
  const { language, digits } = localeState();
  storePrefs(userId, { language, digits });
  return Promise.resolve();
}

export function chooseLanguage(userId: string | null, language: Language): void {
  const digits = defaultDigits(language);
  void setLocale(language, digits);
  if (userId) storePrefs(userId, { language, digits });
  else {
    storeSignInLanguage(language);
    pickedAtSignIn = language;
  }
}

export function chooseDigits(userId: string, digits: Digits): void {
  const { language } = localeState();
  void setLocale(language, digits);
  storePrefs(userId, { language, digits });
}

/** The other language (there are two): what "switch language" switches to. */
export const otherLanguage = (): Language => (localeState().language === 'fa' ? 'en' : 'fa');

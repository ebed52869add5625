import { DeskOpenError } from '../core/db/database';
import { COULD_NOT_START_TITLE, deskOpenText } from '../core/db/openErrors';

// What the Electron shell's error box says when the desk cannot start, and in which language.
// No window has spoken yet, so the language is the one the window spoke last (remembered in
// the profile, see rememberedLanguageFile) or else the system's; the reason is the core's own
// sentence (openErrors.ts) in that language. Kept free of Electron so it can be tested.

export type StartLanguage = 'en' | 'fa';

/** The file in the Electron profile holding the language the window spoke last ("en" or "fa"). */
export const REMEMBERED_LANGUAGE_FILE = 'tagdesk-language';

/**
 * The language the start-up error is said in: the one the window last spoke, else the first
 * of the system's languages the desk speaks (`fa-IR`, `en_US.UTF-8`, …), else English.
 */
export function startLanguage(remembered: string | null | undefined, systemLanguages: ReadonlyArray<string | null | undefined>): StartLanguage {
  const known = (tag: string | null | undefined): StartLanguage | null => {
    const primary = (tag ?? '').trim().toLowerCase().split(/[-_.@]/)[0];
    return primary === 'fa' || primary === 'en' ? primary : null;
  };
  const chosen = known(remembered);
  if (chosen) return chosen;
  for (const tag of systemLanguages) {
    const language = known(tag);
    if (language) return language;
  }
  return 'en';
}

const WORDS = {
  en: { title: COULD_NOT_START_TITLE.en, badFlag: '{message}' },
  fa: { title: COULD_NOT_START_TITLE.fa, badFlag: 'گزینه‌ای که تگ‌دسک با آن باز شد درست نیست: \u2068{message}\u2069' },
} as const;

/**
 * The error box's title and text. A desk that cannot be opened is said by its key (the
 * core's sentence, in the reader's words); a flag the shell could not read keeps the flag's
 * own words, after a lead in the reader's language.
 */
export function startErrorBox(language: StartLanguage, error: unknown): { title: string; content: string } {
  const words = WORDS[language];
  if (error instanceof DeskOpenError) return { title: words.title, content: error.sentence ? deskOpenText(language, error.sentence) : error.message };
  // Else it came from reading the command line (deskArgs): a flag without its value, a hub address refused.
  const message = error instanceof Error ? error.message : String(error);
  return { title: words.title, content: words.badFlag.replace('{message}', () => message) };
}

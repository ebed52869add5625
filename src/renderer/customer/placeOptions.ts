import type { ComboboxItem, ComboboxParsedItem, OptionsFilter } from '@mantine/core';
import { phoneCountries } from '../../shared/phone';
import { currentLocale, t } from '../i18n';
import { countryName, languageName } from '../labels';

// The choices of a customer's country and language in the record forms: each by its name in
// the reader's language (Iran, ایران; Persian (Iran), فارسی (ایران)), the value the code the
// back end validates (IR, fa-IR). A code stored before that is not among them is still a
// choice, named by its code when the runtime knows no name, so opening and saving a record
// keeps it.

/** The picker's value for "no country": the record takes the desk's (stored as ''). */
export const NO_COUNTRY = 'none';

/**
 * The languages offered: the desk's own (en-US, fa-IR) and common ones of callers, as BCP-47
 * tags in their canonical form (customerRules.ts stores Intl.getCanonicalLocales' spelling).
 */
export const CALLER_LOCALES = [
  'en-US', 'en-GB', 'en-CA', 'en-AU', 'en-IE', 'en-IN', 'en-NZ', 'en-ZA',
  'fa-IR', 'fa-AF', 'ar-SA', 'ar-AE', 'ar-EG', 'ar-IQ', 'tr-TR', 'ku-TR', 'az-AZ', 'he-IL', 'ur-PK', 'hi-IN', 'bn-BD', 'ps-AF',
  'de-DE', 'de-AT', 'de-CH', 'fr-FR', 'fr-CA', 'fr-BE', 'fr-CH', 'es-ES', 'es-MX', 'es-US', 'es-AR', 'it-IT', 'pt-BR', 'pt-PT', 'nl-NL', 'nl-BE',
  'sv-SE', 'da-DK', 'nb-NO', 'fi-FI', 'pl-PL', 'cs-CZ', 'sk-SK', 'hu-HU', 'ro-RO', 'bg-BG', 'el-GR', 'hr-HR', 'sr-RS', 'sl-SI', 'uk-UA', 'ru-RU',
  'zh-CN', 'zh-TW', 'zh-HK', 'ja-JP', 'ko-KR', 'vi-VN', 'th-TH', 'id-ID', 'ms-MY', 'fil-PH', 'sw-KE', 'am-ET',
] as const;

const byName = (a: ComboboxItem, b: ComboboxItem) => a.label.localeCompare(b.label, currentLocale());

/** The countries the phone rules know, by name in the reader's language, "none" first; a stored code outside them kept. */
export function countryOptions(current: string): ComboboxItem[] {
  const codes: readonly string[] = phoneCountries();
  const stored = current.trim();
  const kept = stored && !codes.includes(stored) ? [stored] : [];
  const named = [...codes, ...kept].map((code) => ({ value: code, label: countryName(code) })).sort(byName);
  return [{ value: NO_COUNTRY, label: t('record.countryNone') }, ...named];
}

/** The picker's value for a draft's country ('' is "none"). */
export const countryPick = (country: string): string => country.trim() || NO_COUNTRY;
/** The draft's country for a picked value. */
export const countryOfPick = (value: string | null): string => (value === null || value === NO_COUNTRY ? '' : value);

/** The languages offered by name in the reader's language; a stored tag outside them kept. */
export function languageOptions(current: string): ComboboxItem[] {
  const tags: string[] = [...CALLER_LOCALES];
  const stored = current.trim();
  if (stored && !tags.includes(stored)) tags.push(stored);
  return tags.map((tag) => ({ value: tag, label: languageName(tag) })).sort(byName);
}

/** Text as searched: case, Arabic and Persian forms of ی and ک, and the zero-width non-joiner set aside. */
const searchable = (s: string): string => s.toLocaleLowerCase().replace(/[يى]/g, 'ی').replace(/ك/g, 'ک').replace(/\u200c/g, ' ').replace(/\s+/g, ' ').trim();

/**
 * How well a choice matches what was typed, best first: its code (ir), the start of its name or
 * of a word in it (ira, virgin), anywhere in its name; null when it does not match.
 */
export function placeRank(option: ComboboxItem, search: string): number | null {
  const q = searchable(search);
  if (!q) return 0;
  const label = searchable(option.label);
  const code = option.value.toLowerCase();
  if (code === q) return 0;
  if (label.startsWith(q)) return 1;
  if (code.startsWith(q) || label.split(/[\s()]+/).some((word) => word.startsWith(q))) return 2;
  return label.includes(q) ? 3 : null;
}

/** Whether a choice matches what was typed: a part of its name, or the start of its code (ir, fa-). */
export const matchesPlace = (option: ComboboxItem, search: string): boolean => placeRank(option, search) !== null;

/** The pickers' search (Mantine's Select filter): by name or code, the best matches first, at most `limit`. */
export const placeFilter: OptionsFilter = ({ options, search, limit }) => {
  const ranked: Array<{ option: ComboboxParsedItem; rank: number; at: number }> = [];
  options.forEach((option, at) => {
    const rank = 'group' in option ? 0 : placeRank({ value: String(option.value), label: option.label }, search);
    if (rank !== null) ranked.push({ option, rank, at });
  });
  return ranked
    .sort((a, b) => a.rank - b.rank || a.at - b.at)
    .slice(0, limit)
    .map((r) => r.option);
};

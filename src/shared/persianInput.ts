// What a Persian-speaking agent types, made findable. Pure string functions, no I/O:
//
// - Persian (۰-۹) and Arabic-Indic (٠-٩) digits become ASCII digits, so a service tag,
//   Express Service Code, ticket or phone number typed in either finds the same thing.
// - A code typed with the keyboard still on the Persian layout ("۷طن۲ضب۱" for 7XK2QF1)
//   maps back, key by key, to what the same keys give on a Latin (QWERTY) layout.
// - Names fold: Arabic ي/ى and ك become Persian ی and ک, ة and ۀ become ه, the
//   zero-width non-joiner and tatweel are dropped, diacritics and accents removed, case
//   folded, spaces collapsed. Two spellings of one Persian name then share one key.

const PERSIAN_ZERO = 0x06f0;
const ARABIC_INDIC_ZERO = 0x0660;

export function toAsciiDigits(text: string): string {
  return text.replace(/[\u06f0-\u06f9\u0660-\u0669]/g, (d) => {
    const code = d.charCodeAt(0);
    return String(code >= PERSIAN_ZERO ? code - PERSIAN_ZERO : code - ARABIC_INDIC_ZERO);
  });
}

/** Any letter of the Arabic script (Persian included). */
export const ARABIC_SCRIPT = /[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]/;

// The standard Persian layout (ISIRI 9147 / Windows "Persian"), unshifted, row by row,
// against the US QWERTY keys in the same places.
const LATIN_KEYS = 'qwertyuiop[]' + "asdfghjkl;'" + 'zxcvbnm,';
const PERSIAN_KEYS = 'ضصثقفغعهخحجچ' + 'شسیبلاتنمکگ' + 'ظطزرذدپو';
const KEY_OF = new Map<string, string>();
for (let i = 0; i < PERSIAN_KEYS.length; i++) KEY_OF.set(PERSIAN_KEYS[i] ?? '', LATIN_KEYS[i] ?? '');
// The Arabic forms a Persian keyboard may also send on the same keys.
KEY_OF.set('ي', 'd').set('ى', 'd').set('ك', ';');

/**
 * The Latin text the same keys give on a QWERTY layout, upper-cased: "۷طن۲ضب۱" → "7XK2QF1".
 * Null when a character is neither on that layout nor already Latin, a digit or a dash.
 */
export function latinFromPersianKeyboard(text: string): string | null {
  let out = '';
  for (const ch of toAsciiDigits(text)) {
    const key = KEY_OF.get(ch);
    if (key !== undefined) out += key;
    else if (/[0-9A-Za-z\-\s#]/.test(ch)) out += ch;
    else return null;
  }
  return out.toUpperCase();
}

const UNIFY: Readonly<Record<string, string>> = { 'ي': 'ی', 'ى': 'ی', 'ك': 'ک', 'ة': 'ه', 'ۀ': 'ه', 'ە': 'ه', 'ٱ': 'ا' };

/** How names are indexed and searched: the same key for every way of writing one name. */
export function foldName(name: string): string {
  return toAsciiDigits(name)
    .replace(/[يىكةۀەٱ]/g, (ch) => UNIFY[ch] ?? ch)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u200c\u200d\u0640\u200e\u200f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

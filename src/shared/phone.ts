// Phone numbers are stored in E.164 (+ and up to 15 digits) so that a caller's number,
// however it was typed or displayed by the switch, finds the same customer.

const DEFAULT_COUNTRY_CODE = '1';

/**
 * Normalises a number in any common format ("(512) 555-0142", "+44 20 7946 0958",
 * "0044 20 7946 0958", "512.555.0142") to E.164, or returns null when it cannot be a
 * phone number. National numbers without a country code are read with `countryCode`.
 */
export function toE164(input: string, countryCode: string = DEFAULT_COUNTRY_CODE): string | null {
  const trimmed = input.trim();
  if (!/^[+\d\s().\-\/]+$/.test(trimmed)) return null;
  let digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('+')) {
    // already international
  } else if (digits.startsWith('00')) {
    digits = digits.slice(2);
  } else if (countryCode === '1' && digits.length === 11 && digits.startsWith('1')) {
    // North American number written with its trunk prefix
  } else {
    digits = countryCode + digits.replace(/^0/, '');
  }
  if (digits.length < 8 || digits.length > 15) return null;
  return `+${digits}`;
}

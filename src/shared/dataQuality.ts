import type { Quality } from './customerApi';
import { parseEmail } from './customerRules';
import { parsePhone, type Country } from './phone';

// How far a customer record can be trusted, in four parts of 0..100: complete (the ways to
// reach them that their segment needs), valid (what is there parses), unique (no likely
// duplicate), fresh (confirmed by the customer lately). A caller whose record is stale is
// asked to confirm their details.

const DAY_MS = 86_400_000;
/** Confirmed within a year is fresh; older counts down to zero at three years. */
export const FRESH_MS = 365 * DAY_MS;
const STALE_ZERO_MS = 3 * 365 * DAY_MS;

export interface QualityInput {
  kind: 'person' | 'organisation';
  email: string | null;
  phone: string | null;
  country: Country;
  contacts: number;
  duplicates: number;
  /** When the details were last confirmed, else when the record was created. */
  confirmedAt: number;
  now: number;
}

export function scoreQuality(q: QualityInput): Quality {
  const fixes: Quality['fixes'] = [];
  let have = 0;
  let need = 2;
  if (q.email) have++;
  else fixes.push('addEmail');
  if (q.phone) have++;
  else fixes.push('addPhone');
  if (q.kind === 'organisation') {
    need++;
    if (q.contacts > 0) have++;
    else fixes.push('addContact');
  }
  const completeness = Math.round((100 * have) / need);
  let valid = 0;
  let present = 0;
  if (q.email) {
    present++;
    if (parseEmail(q.email).ok) valid++;
    else fixes.unshift('fixEmail');
  }
  if (q.phone) {
    present++;
    if (parsePhone(q.phone, q.country).ok) valid++;
    else fixes.unshift('fixPhone');
  }
  const validity = present === 0 ? 0 : Math.round((100 * valid) / present);
  const uniqueness = q.duplicates > 0 ? 0 : 100;
  if (q.duplicates > 0) fixes.unshift('mergeDuplicate');
  const age = Math.max(0, q.now - q.confirmedAt);
  const freshness = age <= FRESH_MS ? 100 : Math.max(0, Math.round(100 * (1 - (age - FRESH_MS) / (STALE_ZERO_MS - FRESH_MS))));
  const stale = age > FRESH_MS;
  if (stale) fixes.push('confirmDetails');
  const score = Math.round((completeness + validity + uniqueness + freshness) / 4);
  return { score, completeness, validity, uniqueness, freshness, fixes, stale };
}

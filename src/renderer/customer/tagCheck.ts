import type { DuplicateCandidate } from '../../shared/customerApi';
import { parseServiceTag, SERVICE_TAG_HINT } from '../../shared/serviceTag';
import { t } from '../i18n';
import { sayFieldMessage } from '../sayMessage';

// A system's service tag checked as it is typed: once it is a whole tag (seven letters or
// digits), or when the field is left, not only after every other field was filled and saved.
// Whose it already is comes from the desk's duplicate check (customers.duplicates, the same
// the register page's hints ask), said as the desk says it on a refused save.

/** The tag to check: what is typed once it is a whole tag ("7xk-2qf1" is 7XK2QF1), else null. */
export function tagToCheck(typed: string): string | null {
  const parsed = parseServiceTag(typed);
  return parsed.ok ? parsed.tag : null;
}

/** Under the tag field: the customer the tag is already registered to, from what the check found. */
export function tagOwnerMessage(tag: string, found: readonly DuplicateCandidate[]): string | undefined {
  const owner = found.find((c) => c.reasons.includes('tag'));
  return owner ? t('apiError.tagRegistered', { tag, name: owner.name }) : undefined;
}

/** Under the tag field once it is left: what a typed tag that is not one should look like. */
export function tagShapeMessage(typed: string): string | undefined {
  return typed.trim() !== '' && tagToCheck(typed) === null ? sayFieldMessage(SERVICE_TAG_HINT) : undefined;
}

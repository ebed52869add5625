import type { Category } from '../../shared/kb/category';
import type { Rating, Reason } from '../../shared/kb/schemas';
import { formatDecimal, formatPercent, isolated, t, tc, type MessageKey } from '../i18n';

export const reasonLabel = (r: Reason): string => t(`suggest.reason.${r}`);
export const ratingLabel = (r: Rating): string => t(`suggest.rate.${r}`);
export const categoryLabel = (c: Category): string => t(`category.${c}`);
/**
 * "Matched: battery, charging, 80", each word isolated: in a right-to-left line the list then
 * runs right to left in the order found, instead of as one left-to-right run whose first words
 * are at the end where a short line is cut.
 */
export const matchedWords = (words: readonly string[]): string =>
  // Filled in here, not by t(): t() would put one more window around the whole list.
  t('suggest.matched').replace('{words}', words.map(isolated).join(t('list.separator')));
export const statusLabel = (s: 'draft' | 'published'): string => t(`kb.status.${s}`);

/**
 * What the knowledge base says when it lists nothing, and what to do about it: other words,
 * drafts too when only published ones were searched, and (for those who write articles) a way
 * to write one. `write` is whether to offer the link.
 */
export function emptyListing(o: { searched: boolean; publishedOnly: boolean; writes: boolean }): { lines: MessageKey[]; write: boolean } {
  if (!o.searched) return { lines: o.writes ? ['kb.empty'] : ['kb.empty', 'kb.emptyHint'], write: o.writes };
  return { lines: o.publishedOnly ? ['kb.none', 'kb.noneHint', 'kb.noneDrafts'] : ['kb.none', 'kb.noneHint'], write: o.writes };
}

/**
 * An article's ratings: "One rating, 50% relevant", "3 ratings, 67% relevant on average", or
 * "Not rated yet" (none, or every one withdrawn). It said "1 ratings".
 */
export const ratingsSummary = (r: { n: number; mean: number | null }): string => {
  const n = Math.round(r.n);
  return r.mean === null || n < 1 ? t('kb.ratingsNone') : tc('kb.ratingsMean', n, { share: formatPercent(r.mean) });
};

/** A satisfaction cell's mean and how many scores it is from: "Mean 4.25 from 12 scores" (it said "mean 4.00 from 1"). */
export const csatMean = (mean: number, n: number): string => tc('csat.mean', n, { mean: formatDecimal(mean, 2) });

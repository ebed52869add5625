import type { Category } from '../../shared/kb/category';
import type { Rating, Reason } from '../../shared/kb/schemas';
import { t, type MessageKey } from '../i18n';

export const reasonLabel = (r: Reason): string => t(`suggest.reason.${r}`);
export const ratingLabel = (r: Rating): string => t(`suggest.rate.${r}`);
export const categoryLabel = (c: Category): string => t(`category.${c}`);
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

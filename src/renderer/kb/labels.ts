import type { Category } from '../../shared/kb/category';
import type { Rating, Reason } from '../../shared/kb/schemas';
import { t } from '../i18n';

export const reasonLabel = (r: Reason): string => t(`suggest.reason.${r}`);
export const ratingLabel = (r: Rating): string => t(`suggest.rate.${r}`);
export const categoryLabel = (c: Category): string => t(`category.${c}`);
export const statusLabel = (s: 'draft' | 'published'): string => t(`kb.status.${s}`);

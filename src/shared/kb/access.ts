import type { User } from '../domain';

// Who may do what in the knowledge base, CSAT and trends. To be folded into
// src/shared/access.ts when that module lands; until then the rules live here, once.

/** Specialists and admins write and edit articles (issue 11). */
export const mayWriteArticles = (u: User): boolean => u.role === 'specialist' || u.role === 'admin';

/** Supervisors and admins see the board's CSAT and trends and work the follow-up list. */
export const maySeeBoard = (u: User): boolean => u.role === 'supervisor' || u.role === 'admin';

/** Scores come in from survey tools through supervisors and admins. */
export const mayImportCsat = (u: User): boolean => u.role === 'supervisor' || u.role === 'admin';

/** A score of 1 or 2 goes to a supervisor's follow-up list. */
export const isLowScore = (score: number): boolean => score <= 2;

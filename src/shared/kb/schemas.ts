import { z } from 'zod';
import { idSchema, resolutionCodeSchema, segmentSchema, tierSchema } from '../domain';
import { say } from '../messageKeys';
import { CATEGORIES } from './category';

// The knowledge base's part of the API contract: articles, suggestions and ratings,
// customer satisfaction, product trends. api.ts spreads `kbApi` into the one method map.

export const ARTICLE_STATUSES = ['draft', 'published'] as const;
export const articleStatusSchema = z.enum(ARTICLE_STATUSES);
const label = z.string().trim().min(1).max(60);

export const articleInputSchema = z.object({
  /** Absent: a new article. */
  id: idSchema.optional(),
  title: z.string().trim().min(3, say('articleTitleShort')).max(200),
  body: z.string().trim().min(1, say('articleBodyMissing')).max(50_000),
  productLines: z.array(label).max(20).default([]),
  models: z.array(label).max(40).default([]),
  segments: z.array(segmentSchema).default([]),
  tags: z.array(label).max(20).default([]),
  status: articleStatusSchema.default('draft'),
  sourceTicketId: idSchema.nullable().default(null),
  /** The version the editor started from: a newer one means someone else saved meanwhile. */
  expectedVersion: z.number().int().optional(),
});
export type ArticleInput = z.output<typeof articleInputSchema>;

export const articleSummarySchema = z.object({
  id: idSchema,
  title: z.string(),
  excerpt: z.string(),
  productLines: z.array(z.string()),
  models: z.array(z.string()),
  segments: z.array(segmentSchema),
  tags: z.array(z.string()),
  status: articleStatusSchema,
  version: z.number().int(),
  updatedAt: z.number(),
});
export type ArticleSummary = z.infer<typeof articleSummarySchema>;

export const articleVersionSchema = z.object({
  version: z.number().int(),
  title: z.string(),
  status: articleStatusSchema,
  authorName: z.string(),
  at: z.number(),
});

export const articleSchema = articleSummarySchema.extend({
  body: z.string(),
  authorName: z.string(),
  sourceTicketId: idSchema.nullable(),
  createdAt: z.number(),
  /** Ratings the article got: how many, and the mean relevance (0..1). */
  ratings: z.object({ n: z.number(), mean: z.number().nullable() }),
  versions: z.array(articleVersionSchema),
});
export type Article = z.infer<typeof articleSchema>;

export const draftSchema = articleInputSchema.omit({ id: true, expectedVersion: true });
export type ArticleDraft = z.output<typeof draftSchema>;

/** What a draft from a resolved ticket is made of, for the window to write it in its own language (writeUp.ts). */
export const ticketWriteUpSchema = z.object({
  problem: z.string(),
  tried: z.array(z.string()),
  code: resolutionCodeSchema.nullable(),
  note: z.string().nullable(),
  number: z.string(),
});
export type TicketWriteUp = z.infer<typeof ticketWriteUpSchema>;
export const ticketDraftSchema = draftSchema.extend({ writeUp: ticketWriteUpSchema.optional() });

export const RATINGS = [0, 1, 2] as const;
export const ratingSchema = z.union([z.literal(0), z.literal(1), z.literal(2)]);
export type Rating = z.infer<typeof ratingSchema>;

/** Why an article is suggested, as the agent is told: the ranker's features people can read. */
export const REASONS = ['text', 'product', 'model', 'segment', 'similar', 'kind', 'overall', 'exploring'] as const;
export type Reason = (typeof REASONS)[number];
export const isReason = (f: string): f is Reason => (REASONS as readonly string[]).includes(f);
export const suggestionSchema = z.object({
  article: articleSummarySchema,
  /** The model's probability that the article is relevant (0..1). */
  relevance: z.number(),
  /** Why: the features that pushed it up, strongest first. */
  reasons: z.array(z.enum(REASONS)),
  /** Words of the ticket the article matched. */
  matched: z.array(z.string()),
  /** What this ticket's agent said of it already, if anything. */
  rating: ratingSchema.nullable(),
  solved: z.boolean(),
});
export type Suggestion = z.infer<typeof suggestionSchema>;

export const suggestionsSchema = z.object({
  ticketId: idSchema,
  /** Product line and category: the tickets this one learns with. */
  kind: z.string(),
  category: z.enum(CATEGORIES),
  /** Whether to ask the agent to rate (rarer once this kind's precision is 80 % or more). */
  ask: z.boolean(),
  precision: z.number().nullable(),
  suggestions: z.array(suggestionSchema),
});
export type Suggestions = z.infer<typeof suggestionsSchema>;

export const csatInputSchema = z.object({
  ticketId: idSchema,
  score: z.number().int().min(1, 'A score is 1 to 5.').max(5, 'A score is 1 to 5.'),
  comment: z.string().trim().max(2000).default(''),
});

export const csatImportSchema = z.object({
  rows: z
    .array(
      z.object({
        /** The ticket's number as people see it (T-000123) or its id. */
        ticket: z.string().trim().min(1).max(64),
        score: z.number().int().min(1).max(5),
        comment: z.string().trim().max(2000).default(''),
        at: z.number().int().optional(),
      }),
    )
    .max(10_000),
});

export const csatEntrySchema = z.object({
  ticketId: idSchema,
  ticketNumber: z.string(),
  /** The customer the ticket is for: a window listing the name follows that record (an erasure takes the name off). */
  customerId: idSchema,
  customerName: z.string(),
  segment: segmentSchema,
  tier: tierSchema,
  score: z.number().int(),
  comment: z.string(),
  source: z.enum(['agent', 'import']),
  at: z.number(),
  followedUpAt: z.number().nullable(),
});
export type CsatEntry = z.infer<typeof csatEntrySchema>;

export const csatBoardSchema = z.object({
  /** Mean score and count per segment and tier over the last 4 weeks. */
  cells: z.array(z.object({ segment: segmentSchema, tier: tierSchema, n: z.number().int(), mean: z.number() })),
  /**
   * Mean per segment per week of the centre (sla/centreWeek.ts: from its first day of the week, in
   * its zone), oldest first; week: the week's first day, the centre's local date as UTC midnight (epoch ms).
   */
  weekly: z.array(z.object({ week: z.number(), segment: segmentSchema, n: z.number().int(), mean: z.number() })),
  /** Scores of 1 or 2 nobody has followed up yet, newest first. */
  followUps: z.array(csatEntrySchema),
});
export type CsatBoard = z.infer<typeof csatBoardSchema>;

export const trendSeriesSchema = z.object({
  productLine: z.string(),
  category: z.enum(CATEGORIES),
  /** Tickets per week, oldest first, aligned with `weeks`. */
  counts: z.array(z.number().int()),
  /** The band of the weeks before the last: mean + 2 standard deviations (at least mean + 2). */
  upper: z.number(),
  /** The last week rose beyond the band. */
  warning: z.boolean(),
});
export const trendsSchema = z.object({
  /** The centre's weeks (sla/centreWeek.ts), oldest first, the last holding now: each one's first day, the centre's local date as UTC midnight (epoch ms). */
  weeks: z.array(z.number()),
  perProduct: z.array(z.object({ productLine: z.string(), counts: z.array(z.number().int()) })),
  series: z.array(trendSeriesSchema),
  featureRequests: z.array(z.object({ productLine: z.string(), n: z.number().int(), examples: z.array(z.string()) })),
  /**
   * The counts are being moved to the centre's weeks (its zone changed, or the desk was
   * upgraded): until then a count not yet moved shows in the week holding its old week's start,
   * and the board says the weeks are being recounted.
   */
  recounting: z.boolean(),
});
export type Trends = z.infer<typeof trendsSchema>;
export type TrendSeries = z.infer<typeof trendSeriesSchema>;

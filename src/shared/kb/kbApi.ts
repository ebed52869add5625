import { z } from 'zod';
import { idSchema } from '../domain';
import {
  articleInputSchema,
  articleSchema,
  articleStatusSchema,
  articleSummarySchema,
  csatBoardSchema,
  csatEntrySchema,
  csatImportSchema,
  csatInputSchema,
  ratingSchema,
  suggestionsSchema,
  ticketDraftSchema,
  trendsSchema,
} from './schemas';

// The knowledge base's methods, spread into the one API map in api.ts. Same shape as
// every other method there: input and output schemas, signed-in only.
const method = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output, public: false as boolean });
const weeks = z.number().int().min(4).max(52).default(12);

export const kbApi = {
  /** Articles matching the words (best first), or the most recently changed ones. */
  'kb.search': method(
    z.object({ query: z.string().max(200).default(''), status: z.enum(['all', 'published']).default('all'), limit: z.number().int().min(1).max(200).default(50) }),
    z.object({ articles: z.array(articleSummarySchema) }),
  ),
  'kb.get': method(z.object({ articleId: idSchema }), articleSchema),
  /** Create (no id) or edit an article; specialists and admins. Every save is a new version. */
  'kb.save': method(articleInputSchema, articleSchema),
  /**
   * A draft article from a resolved ticket: its subject, notes and resolution, not saved. The body
   * is in English; writeUp gives its parts, for a window to write it in its person's language.
   */
  'kb.draftFromTicket': method(z.object({ ticketId: idSchema }), ticketDraftSchema),
  'kb.suggest': method(z.object({ ticketId: idSchema }), suggestionsSchema),
  /**
   * A rating of one suggestion; solved: "solved with this article" (counts as very relevant).
   * precision: "Relevant lately" for this kind of ticket with the rating counted (null: not measured yet).
   */
  'kb.rate': method(
    z.object({ ticketId: idSchema, articleId: idSchema, rating: ratingSchema, solved: z.boolean().default(false) }),
    z.object({ ticketId: idSchema, articleId: idSchema, rating: ratingSchema, solved: z.boolean(), precision: z.number().nullable() }),
  ),
  /** Takes this agent's rating of one suggestion back (pressed by mistake): it no longer counts. withdrawn: false when there was none. */
  'kb.withdrawRating': method(
    z.object({ ticketId: idSchema, articleId: idSchema }),
    z.object({ ticketId: idSchema, articleId: idSchema, withdrawn: z.boolean(), precision: z.number().nullable() }),
  ),
  /**
   * Takes "solved with this article" back (pressed on the wrong article): the rating is the one
   * before the mark again (null: none) and the mark no longer counts. withdrawn: false when the
   * article was not marked.
   */
  'kb.withdrawSolved': method(
    z.object({ ticketId: idSchema, articleId: idSchema }),
    z.object({ ticketId: idSchema, articleId: idSchema, withdrawn: z.boolean(), rating: ratingSchema.nullable(), solved: z.boolean(), precision: z.number().nullable() }),
  ),
  'kb.status': method(z.object({}).strict(), z.object({ articles: z.number().int(), published: z.number().int(), statuses: z.array(articleStatusSchema) })),
  /** The customer's satisfaction with a resolved ticket, as the agent heard it. */
  'csat.record': method(csatInputSchema, csatEntrySchema),
  /** The ticket's score, if one was recorded. */
  'csat.get': method(z.object({ ticketId: idSchema }), csatEntrySchema.nullable()),
  /** Scores from a survey tool, by ticket number; each bad row is named, the good ones kept. */
  'csat.import': method(csatImportSchema, z.object({ imported: z.number().int(), errors: z.array(z.object({ row: z.number().int(), message: z.string() })) })),
  'csat.board': method(z.object({}).strict(), csatBoardSchema),
  'csat.followUp': method(z.object({ ticketId: idSchema }), csatEntrySchema),
  'trends.board': method(z.object({ weeks }), trendsSchema),
  'trends.export': method(z.object({ which: z.enum(['tickets', 'features']), weeks }), z.object({ filename: z.string(), csv: z.string() })),
} as const;

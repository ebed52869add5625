import { z } from 'zod';
import { maySeeBoard, maySeeSegment, mayImportCsat, mayWriteArticles, type Person } from '../access';
import { idSchema, segmentSchema, tierSchema } from '../domain';
import type { StreamRule } from '../streamRules';
import { FEATURES, type Feature } from './ranker';
import { articleStatusSchema } from './schemas';

// The knowledge base's events as they travel through the hub: the outbox stream
// 'knowledge'. An article change and a rating are appended to the desk's outbox in the
// same transaction as the change (src/main/core/kb/kbStore.ts); the hub re-checks each with
// `knowledgeStreamRule` below, and every other desk applies it with `knowledgeApplier`
// (src/main/core/kb/knowledgeApplier.ts).
//
//   kb.article_created / kb.article_edited   entityId: the article's id; seq: its version
//                                            (1 when created); payload: the article.
//   kb.rated                                 entityId: the rated ticket's id; seq: one past
//                                            the last number the ticket's ratings and
//                                            withdrawals carried (a number is never used
//                                            twice, a withdrawn rating's neither);
//                                            payload: the rating and what the ranker saw.
//   kb.rating_withdrawn                      entityId: the rated ticket's id; seq: as a rating's;
//                                            payload: which article's rating on it the agent
//                                            took back, and where it was counted.
//   kb.solved_withdrawn                      entityId: the rated ticket's id; seq: as a rating's;
//                                            payload: which article's "solved with this
//                                            article" the agent took back, and the rating it
//                                            had before the mark (null: none).
//   csat.recorded / csat.followed_up         entityId: "csat:" + the ticket's id; seq: the
//                                            score's changes so far; payload: the score.

export const KNOWLEDGE_STREAM = 'knowledge';
export const KNOWLEDGE_EVENT_TYPES = ['kb.article_created', 'kb.article_edited', 'kb.rated', 'kb.rating_withdrawn', 'kb.solved_withdrawn', 'csat.recorded', 'csat.followed_up'] as const;
export type KnowledgeEventType = (typeof KNOWLEDGE_EVENT_TYPES)[number];

const label = z.string().min(1).max(60);

export const articlePayloadSchema = z.object({
  title: z.string().min(1).max(200),
  body: z.string().min(1).max(50_000),
  productLines: z.array(label).max(20),
  models: z.array(label).max(40),
  segments: z.array(segmentSchema),
  tags: z.array(label).max(20),
  status: articleStatusSchema,
  sourceTicketId: idSchema.nullable(),
});
export type ArticlePayload = z.infer<typeof articlePayloadSchema>;

const featureVectorSchema = z.object(Object.fromEntries(FEATURES.map((f) => [f, z.number().finite()])) as Record<Feature, z.ZodNumber>);

export const ratedPayloadSchema = z.object({
  ticketId: idSchema,
  articleId: idSchema,
  rating: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  solved: z.boolean(),
  /** The rated ticket's segment: who may see the rating, and whom the hub lets rate. */
  segment: segmentSchema,
  productLine: z.string().max(60).nullable(),
  /** Product line and category ("Latitude|battery"): where precision is measured. */
  kind: z.string().min(1).max(120),
  /** The article text search put first for the ticket (its kind of ticket), if any. */
  anchorArticleId: idSchema.nullable(),
  /** The ticket's words, as the similar-ticket search indexes them. */
  terms: z.array(z.string().min(1).max(100)).max(24),
  /** The features the article had when it was suggested: what the model learns from (null: none known). */
  features: featureVectorSchema.nullable(),
});
export type RatedPayload = z.infer<typeof ratedPayloadSchema>;

/** A rating taken back: it no longer counts anywhere (tallies, similar tickets, measured precision). */
export const ratingWithdrawnPayloadSchema = z.object({
  ticketId: idSchema,
  articleId: idSchema,
  /** The rated ticket's segment, as a rating's. */
  segment: segmentSchema,
  /** Where the rating was counted: the kind's precision, and the kind's tally (under its anchor article, if any). */
  kind: z.string().min(1).max(120),
  anchorArticleId: idSchema.nullable(),
});
export type RatingWithdrawnPayload = z.infer<typeof ratingWithdrawnPayloadSchema>;

/**
 * "Solved with this article" taken back (pressed on the wrong article): the rating is as it was
 * before the mark, and what the mark taught the model is untaught (each desk its own step).
 */
export const solvedWithdrawnPayloadSchema = ratingWithdrawnPayloadSchema.extend({
  /** The rating before the mark, which the article has again (null: it had none, and is unrated again). */
  rating: z.union([z.literal(0), z.literal(1), z.literal(2)]).nullable(),
});
export type SolvedWithdrawnPayload = z.infer<typeof solvedWithdrawnPayloadSchema>;

/** The entity a ticket's satisfaction score is in the stream (its ratings are under the ticket's own id). */
export const csatEntityId = (ticketId: string) => `csat:${ticketId}`;

export const csatRecordedPayloadSchema = z.object({
  ticketId: idSchema,
  customerId: idSchema,
  segment: segmentSchema,
  tier: tierSchema,
  productLine: z.string().max(60).nullable(),
  score: z.number().int().min(1).max(5),
  comment: z.string().max(2000),
  source: z.enum(['agent', 'import']),
});
export type CsatRecordedPayload = z.infer<typeof csatRecordedPayloadSchema>;
export const csatFollowedUpPayloadSchema = z.object({ ticketId: idSchema, segment: segmentSchema });
export type CsatFollowedUpPayload = z.infer<typeof csatFollowedUpPayloadSchema>;

const firstIssue = (e: z.ZodError) => {
  const i = e.issues[0];
  return i ? `${i.path.join('.') || 'payload'}: ${i.message}` : 'invalid payload';
};

/**
 * The hub's re-check of a 'knowledge' event: only specialists and admins write articles (an
 * article is read by everyone signed in: segment null); a rating comes from someone who may
 * see the rated ticket's segment, and stays in that segment.
 */
export const knowledgeStreamRule: StreamRule = (event, actor: Person, known) => {
  if (event.stream !== KNOWLEDGE_STREAM) return { ok: false, reason: `This is not a knowledge-base event (stream "${event.stream}").` };
  switch (event.type) {
    case 'kb.article_created':
    case 'kb.article_edited': {
      const refusal = mayWriteArticles(actor);
      if (refusal) return { ok: false, reason: refusal };
      const payload = articlePayloadSchema.safeParse(event.payload);
      if (!payload.success) return { ok: false, reason: `The article is not valid (${firstIssue(payload.error)}).` };
      if (event.type === 'kb.article_created' && (event.seq !== 1 || known.seen)) return { ok: false, reason: 'This article exists already; send its change as an edit.' };
      if (event.type === 'kb.article_edited' && event.seq < 2) return { ok: false, reason: 'An edited article has version 2 or later.' };
      return { ok: true, segment: null };
    }
    case 'kb.rated':
    case 'kb.rating_withdrawn':
    case 'kb.solved_withdrawn': {
      const payload = (event.type === 'kb.rated' ? ratedPayloadSchema : event.type === 'kb.solved_withdrawn' ? solvedWithdrawnPayloadSchema : ratingWithdrawnPayloadSchema).safeParse(event.payload);
      if (!payload.success) return { ok: false, reason: `The rating is not valid (${firstIssue(payload.error)}).` };
      const r = payload.data;
      if (r.ticketId !== event.entityId) return { ok: false, reason: 'A rating belongs to the ticket it rates (entityId must be the ticket id).' };
      const refusal = maySeeSegment(actor, r.segment);
      if (refusal) return { ok: false, reason: refusal };
      if (known.seen && known.segment !== null && known.segment !== r.segment) return { ok: false, reason: 'This ticket’s ratings belong to another segment.' };
      return { ok: true, segment: r.segment };
    }
    case 'csat.recorded':
    case 'csat.followed_up': {
      const payload = (event.type === 'csat.recorded' ? csatRecordedPayloadSchema : csatFollowedUpPayloadSchema).safeParse(event.payload);
      if (!payload.success) return { ok: false, reason: `The satisfaction score is not valid (${firstIssue(payload.error)}).` };
      const c = payload.data;
      if (csatEntityId(c.ticketId) !== event.entityId) return { ok: false, reason: 'A satisfaction score belongs to its ticket (entityId must be "csat:" and the ticket id).' };
      const refusal =
        event.type === 'csat.followed_up' ? maySeeBoard(actor) : 'source' in c && c.source === 'import' ? (mayImportCsat(actor) ?? maySeeSegment(actor, c.segment)) : maySeeSegment(actor, c.segment);
      if (refusal) return { ok: false, reason: refusal };
      if (known.seen && known.segment !== null && known.segment !== c.segment) return { ok: false, reason: 'This ticket’s satisfaction score belongs to another segment.' };
      return { ok: true, segment: c.segment };
    }
    default:
      return { ok: false, reason: `Unknown knowledge-base event "${event.type}".` };
  }
};

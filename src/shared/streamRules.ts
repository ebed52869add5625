import type { Person } from './access';
import { customerStreamRule } from './customerStream';
import { knowledgeStreamRule } from './kb/knowledgeStream';
import { settingsStreamRule } from './settingsStream';
import { userStreamRule } from './userStream';
import type { Segment } from './domain';
import type { OutboxEnvelope } from './ticketLog/envelope';

// The hub's re-check for the streams other than tickets ('customer', 'knowledge', ...): each
// area that appends its own stream to the outbox gives a rule here, written with the shared
// access and validation rules, so the hub judges a pushed event exactly as the author desk
// did. The ticket stream is re-checked by the ticket log's own decide (src/shared/ticketLog).
//
// `known` is what the hub already holds of the entity: the segment its earlier events put it
// in (null for an entity it has not seen, or one every segment may read). A rule answers with
// the segment the event belongs to (who may pull it; null: everyone signed in), or why not.

export type StreamVerdict = { ok: true; segment: Segment | null } | { ok: false; reason: string };
export type StreamRule = (event: OutboxEnvelope, actor: Person, known: { segment: Segment | null; seen: boolean }) => StreamVerdict;

/** One entry per stream; an event of a stream not listed is refused by the hub. */
export const STREAM_RULES: Readonly<Record<string, StreamRule>> = {
  customer: customerStreamRule,
  knowledge: knowledgeStreamRule,
  settings: settingsStreamRule,
  // The hub appends 'user' events itself; one pushed by a desk is refused with the reason.
  user: userStreamRule,
};

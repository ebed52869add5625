import type { StreamApplier } from '../sync/stream';
import { KNOWLEDGE_STREAM } from '../../../shared/kb/knowledgeStream';
import type { KbStore } from './kbStore';

// The sync engine's way in for the 'knowledge' stream: article changes and ratings other
// desks wrote, accepted by the hub, applied to this desk's knowledge base inside the
// engine's batch transaction. Idempotent on event id; nothing goes to the outbox again.
// It takes the desk's own store (`kbHandlers(...).kb`, `Desk`'s knowledge area), so the
// suggestions this desk makes see each applied event at once.
export function knowledgeApplier(kb: KbStore): StreamApplier {
  return {
    stream: KNOWLEDGE_STREAM,
    apply: (envelopes) => kb.applyRemote(envelopes),
  };
}

import type { StreamApplier } from '../sync/stream';
import { KNOWLEDGE_STREAM } from '../../../shared/kb/knowledgeStream';
import type { CsatStore } from './csat';
import type { KbStore } from './kbStore';

// The sync engine's way in for the 'knowledge' stream: article changes, ratings and
// satisfaction scores other desks wrote, accepted by the hub, applied to this desk inside
// the engine's batch transaction. Idempotent on event id (kb_events keeps every id it has
// applied or written); nothing goes to the outbox again. It takes the desk's own stores
// (openDesk registers the one it made in `Desk.streams`), so this desk's suggestions and board
// see each applied event at once; `csatChanged` tells the windows when a score arrived.
export function knowledgeApplier(kb: KbStore, csat: CsatStore, csatChanged: () => void = () => undefined): StreamApplier {
  return {
    stream: KNOWLEDGE_STREAM,
    apply(envelopes) {
      let scores = false;
      for (const arrived of envelopes) {
        const e = csat.asKept(arrived);
        if (!kb.logRemote(e)) continue;
        if (e.type.startsWith('csat.')) {
          csat.applyRemote(e);
          scores = true;
        } else kb.applyRemote(e);
      }
      if (scores) csatChanged();
    },
  };
}

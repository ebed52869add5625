import type { OutboxEnvelope } from '../../../shared/ticketLog/envelope';

// How the desk's sync engine hands events that came from the hub to the area that owns
// their stream. Each area that appends to the outbox under its own stream name ('customer',
// 'knowledge', ...) also provides a StreamApplier for it; the engine calls `apply` inside
// its batch transaction (one SQLite transaction per pulled batch), with the envelopes of
// that stream in global order. An applier must be idempotent on event id (a pull may
// repeat), must not re-append to the outbox (the events are already in the hub's log), and
// must not push live events itself: the engine tells the UI after the batch commits.
//
// The ticket stream is the engine's own (the ticket store's apply path).

export interface StreamApplier {
  readonly stream: string;
  /**
   * Applied before the batch's ticket events: a stream tickets are projected with (SLA
   * policies and calendars, people), so a ticket settled in the same batch already counts
   * on the calendar that came with it.
   */
  readonly beforeTickets?: boolean;
  /** Applies events accepted by the hub (globalSeq set), in global order, inside the engine's transaction. */
  apply(envelopes: readonly OutboxEnvelope[]): void;
  /**
   * A change made here that the hub refused (it has left the outbox and is a conflict for its
   * author): undo its effect here where the area can. Inside the engine's transaction.
   */
  refused?(envelope: OutboxEnvelope): void;
}

/** The appliers areas registered, one per stream; the engine asks it for each pulled stream. */
export function streamRegistry() {
  const appliers = new Map<string, StreamApplier>();
  return {
    register(applier: StreamApplier): void {
      if (applier.stream === 'ticket') throw new Error("The ticket stream is the sync engine's own.");
      if (appliers.has(applier.stream)) throw new Error(`Two appliers for the '${applier.stream}' stream.`);
      appliers.set(applier.stream, applier);
    },
    get: (stream: string): StreamApplier | null => appliers.get(stream) ?? null,
  };
}
export type StreamRegistry = ReturnType<typeof streamRegistry>;

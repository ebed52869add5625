import { ApiError, type Input, type Method, type Output, type Push, type PushEventName, type PushPayload } from './api';

// The typed client over any transport. The three transports (in-process, Electron IPC,
// WebSocket) only move requests and pushes; everything typed lives here.

export interface Transport {
  /** Resolves with the result, or rejects with an ApiError. */
  call(method: string, input: unknown): Promise<unknown>;
  subscribe(listener: (push: Push) => void): () => void;
}

export interface Client {
  call<M extends Method>(method: M, ...input: {} extends Input<M> ? [Input<M>?] : [Input<M>]): Promise<Output<M>>;
  on<E extends PushEventName>(event: E, listener: (payload: PushPayload<E>) => void): () => void;
}

export function createClient(transport: Transport): Client {
  return {
    call: (method, ...input) => transport.call(method, input[0] ?? {}) as never,
    on: (event, listener) =>
      transport.subscribe((push) => {
        if (push.event === event) listener(push.payload as never);
      }),
  };
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError || (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'ApiError');
}

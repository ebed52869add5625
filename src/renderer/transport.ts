import { z } from 'zod';
import { ApiError, apiErrorSchema, type ApiErrorShape, type CallResult, type Push, pushEvents, type PushEventName, type TagdeskBridge } from '../shared/api';
import type { Transport } from '../shared/client';

// The renderer's only way to the back end. Under Electron the preload has put a bridge on
// `window.tagdesk`; in a plain browser (the web shell, end-to-end tests) the same calls
// travel over a WebSocket to the Node host that served this page.

/**
 * 'lost': the link dropped and the transport retries. 'refused': the desk answers but no
 * longer knows this tab's token (its process restarted and printed a new address); retrying
 * cannot help, so the transport stops and the window says to open the new address.
 */
export type ConnectionState = 'connecting' | 'open' | 'lost' | 'refused';

export interface DeskTransport extends Transport {
  readonly kind: 'ipc' | 'websocket';
  /**
   * Told about every change of the link to the desk, and at once of the current one. After
   * 'lost' → 'open' the desk sees a new connection: nobody is signed in there any more.
   */
  onState(listener: (state: ConnectionState) => void): () => void;
}

export function createTransport(): DeskTransport {
  const bridge = bridgeOf(window);
  return bridge ? ipcTransport(bridge) : webSocketTransport(deskSocketUrl());
}

// ---- wire validation: what arrives is checked before anything believes it ---------------------

const callResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({ ok: z.literal(false), error: apiErrorSchema }),
]);

const pushSchema = z.object({
  event: z.enum(Object.keys(pushEvents) as [PushEventName, ...PushEventName[]]),
  payload: z.unknown(),
});

const responseSchema = z.discriminatedUnion('ok', [
  z.object({ id: z.number().int(), ok: z.literal(true), result: z.unknown() }),
  z.object({ id: z.number().int(), ok: z.literal(false), error: apiErrorSchema }),
]);

function unwrap(raw: unknown): unknown {
  const parsed = callResultSchema.safeParse(raw);
  if (!parsed.success) throw new ApiError('internal', 'The desk sent a reply this window does not understand.');
  if (parsed.data.ok) return parsed.data.result;
  throw fromShape(parsed.data.error);
}

function fromShape({ code, message, issues, key, params }: ApiErrorShape): ApiError {
  return new ApiError(code, message, issues, key ? { key, ...(params ? { params } : {}) } : undefined);
}

/** A push whose payload does not fit its event's schema is dropped, not half-believed. */
function checkedPush(raw: unknown): Push | null {
  const envelope = pushSchema.safeParse(raw);
  if (!envelope.success) return null;
  const payload = pushEvents[envelope.data.event].safeParse(envelope.data.payload);
  if (!payload.success) {
    console.error(`Tagdesk: dropped a "${envelope.data.event}" push with an unexpected payload`, payload.error.issues);
    return null;
  }
  return { event: envelope.data.event, payload: payload.data };
}

function bridgeOf(w: Window): TagdeskBridge | null {
  const candidate: unknown = Reflect.get(w, 'tagdesk');
  if (typeof candidate !== 'object' || candidate === null) return null;
  const call: unknown = Reflect.get(candidate, 'call');
  const onPush: unknown = Reflect.get(candidate, 'onPush');
  return typeof call === 'function' && typeof onPush === 'function' ? (candidate as TagdeskBridge) : null;
}

// ---- Electron: the preload's bridge ---------------------------------------------------------------

function ipcTransport(bridge: TagdeskBridge): DeskTransport {
  return {
    kind: 'ipc',
    async call(method, input) {
      let raw: CallResult;
      try {
        raw = await bridge.call(method, input);
      } catch {
        // The main process refused the frame itself (say, input that cannot be cloned).
        throw new ApiError('internal', 'The desk could not take this request.');
      }
      return unwrap(raw);
    },
    subscribe(listener) {
      return bridge.onPush((raw) => {
        const push = checkedPush(raw);
        if (push) listener(push);
      });
    },
    onState(listener) {
      // IPC cannot drop while the window lives.
      listener('open');
      return () => {};
    },
  };
}

// ---- browser: WebSocket to the web shell ------------------------------------------------------------

const TOKEN_KEY = 'tagdesk.token';

function deskSocketUrl(): string {
  // The token arrives once in the printed URL; keep it for the tab so that routes which
  // rewrite the query string, and reloads after them, still reach the desk.
  const fromUrl = new URLSearchParams(location.search).get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    // Out of the address bar and the history at once: the tab keeps it in sessionStorage.
    const clean = new URL(location.href);
    clean.searchParams.delete('token');
    history.replaceState(history.state, '', `${clean.pathname}${clean.search}${clean.hash}`);
  }
  const token = fromUrl ?? sessionStorage.getItem(TOKEN_KEY) ?? '';
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/api?token=${encodeURIComponent(token)}`;
}

/** Mirrors TOKEN_CHECK_PATH and TOKEN_HEADER of src/main/web/server.ts. */
const TOKEN_CHECK_PATH = '/token-check';
const TOKEN_HEADER = 'X-Tagdesk-Token';

/**
 * Asks the web shell whether the socket's token is still its own: true only on a plain
 * 401. A desk that cannot be reached, or any other answer, is a dropped link (retry).
 */
async function tokenRefused(socketUrl: string): Promise<boolean> {
  try {
    const url = new URL(socketUrl);
    const token = url.searchParams.get('token') ?? '';
    const answer = await fetch(`${location.protocol}//${url.host}${TOKEN_CHECK_PATH}`, { headers: { [TOKEN_HEADER]: token }, cache: 'no-store' });
    return answer.status === 401;
  } catch {
    return false;
  }
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: ApiError): void;
}

interface Queued extends Pending {
  id: number;
  frame: string;
  timer: ReturnType<typeof setTimeout>;
}

const BACKOFF_FIRST_MS = 250;
const BACKOFF_MAX_MS = 10_000;
/** A call made while the desk is unreachable waits this long for a socket before failing. */
const QUEUE_WAIT_MS = 15_000;

export function webSocketTransport(url: string): DeskTransport {
  const pending = new Map<number, Pending>();
  const queued: Queued[] = [];
  const pushListeners = new Set<(push: Push) => void>();
  const stateListeners = new Set<(state: ConnectionState) => void>();
  let state: ConnectionState = 'connecting';
  let nextId = 1;
  let attempt = 0;
  let wasOpen = false;
  let socket: WebSocket;

  const setState = (next: ConnectionState) => {
    if (next === state) return;
    state = next;
    for (const listener of stateListeners) listener(next);
  };

  const connect = () => {
    socket = new WebSocket(url);
    socket.addEventListener('open', () => {
      attempt = 0;
      wasOpen = true;
      setState('open');
      for (const q of queued.splice(0)) {
        clearTimeout(q.timer);
        send(q.id, q.frame, q);
      }
    });
    socket.addEventListener('message', (event) => receive(event.data));
    // 'error' is always followed by 'close', which does the work.
    socket.addEventListener('close', () => {
      // Nothing is re-sent: a call may have reached the desk before the link dropped, and
      // repeating a write (escalate, take next) could apply it twice.
      const lost = new ApiError('internal', 'Connection to the desk was lost', undefined, { key: 'connectionLost' });
      for (const p of pending.values()) p.reject(lost);
      pending.clear();
      // A socket that never opened may have been refused for its token, which a browser
      // cannot see on the socket itself: ask. Until the answer comes the link is 'lost'.
      const opened = wasOpen;
      wasOpen = false;
      setState('lost');
      const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** attempt) * (0.5 + Math.random() / 2);
      attempt += 1;
      if (opened) {
        setTimeout(connect, delay);
        return;
      }
      void tokenRefused(url).then((refused) => {
        if (!refused) return void setTimeout(connect, delay);
        setState('refused');
        for (const q of queued.splice(0)) {
          clearTimeout(q.timer);
          q.reject(new ApiError('internal', 'The desk was restarted; open the address it printed.', undefined, { key: 'deskRestarted' }));
        }
      });
    });
  };

  const send = (id: number, frame: string, waiter: Pending) => {
    pending.set(id, waiter);
    try {
      socket.send(frame);
    } catch {
      pending.delete(id);
      waiter.reject(new ApiError('internal', 'Connection to the desk was lost', undefined, { key: 'connectionLost' }));
    }
  };

  const receive = (data: unknown) => {
    if (typeof data !== 'string') return;
    let raw: unknown;
    try {
      raw = JSON.parse(data);
    } catch {
      console.error('Tagdesk: the desk sent a frame that is not JSON');
      return;
    }
    if (typeof raw === 'object' && raw !== null && 'event' in raw) {
      const push = checkedPush(raw);
      if (push) for (const listener of pushListeners) listener(push);
      return;
    }
    const response = responseSchema.safeParse(raw);
    if (!response.success) {
      console.error('Tagdesk: the desk sent a frame that is neither a reply nor a push');
      return;
    }
    const waiter = pending.get(response.data.id);
    if (!waiter) return;
    pending.delete(response.data.id);
    if (response.data.ok) waiter.resolve(response.data.result);
    else {
      waiter.reject(fromShape(response.data.error));
    }
  };

  connect();

  return {
    kind: 'websocket',
    call(method, input) {
      const id = nextId++;
      let frame: string;
      try {
        frame = JSON.stringify({ id, method, input });
      } catch {
        return Promise.reject(new ApiError('invalid_input', 'This request cannot be sent to the desk (it is not plain data).'));
      }
      return new Promise<unknown>((resolve, reject) => {
        if (state === 'refused') {
          reject(new ApiError('internal', 'The desk was restarted; open the address it printed.', undefined, { key: 'deskRestarted' }));
          return;
        }
        if (state === 'open' && socket.readyState === WebSocket.OPEN) {
          send(id, frame, { resolve, reject });
          return;
        }
        const entry: Queued = {
          id,
          frame,
          resolve,
          reject,
          timer: setTimeout(() => {
            const at = queued.indexOf(entry);
            if (at >= 0) queued.splice(at, 1);
            reject(new ApiError('internal', 'Could not reach the desk. Is Tagdesk still running?', undefined, { key: 'unreachable' }));
          }, QUEUE_WAIT_MS),
        };
        queued.push(entry);
      });
    },
    subscribe(listener) {
      pushListeners.add(listener);
      return () => pushListeners.delete(listener);
    },
    onState(listener) {
      stateListeners.add(listener);
      listener(state);
      return () => stateListeners.delete(listener);
    },
  };
}

import WebSocket from 'ws';

// A minimal WebSocket client of a desk's API, as the browser shell's page speaks it, for
// process-level tests of the web shell and of desks with a hub: calls and the pushes it receives.

export interface ApiSocket {
  call<T = unknown>(method: string, input?: unknown): Promise<T>;
  pushes: Array<{ event: string; payload: unknown }>;
  close(): void;
}

export function apiSocket(url: string): Promise<ApiSocket> {
  const ws = new WebSocket(url.replace('http://', 'ws://').replace('/?token=', '/api?token='));
  const pending = new Map<number, { done(v: unknown): void; fail(e: Error): void }>();
  const pushes: ApiSocket['pushes'] = [];
  let nextId = 1;
  ws.on('message', (data) => {
    const m = JSON.parse(String(data)) as { id?: number; ok?: boolean; result?: unknown; error?: { message: string }; event?: string; payload?: unknown };
    if (m.event !== undefined) pushes.push({ event: m.event, payload: m.payload });
    else if (m.id !== undefined) {
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (m.ok) p?.done(m.result);
      else p?.fail(new Error(m.error?.message ?? 'refused'));
    }
  });
  // A call in flight when the server dies is refused, never left hanging.
  ws.on('close', () => {
    for (const p of pending.values()) p.fail(new Error('the socket closed'));
    pending.clear();
  });
  ws.on('error', () => {});
  return new Promise((ready, fail) => {
    ws.once('error', fail);
    ws.once('open', () =>
      ready({
        pushes,
        call: <T>(method: string, input: unknown = {}) =>
          new Promise<T>((done, refuse) => {
            const id = nextId++;
            pending.set(id, { done: done as (v: unknown) => void, fail: refuse });
            ws.send(JSON.stringify({ id, method, input }));
          }),
        close: () => ws.close(),
      }),
    );
  });
}

/** Signs the socket in as the first active person with `name`. */
export async function signIn(api: ApiSocket, name: string): Promise<void> {
  const users = await api.call<Array<{ id: string; name: string }>>('session.users');
  const user = users.find((u) => u.name === name);
  if (!user) throw new Error(`no ${name} on this desk`);
  await api.call('session.signIn', { userId: user.id });
}

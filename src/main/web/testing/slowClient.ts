// A client that asks for a lot and reads nothing: it signs in as a supervisor, then stops
// reading its socket and sends `count` requests whose replies are large (the board's list of
// open tickets, up to 1,000 rows each). Used by the backpressure tests and `npm run faults`.
import WebSocket from 'ws';

const [url, countArg] = process.argv.slice(2);
const count = Number(countArg ?? '3000');
const ws = new WebSocket(url!.replace('http://', 'ws://').replace('/?token=', '/api?token='));
let nextId = 1;
const replies = new Map<number, (value: unknown) => void>();
ws.on('message', (data) => {
  const reply = JSON.parse(String(data)) as { id?: number; result?: unknown };
  if (reply.id !== undefined) replies.get(reply.id)?.(reply.result);
});
const call = (method: string, input: unknown) =>
  new Promise<unknown>((done) => {
    const id = nextId++;
    replies.set(id, done);
    ws.send(JSON.stringify({ id, method, input }));
  });
ws.on('error', (e) => console.error(`slow client: ${String(e)}`));
ws.on('open', async () => {
  const users = (await call('session.users', {})) as Array<{ id: string; role: string }>;
  await call('session.signIn', { userId: users.find((u) => u.role === 'supervisor')!.id });
  const sample = JSON.stringify(await call('supervisor.tickets', { filter: 'open', limit: 1000 }));
  // From here on nothing is read: the socket is paused, the kernel's buffers fill up.
  ws.pause();
  const frame = (id: number) => JSON.stringify({ id, method: 'supervisor.tickets', input: { filter: 'open', limit: 1000 } });
  for (let i = 0; i < count; i++) ws.send(frame(nextId++));
  console.log(JSON.stringify({ sent: count, replyBytes: sample.length }));
});
setInterval(() => {}, 1_000);

// One "desk" in the take-next race test: a separate process with its own database
// connection, taking tickets from one queue as fast as it can until the queue is empty.
import { openDesk } from '../desk';

const [dataDir, userName, segment] = process.argv.slice(2);
const desk = await openDesk({ dataDir: dataDir! });
const conn = desk.connect(() => {});
const users = await conn.call('session.users', {});
if (!users.ok) throw new Error(users.error.message);
const me = (users.result as Array<{ id: string; name: string }>).find((u) => u.name === userName)!;
await conn.call('session.signIn', { userId: me.id });
const taken: string[] = [];
for (;;) {
  const r = await conn.call('queues.takeNext', { segment, tier: 1 });
  if (!r.ok) throw new Error(r.error.message);
  if (r.result === null) break;
  taken.push((r.result as { ticket: { id: string } }).ticket.id);
}
process.stdout.write(JSON.stringify(taken));
desk.close();

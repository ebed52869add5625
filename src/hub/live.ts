import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import pg from 'pg';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import { seesSegment } from './access';
import { authenticate, type Session } from './accounts';
import type { HubDb } from './db';
import { EVERYONE } from './envelope';
import { RawJson, rawObject } from './rawJson';
import { dropConnection, PRESENCE_CHANNEL, presenceIn, presenceNote, presenceOn, setPresence, shown } from './presence';
import { EVENTS_CHANNEL, eventsBetween, statedDeskVersion } from './sync';
import { DESK_VERSION_HEADER } from '../shared/ticketLog';

// Live fan-out. Desks hold a WebSocket (a valid session required to open it). A commit that
// appends events NOTIFYs every hub process on one PostgreSQL; each process reads the new
// events once and sends each connected desk those of segments its person may see. Presence
// (who has a ticket open, who is typing) goes the same way; presence.ts keeps it.
//
// Messages to the desk: {type:'events', first, last, events}, {type:'presence', ...}, {type:'resync'}
// (the hub may have missed notifications, or the commit holds an event the desk's version
// cannot read (the x-tagdesk-desk-version header on opening; none is 1): pull), {type:'error', message}.
// From the desk: {type:'presence', ticketId, state: 'viewing'|'typing'|'left'}.

export { PRESENCE_CHANNEL };

const rangeNote = z.object({ first: z.number().int(), last: z.number().int() });

interface Peer {
  id: string;
  socket: WebSocket;
  session: Session;
  token: string;
  presenceBudget: number;
  /** The desk machine version it stated on opening (deskVersion.ts; none is 1). */
  deskVersion: number;
}

export interface Live {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Closes live connections opened with this session (sign-out, revocation). */
  dropSession(tokenHash: string): void;
  clients(): number;
  close(): Promise<void>;
}

export async function startLive(options: { db: HubDb; databaseUrl: string; log: Logger; now: () => number }): Promise<Live> {
  const { db, log, now } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 });
  const peers = new Map<string, Peer>();
  let closed = false;

  // ---- LISTEN on a connection of its own, reconnected when lost ----
  let listener: pg.Client | null = null;
  let chain: Promise<void> = Promise.resolve();
  const connectListener = async (): Promise<void> => {
    const client = new pg.Client({ connectionString: options.databaseUrl });
    client.on('error', (error) => log.warn({ err: { message: error.message } }, 'live listener lost its connection'));
    client.on('end', () => {
      if (closed) return;
      listener = null;
      // Notifications sent while we were away are gone: desks pull to catch up.
      setTimeout(() => void connectListener().then(() => broadcast({ type: 'resync' })).catch(() => undefined), 500);
    });
    client.on('notification', (note) => {
      chain = chain.then(() => onNotification(note.channel, note.payload ?? '')).catch((error: unknown) => log.error({ err: { message: String(error) } }, 'fan-out failed'));
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${EVENTS_CHANNEL}; LISTEN ${PRESENCE_CHANNEL}`);
      listener = client;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (closed) return;
      log.warn({ err: { message: error instanceof Error ? error.message : String(error) } }, 'live listener cannot connect; retrying');
      await new Promise((r) => setTimeout(r, 1000));
      return connectListener();
    }
  };
  await connectListener();

  /** Sends a message, or JSON text already made (RawJson). */
  const send = (peer: Peer, message: unknown) => {
    if (peer.socket.readyState === peer.socket.OPEN) peer.socket.send(message instanceof RawJson ? message.text : JSON.stringify(message));
  };
  const broadcast = (message: unknown) => peers.forEach((p) => send(p, message));

  async function onNotification(channel: string, payload: string): Promise<void> {
    if (channel === EVENTS_CHANNEL) {
      const range = rangeNote.safeParse(JSON.parse(payload));
      if (!range.success || peers.size === 0) return;
      const events = await eventsBetween(db, range.data.first, range.data.last);
      for (const peer of peers.values()) {
        const visible = events.filter((e) => e.segment === EVERYONE || seesSegment(peer.session.user, e.segment));
        if (visible.length === 0) continue;
        // A commit holding an event this desk's version cannot read is not sent: it is told to
        // pull, and the pull ends before that event and says to upgrade (deskVersion.ts).
        if (visible.some((e) => e.needs > peer.deskVersion)) {
          send(peer, { type: 'resync' });
          continue;
        }
        // { type: 'events', first, last, events: [...] } with the stored envelopes passed
        // through: the whole range of one commit, of which these are what this person may see.
        send(peer, new RawJson(rawObject({ type: '"events"', first: String(range.data.first), last: String(range.data.last), events: `[${visible.map((e) => e.json).join(',')}]` })));
      }
    } else if (channel === PRESENCE_CHANNEL) {
      const note = presenceNote.safeParse(JSON.parse(payload));
      if (!note.success) return;
      for (const peer of peers.values()) {
        if (peer.id !== note.data.connection && seesSegment(peer.session.user, note.data.segment)) send(peer, { type: 'presence', ...shown(note.data) });
      }
    }
  }

  // ---- connections ----
  const refill = setInterval(() => peers.forEach((p) => (p.presenceBudget = Math.min(40, p.presenceBudget + 20))), 1000);
  // Sessions expire and are revoked while sockets stay open: look again every few seconds.
  const recheck = setInterval(() => {
    for (const peer of peers.values()) {
      void authenticate(db, peer.token, now())
        .then((s) => {
          if (!s) peer.socket.close(4401, 'session ended');
          else peer.session = s;
        })
        .catch(() => undefined);
    }
  }, 5000);

  async function onPresence(peer: Peer, data: unknown): Promise<void> {
    const parsed = presenceIn.safeParse(data);
    if (!parsed.success) return send(peer, { type: 'error', message: 'Not a presence message: {type:"presence", ticketId, state: viewing|typing|left}.' });
    if (peer.presenceBudget <= 0) return;
    peer.presenceBudget--;
    const { ticketId, state } = parsed.data;
    const result = await setPresence(db, { connection: peer.id, session: peer.session }, ticketId, state, now());
    if (result.refused !== null) return send(peer, { type: 'error', message: result.refused });
    // Newly on the ticket: who was already there said so before this connection could hear it
    // (a desk whose socket opened a moment after theirs). Its own row is committed and it is
    // listening, so anyone later is announced to it: this list closes the gap.
    if (result.arrived) for (const p of await presenceOn(db, ticketId, peer.session.user.id, now())) send(peer, { type: 'presence', ...p });
  }

  return {
    handleUpgrade(req, socket, head) {
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      void authenticate(db, token, now())
        .then((session) => {
          if (!session || !token) {
            socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{"error":{"code":"unauthorized","message":"Sign in first."}}');
            return;
          }
          wss.handleUpgrade(req, socket, head, (ws) => {
            const peer: Peer = { id: randomUUID(), socket: ws, session, token, presenceBudget: 40, deskVersion: statedDeskVersion(req.headers[DESK_VERSION_HEADER]) };
            peers.set(peer.id, peer);
            ws.on('message', (raw) => {
              let data: unknown;
              try {
                data = JSON.parse(raw.toString());
              } catch {
                return send(peer, { type: 'error', message: 'Messages are JSON.' });
              }
              void onPresence(peer, data).catch((error: unknown) => log.warn({ err: { message: String(error) } }, 'presence failed'));
            });
            const gone = () => {
              if (!peers.delete(peer.id)) return;
              void dropConnection(db, peer.id, now()).catch((error: unknown) => log.warn({ err: { message: String(error) } }, 'presence cleanup failed'));
            };
            ws.on('close', gone);
            ws.on('error', gone);
            send(peer, { type: 'hello', userId: session.user.id, listening: listener !== null });
          });
        })
        .catch(() => socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n'));
    },
    dropSession(tokenHash) {
      for (const peer of peers.values()) if (peer.session.tokenHash === tokenHash) peer.socket.close(4401, 'signed out');
    },
    clients: () => peers.size,
    async close() {
      closed = true;
      clearInterval(refill);
      clearInterval(recheck);
      for (const peer of peers.values()) peer.socket.close(1001, 'hub shutting down');
      wss.close();
      await chain.catch(() => undefined);
      await listener?.end().catch(() => undefined);
    },
  };
}

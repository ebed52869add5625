import WebSocket from 'ws';
import { z } from 'zod';
import { roleSchema, tierSchema } from '../../shared/domain';
import type { Presence } from '../../shared/syncApi';
import type { HubLink } from './hubLink';

// The desk's side of presence. While the signed-in person has a ticket open, the desk holds a
// live socket to the hub in their name (the hub's /sync/live), says there what they do on
// each open ticket (viewing, typing, left) and repeats it every few seconds so the hub keeps
// them listed; what others do arrives on the same socket and is pushed to the windows. The
// hub only tells a person about tickets of segments they may see. Every few seconds the desk
// also asks the hub again who is on its open tickets: a desk that vanished without saying
// 'left' is no longer listed there (its entry expires after ~30 s), and leaves here too.
// Presence is liveness, not data: it runs on the wall clock, whatever clock the desk's
// tickets run on, and nothing of it is written to the desk's database. A window renews what
// it said every few seconds; a window that vanished (a killed tab) stops, and leaves.

export type PresenceState = Presence['state'];

export interface PresenceLinkOptions {
  hub: HubLink;
  /** Tells the windows that someone's presence on a ticket changed. */
  onChange: (p: Presence) => void;
  /** How often the desk repeats its state and asks again (ms). */
  refreshMs?: number;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

const fromHub = z.object({
  userId: z.string(),
  name: z.string(),
  role: roleSchema.optional().catch(undefined),
  tier: tierSchema.optional().catch(undefined),
  deskId: z.string().nullable(),
  deskName: z.string().nullable().optional().catch(undefined),
  ticketId: z.string(),
  state: z.enum(['viewing', 'typing', 'left']),
  since: z.number(),
});
const liveMessage = z.object({ type: z.literal('presence') }).and(fromHub);
const hubAnswer = z.object({ presence: z.array(fromHub) });

const toPresence = (p: z.infer<typeof fromHub>): Presence => ({
  ticketId: p.ticketId,
  userId: p.userId,
  name: p.name,
  ...(p.role ? { role: p.role } : {}),
  ...(p.tier ? { tier: p.tier } : {}),
  state: p.state,
  deskId: p.deskId ?? '',
  ...(p.deskName ? { deskName: p.deskName } : {}),
  since: p.since,
});
/** A window renews its 'viewing' or 'typing' at least this often, or the desk says it left. */
export const LEASE_MS = 30_000;

const keyOf = (p: { userId: string; deskId: string | null }) => `${p.userId}|${p.deskId ?? ''}`;

/** One person's live line to the hub, while they have tickets open. */
interface Line {
  userId: string;
  socket: WebSocket | null;
  /** What this person does on each open ticket, and when a window last said so. */
  mine: Map<string, { state: Exclude<PresenceState, 'left'>; renewedAt: number }>;
  retry: ReturnType<typeof setTimeout> | null;
  closed: boolean;
}

export function presenceLink(options: PresenceLinkOptions) {
  const { hub, onChange } = options;
  const refreshMs = options.refreshMs ?? 10_000;
  const doFetch = options.fetch ?? fetch;
  const lines = new Map<string, Line>();
  /** Who else is on a ticket: ticket id -> (user|desk) -> presence. */
  const others = new Map<string, Map<string, Presence>>();
  let timer: ReturnType<typeof setInterval> | null = null;

  // Timers run outside any call: a fault there (the desk's database closing under them) ends
  // presence for this desk instead of the process.
  const guarded = (fn: () => void) => {
    try {
      fn();
    } catch {
      for (const line of [...lines.values()]) closeLine(line);
    }
  };

  const hubUrl = (): string | null => {
    const s = hub.status();
    return s.joined ? s.url : null;
  };

  function heard(p: Presence, viewer: string): void {
    if (p.userId === viewer) return;
    const onTicket = others.get(p.ticketId) ?? new Map<string, Presence>();
    const key = keyOf(p);
    const before = onTicket.get(key);
    if (p.state === 'left') {
      if (!before) return;
      onTicket.delete(key);
    } else {
      if (before && before.state === p.state && before.since === p.since) return;
      onTicket.set(key, p);
    }
    if (onTicket.size) others.set(p.ticketId, onTicket);
    else others.delete(p.ticketId);
    onChange(p);
  }

  /** The hub's list for a ticket replaces ours: who is gone from it has left. */
  function reconcile(ticketId: string, viewer: string, listed: Presence[]): void {
    const now = new Map(listed.filter((p) => p.userId !== viewer).map((p) => [keyOf(p), p] as const));
    for (const [key, p] of others.get(ticketId) ?? []) if (!now.has(key)) heard({ ...p, state: 'left', since: Date.now() }, viewer);
    for (const p of now.values()) heard(p, viewer);
  }

  function send(line: Line, ticketId: string, state: PresenceState): void {
    if (line.socket?.readyState === WebSocket.OPEN) line.socket.send(JSON.stringify({ type: 'presence', ticketId, state }));
  }

  function open(line: Line): void {
    const url = hubUrl();
    const token = hub.sessionToken(line.userId);
    if (!url || !token || line.closed) return;
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/sync/live`, { headers: { authorization: `Bearer ${token}` }, handshakeTimeout: options.timeoutMs ?? 4000 });
    line.socket = socket;
    socket.on('open', () => {
      for (const [ticketId, mine] of line.mine) send(line, ticketId, mine.state);
    });
    socket.on('message', (raw) => {
      let data: unknown;
      try {
        data = JSON.parse(raw.toString());
      } catch {
        return;
      }
      const m = liveMessage.safeParse(data);
      if (m.success && line.mine.has(m.data.ticketId)) heard(toPresence(m.data), line.userId);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (line.socket === socket) line.socket = null;
      // The hub went away or restarted: try again while something is open.
      if (!line.closed && line.mine.size > 0 && !line.retry) line.retry = setTimeout(() => ((line.retry = null), guarded(() => open(line))), 2000);
      line.retry?.unref?.();
    });
  }

  function lineOf(userId: string): Line {
    let line = lines.get(userId);
    if (!line) {
      line = { userId, socket: null, mine: new Map(), retry: null, closed: false };
      lines.set(userId, line);
      open(line);
    }
    timer ??= setInterval(() => guarded(refresh), refreshMs);
    timer.unref?.();
    return line;
  }

  function closeLine(line: Line): void {
    line.closed = true;
    if (line.retry) clearTimeout(line.retry);
    line.socket?.close(1000, 'no ticket open');
    lines.delete(line.userId);
    if (lines.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  }

  function leave(line: Line, ticketId: string): void {
    send(line, ticketId, 'left');
    line.mine.delete(ticketId);
    if (![...lines.values()].some((l) => l.mine.has(ticketId))) others.delete(ticketId);
    if (line.mine.size === 0) closeLine(line);
  }

  async function ask(userId: string, ticketId: string): Promise<Presence[] | null> {
    const url = hubUrl();
    const token = hub.sessionToken(userId);
    if (!url || !token) return null;
    try {
      const res = await doFetch(`${url}/presence?ticketId=${encodeURIComponent(ticketId)}`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(options.timeoutMs ?? 4000) });
      if (!res.ok) return null;
      const answer = hubAnswer.safeParse(await res.json());
      return answer.success ? answer.data.presence.map(toPresence) : null;
    } catch {
      return null;
    }
  }

  /** Every few seconds: say again what we do, and ask again who else is there. */
  function refresh(): void {
    for (const line of [...lines.values()]) {
      // A window that closed without a word (a killed tab) stops renewing: it has left.
      for (const [ticketId, mine] of line.mine) if (mine.renewedAt < Date.now() - LEASE_MS) leave(line, ticketId);
      if (!lines.has(line.userId)) continue;
      if (!line.socket && !line.retry) open(line);
      for (const [ticketId, mine] of line.mine) {
        send(line, ticketId, mine.state);
        void ask(line.userId, ticketId).then((listed) => {
          // Unreachable: we cannot vouch for anyone; the hub forgets them in ~30 s anyway.
          if (line.mine.has(ticketId)) reconcile(ticketId, line.userId, listed ?? []);
        });
      }
    }
  }

  return {
    /** The person says what they do on a ticket; relayed when the desk is joined and they hold a hub session. */
    set(userId: string, ticketId: string, state: PresenceState): void {
      if (state === 'left') {
        const line = lines.get(userId);
        if (line) leave(line, ticketId);
        return;
      }
      if (!hubUrl() || !hub.sessionToken(userId)) return;
      const line = lineOf(userId);
      const before = line.mine.get(ticketId);
      line.mine.set(ticketId, { state, renewedAt: Date.now() });
      if (before?.state !== state) send(line, ticketId, state);
    },
    /** Who else has the ticket open: the hub's answer, or what the desk last heard. */
    async of(userId: string, ticketId: string): Promise<Presence[]> {
      if (!hubUrl()) return [];
      const listed = await ask(userId, ticketId);
      if (listed && lines.get(userId)?.mine.has(ticketId)) reconcile(ticketId, userId, listed);
      return (listed ?? [...(others.get(ticketId)?.values() ?? [])]).filter((p) => p.userId !== userId);
    },
    /** A person signs out (or another takes the window): they leave every ticket they had open, at once. */
    signedOut(userId: string): void {
      const line = lines.get(userId);
      if (line) for (const ticketId of [...line.mine.keys()]) leave(line, ticketId);
    },
    /** Signing out, or the desk closing: every line goes, and with it this desk's presence. */
    close(userId?: string): void {
      for (const line of [...lines.values()]) if (userId === undefined || line.userId === userId) closeLine(line);
    },
  };
}
export type PresenceLink = ReturnType<typeof presenceLink>;

import { SEGMENTS } from '../../shared/domain';
import type { Sql } from './db/exec';
import type { RetimeFailure } from '../../shared/api';
import type { SettingsMoved, SlaStore } from './sla';
import type { TicketStore } from './ticketStore';

// Re-timing open tickets when a calendar or an SLA policy changes (saved here, or arrived from
// the hub): the ticket's stored due time, SLA status and next SLA moment, which order the
// queues, count the board's at-risk and breached and wake the scheduler, are projected again
// from its log on the new settings by the one SLA rule (projectSla), with no event: every desk
// computes the same from the same log and settings. Only open tickets whose deadlines depend on
// what changed: those on a changed calendar (their first policy's, sla_calendar_id; one with no
// calendar too, which a new one may give it), and those of a segment and level whose policy in
// force changed.
//
// In pages of open tickets read from the queues' partial index (tickets_queue, one segment at a
// time, in its order, so no index is added to tickets), each page re-timed in a write
// transaction of its own and the event loop given back between pages, so agents' calls go on
// meanwhile. A ticket an agent changes meanwhile is projected on the new settings by their
// write anyway, so a page that misses or repeats it (it moved in the index) is harmless.
//
// A request made while none waits starts (after the one running, if any); one made while one
// waits joins it (what it covers added), so saves in quick succession during a long re-time run
// at most one more, on the settings as they are when it starts: the newest. A desk that closes in
// the middle (or crashes) does it all again when it next opens, as the settings it last finished
// on (meta `sla_retimed_for`) are not the settings it has.
//
// A re-time that fails (the disk full, the file locked or read-only) is kept as the desk's
// `failure` until a whole re-time succeeds: the SLA settings page says so with a "Try again"
// (retry), and the mark is not written, so the next opening re-times everything again too.

const PAGE = 256;
/** Tickets re-timed in one write transaction (each reads its row and log and replays its clocks). */
const SLICE = 64;
export const RETIMED_KEY = 'sla_retimed_for';

interface Page {
  r: number;
  id: string;
  tier: number;
  p: number;
  c: number;
  l: string;
  cal: string | null;
}

export function retimer(
  db: Sql,
  store: Pick<TicketStore, 'retimeInside'>,
  sla: Pick<SlaStore, 'fingerprint' | 'everything'>,
  opts: { now: () => number; onRetimed: (tickets: number) => void; onFailure?: () => void; readOnly?: boolean },
) {
  const page = db.sqlite.prepare<[string, number, number, number, number], Page>(
    `SELECT rowid AS r, id, tier, priority_rank AS p, created_at AS c, service_level AS l, sla_calendar_id AS cal
     FROM tickets INDEXED BY tickets_queue
     WHERE is_open = 1 AND segment = ? AND (tier, priority_rank, created_at, rowid) > (?, ?, ?, ?)
     ORDER BY tier, priority_rank, created_at, rowid LIMIT ${PAGE}`,
  );
  const readMark = db.sqlite.prepare<[string], string>('SELECT value FROM meta WHERE key = ?').pluck();
  const writeMark = db.sqlite.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  let tail: Promise<unknown> = Promise.resolve();
  /** The re-time that waits for the running one to end: a later request joins it. */
  let waiting: { calendars: Set<string>; pairs: Set<string>; whole: boolean; job: Promise<number> } | null = null;
  let queued = 0;
  let closed = false;
  let failure: RetimeFailure | null = null;
  let started = 0;
  // The jobs queued while during() runs its function, for it to wait on.
  const collecting: Array<Set<Promise<number>>> = [];
  const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

  async function run(calendars: ReadonlySet<string>, pairs: ReadonlySet<string>): Promise<number> {
    // After the change's own transaction (a save, or the sync engine's batch) has committed.
    await turn();
    const segments = calendars.size > 0 ? SEGMENTS : SEGMENTS.filter((s) => [...pairs].some((p) => p.startsWith(`${s}/`)));
    let retimed = 0;
    for (const segment of segments) {
      let from: [number, number, number, number] = [0, -1, Number.MIN_SAFE_INTEGER, -1];
      for (;;) {
        if (closed || !db.sqlite.open) return retimed;
        const rows = page.all(segment, ...from);
        const last = rows.at(-1);
        if (!last) break;
        from = [last.tier, last.p, last.c, last.r];
        const ids = rows.filter((t) => pairs.has(`${segment}/${t.l}`) || (calendars.size > 0 && (t.cal === null || calendars.has(t.cal)))).map((t) => t.id);
        for (let i = 0; i < ids.length; i += SLICE) {
          if (i > 0) await turn();
          if (closed || !db.sqlite.open) return retimed;
          const slice = ids.slice(i, i + SLICE);
          retimed += db.write(() => store.retimeInside(slice, opts.now()));
        }
        if (rows.length < PAGE) break;
        await turn();
      }
    }
    return retimed;
  }

  /**
   * Queues a re-time of what `moved` covers (`whole`: every open ticket, which clears a failure);
   * resolves with how many open tickets' due time or SLA status moved, or rejects with why it failed.
   */
  function request(moved: SettingsMoved, whole = false): Promise<number> {
    if (opts.readOnly) return Promise.resolve(0);
    let job: Promise<number>;
    if (waiting) {
      for (const c of moved.calendars) waiting.calendars.add(c);
      for (const p of moved.pairs) waiting.pairs.add(p);
      waiting.whole ||= whole;
      job = waiting.job;
    } else {
      queued++;
      const w = { calendars: new Set(moved.calendars), pairs: new Set(moved.pairs), whole, job: Promise.resolve(0) };
      waiting = w;
      job = w.job = tail.then(() => {
        // Started: a request from now on waits for the next one.
        if (waiting === w) waiting = null;
        started++;
        return run(w.calendars, w.pairs);
      });
      tail = job.then(
        (n) => done(n, w.whole),
        (e: unknown) => {
          failed(e);
          done(0, false);
        },
      );
    }
    for (const jobs of collecting) jobs.add(job);
    return job;
  }

  function failed(e: unknown): void {
    console.error('tagdesk: re-timing open tickets after a change of SLA settings failed; the SLA settings page offers to try again, and it is done again when the desk next opens', e);
    if (closed || !db.sqlite.open) return;
    failure = { at: opts.now(), reason: reasonOf(e), detail: e instanceof Error ? e.message : String(e) };
    opts.onFailure?.();
  }

  /**
   * Runs `fn` (a save) and says whether it queued a re-time (it changed settings that decide
   * deadlines), and how many open tickets the re-times it queued moved, once they are done. The
   * save answers without waiting for them: they run in turn with every other, in the background.
   */
  function during<T>(fn: () => T): { result: T; retiming: boolean; retimed: Promise<number> } {
    const jobs = new Set<Promise<number>>();
    collecting.push(jobs);
    let result: T;
    try {
      result = fn();
    } finally {
      collecting.splice(collecting.indexOf(jobs), 1);
    }
    return { result, retiming: jobs.size > 0, retimed: Promise.all(jobs).then((ns) => ns.reduce((a, b) => a + b, 0)) };
  }

  function done(n: number, whole: boolean): void {
    queued--;
    if (closed || !db.sqlite.open) return;
    const cleared = whole && failure !== null;
    if (whole) failure = null;
    // Every change so far is in, and none failed since a whole re-time: the tickets follow the settings as they are.
    if (queued === 0 && failure === null) {
      try {
        db.write(() => writeMark.run(RETIMED_KEY, sla.fingerprint()));
      } catch (e) {
        // Not recorded (the disk full, say): said as a failure, and the queue behind goes on.
        failed(e);
        return;
      }
    }
    if (n > 0) opts.onRetimed(n);
    if (cleared) opts.onFailure?.();
  }

  return {
    request,
    during,
    /** The last re-time's failure, until a whole re-time succeeds; null when none failed. */
    failure: (): RetimeFailure | null => failure,
    /** Re-times every open ticket on the settings as they are (an admin's "Try again"). */
    retry: (): Promise<number> => request(sla.everything(), true),
    /** How many re-times this desk has started since it opened (saves that joined a waiting one start none). */
    started: (): number => started,
    /** Resolves once every re-time queued so far is done. */
    idle: (): Promise<void> => tail.then(() => undefined),
    /**
     * At the desk's opening: the settings its tickets were last re-timed on are not the settings
     * it has (a re-time cut short by a closed or crashed desk): all of them again. A desk that
     * never recorded any (new, or from before re-timing) starts from its settings as they are.
     */
    catchUp(everything: () => SettingsMoved): void {
      if (opts.readOnly) return;
      const mark = readMark.get(RETIMED_KEY);
      const now = sla.fingerprint();
      if (mark === now) return;
      if (mark === undefined) {
        db.write(() => writeMark.run(RETIMED_KEY, now));
        return;
      }
      request(everything(), true).catch(() => undefined);
    },
    close(): void {
      closed = true;
    },
  };
}

export type Retimer = ReturnType<typeof retimer>;

/** Why a re-time failed, for the admin's sentence. */
export function reasonOf(error: unknown): RetimeFailure['reason'] {
  const code = String((error as { code?: unknown }).code ?? '');
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return 'full';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy';
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return 'readOnly';
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB' || code === 'EIO') return 'disk';
  return 'other';
}

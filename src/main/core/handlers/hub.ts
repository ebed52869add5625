import { mayAdminister, mayJoinHub, mayViewDesks, maySetActive, maySetRole, type DeskData } from '../../../shared/access';
import { ApiError } from '../../../shared/api';
import { userEventTypeSchema, userStreamPayloadSchema } from '../../../shared/userStream';
import type BetterSqlite3 from 'better-sqlite3';
import type { z } from 'zod';
import type { accountChangesQuerySchema } from '../../../shared/api';
import type { HubLink } from '../hubLink';
import type { DeskContext } from './context';
import { refuseUnless, signedIn, type Area } from './types';

type ChangesQuery = z.output<typeof accountChangesQuerySchema> & { person: string | null };
type Statement = BetterSqlite3.Statement;
type ChangeRow = { global_seq: number; user_id: string; name: string | null; type: string; at: number; payload: string };

// The desk's link to a hub: joining it, signing in through it (email and password, with an
// offline verifier kept here), resuming a window after a reload with the secret that sign-in
// gave it (resumeSecrets.ts), and the hub's people directory for admins.
export function hubHandlers(
  ctx: DeskContext,
  hub: HubLink,
): Area<'hub.status' | 'hub.reach' | 'hubUsers.list' | 'hubUsers.history' | 'hubUsers.changes' | 'hubDesks.list', 'session.signInWithPassword' | 'session.resume' | 'hub.join' | 'hubUsers.create' | 'hubUsers.update' | 'hubUsers.resetPassword'> {
  /**
   * What mayJoinHub asks of the desk. Data: a desk set up (demo or empty) that works alone;
   * joined, one that has had anything to do with its hub (someone signed in through it, a
   * sync) or holds records. A desk joined at first start to an address where nothing answered
   * has none, and its address may be changed from the sign-in screen. Demo: set up with the
   * demo's made-up records.
   */
  const deskData = (): DeskData => {
    const desk = ctx.status(false);
    const joined = hub.status().joined;
    if (!desk.initialized) return { hasData: false, demo: false };
    if (!joined || hub.exchanged()) return { hasData: true, demo: desk.demo };
    const counts = ctx.status(true);
    return { hasData: (counts.tickets ?? 0) > 0 || (counts.customers ?? 0) > 0, demo: desk.demo };
  };
  // One row per change to an account (the hub's 'user' events this desk applied): hundreds at a
  // centre, so a filter is a plain scan. Paged on global_seq (the hub's order), newest first:
  // a page asks for one more row than it shows, to know whether older ones are left.
  const SCAN = '/* scan: user_events holds one row per change to an account, hundreds at a centre */';
  const statements = new Map<string, Statement>();
  const prepared = (sql: string): Statement => statements.get(sql) ?? statements.set(sql, ctx.db.sqlite.prepare(sql)).get(sql)!;
  /** The WHERE of a page (and of its count, without the cursor), with its named parameters. */
  const where = (q: ChangesQuery, cursor: boolean) => {
    const conds: string[] = [];
    const params: Record<string, string | number> = {};
    if (q.person !== null) {
      conds.push('e.user_id = @person');
      params.person = q.person;
    }
    if (q.by !== null) {
      conds.push("json_extract(e.payload, '$.actorName') = @actor");
      params.actor = q.by === '' ? 'system' : q.by;
    }
    if (q.kind === 'created') conds.push("e.type = 'USER_CREATED'");
    else if (q.kind === 'passwordReset') conds.push("e.type = 'USER_PASSWORD_RESET'");
    else if (q.kind !== null) {
      conds.push("e.type = 'USER_CHANGED' AND EXISTS (SELECT 1 FROM json_each(e.payload, '$.changes') c WHERE json_extract(c.value, '$.field') = @field)");
      params.field = q.kind;
    }
    if (cursor && q.before !== null) {
      conds.push('e.global_seq < @before');
      params.before = q.before;
    }
    return { sql: conds.length ? ` WHERE ${conds.join(' AND ')}` : '', params };
  };
  const page = (q: ChangesQuery) => {
    const w = where(q, true);
    const rows = prepared(`SELECT e.global_seq, e.user_id, u.name, e.type, e.at, e.payload FROM user_events e LEFT JOIN users u ON u.id = e.user_id${w.sql} ORDER BY e.global_seq DESC LIMIT @limit ${SCAN}`).all({ ...w.params, limit: q.limit + 1 }) as ChangeRow[];
    const counted = where(q, false);
    const total = prepared(`SELECT count(*) FROM user_events e${counted.sql} ${SCAN}`).pluck().get(counted.params) as number;
    const shown = rows.slice(0, q.limit);
    return { rows: shown, total, older: rows.length > q.limit ? shown[shown.length - 1]!.global_seq : null };
  };
  const actors = () =>
    (prepared(`SELECT DISTINCT json_extract(payload, '$.actorName') FROM user_events ORDER BY 1 ${SCAN}`).pluck().all() as unknown[])
      .filter((a): a is string => typeof a === 'string')
      .map((a) => (a === 'system' ? '' : a))
      .sort();
  /** A stored 'user' event as People says it (none for one this desk cannot read). */
  const change = (row: { type: string; at: number; payload: string }) => {
    const type = userEventTypeSchema.safeParse(row.type);
    const payload = userStreamPayloadSchema.safeParse(JSON.parse(row.payload));
    if (!type.success || !payload.success) return null;
    const by = payload.data.actorName === 'system' ? null : payload.data.actorName;
    return { at: row.at, type: type.data, by, changes: payload.data.changes, name: payload.data.user.name };
  };
  return {
    reads: {
      'hub.status': () => hub.status(),
      'hub.reach': async (s) => {
        const status = hub.status();
        if (!status.joined) return null;
        let why: ReturnType<ApiError['toJSON']> | null = null;
        try {
          await hub.probe(status.url);
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          why = error.toJSON();
        }
        return { url: status.url, why, anyoneSignedInHere: hub.anyoneSignedInHere(), mayChangeAddress: mayJoinHub(s.user, deskData()) === null };
      },
      'hubUsers.list': (s) => hub.hubUsers.list(signedIn(s).id),
      'hubUsers.history': (s, { id, ...q }) => {
        refuseUnless(mayAdminister(signedIn(s)));
        const p = page({ ...q, person: id });
        const changes = p.rows.flatMap((row) => {
          const c = change(row);
          return c ? [{ at: c.at, type: c.type, by: c.by, changes: c.changes }] : [];
        });
        return { changes, total: p.total, older: p.older };
      },
      'hubUsers.changes': (s, q) => {
        refuseUnless(mayAdminister(signedIn(s)));
        const p = page(q);
        const changes = p.rows.flatMap((row) => {
          const c = change(row);
          // Named as the account is called now (the event's own name if this desk has no row).
          return c ? [{ ...c, userId: row.user_id, name: row.name ?? c.name }] : [];
        });
        return { changes, total: p.total, older: p.older, actors: actors() };
      },
      'hubDesks.list': (s) => {
        refuseUnless(mayViewDesks(signedIn(s)));
        return hub.hubDesks(signedIn(s).id);
      },
    },
    writes: {
      'session.signInWithPassword': async (s, i) => {
        const { user, resume, hubNotUsed } = await hub.signIn(i.email, i.password);
        // Whoever had this window before (switching user) can no longer resume in it.
        if (s.resumeId) hub.forgetResume(s.resumeId);
        s.user = user;
        s.resumeId = resume.entry.id;
        return { user, resume: { secret: resume.secret, expiresAt: resume.entry.expiresAt }, hubNotUsed };
      },
      'session.resume': async (s, i) => {
        const { user, entry } = await hub.resume(i.secret);
        s.user = user;
        s.resumeId = entry.id;
        return user;
      },
      'hub.join': (s, i) => {
        // Public, as setting the desk up is: at first start nobody is signed in yet.
        const data = deskData();
        refuseUnless(mayJoinHub(s.user, data));
        // A joined desk with data follows only its own hub to a new address, as the admin's hub session there shows.
        return hub.join(i.url, hub.status().joined && data.hasData ? s.user?.id : undefined);
      },
      'hubUsers.create': (s, i) => hub.hubUsers.create(signedIn(s).id, i),
      'hubUsers.update': (s, { id, ...change }) => {
        // Asked here too, so the desk says it without asking the hub (which refuses it as well).
        if (change.active !== undefined) refuseUnless(maySetActive(signedIn(s), { id }, change.active));
        if (change.role !== undefined) refuseUnless(maySetRole(signedIn(s), { id }, change.role));
        return hub.hubUsers.update(signedIn(s).id, id, change);
      },
      'hubUsers.resetPassword': (s, i) => hub.hubUsers.resetPassword(signedIn(s).id, i.id, i.password),
    },
  };
}

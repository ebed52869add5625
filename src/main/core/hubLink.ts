import { hash, verify } from '@node-rs/argon2';
import { hubDesksSchema } from '../../shared/deskReport';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ApiError, type ApiErrorShape } from '../../shared/api';
import { messageDetail, say, sayCount } from '../../shared/messageKeys';
import { checkHubAddress } from '../../shared/hubAddress';

type ApiErrorCode = ApiErrorShape['code'];
import { roleSchema, segmentSchema, tierSchema, userSchema, type User } from '../../shared/domain';
import type { Sql } from './db/exec';
import { toUser } from './users';
import { deskIdOf } from './outbox';
import { resumeSecrets, type ResumeEntry } from './resumeSecrets';

// A desk joined to a hub. Sign-in asks the hub (email and password); when the hub answers,
// the person is kept in the desk's users table as the hub knows them, with an argon2id
// verifier of the password and the hub session the desk will push with. When the hub cannot
// be reached, a person who signed in here before is let in against that verifier; what they
// do offline is re-checked by the hub when the desk pushes it. A desk that was never joined
// keeps its local picker and works alone.

export type HubStatus = { joined: false } | { joined: true; url: string; deskId: string };

export interface HubLinkOptions {
  db: Sql;
  now: () => number;
  fetch?: typeof fetch;
  /** How long to wait for the hub before signing in offline. */
  timeoutMs?: number;
  /** How long a resuming window waits for the hub to confirm the session before trusting the desk's copy. */
  resumeCheckMs?: number;
  /** How long joining (or changing the address) waits for the hub to answer at the address. */
  probeMs?: number;
}

/** How the hub answers `GET /health` (src/hub/server.ts): what tells a Tagdesk hub from anything else at the address. */
const hubHealth = z.object({ ok: z.literal(true), database: z.literal('up'), live: z.number() });

/** A password sign-in's answer: who, whether the hub checked it, and the window's secret to resume with (resumeSecrets.ts). */
export interface SignedIn {
  user: User;
  online: boolean;
  resume: { secret: string; entry: ResumeEntry };
  /** Signed in offline because the hub's certificate is not trusted here: that, and the address, to tell the person. */
  hubNotUsed: { key: CertificateProblem; url: string } | null;
}

const hubAnswer = z.object({
  token: z.string(),
  expiresAt: z.number(),
  user: z.object({ id: z.string(), email: z.string(), name: z.string(), role: roleSchema, tier: tierSchema, segments: z.array(segmentSchema), active: z.boolean() }),
});
const hubError = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/** Why the hub's 401 says a session ended: 'deactivated' when it was the person's deactivation. */
export function endedBecause(body: unknown): 'deactivated' | null {
  return z.object({ error: z.object({ reason: z.literal('deactivated') }) }).safeParse(body).success ? 'deactivated' : null;
}

/** Whether the hub's sign-in refusal says it has no accounts yet (a hub before this said nothing of it). */
export function hubHasNoAccounts(body: unknown): boolean {
  return z.object({ error: z.object({ reason: z.literal('noAccounts') }) }).safeParse(body).success;
}

/** Offline attempts per email before a pause, as the hub throttles online ones. */
const OFFLINE_LIMIT = 5;
const OFFLINE_LOCK_MS = 15 * 60_000;

export function hubLink(options: HubLinkOptions) {
  const { db, now } = options;
  const k = db.kysely;
  const doFetch = options.fetch ?? fetch;
  const failures = new Map<string, { count: number; lockedUntil: number }>();
  const secrets = resumeSecrets(now);

  const link = () => db.get(k.selectFrom('hub_link').selectAll().where('id', '=', 1));

  function status(): HubStatus {
    const l = link();
    return l ? { joined: true, url: l.url, deskId: l.desk_id } : { joined: false };
  }

  /** A refusal about the hub at an address, keyed for the window's language. */
  const aboutHub = (key: 'hubNotAnswering' | 'hubNotAHub' | 'hubNotReady' | 'hubNotSame' | 'hubMoveNeedsSession' | CertificateProblem, url: string) =>
    new ApiError('refused', say(key, { url }), undefined, { key, params: { url } });

  /** A fetch to the address that failed: its certificate not trusted (said as it is), else nothing answers there. */
  const unreachable = (error: unknown, url: string) => aboutHub(certificateProblem(error) ?? 'hubNotAnswering', url);

  /**
   * Whether anything answered at the address last asked (probe), as the log last said it. The
   * sign-in screen asks every few seconds while the hub is down, and the log had a line per
   * ask: it says when the hub stops answering, with why, and when it answers again.
   */
  let lastAnswer: { base: string; answered: boolean } | null = null;
  function logAnswer(base: string, answered: boolean, why = ''): void {
    const before = lastAnswer;
    lastAnswer = { base, answered };
    if (before?.base === base && before.answered === answered) return;
    if (!answered) console.warn(`tagdesk: the hub at ${base} does not answer (${why}).`);
    else if (before?.base === base) console.warn(`tagdesk: the hub at ${base} answers again.`);
  }

  /**
   * Asks the address whether a Tagdesk hub answers there (`GET /health`, a few seconds), before
   * the desk keeps it: a well-formed but wrong address left a desk nobody could sign in at.
   */
  async function probe(base: string): Promise<void> {
    let res: Response;
    try {
      res = await doFetch(`${base}/health`, { signal: AbortSignal.timeout(options.probeMs ?? 3000) });
    } catch (error) {
      logAnswer(base, false, describeFetchError(error));
      throw unreachable(error, base);
    }
    logAnswer(base, true);
    const body: unknown = await res.json().catch(() => null);
    if (res.ok && hubHealth.safeParse(body).success) return;
    // The hub's own error shape on a 5xx: it is a hub, with its database down.
    if (res.status >= 500 && hubError.safeParse(body).success) throw aboutHub('hubNotReady', base);
    throw aboutHub('hubNotAHub', base);
  }

  /** Keeps the address (the shells' --hub flag: checked for its form only, as the hub may start after the desk). */
  function keepAddress(url: string): HubStatus {
    const address = checkHubAddress(url);
    if (!address.ok) throw new ApiError('invalid_input', address.message, undefined, address.detail);
    const base = address.url;
    const existing = link();
    if (existing) db.run(k.updateTable('hub_link').set({ url: base }).where('id', '=', 1));
    else db.run(k.insertInto('hub_link').values({ id: 1, url: base, desk_id: deskIdOf(db), desk_key: randomBytes(32).toString('base64url'), joined_at: now() }));
    return status();
  }

  /** Whether anyone has signed in at this desk through its hub (they can sign in here offline). */
  const anyoneSignedInHere = (): boolean => db.get(k.selectFrom('hub_accounts').select('user_id').limit(1)) !== undefined;

  /** Whether this desk has had anything to do with its hub: someone signed in through it, or it synced. */
  function exchanged(): boolean {
    if (anyoneSignedInHere()) return true;
    const s = db.get(k.selectFrom('sync_state').select(['cursor', 'hub_desk_seq', 'bootstrapped', 'last_synced_at']).where('id', '=', 1));
    return !!s && (s.cursor > 0 || s.hub_desk_seq > 0 || s.bootstrapped === 1 || s.last_synced_at !== null);
  }

  /**
   * Joins the hub at the address, or moves a joined desk to a new one, once a Tagdesk hub
   * answers there. `sameHubAs`: a desk that has worked with its hub may only follow that hub
   * to its new address (its cursor, its count of pushes and its people are that hub's), which
   * the admin's hub session shows: the same hub accepts it.
   */
  async function join(url: string, sameHubAs?: string): Promise<HubStatus> {
    const address = checkHubAddress(url);
    if (!address.ok) throw new ApiError('invalid_input', address.message, undefined, address.detail);
    const base = address.url;
    await probe(base);
    const current = link();
    if (current && current.url !== base && sameHubAs !== undefined) {
      const token = sessionToken(sameHubAs);
      if (!token) throw aboutHub('hubMoveNeedsSession', base);
      let same = false;
      try {
        const res = await doFetch(`${base}/auth/me`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(options.probeMs ?? 3000) });
        const me = z.object({ user: z.object({ id: z.string() }), deskId: z.string().nullable().optional() }).safeParse(await res.json().catch(() => null));
        same = res.ok && me.success && me.data.user.id === sameHubAs && me.data.deskId === current.desk_id;
      } catch (error) {
        throw unreachable(error, base);
      }
      if (!same) throw aboutHub('hubNotSame', base);
    }
    return keepAddress(base);
  }

  function keep(user: User, verifier: string, token: string, expiresAt: number): void {
    db.sqlite.transaction(() => {
      db.run(
        k
          .insertInto('users')
          .values({ id: user.id, name: user.name, email: user.email, role: user.role, tier: user.tier, segments: JSON.stringify(user.segments), active: user.active ? 1 : 0, created_at: now() })
          .onConflict((c) =>
            c.column('id').doUpdateSet({ name: user.name, email: user.email, role: user.role, tier: user.tier, segments: JSON.stringify(user.segments), active: user.active ? 1 : 0 }),
          ),
      );
      db.run(k.deleteFrom('hub_accounts').where('email', '=', user.email).where('user_id', '!=', user.id));
      db.run(
        k
          .insertInto('hub_accounts')
          .values({ user_id: user.id, email: user.email, verifier, token, token_expires_at: expiresAt, signed_in_at: now() })
          .onConflict((c) => c.column('user_id').doUpdateSet({ email: user.email, verifier, token, token_expires_at: expiresAt, signed_in_at: now() })),
      );
    })();
  }

  /** The hub said this email and password no longer go together: the old verifier must not either. */
  function forget(email: string): void {
    for (const a of db.all(k.selectFrom('hub_accounts').select('user_id').where('email', '=', email))) secrets.forgetUser(a.user_id);
    db.run(k.deleteFrom('hub_accounts').where('email', '=', email));
  }

  /**
   * Checks the password kept on this desk. `hubNotUsed`: the hub was not asked because its
   * certificate is not trusted here; someone never signed in here is told that, not only that
   * the desk does not know them.
   */
  async function signInOffline(email: string, password: string, hubNotUsed: SignedIn['hubNotUsed'] = null): Promise<{ user: User; online: false; hubNotUsed: SignedIn['hubNotUsed'] }> {
    const f = failures.get(email);
    if (f && f.lockedUntil > now()) throw new ApiError('refused', sayCount('offlineThrottled', Math.ceil((f.lockedUntil - now()) / 60_000)));
    const account = db.get(k.selectFrom('hub_accounts').selectAll().where('email', '=', email));
    if (!account && hubNotUsed) throw aboutHub(hubNotUsed.key, hubNotUsed.url);
    if (!account) throw new ApiError('unauthenticated', say('offlineNeverHere'));
    if (!(await verify(account.verifier, password))) {
      const count = (f?.count ?? 0) + 1;
      failures.set(email, { count, lockedUntil: count >= OFFLINE_LIMIT ? now() + OFFLINE_LOCK_MS : 0 });
      // Not the hub's "wrong email or password": checked against the password kept here, which
      // a reset on the hub has not reached yet, so the person is told which one counts now.
      throw new ApiError('unauthenticated', say('offlineWrongPassword'));
    }
    failures.delete(email);
    const row = db.get(k.selectFrom('users').selectAll().where('id', '=', account.user_id));
    if (!row || row.active !== 1) throw new ApiError('forbidden', say('accountDeactivated'));
    return { user: toUser(row), online: false, hubNotUsed };
  }

  /** Signs in with email and password, and issues the window a secret to resume with. */
  async function signIn(emailInput: string, password: string): Promise<SignedIn> {
    const { user, online, hubNotUsed } = await verifyPassword(emailInput, password);
    // Online, the secret ends with the hub session just made; offline, with the one kept here if
    // it is still current (resuming then needs it to stand), else after RESUME_MAX_MS.
    const session = db.get(k.selectFrom('hub_accounts').select(['token', 'token_expires_at']).where('user_id', '=', user.id));
    const hubExpiresAt = session?.token && (session.token_expires_at ?? 0) > now() ? session.token_expires_at : null;
    return { user, online, hubNotUsed, resume: secrets.issue(user.id, hubExpiresAt) };
  }

  async function verifyPassword(emailInput: string, password: string): Promise<{ user: User; online: boolean; hubNotUsed: SignedIn['hubNotUsed'] }> {
    const l = link();
    if (!l) throw new ApiError('forbidden', say('deskNotJoined'));
    const email = emailInput.trim().toLowerCase();
    let res: Response;
    try {
      res = await doFetch(`${l.url}/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password, deskId: l.desk_id, deskKey: l.desk_key }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 4000),
      });
    } catch (error) {
      // Said once in the log with its real cause (refused, timed out, a "bad port", TLS). A
      // certificate not trusted here is the person's to know too (it will not pass by waiting):
      // the sign-in still checks the password kept here, and says why the hub was not used.
      console.warn(`tagdesk: could not reach the hub at ${l.url} to sign in (${describeFetchError(error)}); checking the password kept on this desk.`);
      const cert = certificateProblem(error);
      return signInOffline(email, password, cert ? { key: cert, url: l.url } : null);
    }
    if (res.status >= 500) return signInOffline(email, password);
    const body: unknown = await res.json().catch(() => null);
    if (res.status === 200) {
      const answer = hubAnswer.safeParse(body);
      if (!answer.success) throw new ApiError('internal', say('hubOtherVersion'));
      const user = userSchema.parse(answer.data.user);
      keep(user, await hash(password), answer.data.token, answer.data.expiresAt);
      // The hub let them in: guesses made here while it was away no longer lock them out.
      failures.delete(email);
      return { user, online: true, hubNotUsed: null };
    }
    const message = hubError.safeParse(body).data?.error.message ?? say('hubRefusedSignIn', { status: res.status });
    if (res.status === 401) {
      forget(email);
      // The hub has no accounts yet (its first admin not made): said so, with who makes it.
      if (hubHasNoAccounts(body)) throw new ApiError('unauthenticated', say('hubHasNoAccounts'));
      throw new ApiError('unauthenticated', message);
    }
    if (res.status === 403) {
      forget(email);
      throw new ApiError('forbidden', message);
    }
    // In words the desk has no key for (a proxy's 404, the hub's own text): keyed as a sign-in's
    // refusal, so a window in another language does not say the general "refused" (a ticket's).
    throw new ApiError('refused', message, undefined, messageDetail(message) ?? { key: 'hubRefusedSignIn', params: { status: res.status } });
  }

  /** The hub session this desk pushes with for that person, if one is current. */
  function sessionToken(userId: string): string | null {
    const a = db.get(k.selectFrom('hub_accounts').select(['token', 'token_expires_at']).where('user_id', '=', userId));
    return a?.token && (a.token_expires_at ?? 0) > now() ? a.token : null;
  }

  const STATUS_CODES: Record<number, ApiErrorCode> = { 400: 'invalid_input', 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found', 409: 'conflict' };

  /** A call to the hub's admin API as the signed-in person (their hub session). */
  async function asPerson<T>(userId: string, method: string, path: string, body: unknown, schema: z.ZodType<T>): Promise<T> {
    const l = link();
    if (!l) throw new ApiError('forbidden', say('notJoinedHub'));
    const token = sessionToken(userId);
    if (!token) throw new ApiError('unauthenticated', say('hubSessionEnded'));
    let res: Response;
    try {
      res = await doFetch(`${l.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 4000),
      });
    } catch {
      throw new ApiError('refused', say('hubUnreachableUsers'));
    }
    const answer: unknown = await res.json().catch(() => null);
    if (!res.ok) throw new ApiError(STATUS_CODES[res.status] ?? 'refused', hubError.safeParse(answer).data?.error.message ?? say('hubAnswered', { status: res.status }));
    const parsed = schema.safeParse(answer);
    if (!parsed.success) throw new ApiError('internal', say('hubOtherVersion'));
    return parsed.data;
  }

  const oneUser = z.object({ user: userSchema }).transform((a) => a.user);
  /** The centre's desks as the hub knows them (deskReport.ts), with this desk's id. */
  const hubDesks = async (by: string) => ({ ...(await asPerson(by, 'GET', '/admin/desks', undefined, hubDesksSchema)), thisDesk: link()?.desk_id ?? null });
  const hubUsers = {
    list: (by: string) => asPerson(by, 'GET', '/admin/users', undefined, z.object({ users: z.array(userSchema) }).transform((a) => a.users)),
    create: (by: string, input: unknown) => asPerson(by, 'POST', '/admin/users', input, oneUser),
    update: (by: string, id: string, change: unknown) => asPerson(by, 'PATCH', `/admin/users/${encodeURIComponent(id)}`, change, oneUser),
    resetPassword: async (by: string, id: string, password: string) => {
      await asPerson(by, 'POST', `/admin/users/${encodeURIComponent(id)}/password`, { password }, z.object({ ok: z.literal(true) }));
      return null;
    },
  };

  /**
   * The hub said this session is over (revoked or expired; `because` the person was deactivated,
   * when its refusal said so): the desk stops pushing with it.
   */
  function sessionEnded(userId: string, because: 'deactivated' | null = null): void {
    db.run(k.updateTable('hub_accounts').set({ token: null, token_expires_at: null }).where('user_id', '=', userId));
    secrets.forgetUser(userId, because);
  }

  /**
   * A window back after a reload or a dropped link, with the secret its sign-in gave it: the
   * same person, if the secret is current, they are still active here, and their sign-in still
   * stands (the verifier kept, and the hub session when there was one: asked of the hub when it
   * answers, as a password reset or a deactivation ends it there first).
   */
  async function resume(secret: string): Promise<{ user: User; entry: ResumeEntry }> {
    const ended = () => new ApiError('unauthenticated', say('windowSessionEnded'));
    const entry = secrets.find(secret);
    if (!entry) throw ended();
    // Deactivated is said first: the deactivation ends the hub session too, and "your session
    // has ended, sign in again" sent the person to a sign-in that could only refuse them.
    const row = db.get(k.selectFrom('users').selectAll().where('id', '=', entry.userId));
    if (entry.deactivated || (row && row.active !== 1)) {
      secrets.forgetUser(entry.userId);
      throw new ApiError('forbidden', say('accountDeactivated'));
    }
    const account = db.get(k.selectFrom('hub_accounts').select('user_id').where('user_id', '=', entry.userId));
    const token = sessionToken(entry.userId);
    if (!account || (entry.withHubSession && !token)) {
      secrets.forget(entry.id);
      throw ended();
    }
    if (!row) {
      secrets.forgetUser(entry.userId);
      throw new ApiError('forbidden', say('accountDeactivated'));
    }
    const l = link();
    if (l && token) {
      let status: number | null = null;
      let because: 'deactivated' | null = null;
      try {
        const res = await doFetch(`${l.url}/auth/me`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(options.resumeCheckMs ?? 2000) });
        status = res.status;
        if (status === 401) because = endedBecause(await res.json().catch(() => null));
      } catch {
        // The hub cannot be reached: the desk works offline, and trusts its own copy.
      }
      if (status === 401) {
        sessionEnded(entry.userId, because);
        if (because === 'deactivated') {
          secrets.forgetUser(entry.userId);
          throw new ApiError('forbidden', say('accountDeactivated'));
        }
        throw ended();
      }
    }
    return { user: toUser(row), entry };
  }

  /** The window signed out: its secret resumes nothing any more. */
  const forgetResume = (id: string): void => secrets.forget(id);

  /** The most recent current session at this desk, with whose it is (the sync engine pulls with it). */
  function latestSession(): { userId: string; token: string } | null {
    const a = db.get(
      k.selectFrom('hub_accounts').select(['user_id', 'token']).where('token', 'is not', null).where('token_expires_at', '>', now()).orderBy('signed_in_at', 'desc').limit(1),
    );
    return a?.token ? { userId: a.user_id, token: a.token } : null;
  }

  /** The link's address, desk id and key, if joined. */
  const linkInfo = () => link() ?? null;

  return { status, join, keepAddress, probe, exchanged, anyoneSignedInHere, signIn, resume, forgetResume, sessionToken, sessionEnded, latestSession, linkInfo, hubUsers, hubDesks };
}
export type HubLink = ReturnType<typeof hubLink>;

/** Where a desk that left its hub kept why (meta 'left_hub'): the hub's address and when. */
const leftHubSchema = z.object({ url: z.string(), at: z.number() });
export type LeftHub = z.infer<typeof leftHubSchema>;

/**
 * The desk leaves its hub (a desk of demo data joined before access.ts mayBringDataToHub):
 * everything it holds stays, its outbox too, but nothing goes to the hub or comes from it.
 * The hub's people who signed in here are made inactive (kept as the holders of what they
 * hold): a desk alone lets anyone choose anyone, and their hub passwords no longer count.
 * Their hub sessions and verifiers are dropped. Says the address it left, kept for People.
 */
export function leaveHub(db: Sql, now: number): LeftHub | null {
  const k = db.kysely;
  const link = db.get(k.selectFrom('hub_link').select('url').where('id', '=', 1));
  if (!link) return null;
  const left = { url: link.url, at: now };
  db.write(() => {
    db.sqlite.prepare('UPDATE users SET active = 0 WHERE id IN (SELECT user_id FROM hub_accounts UNION SELECT user_id FROM user_events)').run();
    db.run(k.deleteFrom('hub_accounts'));
    db.run(k.deleteFrom('hub_link'));
    db.run(k.insertInto('meta').values({ key: 'left_hub', value: JSON.stringify(left) }).onConflict((c) => c.column('key').doUpdateSet({ value: JSON.stringify(left) })));
  });
  return left;
}

/** The hub this desk left, if it left one (leaveHub). */
export function leftHub(db: Sql): LeftHub | null {
  const row = db.get(db.kysely.selectFrom('meta').select('value').where('key', '=', 'left_hub'));
  if (!row) return null;
  try {
    return leftHubSchema.safeParse(JSON.parse(row.value)).data ?? null;
  } catch {
    return null;
  }
}

/** What is wrong with a hub's TLS certificate, as the join form and the sign-in screen say it. */
export type CertificateProblem = 'hubCertUntrusted' | 'hubCertExpired' | 'hubCertWrongName';

const CERT_EXPIRED = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);
const CERT_WRONG_NAME = new Set(['ERR_TLS_CERT_ALTNAME_INVALID', 'HOSTNAME_MISMATCH']);
/** OpenSSL's and Node's codes for a certificate (chain) this computer does not trust; any other code naming a certificate is one too. */
const CERT_UNTRUSTED = new Set(['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_UNTRUSTED', 'CERT_REJECTED', 'INVALID_CA']);

/**
 * A fetch that failed on the hub's TLS certificate, by the code undici puts in its `cause`
 * (self-signed or unknown authority, expired, for another name); null for any other failure.
 */
export function certificateProblem(error: unknown): CertificateProblem | null {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    const code = 'code' in e && typeof e.code === 'string' ? e.code : null;
    if (code === null) continue;
    if (CERT_EXPIRED.has(code)) return 'hubCertExpired';
    if (CERT_WRONG_NAME.has(code)) return 'hubCertWrongName';
    if (CERT_UNTRUSTED.has(code) || /CERT/.test(code)) return 'hubCertUntrusted';
  }
  return null;
}

/** A fetch failure's real reason: undici puts it in `cause` ("bad port", ECONNREFUSED, a certificate). */
export function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause: unknown = error.cause;
  const why = cause instanceof Error ? `${'code' in cause && typeof cause.code === 'string' ? `${cause.code}: ` : ''}${cause.message}` : typeof cause === 'string' ? cause : '';
  return why ? `${error.message}: ${why}` : error.message;
}

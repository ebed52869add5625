import { hash, verify } from '@node-rs/argon2';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { accountEmailSchema, roleSchema, segmentSchema, tierSchema, type Actor, type Role, type Segment, type Tier } from '../shared/domain';
import { say, sayCount } from '../shared/messageKeys';
import { administers, mayHaveSegments, maySetActive, maySetRole } from './access';
import { badRequest, conflict, forbidden, HubError, notFound, unauthorized } from './errors';
import type { HubDb, UserRow } from './db';
import { appendUserEvent } from './userStream';

// Accounts: users with a role, a tier and segments; argon2id password hashes; sessions as
// random tokens of which only a sha256 is stored, with an expiry and a revocation; sign-in
// throttled per account and per address (in PostgreSQL, so every hub process counts alike).

export interface HubUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  tier: Tier;
  segments: Segment[];
  active: boolean;
}

export interface Session {
  user: HubUser;
  tokenHash: string;
  deskId: string | null;
  expiresAt: number;
}

const email = accountEmailSchema;
/** A password's length, in characters: what the command line and the desk say too. */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;
const password = z.string().min(PASSWORD_MIN, `a password of at least ${PASSWORD_MIN} characters`).max(PASSWORD_MAX);

export const newUserSchema = z.strictObject({
  email,
  name: z.string().trim().min(1).max(120),
  role: roleSchema,
  tier: tierSchema.default(1),
  segments: z.array(segmentSchema).max(5).default([]),
  password,
});
export type NewUser = z.input<typeof newUserSchema>;

export const userChangeSchema = z.strictObject({
  name: z.string().trim().min(1).max(120).optional(),
  email: email.optional(),
  role: roleSchema.optional(),
  tier: tierSchema.optional(),
  segments: z.array(segmentSchema).max(5).optional(),
  active: z.boolean().optional(),
});

export const signInSchema = z.strictObject({
  email: z.string().max(254),
  password: z.string().max(256),
  /** The desk signing in, and the secret it registered with (optional for admin tools). */
  deskId: z.string().min(1).max(64).optional(),
  deskKey: z.string().min(16).max(256).optional(),
});

export const passwordResetSchema = z.strictObject({ password });

export interface AccountOptions {
  sessionTtlMs: number;
  now: () => number;
}

/** A role's tier: agents work tier 1, specialists 2 or 3, supervisors and admins all (3). */
function tierFor(role: Role, tier: Tier): Tier {
  if (role === 'agent') return 1;
  if (role === 'specialist') {
    if (tier === 1) throw badRequest(say('specialistTier'));
    return tier;
  }
  return 3;
}

export function toUser(row: UserRow): HubUser {
  return { id: row.id, email: row.email, name: row.name, role: row.role, tier: row.tier, segments: row.segments as Segment[], active: row.active };
}

export const actorOfUser = (u: HubUser): Actor => ({ id: u.id, role: u.role, tier: u.tier, segments: u.segments });

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Creates an account; `by` is the admin who did (null: the command line's first admin). The
 * 'user' event every desk learns the person from is appended in the same transaction.
 */
export async function createUser(db: HubDb, input: unknown, now: number, by: HubUser | null = null): Promise<HubUser> {
  const parsed = newUserSchema.safeParse(input);
  if (!parsed.success) throw badRequest(`Not a valid user: ${z.prettifyError(parsed.error)}`);
  const u = parsed.data;
  const noSegments = mayHaveSegments(u.role, u.segments);
  if (noSegments) throw badRequest(noSegments);
  const row = {
    id: randomUUID(),
    email: u.email,
    name: u.name,
    role: u.role,
    tier: tierFor(u.role, u.tier),
    segments: JSON.stringify(u.role === 'supervisor' || u.role === 'admin' ? [...segmentSchema.options] : u.segments),
    active: true,
    password_hash: await hash(u.password),
    created_at: now,
    updated_at: now,
  };
  return db.transaction().execute(async (tx) => {
    const inserted = await tx.insertInto('users').values(row).onConflict((c) => c.column('email').doNothing()).returningAll().executeTakeFirst();
    if (!inserted) throw conflict(say('emailTaken', { email: u.email }));
    const user = toUser(inserted);
    await appendUserEvent(tx, by, null, user, now);
    return user;
  });
}

export async function listUsers(db: HubDb): Promise<HubUser[]> {
  return (await db.selectFrom('users').selectAll().orderBy('email').execute()).map(toUser);
}

/** Changes an account as `by` (an admin); the 'user' event goes in the same transaction. */
export async function changeUser(db: HubDb, id: string, input: unknown, now: number, by: HubUser | null = null): Promise<HubUser> {
  const parsed = userChangeSchema.safeParse(input);
  if (!parsed.success) throw badRequest(`Not a valid change: ${z.prettifyError(parsed.error)}`);
  return db.transaction().execute(async (tx) => {
    const current = await tx.selectFrom('users').selectAll().where('id', '=', validId(id)).forUpdate().executeTakeFirst();
    if (!current) throw notFound(say('noSuchUser'));
    const c = parsed.data;
    const self = by && c.active !== undefined && c.active !== current.active ? maySetActive(by, current, c.active) : null;
    if (self) throw forbidden(self);
    const ownRole = by && c.role !== undefined && c.role !== current.role ? maySetRole(by, current, c.role) : null;
    if (ownRole) throw forbidden(ownRole);
    const role = c.role ?? current.role;
    const tier = tierFor(role, c.tier ?? (c.role && c.role !== current.role ? (role === 'specialist' ? 2 : 1) : current.tier));
    const segments = role === 'supervisor' || role === 'admin' ? [...segmentSchema.options] : (c.segments ?? (current.segments as Segment[]));
    const noSegments = mayHaveSegments(role, segments);
    if (noSegments) throw badRequest(noSegments);
    if (c.email && c.email !== current.email && (await tx.selectFrom('users').select('id').where('email', '=', c.email).executeTakeFirst())) {
      throw conflict(say('emailTaken', { email: c.email }));
    }
    // The hub keeps one active admin at least: without one, nobody could administer it.
    const stillAdmin = role === 'admin' && (c.active ?? current.active);
    if (current.role === 'admin' && current.active && !stillAdmin) {
      const others = await tx.selectFrom('users').select('id').where('role', '=', 'admin').where('active', '=', true).where('id', '!=', current.id).forUpdate().execute();
      if (others.length === 0) throw conflict(say('lastAdmin'));
    }
    const updated = await tx
      .updateTable('users')
      .set({ name: c.name ?? current.name, email: c.email ?? current.email, role, tier, segments: JSON.stringify(segments), active: c.active ?? current.active, updated_at: now })
      .where('id', '=', current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    // A deactivated person, or one whose powers changed, signs in again.
    const powersChanged = role !== current.role || tier !== current.tier || JSON.stringify(segments) !== JSON.stringify(current.segments);
    if (c.active === false || powersChanged) await revokeSessionsOf(tx, current.id, now);
    await appendUserEvent(tx, by, toUser(current), toUser(updated), now);
    return toUser(updated);
  });
}

/**
 * Sets a new password as `by` (an admin), ending the account's sessions. The 'user' stream
 * tells of it (USER_PASSWORD_RESET: who, whose, when; never the password), for People's History.
 */
export async function resetPassword(db: HubDb, id: string, input: unknown, now: number, by: HubUser | null = null): Promise<void> {
  const parsed = passwordResetSchema.safeParse(input);
  if (!parsed.success) throw badRequest(`Not a valid password: ${z.prettifyError(parsed.error)}`);
  const passwordHash = await hash(parsed.data.password);
  await db.transaction().execute(async (tx) => {
    const r = await tx.updateTable('users').set({ password_hash: passwordHash, updated_at: now }).where('id', '=', validId(id)).returningAll().executeTakeFirst();
    if (!r) throw notFound(say('noSuchUser'));
    await appendUserEvent(tx, by, toUser(r), toUser(r), now, 'USER_PASSWORD_RESET');
    await revokeSessionsOf(tx, id, now);
    // A person locked out by their guesses is let in with the new password at once (the
    // address's lock, against guessing many accounts from one place, stays).
    await tx.deleteFrom('sign_in_throttle').where('key', '=', accountKey(r.email)).execute();
  });
}

async function revokeSessionsOf(db: HubDb, userId: string, now: number): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
}

function validId(id: string): string {
  if (!z.uuid().safeParse(id).success) throw notFound(say('noSuchUser'));
  return id;
}

// ---- sign-in -------------------------------------------------------------------------------------

const ACCOUNT_LIMIT = 5;
const ADDRESS_LIMIT = 30;
const WINDOW_MS = 15 * 60_000;
const LOCK_MS = 15 * 60_000;

/** The throttle's key for one account's failed sign-ins. */
const accountKey = (email: string): string => `account:${email}`;

// Verifying against this when the email is unknown keeps the answer's timing alike.
let decoy: Promise<string> | null = null;

export async function signIn(db: HubDb, input: unknown, address: string, options: AccountOptions): Promise<{ token: string; user: HubUser; expiresAt: number }> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) throw badRequest(`Sign-in needs an email and a password: ${z.prettifyError(parsed.error)}`);
  const now = options.now();
  const who = parsed.data.email.trim().toLowerCase();
  const keys = [accountKey(who), await placeKey(db, parsed.data.deskId, parsed.data.deskKey, address)];
  await refuseIfThrottled(db, keys, now);

  const row = await db.selectFrom('users').selectAll().where('email', '=', who).executeTakeFirst();
  decoy ??= hash(randomBytes(16).toString('hex'));
  const ok = row ? await verify(row.password_hash, parsed.data.password) : (await verify(await decoy, parsed.data.password), false);
  if (!row || !ok) {
    // A hub just started, before `create-admin`: nobody can sign in, and "wrong email or
    // password" sent people guessing (and their tries locked them out). The reason tells a desk
    // to say so; the words stay the same for desks that do not read it. Asked on each refusal:
    // once an admin exists, the next refusal is the usual one, with nothing restarted.
    if (!row && !(await db.selectFrom('users').select('id').limit(1).executeTakeFirst())) throw new HubError(401, 'unauthorized', say('wrongPassword'), { reason: 'noAccounts' });
    await countFailure(db, keys, now);
    throw unauthorized(say('wrongPassword'));
  }
  if (!row.active) throw forbidden(say('accountDeactivated'));
  await db.deleteFrom('sign_in_throttle').where('key', '=', keys[0]!).execute();

  const deskId = parsed.data.deskId ?? null;
  if (deskId) await registerDesk(db, deskId, parsed.data.deskKey, now);
  const token = randomBytes(32).toString('base64url');
  const expiresAt = now + options.sessionTtlMs;
  await db.insertInto('sessions').values({ token_hash: sha256(token), user_id: row.id, desk_id: deskId, created_at: now, expires_at: expiresAt, revoked_at: null }).execute();
  return { token, user: toUser(row), expiresAt };
}

/**
 * Where failed sign-ins are counted besides their account: a desk that has signed in before and
 * proves it with its key is counted on its own; anything else by its address. A call centre's
 * desks all reach the hub from one address: thirty typos across its floor in a quarter of an
 * hour locked every agent there out of signing in. An unknown desk id is no way round the
 * address's count, since a desk is registered only by a sign-in that succeeds.
 */
async function placeKey(db: HubDb, deskId: string | undefined, deskKey: string | undefined, address: string): Promise<string> {
  if (deskId && deskKey && (await authenticateDesk(db, deskId, deskKey))) return `desk:${deskId}`;
  return `address:${address}`;
}

/**
 * Whether this is a desk registered here, proving itself with the key its first sign-in
 * registered. A desk proven so reads the hub's directory of people with nobody signed in
 * there (sync.ts directory): a deactivation reaches it as soon as it is in touch.
 */
export async function authenticateDesk(db: HubDb, deskId: string, deskKey: string): Promise<boolean> {
  if (deskId.length > 64 || deskKey.length > 256) return false;
  const desk = await db.selectFrom('desks').select('key_hash').where('id', '=', deskId).executeTakeFirst();
  const keyHash = sha256(deskKey);
  return !!desk && desk.key_hash.length === keyHash.length && timingSafeEqual(Buffer.from(desk.key_hash), Buffer.from(keyHash));
}

/** A desk id is claimed by the first sign-in that names it, with a secret only that desk keeps. */
async function registerDesk(db: HubDb, deskId: string, deskKey: string | undefined, now: number): Promise<void> {
  if (!deskKey) throw badRequest(say('deskKeyMissing'));
  const keyHash = sha256(deskKey);
  await db.insertInto('desks').values({ id: deskId, key_hash: keyHash, last_desk_seq: 0, created_at: now }).onConflict((c) => c.column('id').doNothing()).execute();
  const desk = await db.selectFrom('desks').select('key_hash').where('id', '=', deskId).executeTakeFirstOrThrow();
  if (!timingSafeEqual(Buffer.from(desk.key_hash), Buffer.from(keyHash))) throw forbidden(say('deskIdTaken'));
}

async function refuseIfThrottled(db: HubDb, keys: string[], now: number): Promise<void> {
  const locks = await db.selectFrom('sign_in_throttle').select(['key', 'locked_until']).where('key', 'in', keys).where('locked_until', '>', now).orderBy('locked_until', 'desc').execute();
  const latest = locks[0];
  if (!latest) return;
  const seconds = Math.ceil((latest.locked_until - now) / 1000);
  // A desk's or an address's lock is said first when there is one: an admin's password reset
  // lifts only the account's (resetPassword), so it would not let this person in.
  const place = locks.find((l) => !l.key.startsWith('account:'))?.key;
  const which = place === undefined ? 'accountThrottled' : place.startsWith('desk:') ? 'deskThrottled' : 'addressThrottled';
  throw new HubError(429, 'throttled', sayCount(which, Math.ceil(seconds / 60)), { retryAfterS: seconds });
}

async function countFailure(db: HubDb, keys: string[], now: number): Promise<void> {
  for (const key of keys) {
    const limit = key.startsWith('account:') ? ACCOUNT_LIMIT : ADDRESS_LIMIT;
    // One statement: concurrent failures from several hub processes all count.
    await db
      .insertInto('sign_in_throttle')
      .values({ key, failures: 1, window_start: now, locked_until: 0 })
      .onConflict((c) =>
        c.column('key').doUpdateSet((eb) => {
          const fresh = eb(eb.ref('sign_in_throttle.window_start'), '<', now - WINDOW_MS);
          const failures = eb.case().when(fresh).then(1).else(eb(eb.ref('sign_in_throttle.failures'), '+', 1)).end();
          return {
            failures,
            window_start: eb.case().when(fresh).then(now).else(eb.ref('sign_in_throttle.window_start')).end(),
            locked_until: eb.case().when(eb(failures, '>=', limit)).then(now + LOCK_MS).else(0).end(),
          };
        }),
      )
      .execute();
  }
}

// ---- sessions ------------------------------------------------------------------------------------

/** The session a bearer token names, if it is current and its user active; else null. */
export async function authenticate(db: HubDb, token: string | undefined, now: number): Promise<Session | null> {
  if (!token || token.length > 128) return null;
  const tokenHash = sha256(token);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select(['sessions.desk_id', 'sessions.expires_at', 'sessions.revoked_at'])
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row || row.revoked_at !== null || row.expires_at <= now || !row.active) return null;
  return { user: toUser(row), tokenHash, deskId: row.desk_id, expiresAt: row.expires_at };
}

/**
 * Whether a token authenticate() refused names a session of a deactivated person. The hub's
 * 401 then says so: a desk may hear it before the deactivation itself, and "sign in again"
 * would send the person to a sign-in that could only refuse them.
 */
export async function endedByDeactivation(db: HubDb, token: string | undefined): Promise<boolean> {
  if (!token || token.length > 128) return false;
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select('users.active')
    .where('sessions.token_hash', '=', sha256(token))
    .executeTakeFirst();
  return row !== undefined && !row.active;
}

export async function signOut(db: HubDb, session: Session, now: number): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: now }).where('token_hash', '=', session.tokenHash).execute();
}

export function requireAdmin(session: Session): void {
  if (!administers(session.user)) throw forbidden(say('adminsManageUsers'));
}

/** Whether anyone can administer this hub (a fresh one has nobody: the start says how to make the first). */
export async function hasActiveAdmin(db: HubDb): Promise<boolean> {
  return (await db.selectFrom('users').select('id').where('role', '=', 'admin').where('active', '=', true).limit(1).executeTakeFirst()) !== undefined;
}

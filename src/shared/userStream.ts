import { z } from 'zod';
import { userSchema } from './domain';
import { say } from './messageKeys';
import type { StreamRule } from './streamRules';

// The 'user' stream: every change to an account on the hub (created, name, email, role, tier,
// segments, deactivated or active again), appended by the hub itself in the same PostgreSQL
// transaction as the change, so every desk learns every colleague without that person
// having signed in there. Never a password hash or a token. The envelope's entityId is the
// user's id; the payload lists the fields that changed (from → to) and the account's
// resulting name, role, tier, segments and active flag, so one event is enough to know the
// person. Everyone signed in may read them (segment null).
//
// Users are managed on the hub only: a desk never makes 'user' events, and the hub refuses
// one pushed by a desk (userStreamRule).

export const USER_STREAM = 'user';

// USER_PASSWORD_RESET (stop 52): an admin set a new password for the account. No field a desk
// keeps changes (`changes` is empty; never the password or its hash): it is there for People's
// History, who reset whose password and when. A desk from before it does not know the type and
// skips the event (userSync.ts applyOne), keeping every other: nothing it keeps is missing, so
// no desk version is needed for it (a version would stop an old desk's pulls at every reset).
export const USER_EVENT_TYPES = ['USER_CREATED', 'USER_CHANGED', 'USER_PASSWORD_RESET'] as const;
export type UserEventType = (typeof USER_EVENT_TYPES)[number];
export const userEventTypeSchema = z.enum(USER_EVENT_TYPES);

const value = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);
export const USER_FIELDS = ['name', 'email', 'role', 'tier', 'segments', 'active'] as const;

/**
 * The kinds of change People's history filters by: the account made, one of its fields changed
 * ('active': deactivated or active again), its password reset.
 */
export const ACCOUNT_CHANGE_KINDS = ['created', 'name', 'email', 'role', 'tier', 'segments', 'active', 'passwordReset'] as const;
export type AccountChangeKind = (typeof ACCOUNT_CHANGE_KINDS)[number];
/** Changes to accounts on one page of People's history, and the most one call gives (an export pages through). */
export const ACCOUNT_CHANGES_PAGE = 100;
export const ACCOUNT_CHANGES_MAX = 500;

export const userStreamPayloadSchema = z.object({
  v: z.literal(1),
  changes: z.array(z.object({ field: z.enum(USER_FIELDS), from: value, to: value })),
  /** The account after the change. */
  user: userSchema.omit({ id: true }),
  /** Who made the change, for the history ('system' for the first admin made from the command line). */
  actorName: z.string().max(200),
});
export type UserStreamPayload = z.infer<typeof userStreamPayloadSchema>;

/** A desk cannot push a change to an account: the hub is where users are managed. */
export const userStreamRule: StreamRule = () => ({
  ok: false,
  reason: say('usersOnHub'),
});

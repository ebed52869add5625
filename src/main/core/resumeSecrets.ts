import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// A window's way back in on a desk joined to a hub. A password sign-in is per connection, so a
// reload (F5) or a dropped and restored link would ask for the password again. Instead the desk
// gives the window a random secret with the sign-in; the window keeps it in sessionStorage (it
// dies with the window) and hands it back to resume. The desk keeps only each secret's SHA-256,
// in this process's memory: never in the database or a log, gone when the desk stops.
//
// A secret lasts as long as the hub session it was issued with, and never more than
// RESUME_MAX_MS (one working shift) after the password was typed: an absolute expiry, read from
// the desk's clock. It ends sooner when the window signs out, when the hub ends the person's
// session (hubLink's sessionEnded) and when the person is deactivated (hubLink.resume checks).

/** The longest a window may resume without the password being typed again. */
export const RESUME_MAX_MS = 12 * 60 * 60_000;
/** Secrets kept at most; the oldest give way (their windows are asked for the password). */
export const RESUME_LIMIT = 1000;

export interface ResumeEntry {
  /** Names the secret to forget it (hex of its SHA-256), without holding the secret. */
  id: string;
  userId: string;
  expiresAt: number;
  /** Issued with a current hub session: resuming needs one still. */
  withHubSession: boolean;
  /** The hub ended its session saying the person was deactivated: resuming says so. */
  deactivated: boolean;
}

interface Kept extends ResumeEntry {
  digest: Buffer;
}

const digestOf = (secret: string): Buffer => createHash('sha256').update(secret, 'utf8').digest();

export function resumeSecrets(now: () => number, limit = RESUME_LIMIT) {
  const kept = new Map<string, Kept>();

  function prune(): void {
    const t = now();
    for (const [id, e] of kept) if (e.expiresAt <= t) kept.delete(id);
  }

  /** A new secret for this user, ending with `hubExpiresAt` (null: signed in offline) or RESUME_MAX_MS from now. */
  function issue(userId: string, hubExpiresAt: number | null): { secret: string; entry: ResumeEntry } {
    const secret = randomBytes(32).toString('base64url');
    const digest = digestOf(secret);
    const id = digest.toString('hex');
    const expiresAt = Math.min(now() + RESUME_MAX_MS, hubExpiresAt ?? Number.POSITIVE_INFINITY);
    prune();
    while (kept.size >= limit) kept.delete(kept.keys().next().value!);
    const entry: Kept = { id, userId, expiresAt, withHubSession: hubExpiresAt !== null, deactivated: false, digest };
    kept.set(id, entry);
    return { secret, entry: publicOf(entry) };
  }

  /** The unexpired entry this secret names, or null. Every kept digest is compared, in constant time. */
  function find(secret: string): ResumeEntry | null {
    const digest = digestOf(secret);
    let found: Kept | null = null;
    for (const e of kept.values()) if (timingSafeEqual(e.digest, digest)) found = e;
    if (!found) return null;
    if (found.expiresAt <= now()) {
      kept.delete(found.id);
      return null;
    }
    return publicOf(found);
  }

  const forget = (id: string): void => void kept.delete(id);

  /**
   * This person's windows resume no more. Ended by their deactivation, the secrets stay marked
   * so (until resumed once, or expired): the desk may hear the hub refuse their session before
   * it hears of the deactivation itself, and the window is told the account is off, not to sign in again.
   */
  function forgetUser(userId: string, because: 'deactivated' | null = null): void {
    for (const [id, e] of kept) {
      if (e.userId !== userId) continue;
      if (because === 'deactivated') e.deactivated = true;
      else kept.delete(id);
    }
  }

  return { issue, find, forget, forgetUser, size: () => kept.size };
}
export type ResumeSecrets = ReturnType<typeof resumeSecrets>;

const publicOf = ({ id, userId, expiresAt, withHubSession, deactivated }: Kept): ResumeEntry => ({ id, userId, expiresAt, withHubSession, deactivated });

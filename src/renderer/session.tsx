import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { User } from '../shared/domain';
import { call, problemOf, refreshEverything, setReauthenticate, type Problem } from './backend';
import { client, transport } from './client';
import { FirstStart } from './signin/FirstStart';
import { GateError, GateLoading } from './signin/GateStatus';
import { SignIn } from './signin/SignIn';
import { endedBecause } from './signin/endedBecause';
import { t } from './i18n';
import { applyUserLocale } from './language';
import { mayOpenPage } from './pageAccess';
import { personNow } from './personNow';
import { currentRoute, navigate } from './route';
import { clearNoticesOnLeave } from './shell/leaveNotices';
import { showSaidAnew } from './shell/saidAnew';
import { importSession } from './admin/importSession';
import { draftsBelongTo } from './drafts';

// Who is at the desk. The gate walks: is the desk initialised? → who is signed in? → the
// app. On a desk alone, the chosen user id is remembered in localStorage so a reload (or a
// reconnected transport) signs the same person back in without asking. On a desk joined to a
// hub, the password sign-in gives the window a resume secret, kept in sessionStorage (this
// window only; it dies with it): a reload or a reconnect resumes with it, and when the desk
// refuses it (expired, signed out, the hub ended the session) the sign-in screen says so.

const USER_KEY = 'tagdesk.userId';
const RESUME_KEY = 'tagdesk.resume';

export interface Session {
  user: User;
  /** Back to the user picker, keeping the current screen for whoever signs in next. */
  switchUser: () => Promise<void>;
  /** Forget the remembered user and go back to the picker. */
  signOut: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() outside <SessionGate>');
  return session;
}

type Phase =
  | { name: 'loading' }
  | { name: 'uninitialized'; dataDir: string }
  | {
      name: 'signIn';
      problem: Problem | null;
      ended?: Problem | null;
      /** Shown because signing this window's person back in did not work (not a choice of theirs): a returning link tries again. */
      backFailed?: boolean;
    }
  | { name: 'ready'; user: User }
  | { name: 'error'; problem: Problem };

/**
 * One value kept in the browser's storage under `key`; without storage (a locked-down profile)
 * it reads as nothing and the person is simply asked again after a reload.
 */
function kept(storage: () => Storage, key: string) {
  return {
    get(): string | null {
      try {
        return storage().getItem(key);
      } catch {
        return null;
      }
    },
    set(value: string | null): void {
      try {
        if (value) storage().setItem(key, value);
        else storage().removeItem(key);
      } catch {
        // not kept: asked again after a reload
      }
    },
  };
}

/** The person chosen last on a desk alone (localStorage: every window, across restarts). */
const rememberedUser = kept(() => localStorage, USER_KEY);
/** This window's resume secret on a joined desk (sessionStorage: this window only; it dies with it). */
const resumeKept = kept(() => sessionStorage, RESUME_KEY);

export const rememberedUserId = (): string | null => rememberedUser.get();
const remember = (userId: string | null): void => rememberedUser.set(userId);
const resumeSecret = (): string | null => resumeKept.get();
const keepResume = (secret: string | null): void => resumeKept.set(secret);

/** The desk said no (rather than could not be reached): what was kept to sign back in with is dropped. */
const REFUSALS = new Set(['unauthenticated', 'forbidden', 'not_found', 'invalid_input']);

/**
 * This window's person back on a new connection (a reload, a reconnect): by the resume secret on
 * a desk joined to a hub, by the remembered user on a desk alone. Null when there is nobody to
 * sign back in; `ended` says why a resume was refused.
 */
async function signBackIn(): Promise<{ user: User } | { ended: Problem | null; failed?: Problem } | null> {
  const secret = resumeSecret();
  if (secret) {
    try {
      return { user: await call('session.resume', { secret }) };
    } catch (error) {
      const problem = problemOf(error);
      if (REFUSALS.has(problem.code)) keepResume(null);
      return { ended: problem };
    }
  }
  const remembered = rememberedUserId();
  if (!remembered) return null;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return { user: await call('session.signIn', { userId: remembered }) };
    } catch (error) {
      const problem = problemOf(error);
      if (REFUSALS.has(problem.code)) {
        remember(null); // the user is gone (a re-initialised desk): ask again
        return { ended: null };
      }
      // Not a refusal (the desk failed or the link dropped under the call): once more, then the
      // picker says what went wrong rather than nothing.
      if (attempt >= 2) return { ended: null, failed: problem };
      await new Promise((resolve) => setTimeout(resolve, SIGN_BACK_RETRY_MS));
    }
  }
}

/** The pause before a sign-back-in that failed (not refused) is tried again. */
const SIGN_BACK_RETRY_MS = 300;

export function SessionGate({ children }: { children: ReactNode }) {
  const [phase, setPhase] = useState<Phase>({ name: 'loading' });
  const phaseRef = useRef(phase);
  phaseRef.current = phase;

  const start = useCallback(async () => {
    setPhase({ name: 'loading' });
    try {
      const status = await call('desk.status', {});
      if (!status.initialized && !(await setUpJoinedDesk())) {
        setPhase({ name: 'uninitialized', dataDir: status.dataDir });
        return;
      }
      const me = await call('session.me', {});
      if (me) {
        remember(me.id);
        setPhase({ name: 'ready', user: me });
        return;
      }
      const back = await signBackIn();
      if (back && 'user' in back) {
        setPhase({ name: 'ready', user: back.user });
        return;
      }
      setPhase({ name: 'signIn', problem: back?.failed ?? null, ended: back?.ended ?? null, backFailed: true });
    } catch (error) {
      setPhase({ name: 'error', problem: problemOf(error) });
    }
  }, []);

  useEffect(() => {
    void start();
  }, [start]);

  /**
   * The person in this window leaves it (signs out, switches user, or the hub ended their
   * session): their notices leave the screen with them, kept for them on this window, and so
   * does the Import tab's form (its files and the last run's rejected rows are personal data).
   * The notices of a session the hub ended had stayed on the sign-in screen for whoever came next.
   */
  const clearLeaving = useCallback(() => {
    const leaving = phaseRef.current;
    clearNoticesOnLeave(leaving.name === 'ready' ? leaving.user.id : null);
    importSession.forget();
  }, []);

  useEffect(() => {
    setReauthenticate(async (why) => {
      // Still signed in: the refusal was about something else (the person's hub session, for
      // the People screen), and this window stays as it is.
      if (await call('session.me', {}).catch(() => null)) return false;
      const back = await signBackIn();
      if (!back) return false;
      if ('user' in back) {
        const user = back.user;
        setPhase((p) => (p.name === 'ready' && p.user.id === user.id ? p : { name: 'ready', user }));
        return true;
      }
      // A refused resume: the session is over, and the sign-in screen says so.
      if (back.ended) {
        if (phaseRef.current.name === 'ready') clearLeaving();
        setPhase({ name: 'signIn', problem: null, ended: endedBecause(why, back.ended) });
      }
      return false;
    });
    return () => setReauthenticate(null);
  }, [clearLeaving]);

  // Another window set the desk up (or re-imported it) while this one waited at first start.
  useEffect(
    () =>
      client.on('desk.changed', () => {
        if (phaseRef.current.name === 'uninitialized') void start();
      }),
    [start],
  );

  // The hub changed this person (another admin made Omar a supervisor): the desk answers with
  // the new powers at once, and the window shows them (navigation, pages) without a reload.
  useEffect(
    () =>
      client.on('desk.changed', () => {
        const shown = phaseRef.current;
        if (shown.name !== 'ready') return;
        void call('session.me', {})
          .then((me) => {
            const now = personNow(shown.user, me);
            if (!now || phaseRef.current !== shown) return;
            arriveAt(now);
            setPhase({ name: 'ready', user: now });
          })
          .catch(() => undefined);
      }),
    [],
  );

  // A dropped link comes back as a new connection with nobody signed in: sign the same
  // person back in, then let every live view refetch what it shows.
  useEffect(() => {
    let wasLost = false;
    return transport.onState((state) => {
      if (state === 'lost') wasLost = true;
      if (state !== 'open' || !wasLost) return;
      wasLost = false;
      // The gate failed because the link dropped under it: it asks again now. (While it is
      // still loading, its calls wait for the link and go out on it.)
      if (phaseRef.current.name === 'error') return void start();
      void signBackIn().then((back) => {
        if (!back) return;
        if ('user' in back) {
          const user = back.user;
          // A sign-back-in cut off by the drop had left the picker up, with nothing said.
          setPhase((p) => (p.name === 'signIn' && p.backFailed && !p.ended ? { name: 'ready', user } : p));
          refreshEverything();
        } else {
          // Back on a new connection, the session had ended meanwhile: as at sign-out.
          if (phaseRef.current.name === 'ready') clearLeaving();
          setPhase({ name: 'signIn', problem: back.failed ?? null, ended: back.ended, backFailed: true });
        }
      });
    });
  }, [start, clearLeaving]);

  const signIn = useCallback(async (userId: string) => {
    try {
      const user = await call('session.signIn', { userId });
      remember(user.id);
      arriveAt(user);
      setPhase({ name: 'ready', user });
    } catch (error) {
      setPhase({ name: 'signIn', problem: problemOf(error) });
    }
  }, []);

  const signInWithPassword = useCallback(async (email: string, password: string) => {
    try {
      const { user, resume, hubNotUsed } = await call('session.signInWithPassword', { email, password });
      keepResume(resume.secret);
      // Signed in with the password kept here because the hub's certificate is not trusted on
      // this computer: said, with what to do, as the join form says it; it stays until closed.
      if (hubNotUsed)
        showSaidAnew(() => ({ color: 'yellow', autoClose: false, title: t('signIn.hubNotUsed', { url: hubNotUsed.url }), message: t(`apiError.${hubNotUsed.key}`, { url: hubNotUsed.url }) }));
      arriveAt(user);
      setPhase({ name: 'ready', user });
    } catch (error) {
      setPhase({ name: 'signIn', problem: problemOf(error) });
    }
  }, []);

  const leave = useCallback(async (forget: boolean) => {
    try {
      await call('session.signOut', {});
    } catch {
      // signing out locally is enough; the back end forgets the connection anyway
    }
    if (forget) remember(null);
    keepResume(null);
    clearLeaving();
    setPhase({ name: 'signIn', problem: null });
  }, [clearLeaving]);

  // Each person's language and digits come with them when they sign in.
  const readyUserId = phase.name === 'ready' ? phase.user.id : null;
  useEffect(() => {
    if (readyUserId) void applyUserLocale(readyUserId);
  }, [readyUserId]);

  const session = useMemo<Session | null>(
    () =>
      phase.name === 'ready'
        ? {
            user: phase.user,
            switchUser: () => leave(true),
            signOut: async () => {
              await leave(true);
              window.location.hash = '/';
            },
          }
        : null,
    [phase, leave],
  );

  switch (phase.name) {
    case 'loading':
      return <GateLoading />;
    case 'error':
      return <GateError problem={phase.problem} onRetry={() => void start()} />;
    case 'uninitialized':
      return <FirstStart dataDir={phase.dataDir} onDone={() => void start()} />;
    case 'signIn':
      return <SignIn problem={phase.problem} ended={phase.ended ?? null} onChoose={signIn} onPassword={signInWithPassword} />;
    case 'ready':
      // Set before the forms below read their drafts: each person's are their own (drafts.ts).
      draftsBelongTo(phase.user.id);
      return session ? <SessionContext value={session}>{children}</SessionContext> : null;
  }
}

/**
 * A desk joined to a hub before it has data (started with --hub) has one way to be set up:
 * empty, its people and records coming from the hub. It is set up so and goes to the sign-in,
 * rather than to a first-start screen whose demo choice is off and whose join form holds the
 * address it has already joined. False when it is not joined, or could not be set up (the
 * first-start screen then shows, and says why when tried there).
 */
async function setUpJoinedDesk(): Promise<boolean> {
  const hub = await call('hub.status', {});
  if (!hub.joined) return false;
  try {
    await call('desk.initialize', { mode: 'empty' });
  } catch (error) {
    // Another window set the desk up meanwhile: it has data now, and the sign-in follows.
    return problemOf(error).code === 'conflict';
  }
  return true;
}

/**
 * After "Switch user" (or a sign-in on a page left open), the page stays when the new person
 * may open it (a specialist signing in at the same desk lands on the ticket), and is their
 * home page when not (Ava after Omar on People), rather than "Not available".
 */
function arriveAt(user: User): void {
  if (!mayOpenPage(currentRoute(), user)) navigate({ name: 'home' }, { replace: true });
}

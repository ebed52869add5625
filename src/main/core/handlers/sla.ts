import { mayAdminister, maySeeBoard } from '../../../shared/access';
import type { DeskContext } from './context';
import type { PushPayload } from '../../../shared/api';
import { refuseUnless, signedIn, type Area, type Session } from './types';

// SLA policies and business-hours calendars: supervisors read them, admins change them. A save
// tells every window (`changed`), so a settings page open elsewhere reads them again, and sets
// off a re-time of the open tickets that depend on what it changed (retime.ts, in the
// background), after which the queues and board show the new due times. Applying
// the policies to every open ticket moves their due times and the queues' at-risk and breached
// counts without a ticket event a window hears of: every window reads again (`recomputed`).
export function slaHandlers(
  { sla, store, scheduler, retime, clock }: DeskContext,
  changed: () => void,
  recomputed: () => void,
  tell: <E extends 'sla.retimed' | 'sla.retimeFailed'>(session: Session, event: E, payload: PushPayload<E>) => void,
): Area<'sla.settings', 'sla.saveCalendar' | 'sla.saveCentre' | 'sla.savePolicy' | 'sla.recompute' | 'sla.retryRetime'> {
  // The save answers once the settings are saved; the re-time it set off runs in the background
  // (in turn with any other: a later save's runs after it, on the settings as they are then), and
  // the saving window hears how many open tickets moved when it is done. A window closed by then
  // hears nothing. A re-time that failed is told to the saving window too ('sla.retimeFailed'), and
  // kept (retime.failure) for the SLA settings page's notice and its "Try again" until a whole
  // re-time succeeds (that one, or the next opening's).
  function saveThenRetime<T extends { id: string; name: string }>(s: Session, kind: 'calendar' | 'policy', save: () => T): T & { retiming: boolean } {
    const by = signedIn(s);
    const { result: saved, retiming, retimed } = retime.during(save);
    changed();
    if (retiming) {
      // Not to whoever signed in at that window since.
      const said = (n: number) => void (s.user?.id === by.id && tell(s, 'sla.retimed', { kind, id: saved.id, name: saved.name, retimed: n }));
      const failed = () => {
        const failure = retime.failure();
        if (failure && s.user?.id === by.id) tell(s, 'sla.retimeFailed', { kind, id: saved.id, name: saved.name, failure });
      };
      void retimed.then(said, failed);
    }
    return { ...saved, retiming };
  }
  return {
    reads: {
      'sla.settings': (s) => {
        refuseUnless(maySeeBoard(signedIn(s)));
        const failure = retime.failure();
        return { centre: sla.centre(), calendarsDayZone: sla.calendarsDayZone(), calendars: sla.calendars(), policies: sla.policies(), ...sla.history(clock.now()), ...(failure ? { retimeFailure: failure } : {}) };
      },
    },
    writes: {
      'sla.saveCalendar': (s, i) => {
        const by = signedIn(s);
        refuseUnless(mayAdminister(by));
        return saveThenRetime(s, 'calendar', () => sla.saveCalendar(i, clock.now(), by, i.expected));
      },
      'sla.saveCentre': (s, i) => {
        const by = signedIn(s);
        refuseUnless(mayAdminister(by));
        const saved = sla.saveCentre(i, clock.now(), by);
        changed();
        return saved;
      },
      'sla.savePolicy': (s, i) => {
        const by = signedIn(s);
        refuseUnless(mayAdminister(by));
        return saveThenRetime(s, 'policy', () => sla.savePolicy(i, clock.now(), by, i.expected));
      },
      // Answers when the whole re-time is done (it runs in pages, the desk answering others meanwhile).
      'sla.retryRetime': async (s) => {
        refuseUnless(mayAdminister(signedIn(s)));
        try {
          return { retimed: await retime.retry(), failure: null };
        } catch {
          return { retimed: 0, failure: retime.failure() ?? { at: clock.now(), reason: 'other' as const, detail: '' } };
        }
      },
      'sla.recompute': (s) => {
        refuseUnless(mayAdminister(signedIn(s)));
        const n = store.recomputeOpen(clock.now());
        scheduler.poke();
        if (n > 0) recomputed();
        return { tickets: n };
      },
    },
  };
}

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
  tell: (session: Session, event: 'sla.retimed', payload: PushPayload<'sla.retimed'>) => void,
): Area<'sla.settings', 'sla.saveCalendar' | 'sla.saveCentre' | 'sla.savePolicy' | 'sla.recompute'> {
  // The save answers once the settings are saved; the re-time it set off runs in the background
  // (in turn with any other: a later save's runs after it, on the settings as they are then), and
  // the saving window hears how many open tickets moved when it is done. A window closed by then
  // hears nothing; a re-time that failed is logged by retime.ts and done again at the next opening.
  function saveThenRetime<T extends { id: string; name: string }>(s: Session, kind: 'calendar' | 'policy', save: () => T): T & { retiming: boolean } {
    const by = signedIn(s);
    const { result: saved, retiming, retimed } = retime.during(save);
    changed();
    if (retiming) {
      // Not to whoever signed in at that window since.
      const said = (n: number) => void (s.user?.id === by.id && tell(s, 'sla.retimed', { kind, id: saved.id, name: saved.name, retimed: n }));
      void retimed.then(said, () => undefined);
    }
    return { ...saved, retiming };
  }
  return {
    reads: {
      'sla.settings': (s) => {
        refuseUnless(maySeeBoard(signedIn(s)));
        return { centre: sla.centre(), calendarsDayZone: sla.calendarsDayZone(), calendars: sla.calendars(), policies: sla.policies(), ...sla.history(clock.now()) };
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

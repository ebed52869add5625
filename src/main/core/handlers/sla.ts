import { mayAdminister, maySeeBoard } from '../../../shared/access';
import type { DeskContext } from './context';
import { refuseUnless, signedIn, type Area } from './types';

// SLA policies and business-hours calendars: supervisors read them, admins change them. A save
// re-times the open tickets that depend on what it changed (retime.ts) and tells every window
// (`changed`), so a settings page open elsewhere reads them again, and the queues and board
// show the new due times. Applying
// the policies to every open ticket moves their due times and the queues' at-risk and breached
// counts without a ticket event a window hears of: every window reads again (`recomputed`).
export function slaHandlers({ sla, store, scheduler, retime, clock }: DeskContext, changed: () => void, recomputed: () => void): Area<'sla.settings', 'sla.saveCalendar' | 'sla.saveCentre' | 'sla.savePolicy' | 'sla.recompute'> {
  return {
    reads: {
      'sla.settings': (s) => {
        refuseUnless(maySeeBoard(signedIn(s)));
        return { centre: sla.centre(), calendarsDayZone: sla.calendarsDayZone(), calendars: sla.calendars(), policies: sla.policies(), ...sla.history(clock.now()) };
      },
    },
    writes: {
      // The answer waits for the open tickets to be re-timed (in pages, other calls served between), to say how many moved.
      'sla.saveCalendar': async (s, i) => {
        const by = signedIn(s);
        refuseUnless(mayAdminister(by));
        const { result: saved, retimed } = retime.during(() => sla.saveCalendar(i, clock.now(), by, i.expected));
        const n = await retimed;
        changed();
        return { ...saved, retimed: n };
      },
      'sla.saveCentre': (s, i) => {
        const by = signedIn(s);
        refuseUnless(mayAdminister(by));
        const saved = sla.saveCentre(i, clock.now(), by);
        changed();
        return saved;
      },
      'sla.savePolicy': async (s, i) => {
        const by = signedIn(s);
        refuseUnless(mayAdminister(by));
        const { result: saved, retimed } = retime.during(() => sla.savePolicy(i, clock.now(), by, i.expected));
        const n = await retimed;
        changed();
        return { ...saved, retimed: n };
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

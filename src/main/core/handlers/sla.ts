import { mayAdminister, maySeeBoard } from '../../../shared/access';
import type { DeskContext } from './context';
import { refuseUnless, signedIn, type Area } from './types';

// SLA policies and business-hours calendars: supervisors read them, admins change them.
export function slaHandlers({ sla, store, scheduler, clock }: DeskContext): Area<'sla.settings', 'sla.saveCalendar' | 'sla.savePolicy' | 'sla.recompute'> {
  return {
    reads: {
      'sla.settings': (s) => {
        refuseUnless(maySeeBoard(signedIn(s)));
        return { calendars: sla.calendars(), policies: sla.policies() };
      },
    },
    writes: {
      'sla.saveCalendar': (s, i) => {
        refuseUnless(mayAdminister(signedIn(s)));
        return sla.saveCalendar(i, clock.now());
      },
      'sla.savePolicy': (s, i) => {
        refuseUnless(mayAdminister(signedIn(s)));
        return sla.savePolicy(i, clock.now());
      },
      'sla.recompute': (s) => {
        refuseUnless(mayAdminister(signedIn(s)));
        const n = store.recomputeOpen(clock.now());
        scheduler.poke();
        return { tickets: n };
      },
    },
  };
}

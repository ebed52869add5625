import { maySeeBoard } from '../../../shared/access';
import { dayReporter } from '../dayReport';
import type { DeskContext } from './context';
import { refuseUnless, signedIn, type Area } from './types';

// The supervisor's board and the tickets behind each of its numbers.
export function supervisorHandlers({ tickets, users, clock, db }: DeskContext): Area<'supervisor.overview' | 'supervisor.tickets' | 'supervisor.dayReport', never> {
  const dayReport = dayReporter(db, tickets);
  return {
    reads: {
      'supervisor.overview': (s) => {
        refuseUnless(maySeeBoard(signedIn(s)));
        return tickets.overview(users.list(), clock.now());
      },
      'supervisor.tickets': (s, i) => {
        refuseUnless(maySeeBoard(signedIn(s)));
        return tickets.drill(i, clock.now());
      },
      'supervisor.dayReport': (s) => {
        refuseUnless(maySeeBoard(signedIn(s)));
        return dayReport(users.list(), clock.now());
      },
    },
    writes: {},
  };
}

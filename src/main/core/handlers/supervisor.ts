import { maySeeBoard } from '../../../shared/access';
import type { DeskContext } from './context';
import { refuseUnless, signedIn, type Area } from './types';

// The supervisor's board and the tickets behind each of its numbers.
export function supervisorHandlers({ tickets, users, clock }: DeskContext): Area<'supervisor.overview' | 'supervisor.tickets', never> {
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
    },
    writes: {},
  };
}

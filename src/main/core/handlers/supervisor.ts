import { ApiError } from '../../../shared/api';
import { mayAssign, maySeeBoard } from '../../../shared/access';
import { say } from '../../../shared/messageKeys';
import { dayReporter } from '../dayReport';
import { handOver } from '../handOver';
import type { DeskContext } from './context';
import { actor, refuseUnless, signedIn, type Area } from './types';

// The supervisor's board, the tickets behind each of its numbers, the day's report, and one
// person's tickets handed over at once (from an agent's drawer).
export function supervisorHandlers({ tickets, users, clock, db, store }: DeskContext): Area<'supervisor.overview' | 'supervisor.tickets' | 'supervisor.dayReport', 'supervisor.handOver'> {
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
    writes: {
      'supervisor.handOver': (s, i) => {
        refuseUnless(mayAssign(signedIn(s)));
        if (i.toId === i.fromId) throw new ApiError('invalid_input', say('handOverSelf'), [{ path: 'toId', message: say('handOverSelf') }]);
        const to = i.toId === null ? null : users.get(i.toId);
        if (i.toId !== null && !to) throw new ApiError('invalid_input', say('assigneeInactive'), [{ path: 'toId', message: say('assigneeInactive') }]);
        return handOver(db, store, actor(s), { fromId: i.fromId, toId: i.toId, to }, clock.now());
      },
    },
  };
}

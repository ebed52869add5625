import { ApiError } from '../../../shared/api';
import { say } from '../../../shared/messageKeys';
import type { AdjustableClock, Clock } from '../desk';
import type { DeskContext } from './context';
import type { Area } from './types';

const isAdjustable = (c: Clock): c is AdjustableClock => typeof (c as Partial<AdjustableClock>).advance === 'function';

// The desk itself: whether it has data, setting it up, and (test clock only) moving time.
export function deskHandlers(ctx: DeskContext, joined: () => boolean): Area<'desk.status', 'desk.initialize' | 'dev.advanceClock'> {
  return {
    reads: {
      'desk.status': (_s, i) => ctx.status(i.counts ?? false),
    },
    writes: {
      'desk.initialize': (_s, i) => {
        // The demo people have no hub accounts: their thousands of changes could never be sent.
        if (i.mode === 'demo' && joined()) throw new ApiError('conflict', say('demoOnJoinedDesk'));
        return ctx.initialize(i.mode, i.seed, i.customers);
      },
      'dev.advanceClock': (_s, i) => {
        const { clock, options, scheduler } = ctx;
        if (!options.testClock || !isAdjustable(clock)) throw new ApiError('forbidden', 'This desk runs on real time; start it with a test clock to move time.');
        clock.advance(i.ms);
        return { now: clock.now(), sent: scheduler.tick() };
      },
    },
  };
}

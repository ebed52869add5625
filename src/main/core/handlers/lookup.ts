import { say } from '../../../shared/messageKeys';
import { ApiError } from '../../../shared/api';
import { maySeeSegment, seesSegment } from '../../../shared/access';
import type { DeskContext } from './context';
import { refuseUnless, signedIn, type Area } from './types';

// Finding a caller and their 360° view, within the segments the person works.
export function lookupHandlers({ lookup, view, clock, records, audit }: DeskContext): Area<'lookup.search' | 'customers.view', never> {
  return {
    reads: {
      'lookup.search': (s, i) => {
        const u = signedIn(s);
        const r = lookup(i.query, clock.now());
        if (r.kind === 'match' && !seesSegment(u, r.view.customer.segment)) {
          return { kind: 'none', message: `${r.view.customer.name} is served by the ${r.view.customer.segment.replace('_', ' ')} team; transfer the caller there.` };
        }
        if (r.kind === 'candidates') return { ...r, candidates: r.candidates.filter((c) => seesSegment(u, c.segment)) };
        if (r.kind === 'match') audit.opened(u.id, r.view.customer.id, 'lookup', null, clock.now());
        return r;
      },
      'customers.view': (s, i) => {
        const u = signedIn(s);
        const v = view(records.resolve(i.customerId), i.assetId, clock.now());
        if (!v) throw new ApiError('not_found', say('customerNotFound'));
        refuseUnless(maySeeSegment(u, v.customer.segment, 'customer'));
        audit.opened(u.id, v.customer.id, 'view', null, clock.now());
        return v;
      },
    },
    writes: {},
  };
}

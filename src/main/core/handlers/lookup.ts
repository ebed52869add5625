import { say } from '../../../shared/messageKeys';
import { ApiError } from '../../../shared/api';
import { maySeeSegment, seesSegment } from '../../../shared/access';
import { otherTeams } from '../lookup';
import type { DeskContext } from './context';
import { refuseUnless, signedIn, type Area } from './types';

// Finding a caller and their 360° view, within the segments the person works.
export function lookupHandlers({ lookup, view, clock, records, audit }: DeskContext): Area<'lookup.search' | 'customers.view', never> {
  return {
    reads: {
      'lookup.search': (s, i) => {
        const u = signedIn(s);
        const r = lookup(i.query, clock.now(), (segment) => seesSegment(u, segment));
        // Found, but served by a team this person is not on: said so with a key the window
        // translates, and told apart from nothing found (which offers to register the caller).
        if (r.kind === 'match' && !seesSegment(u, r.view.customer.segment)) {
          const { name, segment } = r.view.customer;
          return { kind: 'none', message: `${name} is served by the ${segment.replace('_', ' ')} team; transfer the caller there.`, key: 'otherTeam', params: { name, segment }, ...(r.renumbered ? { renumbered: r.renumbered } : {}) };
        }
        if (r.kind === 'candidates') {
          const mine = r.candidates.filter((c) => seesSegment(u, c.segment));
          if (mine.length > 0 || r.candidates.length === 0) return { ...r, candidates: mine };
          // Every one served by other teams: which teams, not who (the list was empty under "0 customers match").
          return otherTeams(i.query.trim(), r.candidates.map((c) => c.segment));
        }
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

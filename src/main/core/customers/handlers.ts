import { say } from '../../../shared/messageKeys';
import { mayLogInteraction } from '../../../shared/access';
import type { z } from 'zod';
import { ApiError, type Output } from '../../../shared/api';
import type { customerMethods } from '../../../shared/customerApi';
import { ticketNumber } from '../ticketRows';
import type { Segment, User } from '../../../shared/domain';
import { maskPhone } from '../../../shared/phone';
import { nameKey } from '../../../shared/customerRules';
import type { AccessLog, CustomerPrivacy } from './privacy';
import type { RecordActor } from './customerLog';
import type { CustomerRecords } from './records';

// The customer-record methods of the API, over the records store. Who may do what: anyone
// who serves a customer's segment may edit it; merging is for supervisors and admins.

type CustomerMethod = Exclude<keyof typeof customerMethods, 'import.run' | 'import.peek' | 'import.rejectedRows' | 'import.status' | 'import.cancel'>;
export type CustomerHandlers<S> = {
  [M in CustomerMethod]: (session: S, input: z.output<(typeof customerMethods)[M]['input']>) => Output<M>;
};

export interface CustomerHandlerContext<S> {
  records: CustomerRecords;
  privacy: CustomerPrivacy;
  audit: AccessLog;
  signedIn(session: S): User;
  maySee(user: User, segment: string): boolean;
  now(): number;
  /** The zone the centre's day follows (sla.ts centreDayZone): the data page's days are its. */
  dayZone(): string;
}

export const snapshotOf = (u: User): RecordActor => ({ id: u.id, name: u.name, role: u.role, tier: u.tier, segments: u.segments });

export function customerHandlers<S>(ctx: CustomerHandlerContext<S>): CustomerHandlers<S> {
  const { records } = ctx;
  /** The signed-in person, checked to serve the customer's segment. */
  const serving = (s: S, customerId: string): User => {
    const u = ctx.signedIn(s);
    const segment = records.segmentOf(customerId);
    if (segment === null) throw new ApiError('not_found', say('customerNotFound'));
    if (!ctx.maySee(u, segment)) throw new ApiError('forbidden', 'This customer belongs to a segment you do not work.');
    return u;
  };
  /** Contacts and full numbers only for the people who serve the customer's segment. */
  const recordFor = (u: User, id: string) => {
    const serves = ctx.maySee(u, records.segmentOf(id) ?? '');
    const r = records.record(id, serves, ctx.now());
    if (serves) return r;
    const c = r.customer;
    return { ...r, customer: { ...c, phone: c.phone && maskPhone(c.phone), email: c.email && c.email.replace(/^[^@]+/, '•••') }, history: [] };
  };
  const requireAdmin = (s: S): User => {
    const u = ctx.signedIn(s);
    if (u.role !== 'admin') throw new ApiError('forbidden', say('adminsOnlyHere'));
    return u;
  };

  return {
    'customers.create': (s, i) => {
      const u = ctx.signedIn(s);
      if (!ctx.maySee(u, i.customer.segment)) {
        throw new ApiError('forbidden', say('registerOutsideSegments'), [{ path: 'customer.segment', message: say('segmentNotWorked') }]);
      }
      return records.create(snapshotOf(u), i.customer, i.asset, ctx.now());
    },
    'customers.update': (s, i) => {
      const u = serving(s, i.customerId);
      if (!ctx.maySee(u, i.customer.segment)) throw new ApiError('forbidden', say('moveOutsideSegments'), [{ path: 'customer.segment', message: say('segmentNotWorked') }]);
      records.update(snapshotOf(u), i.customerId, i.customer, i.version, ctx.now());
      return recordFor(u, i.customerId);
    },
    'customers.saveContact': (s, i) => {
      const u = serving(s, i.customerId);
      records.saveContact(snapshotOf(u), i.customerId, i.contactId, i.contact, ctx.now());
      return recordFor(u, i.customerId);
    },
    'customers.removeContact': (s, i) => {
      const u = serving(s, i.customerId);
      records.removeContact(snapshotOf(u), i.customerId, i.contactId, ctx.now());
      return recordFor(u, i.customerId);
    },
    'customers.saveAsset': (s, i) => {
      const u = serving(s, i.customerId);
      records.saveAsset(snapshotOf(u), i.customerId, i.assetId, i.asset, ctx.now());
      return recordFor(u, i.customerId);
    },
    'customers.record': (s, i) => {
      const id = records.resolve(i.customerId);
      const u = ctx.signedIn(s);
      if (records.segmentOf(id) === null) throw new ApiError('not_found', say('customerNotFound'));
      ctx.audit.opened(u.id, id, 'record', null, ctx.now());
      return recordFor(u, id);
    },
    'customers.confirm': (s, i) => {
      const u = serving(s, i.customerId);
      records.confirm(snapshotOf(u), i.customerId, ctx.now());
      return recordFor(u, i.customerId);
    },
    'customers.logInteraction': (s, i) => {
      const u = ctx.signedIn(s);
      const segment = records.segmentOf(i.customerId);
      if (segment === null) throw new ApiError('not_found', say('customerNotFound'));
      const why = mayLogInteraction(u, segment);
      if (why) throw new ApiError('forbidden', why);
      const interactionId = records.logInteraction(snapshotOf(u), i.customerId, { channel: i.channel, direction: i.direction, summary: i.summary, assetId: i.assetId }, ctx.now());
      return { interactionId };
    },
    'customers.duplicates': (s, i) => {
      const u = ctx.signedIn(s);
      // Candidates of segments one does not serve are not shown at all (their names would leak).
      return records.duplicates(i).filter((c) => ctx.maySee(u, c.segment));
    },
    'customers.merge': (s, i) => {
      const u = ctx.signedIn(s);
      serving(s, i.survivorId);
      serving(s, i.mergedId);
      records.merge(snapshotOf(u), i.survivorId, i.mergedId, i.pick, { survivor: i.survivorVersion, merged: i.mergedVersion }, ctx.now(), { keepLessHistory: i.keepLessHistory });
      return recordFor(u, i.survivorId);
    },
    'customers.duplicatePairs': (s, i) => {
      const u = ctx.signedIn(s);
      if (u.role !== 'supervisor' && u.role !== 'admin') throw new ApiError('forbidden', say('duplicatesAcrossDesk'));
      return records.duplicatePairs(i.limit).map((p) => ({ ...p, segment: p.segment as Segment }));
    },
    'privacy.audit': (s, i) => {
      requireAdmin(s);
      ctx.audit.flush();
      return ctx.privacy.audit(i).map((r) => ({
        at: r.at,
        userId: r.user_id,
        userName: r.user_name,
        customerId: r.customer_id,
        customerName: r.customer_name,
        reason: r.reason as 'lookup',
        ticketNumber: r.ticket_number === null ? null : ticketNumber(r.ticket_number),
      }));
    },
    'privacy.export': (s, i) => {
      const u = requireAdmin(s);
      const id = records.resolve(i.customerId);
      const out = ctx.privacy.exportAll(id);
      ctx.audit.opened(u.id, id, 'export', null, ctx.now());
      return out;
    },
    'privacy.erase': (s, i) => {
      const u = requireAdmin(s);
      const id = records.resolve(i.customerId);
      const before = records.record(id, true, ctx.now());
      // The name as the lookup compares names (case, accents, ي/ی, ك/ک, the zero-width
      // non-joiner): typing it proves the intent; a Persian name typed on an Arabic layout
      // was refused as a wrong name.
      if (nameKey(i.confirmName) !== nameKey(before.customer.name)) {
        throw new ApiError('invalid_input', say('eraseConfirmName', { name: before.customer.name }), [{ path: 'confirmName', message: say('eraseTypeName', { name: before.customer.name }) }]);
      }
      ctx.privacy.erase(snapshotOf(u), id, ctx.now());
      return records.record(id, true, ctx.now());
    },
    'privacy.settings': (s) => {
      requireAdmin(s);
      return { retentionDays: ctx.privacy.retentionDays() };
    },
    'privacy.retentionPreview': (s, i) => {
      requireAdmin(s);
      return { removed: ctx.privacy.retentionWouldRemove(i.retentionDays, ctx.now()) };
    },
    'privacy.saveSettings': (s, i) => {
      requireAdmin(s);
      ctx.privacy.setRetentionDays(i.retentionDays);
      return { retentionDays: i.retentionDays, removed: ctx.privacy.applyRetention(i.retentionDays, ctx.now()) };
    },
    'quality.overview': (s, i) => {
      const u = ctx.signedIn(s);
      if (u.role !== 'supervisor' && u.role !== 'admin') throw new ApiError('forbidden', say('qualityAcrossDesk'));
      return records.qualityOverview(i.limit, ctx.now(), ctx.dayZone());
    },
    'customers.transferAsset': (s, i) => {
      const u = ctx.signedIn(s);
      serving(s, i.toCustomerId);
      return records.transfer(snapshotOf(u), i.assetId, i.toCustomerId, i.how, i.date, ctx.now());
    },
  };
}

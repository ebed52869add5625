import { expect, it } from 'vitest';
import { DESK_OUTBOX_HEADER, DESK_SKEW_HEADER, deskReportHeaders, readDeskReport } from './deskReport';

it('reads what a desk says of its clock and outbox, and takes anything absent or malformed as unknown', () => {
  expect(readDeskReport(deskReportHeaders({ skewMs: -600_000, outbox: 3 }))).toEqual({ skewMs: -600_000, outbox: 3, name: null });
  expect(readDeskReport({})).toEqual({ skewMs: null, outbox: null, name: null });
  expect(readDeskReport({ [DESK_SKEW_HEADER]: '10 minutes', [DESK_OUTBOX_HEADER]: '-1' })).toEqual({ skewMs: null, outbox: null, name: null });
  expect(readDeskReport({ [DESK_SKEW_HEADER]: '1e9', [DESK_OUTBOX_HEADER]: '2.5' })).toEqual({ skewMs: null, outbox: null, name: null });
  expect(readDeskReport({ [DESK_SKEW_HEADER]: ['1200', '5'], [DESK_OUTBOX_HEADER]: ' 0 ' })).toEqual({ skewMs: 1200, outbox: 0, name: null });
  // A desk that has not heard the hub's time yet sends no skew.
  expect(deskReportHeaders({ skewMs: null, outbox: 0 })).toEqual({ [DESK_OUTBOX_HEADER]: '0' });
});

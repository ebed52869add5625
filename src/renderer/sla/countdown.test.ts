import { describe, expect, it } from 'vitest';
import { countdown, dueFact, dueText, type TicketSla } from './countdown';

const MIN = 60_000;
const sla = (over: Partial<TicketSla>): TicketSla => ({ status: 'ok', target: 'resolution', remainingMs: 135 * MIN, timeZone: 'UTC', displayCalendar: 'gregory', ...over });
const DUE = Date.UTC(2026, 2, 14, 16, 30);

describe('SLA countdown', () => {
  it('says how long is left, calm while on track and orange once at risk', () => {
    expect(countdown(sla({}), DUE)).toMatchObject({ label: '2h 15m left', color: 'gray', status: 'ok' });
    expect(countdown(sla({ status: 'atRisk', remainingMs: 20 * MIN }), DUE)).toMatchObject({ label: '20m left', color: 'orange' });
  });

  it('ticks down locally from the moment the desk answered, rounding up to the minute', () => {
    expect(countdown(sla({ remainingMs: 135 * MIN }), DUE, 15 * MIN + 1).label).toBe('2h left');
    expect(countdown(sla({ remainingMs: 5 * MIN }), DUE, 6 * MIN).label).toBe('Due now');
  });

  it('says how long ago a breach happened, in red', () => {
    expect(countdown(sla({ status: 'breached', remainingMs: -40 * MIN }), DUE)).toMatchObject({ label: 'Breached 40m ago', color: 'red.8', variant: 'filled' });
    expect(countdown(sla({ status: 'breached', remainingMs: -10_000 }), DUE).label).toBe('Breached just now');
  });

  it('is paused while waiting on the customer, and quiet when nothing applies', () => {
    expect(countdown(sla({ status: 'paused', remainingMs: null }), null)).toMatchObject({ label: 'Paused', detail: expect.stringContaining('Resolution') });
    expect(countdown(null, null).label).toBe('No target');
    expect(countdown(sla({ status: 'met' }), null).label).toBe('Met');
    // "Met" under a resolved ticket's title says what was met beside it.
    expect(countdown(sla({ status: 'met' }), null).detail).toBe('Every service-level target was met in time');
  });

  it('names the target and the due time on the calendar’s own wall clock', () => {
    expect(countdown(sla({}), DUE).detail).toBe('Resolution due Mar 14, 2026, 4:30 PM (UTC)');
    expect(dueText(DUE, { timeZone: 'Asia/Tehran', displayCalendar: 'persian' })).toMatch(/1404.*8:00 PM \(Iran Standard Time\)/);
    expect(dueText(DUE, { timeZone: 'America/New_York', displayCalendar: 'gregory' })).toMatch(/\(Eastern Time\)$/);
  });
});

describe("the ticket page's due fact", () => {
  it('says a waiting ticket is paused, not that it has no target', () => {
    expect(dueFact(null, sla({ status: 'paused', remainingMs: null }))).toBe('Paused');
    expect(dueFact(null, sla({ status: 'met', target: null, remainingMs: null }))).toBe('Met');
    expect(dueFact(null, sla({ status: 'none', target: null, remainingMs: null }))).toBe('No target');
    expect(dueFact(null, null)).toBe('No target');
    expect(dueFact(DUE, sla({}))).toBe(dueText(DUE, sla({})));
  });
});

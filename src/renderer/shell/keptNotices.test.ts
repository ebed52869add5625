import { describe, expect, it } from 'vitest';
import { TICKET_STATES_MAX, type TicketStanding } from '../../shared/api';
import { BURST_SHOWN, KEEP_MS, comeBack, noticesShownFor, foldAboutOf, foldTitle, foldWith, handedBackBy, handoverBy, emptyStore, keepOnLeave, onScreen, parseStore, stillWorthShowing, ticketsToCheck, type KeptNotice, type NoticeSource, type OpenKept } from './keptNotices';

// One window, people in turn: Sam (a tier-2 specialist) is warned of a breach, Ava takes the
// window, then Sam signs in again.

const SAM = 'u-sam';
const AVA = 'u-ava';
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 11, 5, 9, 0);

const breach = (n: number): NoticeSource => ({ kind: 'breach', ticketId: `t-${n}`, number: `T-00078${n}`, target: 'resolution', tier: 2, segment: 'government', mine: true });
const escalation = (n: number): NoticeSource => ({ kind: 'escalation', ticketId: `t-${n}`, number: `T-00078${n}`, bySla: true, tier: 2, segment: 'government' });
const open = (at: number, source: NoticeSource): OpenKept => ({ at, source });

describe('notices kept for the person who left the window', () => {
  it("Sam's undismissed breach comes back when he signs in after Ava; Ava never sees it", () => {
    const afterSam = keepOnLeave(emptyStore(), SAM, [open(T0, breach(1))], null, T0 + 60_000);
    const ava = comeBack(afterSam, AVA, T0 + 2 * 60_000);
    expect(ava.shown).toEqual([]);
    expect(ava.more).toBe(0);
    // Ava leaves with nothing open: Sam's notice is still kept.
    const afterAva = keepOnLeave(ava.store, AVA, [], null, T0 + 10 * 60_000);
    const sam = comeBack(afterAva, SAM, T0 + 11 * 60_000);
    expect(sam.shown.map((n) => n.source)).toEqual([breach(1)]);
    expect(sam.more).toBe(0);
    // It is on his screen again, no longer in the store: a second sign-in does not repeat it.
    expect(comeBack(sam.store, SAM, T0 + 12 * 60_000).shown).toEqual([]);
  });

  it('a notice Sam dismissed does not come back (it was not open when he left)', () => {
    // Sam had two; he closed the escalation before switching user, so only the breach is open.
    const store = keepOnLeave(emptyStore(), SAM, [open(T0, breach(1))], null, T0 + HOUR);
    expect(comeBack(store, SAM, T0 + 2 * HOUR).shown.map((n) => n.source.kind)).toEqual(['breach']);
    // Back on his screen, he dismisses it and leaves again: nothing is kept.
    const back = comeBack(store, SAM, T0 + 2 * HOUR);
    const again = keepOnLeave(back.store, SAM, [], null, T0 + 3 * HOUR);
    expect(comeBack(again, SAM, T0 + 4 * HOUR).shown).toEqual([]);
  });

  it('a kept notice older than 12 h is dropped rather than shown', () => {
    const store = keepOnLeave(emptyStore(), SAM, [open(T0, breach(1)), open(T0 + 2 * HOUR, escalation(2))], { count: 4, at: T0 }, T0 + 3 * HOUR);
    const late = comeBack(store, SAM, T0 + KEEP_MS + HOUR);
    expect(late.shown.map((n) => n.source)).toEqual([escalation(2)]);
    expect(late.more).toBe(0);
    expect(late.store).toEqual(emptyStore());
  });

  it('come back newest first, as many as a burst shows; the rest and an open summary fold into one', () => {
    const many = [1, 2, 3, 4, 5].map((n) => open(T0 + n * 60_000, n % 2 ? breach(n) : escalation(n)));
    const store = keepOnLeave(emptyStore(), SAM, many, { count: 6, at: T0 }, T0 + HOUR);
    const back = comeBack(store, SAM, T0 + 2 * HOUR);
    expect(back.shown.map((n) => n.source.ticketId)).toEqual(['t-5', 't-4', 't-3']);
    expect(back.shown).toHaveLength(BURST_SHOWN);
    expect(back.more).toBe(2 + 6);
  });

  it('on a narrow window (a 420 px split screen) shows one notice and folds the rest, so the page stays readable; a wide one is unchanged', () => {
    expect(noticesShownFor(420)).toBe(1);
    expect(noticesShownFor(1366)).toBe(BURST_SHOWN);
    const many = [1, 2, 3, 4, 5].map((n) => open(T0 + n * 60_000, breach(n)));
    const back = comeBack(keepOnLeave(emptyStore(), SAM, many, null, T0 + HOUR), SAM, T0 + 2 * HOUR);
    const narrow = onScreen(back.mine, back.folded, noticesShownFor(420));
    expect(narrow.shown.map((n) => n.source.ticketId)).toEqual(['t-5']);
    expect(narrow.more).toBe(4);
  });

  it('survives a reload as JSON, and a store of another shape is read as empty', () => {
    const store = keepOnLeave(emptyStore(), SAM, [open(T0, breach(1))], null, T0);
    expect(parseStore(JSON.stringify(store))).toEqual(store);
    expect(parseStore('{"notices":[{"userId":1}]}')).toEqual(emptyStore());
    expect(parseStore('not json')).toEqual(emptyStore());
    expect(parseStore(null)).toEqual(emptyStore());
  });
});

describe('a kept notice that stopped being true while its owner was away', () => {
  // Sam is warned, and sees a breach and an escalation; Ava has the window for 40 minutes,
  // and the desk answers where the tickets stand now (tickets.states).
  const warning = (n: number, target = 'resolution'): Extract<NoticeSource, { mine: boolean }> => ({ kind: 'warning', ticketId: `t-${n}`, number: `T-00012${n}`, target, tier: 2, segment: 'government', mine: true });
  const kept = (source: NoticeSource, minutes: number): KeptNotice => ({ userId: SAM, at: T0 + minutes * 60_000, source });
  const standing = (n: number, over: Partial<TicketStanding> = {}): TicketStanding => ({ id: `t-${n}`, state: 'tier2.inProgress', tier: 2, assigneeId: SAM, slaStatus: 'atRisk', slaTarget: 'resolution', ...over });
  const still = (notices: KeptNotice[], found: TicketStanding[]) => stillWorthShowing(notices, ticketsToCheck(notices), found, SAM).map((n) => n.source.ticketId);

  it('a warning stays while the ticket is open, his, and at risk on the warned target', () => {
    const notices = [1, 2, 3, 4, 5, 6, 7].map((n) => kept(warning(n), n));
    expect(
      still(notices, [
        standing(1),
        standing(2, { state: 'resolved' }), // Ava resolved it
        standing(3, { assigneeId: AVA }), // handed to Ava
        standing(4, { slaStatus: 'ok' }), // no longer at risk
        standing(5, { slaTarget: 'firstResponse' }), // another target runs now
        standing(6, { slaStatus: 'breached' }), // at tier 3 the breach leaves it his: still his to act on
        standing(7, { state: 'tier2.pending', slaStatus: 'paused', slaTarget: null }), // waiting on the customer
      ]),
    ).toEqual(['t-1', 't-6']);
    // A warning on the first response is gone once the first response is given (resolution runs).
    expect(still([kept(warning(1, 'firstResponse'), 1)], [standing(1)])).toEqual([]);
  });

  it('a hand-back told again without who and what (the hub’s echo) is said as first told', () => {
    const by = { name: 'Sam Rivera', note: 'Confirm the cart charges overnight.' };
    const open: OpenKept[] = [{ at: T0, source: { kind: 'handover', ticketId: 't-1', number: 'T-000001', how: 'DEESCALATE', tier: 1, segment: 'education', by } }];
    expect(handedBackBy(open, 't-1', 'DEESCALATE')).toEqual(by);
    expect(handedBackBy(open, 't-2', 'DEESCALATE')).toBeUndefined();
    expect(handedBackBy(open, 't-1', 'ASSIGN')).toBeUndefined();
  });

  it('a reopen or an assignment is said with who did it and why, as a hand-back is', () => {
    const step = { actorName: 'Grace Chen', note: 'Customer called again.', heldBelow: [] };
    expect(handoverBy([], { ticketId: 't-1', type: 'REOPEN', step })).toEqual({ name: 'Grace Chen', note: 'Customer called again.' });
    expect(handoverBy([], { ticketId: 't-1', type: 'ASSIGN', step: { ...step, note: '' } })).toEqual({ name: 'Grace Chen', note: '' });
    expect(handoverBy([], { ticketId: 't-1', type: 'ASSIGN' })).toBeUndefined();
  });

  it('a ticket returned to the queue out of their hands is kept while it is not theirs again', () => {
    const returned = (n: number): NoticeSource => ({ kind: 'returned', ticketId: `t-${n}`, number: `T-00000${n}`, tier: 1, segment: 'education', by: { name: 'Grace Chen', note: '' } });
    const mine = [kept(returned(1), 1), kept(returned(2), 2), kept(returned(3), 3)];
    const found = [standing(1, { assigneeId: null }), standing(2, { assigneeId: 'dev' }), standing(3, { assigneeId: SAM })];
    expect(stillWorthShowing(mine, ['t-1', 't-2', 't-3'], found, SAM).map((n) => n.source.ticketId)).toEqual(['t-1', 't-2']);
  });

  it('a ticket he escalated, resolved by someone else, comes back while it stays resolved', () => {
    const resolved = (n: number): NoticeSource => ({ kind: 'resolved', ticketId: `t-${n}`, number: `T-00000${n}`, by: 'Tara Nguyen', code: 'fixed_remotely', note: 'Panel driver rolled back.' });
    const notices = [kept(resolved(1), 1), kept(resolved(2), 2), kept(resolved(3), 3)];
    expect(still(notices, [standing(1, { state: 'resolved' }), standing(2, { state: 'tier1.open' })])).toEqual(['t-1']);
    expect(parseStore(JSON.stringify({ notices: [notices[0]], folded: [] })).notices[0]?.source).toEqual(resolved(1));
  });

  it('a ticket of his that took a new number comes back until he sees it, resolved or handed on meanwhile, and goes with the ticket', () => {
    const renumbered = (n: number): NoticeSource => ({ kind: 'renumbered', ticketId: `t-${n}`, number: `T-00000${n + 2}`, from: `T-00000${n}` });
    const notices = [kept(renumbered(1), 1), kept(renumbered(2), 2), kept(renumbered(3), 3)];
    // The caller may hold the old number whatever became of the ticket; a ticket gone takes it.
    expect(still(notices, [standing(1, { state: 'resolved' }), standing(2, { assigneeId: 'someone-else' })])).toEqual(['t-1', 't-2']);
    expect(parseStore(JSON.stringify({ notices: [notices[0]], folded: [] })).notices[0]?.source).toEqual(renumbered(1));
  });

  it('a warning whose target was missed while he was away comes back as that breach, not as "at risk"', () => {
    const atTier3 = kept({ ...warning(1), tier: 3 }, 1);
    const wentUp = kept(warning(2), 2);
    const back = stillWorthShowing([atTier3, wentUp], ['t-1', 't-2'], [standing(1, { tier: 3, state: 'tier3.inProgress', slaStatus: 'breached' }), standing(2, { tier: 3, state: 'tier3.waiting', assigneeId: null, slaStatus: 'breached' })], SAM);
    // At tier 3 it stays his (no tier left); from tier 2 it went up and left his list.
    expect(back.map((n) => [n.source.ticketId, n.source.kind, 'tier' in n.source && n.source.tier, 'mine' in n.source && n.source.mine])).toEqual([
      ['t-1', 'breach', 3, true],
      ['t-2', 'breach', 2, true],
    ]);
    // Handed to someone else at the same tier and breached there: not his to hear about.
    expect(still([kept(warning(3), 3)], [standing(3, { assigneeId: AVA, slaStatus: 'breached' })])).toEqual([]);
  });

  it('a breach stays while the ticket is open and breached, whoever holds it', () => {
    const notices = [1, 2, 3, 4].map((n) => kept(breach(n), n));
    expect(
      still(notices, [
        standing(1, { slaStatus: 'breached', assigneeId: null, tier: 3 }),
        standing(2, { slaStatus: 'breached', state: 'closed' }),
        standing(3, { slaStatus: 'breached', slaTarget: 'firstResponse', assigneeId: 'u-tara' }),
        standing(4, { slaStatus: 'ok' }), // met late: no longer breached
      ]),
    ).toEqual(['t-1', 't-3']);
  });

  it('an escalation into his queue stays while the ticket still waits there, untaken', () => {
    const notices = [1, 2, 3, 4].map((n) => kept(escalation(n), n));
    expect(
      still(notices, [
        standing(1, { assigneeId: null, state: 'tier2.waiting' }),
        standing(2, { assigneeId: 'u-noor' }), // another specialist took it
        standing(3, { assigneeId: null, tier: 3 }), // moved on to tier 3
        standing(4, { assigneeId: null, state: 'resolved' }),
      ]),
    ).toEqual(['t-1']);
  });

  it('a ticket handed to him (back down, reopened, assigned) stays while it is still his and open', () => {
    const handover = (n: number): NoticeSource => ({ kind: 'handover', ticketId: `t-${n}`, number: `T-00078${n}`, how: 'DEESCALATE', tier: 2, segment: 'government' });
    const notices = [1, 2, 3].map((n) => kept(handover(n), n));
    expect(
      still(notices, [
        standing(1, { assigneeId: SAM }),
        standing(2, { assigneeId: 'u-noor' }), // a supervisor gave it to someone else
        standing(3, { assigneeId: SAM, state: 'resolved' }),
      ]),
    ).toEqual(['t-1']);
  });

  it('a ticket the desk leaves out (gone, or no longer his to see) takes its notices with it; one not asked about is kept', () => {
    const notices = [kept(escalation(1), 2), kept(warning(1), 1), kept(breach(2), 0)];
    expect(stillWorthShowing(notices, ['t-1', 't-2'], [standing(1, { assigneeId: null })], SAM).map((n) => n.source.kind)).toEqual(['escalation']);
    expect(stillWorthShowing(notices, ['t-1'], [], SAM).map((n) => n.source.ticketId)).toEqual(['t-2']);
  });

  it('asks once for each ticket, newest first, no more than one call takes', () => {
    const many = Array.from({ length: TICKET_STATES_MAX + 5 }, (_, i) => kept(breach(1000 + i), -i));
    expect(ticketsToCheck([kept(escalation(1), 3), kept(warning(1), 2), kept(breach(2), 1)])).toEqual(['t-1', 't-2']);
    expect(ticketsToCheck(many)).toHaveLength(TICKET_STATES_MAX);
    expect(ticketsToCheck(many)[0]).toBe('t-1000');
  });

  it('a summary says what it folds: 28 more tickets returned to the queue by Grace Chen, not SLA notices', () => {
    const returned = (n: number, to?: string): NoticeSource => ({ kind: 'returned', ticketId: `t-${n}`, number: `T-00000${n}`, tier: 1, segment: 'education', by: { name: 'Grace Chen', note: '' }, ...(to ? { to } : {}) });
    const fold = (sources: NoticeSource[]) => sources.reduce<ReturnType<typeof foldWith> | null>((a, x) => foldWith(a, foldAboutOf(x)), null);
    expect(foldTitle(fold(Array.from({ length: 28 }, (_, i) => returned(i))))).toEqual({ base: 'notice.moreReturned', vars: { name: 'Grace Chen' } });
    expect(foldTitle(fold([returned(1, 'Dev Patel'), returned(2, 'Dev Patel')]))).toEqual({ base: 'notice.moreReassigned', vars: { name: 'Grace Chen', to: 'Dev Patel' } });
    expect(foldTitle(fold([breach(1), escalation(2)]))).toEqual({ base: 'notice.more', vars: {} });
    expect(foldTitle(fold([breach(1), returned(2)]))).toEqual({ base: 'notice.moreAny', vars: {} });
    // Kept while he was away and back at sign-in: still said as returned by Grace.
    const store = keepOnLeave(emptyStore(), SAM, [1, 2, 3, 4, 5].map((n) => open(T0 + n * 60_000, returned(n))), { count: 26, at: T0, about: { kind: 'returned', by: 'Grace Chen' } }, T0 + HOUR);
    const back = comeBack(store, SAM, T0 + 2 * HOUR);
    expect(back.more).toBe(28);
    expect(foldTitle(back.moreAbout)).toEqual({ base: 'notice.moreReturned', vars: { name: 'Grace Chen' } });
  });

  it("the summary counts what is left: five kept, two stale, an open summary of four", () => {
    const store = keepOnLeave(emptyStore(), SAM, [1, 2, 3, 4, 5].map((n) => open(T0 + n * 60_000, n % 2 ? breach(n) : escalation(n))), { count: 4, at: T0 }, T0 + HOUR);
    const back = comeBack(store, SAM, T0 + 2 * HOUR);
    expect(back.mine.map((n) => n.source.ticketId)).toEqual(['t-5', 't-4', 't-3', 't-2', 't-1']);
    expect(back.folded).toEqual({ count: 4, at: T0 });
    const found = [standing(5, { slaStatus: 'breached' }), standing(4, { state: 'resolved' }), standing(3, { slaStatus: 'ok' }), standing(2, { assigneeId: null }), standing(1, { slaStatus: 'breached' })];
    const left = onScreen(stillWorthShowing(back.mine, ticketsToCheck(back.mine), found, SAM), back.folded);
    expect(left.shown.map((n) => n.source.ticketId)).toEqual(['t-5', 't-2', 't-1']);
    expect(left.more).toBe(4);
  });
});

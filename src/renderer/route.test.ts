import { expect, it, vi } from 'vitest';

// route.ts listens for the page being hidden, and marks the history entry it opened on, when it
// loads; under Node there is no window.
vi.hoisted(() => {
  const global = globalThis as { window?: unknown };
  global.window ??= { addEventListener: () => {}, history: { state: null, replaceState: () => {} } };
});

import { customerHref, hrefOf, lookupQueryOf, pageKey, parseHash, withoutFix } from './route';

// Back to a page a lookup led to: the lookup field says what found it (it kept the last query
// typed, over another lookup's answer).

it('reads the query a lookup led to from the page’s address: the list, the customer found, the registering offered', () => {
  expect(lookupQueryOf(parseHash(hrefOf({ name: 'lookup', query: 'Jordan Lee' })))).toBe('Jordan Lee');
  expect(lookupQueryOf(parseHash(customerHref('c1', 'a1', 'tag', null, 'HX4P9R2')))).toBe('HX4P9R2');
  expect(lookupQueryOf(parseHash(customerHref('c1', null, 'ticket', 'T-000123', 'T 000123')))).toBe('T 000123');
  expect(lookupQueryOf(parseHash(hrefOf({ name: 'register', query: '7XK2QF0' })))).toBe('7XK2QF0');
  // A customer opened from a list, a ticket, a queue: no query, and the field is left as it is.
  expect(lookupQueryOf(parseHash(customerHref('c1')))).toBeNull();
  expect(lookupQueryOf(parseHash('#/ticket/t1'))).toBeNull();
  expect(lookupQueryOf(parseHash(hrefOf({ name: 'register', query: '' })))).toBeNull();
});

it('takes the customer found by another query for the same page, and another list for another page', () => {
  expect(pageKey(parseHash(customerHref('c1', 'a1', 'tag', null, '7XK2QF1')))).toBe(pageKey(parseHash(customerHref('c1', 'a1', 'tag', null, '7xk-2qf 1'))));
  expect(pageKey(parseHash(customerHref('c1', 'a1', 'tag')))).not.toBe(pageKey(parseHash(customerHref('c2', 'a1', 'tag'))));
  expect(pageKey({ name: 'lookup', query: 'Jordan' })).not.toBe(pageKey({ name: 'lookup', query: 'Jo' }));
});

it('keeps the audit log\u2019s filter in the address: a reload or a shared link shows the same openings', () => {
  const audit = { customer: '019a2f53-6a94-7004-b0c7-cea5adfb9d6d', who: 'u-7', from: '2026-03-01', to: '2026-03-31' };
  const href = hrefOf({ name: 'dataQuality', tab: 'audit', audit });
  expect(href).toBe('#/admin/quality?tab=audit&customer=019a2f53-6a94-7004-b0c7-cea5adfb9d6d&who=u-7&from=2026-03-01&to=2026-03-31');
  expect(parseHash(href)).toMatchObject({ name: 'dataQuality', tab: 'audit', audit });
  // An empty filter adds nothing to the address.
  expect(hrefOf({ name: 'dataQuality', tab: 'audit', audit: { customer: '', who: '', from: '', to: '' } })).toBe('#/admin/quality?tab=audit');
  // Changing the filter stays on the same page (what is typed in it, and the focus, stay).
  expect(pageKey(parseHash(href))).toBe(pageKey(parseHash('#/admin/quality?tab=audit')));
});

it('a data-quality fix rides in the record’s address, to open its dialog on arrival', () => {
  const href = hrefOf({ name: 'customer', customerId: 'c-1', assetId: null, matchedBy: null, fix: 'addEmail' });
  expect(href).toBe('#/customer/c-1?fix=addEmail');
  expect(parseHash(href)).toMatchObject({ name: 'customer', customerId: 'c-1', fix: 'addEmail' });
});

it('takes the fix out of the address once its dialog is open, on the same page (a reload does not open it again)', () => {
  const arrived = parseHash('#/customer/c-1?by=tag&fix=addEmail');
  const after = withoutFix(arrived);
  expect(after && hrefOf(after)).toBe('#/customer/c-1?by=tag');
  expect(pageKey(after!)).toBe(pageKey(arrived));
  expect(withoutFix(parseHash('#/customer/c-1'))).toBeNull();
});

// The merge screen's two records swapped by the agent: the address says which is kept, and
// that the agent chose it (a reload keeps it); the same page, so the focus stays on the button.
it('keeps the merge’s chosen order in its address, and a swap is the same page', () => {
  const chosen = hrefOf({ name: 'merge', survivorId: 'b', mergedId: 'a', chosen: true });
  expect(chosen).toBe('#/merge/b/a?chosen=1');
  expect(parseHash(chosen)).toEqual({ name: 'merge', survivorId: 'b', mergedId: 'a', chosen: true });
  expect(parseHash('#/merge/a/b')).toEqual({ name: 'merge', survivorId: 'a', mergedId: 'b', chosen: false });
  expect(pageKey(parseHash(chosen))).toBe(pageKey(parseHash('#/merge/a/b')));
  expect(pageKey(parseHash('#/merge/a/c'))).not.toBe(pageKey(parseHash('#/merge/a/b')));
});

it('keeps "Resolved today", a satisfaction cell and the day report in the address, so a reload or a copied link opens them again', () => {
  for (const drill of [{ filter: 'resolved' }, { filter: 'csat', segment: 'government', tier: 2 }] as const) {
    const href = hrefOf({ name: 'overview', drill });
    expect(parseHash(href)).toEqual({ name: 'overview', drill });
    // One board whatever is drilled into.
    expect(pageKey(parseHash(href))).toBe(pageKey({ name: 'overview' }));
  }
  expect(hrefOf({ name: 'dayReport' })).toBe('#/overview/day');
  expect(parseHash('#/overview/day')).toEqual({ name: 'dayReport' });
  // A satisfaction cell needs both its segment and its tier: without them, the board alone.
  expect(parseHash('#/overview?show=csat&segment=government')).toEqual({ name: 'overview', drill: null });
});

import { expect, it } from 'vitest';
import { AUDIT_SHOWN, auditFilterText, auditQueryOf, auditShown, chosenAfterTyping, NO_AUDIT_FILTER, recordIdIn } from './auditFilter';

// The audit log's filter: an admin types who the customer is; an id still filters at once.

const ID = '019a2f53-6a94-7004-b0c7-cea5adfb9d6d';

it('takes a record id as typed or pasted, and sends everything else to the lookup', () => {
  expect(recordIdIn(` ${ID.toUpperCase()} `)).toBe(ID);
  for (const query of ['Maria Gonzalez', 'maria@example.com', '+1 415 555 0142', '7XK2QF1', '17266580029', 'T-000123', 'no-such-id', '']) expect(recordIdIn(query), query).toBeNull();
});

it('filters by an id at once, shows everyone for an empty field, and keeps the customer chosen while a name is being typed', () => {
  expect(chosenAfterTyping(ID, '')).toBe(ID);
  expect(chosenAfterTyping('  ', ID)).toBe('');
  expect(chosenAfterTyping('Maria Gonz', 'chosen-before')).toBe('chosen-before');
  expect(chosenAfterTyping('Maria Gonz', '')).toBe('');
});

it('asks the desk for that customer, that person and those days, both days in', () => {
  const q = auditQueryOf({ customer: ID, who: 'u-1', from: '2026-03-01', to: '2026-03-02' });
  expect(q).toMatchObject({ customerId: ID, userId: 'u-1' });
  expect(q.from).toBe(new Date(2026, 2, 1).getTime());
  // The whole of the 2nd: up to the start of the 3rd.
  expect(q.to).toBe(new Date(2026, 2, 3).getTime());
  expect(auditQueryOf(NO_AUDIT_FILTER)).toMatchObject({ customerId: null, userId: null, from: null, to: null });
  // A day still being typed filters nothing yet.
  expect(auditQueryOf({ ...NO_AUDIT_FILTER, from: '2026-03' }).from).toBeNull();
});

it('says when the list is cut: it asks for one more than it shows', () => {
  expect(auditQueryOf(NO_AUDIT_FILTER).limit).toBe(AUDIT_SHOWN + 1);
  const many = Array.from({ length: AUDIT_SHOWN + 1 }, (_, i) => i);
  expect(auditShown(many)).toEqual({ rows: many.slice(0, AUDIT_SHOWN), cut: true });
  expect(auditShown(many.slice(0, AUDIT_SHOWN))).toEqual({ rows: many.slice(0, AUDIT_SHOWN), cut: false });
});

it('names the customer filtered by, after a reload, from their openings; what the admin types stays as typed', () => {
  const rows = [
    { customerId: 'other', customerName: 'Jordan Lee' },
    { customerId: ID, customerName: 'Maria Gonzalez' },
  ];
  expect(auditFilterText(null, ID, rows)).toBe('Maria Gonzalez');
  // Nobody opened them in the days shown: their id is all there is to show.
  expect(auditFilterText(null, ID, rows.slice(0, 1))).toBe(ID);
  expect(auditFilterText(null, '', rows)).toBe('');
  expect(auditFilterText('HX4P9R2', ID, rows)).toBe('HX4P9R2');
  expect(auditFilterText('', ID, rows)).toBe('');
});

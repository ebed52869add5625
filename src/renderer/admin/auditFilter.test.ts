import { expect, it } from 'vitest';
import { chosenAfterTyping, recordIdIn } from './auditFilter';

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

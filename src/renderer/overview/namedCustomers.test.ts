import { describe, expect, it } from 'vitest';
import { namedCustomers } from './namedCustomers';

const erased = '01890000-0000-7000-8000-00000000000a';
const other = '01890000-0000-7000-8000-00000000000b';

describe('a list naming customers, when a customer’s record changes (an edit, or an erasure)', () => {
  it('reads again when it names that customer: an erased name leaves the board and the drill at once', () => {
    const followUps = [{ customerId: other, customerName: 'Lakeside Unified' }, { customerId: erased, customerName: 'Maria Gonzalez' }];
    expect(namedCustomers(followUps)(erased)).toBe(true);
  });

  it('does not read again for a customer it does not name, nor before it has loaded', () => {
    expect(namedCustomers([{ customerId: other }])(erased)).toBe(false);
    expect(namedCustomers(undefined)(erased)).toBe(false);
  });
});

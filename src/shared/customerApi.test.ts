import { describe, expect, it } from 'vitest';
import { assumedInBrief, customerDraftOf, type ImportSummaryView } from './customerApi';

const company = (i: number): ImportSummaryView['assumed']['first'][number] => ({ name: `Company ${i}`, segment: 'small_business', serviceLevel: 'standard', file: 'contacts.csv', row: i + 1 });

describe('assumedInBrief', () => {
  it('names the first five, counts the rest, and says how many the summary does not hold', () => {
    const eight = { count: 8, first: Array.from({ length: 8 }, (_, i) => company(i)) };
    expect(assumedInBrief(eight)).toEqual({ names: ['Company 0', 'Company 1', 'Company 2', 'Company 3', 'Company 4'], more: 3, kinds: [{ segment: 'small_business', serviceLevel: 'standard' }], unlisted: 0 });
    // The summary holds the first 20: "Show all" lists those, and says 7 are not listed.
    const many = { count: 27, first: Array.from({ length: 20 }, (_, i) => company(i)) };
    expect(assumedInBrief(many)).toMatchObject({ more: 22, unlisted: 7 });
    expect(assumedInBrief({ count: 2, first: [company(0), company(1)] })).toMatchObject({ names: ['Company 0', 'Company 1'], more: 0, unlisted: 0 });
  });
});

describe('customerDraftOf', () => {
  it('starts an edit with the phone as the app shows it, not as it is stored', () => {
    const c = { kind: 'person', name: 'Maria Gonzalez', segment: 'home', serviceLevel: 'basic', email: null, phone: '+15125552896', country: null, locale: 'en-US' } as const;
    expect(customerDraftOf(c as never)).toMatchObject({ phone: '+1 512 555 2896', email: '', country: '' });
    expect(customerDraftOf({ ...c, phone: null } as never).phone).toBe('');
  });
});

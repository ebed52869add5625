import { describe, expect, it } from 'vitest';
import { lookupLine } from './lookupMessage';
import { cliSay } from './messages';

// What `tagdesk lookup` says when it finds nothing, in the CLI's English and Persian, with the
// facts the window says (renderer/labels.ts lookupMessage): what was looked for, with the
// values, and which team serves the customer. The CLI signs in as an admin, who serves every
// team, so the two "another team" answers are checked here rather than through a process.

const en = cliSay('en');
const fa = cliSay('fa');
const phone = { message: 'Nothing found for Express Service Code 4155550100, or phone +14155550100.', key: 'nothingFound', params: { query: '415 555 0100', express: '4155550100', phone: '+14155550100' } };
const ticket = { message: 'Nothing found for ticket T-999999.', key: 'nothingFound', params: { query: 't 999999', ticket: 'T-999999' } };
const maria = { message: 'Maria Gonzalez is served by the home team; transfer the caller there.', key: 'otherTeam', params: { name: 'Maria Gonzalez', segment: 'home' } };
const jordans = { message: 'Every customer matching "Jordan" is served by another team (small business, home); transfer the caller there.', key: 'otherTeams', params: { query: 'Jordan', segments: 'small_business,home' } };

describe('a lookup that found nothing, from the CLI', () => {
  it('says what was looked for, with the values and the phone as the app writes it', () => {
    expect(lookupLine(en, phone)).toBe('Nothing found for Express Service Code 4155550100 or phone +1 415 555 0100.');
    expect(lookupLine(en, ticket)).toBe('Nothing found for ticket T-999999.');
    expect(lookupLine(fa, phone)).toBe('برای کد سرویس سریع \u20684155550100\u2069 یا تلفن \u2068+1 415 555 0100\u2069 چیزی پیدا نشد.');
    expect(lookupLine(fa, ticket)).toBe('برای تیکت \u2068T-999999\u2069 چیزی پیدا نشد.');
    // Nothing said about what was tried: the query, as before.
    expect(lookupLine(fa, { message: 'x', key: 'nothingFound', params: { query: 'xyz' } })).toBe('برای «\u2068xyz\u2069» چیزی پیدا نشد.');
  });

  it('says which team serves the customer, the team in the reader’s words', () => {
    expect(lookupLine(en, maria)).toBe('Maria Gonzalez is served by another team (home): transfer the caller there.');
    expect(lookupLine(en, jordans)).toBe('Every customer matching "Jordan" is served by another team (small business and home): transfer the caller there.');
    expect(lookupLine(fa, maria)).toBe('\u2068Maria Gonzalez\u2069 مشتری تیم دیگری است (خانگی): تماس را به آن تیم منتقل کنید.');
    expect(lookupLine(fa, jordans)).toBe('همهٔ مشتریان مطابق با «\u2068Jordan\u2069» مشتری تیم‌های دیگرند (کسب‌وکار کوچک و خانگی): تماس را به آن تیم‌ها منتقل کنید.');
  });

  it('keeps the desk’s own sentence for a key it does not know, in Persian marked as the desk’s', () => {
    expect(lookupLine(en, { message: 'The desk said so.', key: 'somethingNew' })).toBe('The desk said so.');
    expect(lookupLine(fa, { message: 'The desk said so.' })).toBe('میز این درخواست را نپذیرفت: \u2068The desk said so.\u2069');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LookupResult } from '../../shared/api';
import { tagToExpressCode } from '../../shared/serviceTag';
import { SHOWCASE } from './demo';
import { avaLookup, type testDesk } from './testing/deskHarness';

// A Persian-speaking agent looks callers up as they type: Persian or Arabic-Indic digits,
// the keyboard left on the Persian layout, Arabic letter forms, with or without the
// zero-width non-joiner. Every form finds what the Latin form finds.

let harness: Awaited<ReturnType<typeof testDesk>>;
let search: (query: string) => Promise<LookupResult>;
beforeAll(async () => {
  ({ harness, search } = await avaLookup());
});
afterAll(() => harness.desk.close());

const persianDigits = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0x06f0 + Number(d)));
const arabicDigits = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)));
const names = (r: LookupResult) => (r.kind === 'match' ? [r.view.customer.name] : r.kind === 'candidates' ? r.candidates.map((c) => c.customerName) : []);

describe('looking a caller up in Persian', () => {
  it('finds a system by service tag or Express code typed in Persian or Arabic-Indic digits', async () => {
    const code = tagToExpressCode(SHOWCASE.lakeside.tag);
    for (const q of [persianDigits(code), arabicDigits(code), '۷XK۲QF۱']) {
      expect(names(await search(q)), q).toEqual([SHOWCASE.lakeside.name]);
    }
  });

  it('finds a tag and a ticket typed with the keyboard on the Persian layout', async () => {
    // 7XK2QF1 typed on the same keys with the Persian layout on
    expect(names(await search('۷طن۲ضب۱'))).toEqual([SHOWCASE.lakeside.name]);
    const lakesideTicket = harness.desk.db.sqlite
      .prepare(`select t.number from tickets t join customers c on c.id = t.customer_id where c.name = ? order by t.number limit 1`)
      .pluck()
      .get(SHOWCASE.lakeside.name) as number;
    const typed = `ف-${persianDigits(String(lakesideTicket).padStart(6, '0'))}`; // "t-000123" on the Persian layout
    const r = await search(typed);
    expect(r.kind === 'match' ? r.matchedBy : r.kind).toBe('ticket');
  });

  it('finds a phone number written in Persian digits', async () => {
    expect(names(await search('+۱ ۵۱۲ ۵۵۵ ۰۱۴۲'))).toEqual([SHOWCASE.lakeside.name]);
  });

  it('matches real Persian names across ی/ي, ک/ك and the zero-width non-joiner', async () => {
    const all = harness.desk.db.sqlite.prepare(`select name from customers where locale = 'fa-IR'`).pluck().all() as string[];
    expect(all.length).toBeGreaterThan(10);
    const withZwnj = all.find((n) => n.includes('\u200c'));
    const withKafYeh = all.find((n) => /[کی]/.test(n) && !n.includes('\u200c'));
    expect(withZwnj && withKafYeh).toBeTruthy();
    if (!withZwnj || !withKafYeh) return;
    // The whole name, its Arabic-keyboard spelling, and the name without the ZWNJ.
    const arabicForms = withKafYeh.replace(/ی/g, 'ي').replace(/ک/g, 'ك');
    expect(names(await search(arabicForms))).toContain(withKafYeh);
    expect(names(await search(withZwnj.replace(/\u200c/g, '')))).toContain(withZwnj);
    // The start of a name, as agents type it.
    const first = withKafYeh.split(' ')[0] ?? '';
    expect(names(await search(first.replace(/ی/g, 'ي')))).toContain(withKafYeh);
  });

  it('says what went wrong with a key the window can translate', async () => {
    const r = await search('ZZZ9999');
    expect(r.kind === 'none' && r.key).toBe('nothingFound');
    // ("۱۲" alone is a ticket number now, read out as digits: lookupTicket.test.ts.)
    const bad = await search('۱۲-۳');
    expect(bad.kind === 'none' && bad.key).toBe('nothingFound');
  });

  it('says, in values the window can put in its own words, what a lookup that found nothing tried', async () => {
    // The Persian window read only «(415) 555-0100» چیزی پیدا نشد, where the English said it
    // was tried as an Express Service Code and as a phone number; and the English gave the
    // phone as the desk stores it (+14155550100).
    const tried = async (q: string) => {
      const r = await search(q);
      return r.kind === 'none' ? r.params : r.kind;
    };
    expect(await tried('(415) 555-0100')).toEqual({ query: '(415) 555-0100', express: '4155550100', phone: '+14155550100' });
    expect(await tried('+۱ ۴۱۵ ۵۵۵ ۰۱۰۰')).toEqual({ query: '+1 415 555 0100', phone: '+14155550100' });
    expect(await tried('7xk2-qf0')).toEqual({ query: '7xk2-qf0', tag: '7XK2QF0' });
    expect(await tried('t 999999')).toEqual({ query: 't 999999', ticket: 'T-999999' });
    expect(await tried('Nobody@Example.com')).toEqual({ query: 'Nobody@Example.com', email: 'nobody@example.com' });
    expect(await tried('زززز')).toEqual({ query: 'زززز', name: 'زززز' });
  });
});

import { describe, expect, it } from 'vitest';
import { damagedFinding, deskOpenText, problemOf } from './openErrors';

// SQLite writes what its check finds in English only; a damaged desk's refusal said it inside
// a Persian sentence as it came ("… آسیب دیده است (database disk image is malformed)"). Each
// finding now has a key, and is said in the reader's language.

const FILE = '/d/tagdesk.sqlite';
/** Latin words left once the values a line names (isolated: paths, table names) are taken out. */
const latinWords = (text: string) => text.replace(/\u2068[^\u2069]*\u2069/g, ' ').match(/[A-Za-z]{2,}/g) ?? [];

describe('what the check of a damaged file found, said in Persian', () => {
  const lines: Array<[string, string]> = [
    ['database disk image is malformed', '\u2068/d/tagdesk.sqlite\u2069 آسیب دیده است (ساختار پایگاه داده روی دیسک به هم ریخته است)'],
    ['file is not a database', '\u2068/d/tagdesk.sqlite\u2069 آسیب دیده است (پرونده پایگاه داده نیست)'],
    ['the file is 886784 bytes but its header says 1773568: it was cut short', '\u2068/d/tagdesk.sqlite\u2069 آسیب دیده است (پرونده ۸۸۶٬۷۸۴ بایت است اما سرآیندش ۱٬۷۷۳٬۵۶۸ بایت می‌گوید: پایانش بریده شده است)'],
    ['Tree 12 page 40: btreeInitPage() returns error code 11', '\u2068/d/tagdesk.sqlite\u2069 آسیب دیده است (صفحهٔ ۴۰ آسیب دیده است)'],
    ['Tree 3 page 7 cell 2: Rowid 19 out of order', '\u2068/d/tagdesk.sqlite\u2069 آسیب دیده است (صفحهٔ ۷ آسیب دیده است)'],
    ['Page 51: never used', '\u2068/d/tagdesk.sqlite\u2069 آسیب دیده است (صفحهٔ ۵۱ گم شده است: هیچ چیز آن را به کار نمی‌برد)'],
    ['Freelist: size is 4 but should be 5', '\u2068/d/tagdesk.sqlite\u2069 آسیب دیده است (فهرست صفحه‌های آزادش آسیب دیده است)'],
    ['NULL value in users.name', '\u2068/d/tagdesk.sqlite\u2069 آسیب دیده است (ردیفی از \u2068users\u2069 ستون \u2068name\u2069 را ندارد، که باید داشته باشد)'],
    ['CHECK constraint failed in tickets', '\u2068/d/tagdesk.sqlite\u2069 آسیب دیده است (ردیفی از \u2068tickets\u2069 یکی از قاعده‌هایش را زیر پا می‌گذارد)'],
    ['row 5 missing from index tickets_by_state', '\u2068/d/tagdesk.sqlite\u2069 آسیب دیده است (نمایهٔ \u2068tickets_by_state\u2069 با جدولش نمی‌خواند)'],
  ];
  it.each(lines)('%s', (line, fa) => {
    const said = deskOpenText('fa', damagedFinding(FILE, [line]));
    expect(said).toBe(fa);
    expect(latinWords(said)).toEqual([]);
  });

  it('keeps the English as SQLite and the bounded check said it, and counts the problems after the first', () => {
    expect(deskOpenText('en', damagedFinding(FILE, ['database disk image is malformed']))).toBe('/d/tagdesk.sqlite is damaged (database disk image is malformed)');
    expect(deskOpenText('en', damagedFinding(FILE, ['the file is 10 bytes but its header says 20: it was cut short', 'database disk image is malformed']))).toBe(
      '/d/tagdesk.sqlite is damaged (the file is 10 bytes but its header says 20: it was cut short and 1 more problem)',
    );
    expect(deskOpenText('fa', damagedFinding(FILE, ['Page 9: never used', 'Page 10: never used', 'Page 11: never used']))).toBe(
      '\u2068/d/tagdesk.sqlite\u2069 آسیب دیده است (صفحهٔ ۹ گم شده است: هیچ چیز آن را به کار نمی‌برد و ۲ مشکل دیگر)',
    );
  });

  it('says a finding of a kind it does not know in SQLite’s words, after a Persian lead', () => {
    expect(problemOf('max rootpage (7) disagrees with header (8)')).toEqual({ key: 'problemOther', values: { detail: 'max rootpage (7) disagrees with header (8)' } });
    expect(deskOpenText('fa', problemOf('btree depth exceeds 20'))).toBe('بررسی SQLite این را یافت: \u2068btree depth exceeds 20\u2069');
  });
});

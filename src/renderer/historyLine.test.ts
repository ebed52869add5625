import { afterEach, describe, expect, it } from 'vitest';
import { say } from '../shared/messageKeys';
import { setLocale } from './i18n/state';
import { interactionLine } from '../shared/interactionText';
import { eventLabel } from './labels';
import { historyLine } from './sayMessage';

// The note an open ticket gets when its system changes hands is stored in English, as a keyed
// sentence (records.ts); the contact history says it in the reader's language. Notes stored
// before it was keyed have the same words and read the same; any other line shows as written.

const FSI = '\u2068';
const PDI = '\u2069';
const OLD_NOTE = 'System HX4P9R2 changed hands (given) on 2025-03-21. This ticket stays with the owner who reported it until it is closed.';

describe('a transfer’s note on an open ticket in the reader’s language', () => {
  afterEach(() => setLocale('en', 'latn'));

  it('is stored as the keyed English sentence, and shown as stored in English', () => {
    const stored = say('transferOpenTicket', { tag: 'HX4P9R2', how: 'sold', on: '2025-03-21' });
    expect(stored).toBe('System HX4P9R2 changed hands (sold) on 2025-03-21. This ticket stays with the owner who reported it until it is closed.');
    expect(historyLine(stored)).toBe(stored);
    expect(historyLine(OLD_NOTE)).toBe(OLD_NOTE);
  });

  it('is said in Persian in a Persian window: the how in Persian, the date in the Solar Hijri calendar, the tag kept', async () => {
    await setLocale('fa', 'arabext');
    const line = historyLine(say('transferOpenTicket', { tag: 'HX4P9R2', how: 'sold', on: '2025-03-21' }));
    expect(line).toContain(`${FSI}HX4P9R2${PDI}`);
    expect(line).toContain('فروخته شد');
    expect(line).toContain('۱۴۰۴'); // 21 March 2025 is 1 Farvardin 1404
    expect(line).toContain('این تیکت تا بسته شدن نزد مالکی می‌ماند که آن را گزارش کرده است.');
    expect(line).not.toMatch(/changed hands|2025/);
  });

  it('says a note stored before it was keyed in Persian too, and any other line as written', async () => {
    await setLocale('fa', 'arabext');
    expect(historyLine(OLD_NOTE)).toContain('واگذار شد');
    expect(historyLine('Called about the docking station; will call back.')).toBe('Called about the docking station; will call back.');
    // A refusal's sentence logged by hand is not a note the desk wrote: it stays as written.
    expect(historyLine('The transfer date is in the future; record it once it has happened.')).toBe('The transfer date is in the future; record it once it has happened.');
    // A ticket's own line is still said as before.
    expect(historyLine('Note on T-000042: fan loud')).not.toContain('Note on');
  });
});

// Maria rang back about her phone ticket: its timeline said "Customer replied" under the
// "Customer called" button, and so did her contact history. Both follow the ticket's channel.
describe('the customer’s contact, named by the ticket’s channel', () => {
  afterEach(() => setLocale('en', 'latn'));

  it('is "Customer called" on a phone ticket and "Customer wrote" by email or chat, in the timeline and the contact history', async () => {
    expect(eventLabel('CUSTOMER_REPLIED', 'phone')).toBe('Customer called');
    expect(eventLabel('CUSTOMER_REPLIED', 'chat')).toBe('Customer wrote');
    expect(eventLabel('CUSTOMER_REPLIED', 'note')).toBe('Customer replied');
    expect(eventLabel('CUSTOMER_REPLIED')).toBe('Customer replied');
    expect(eventLabel('RESOLVE', 'phone')).toBe('Resolved');
    // The stored line stays English and the same (it is data); it is said by its channel.
    const stored = interactionLine({ kind: 'replied', number: 'T-000042', note: 'fan loud again' });
    expect(stored).toBe('Customer replied on T-000042: fan loud again');
    expect(historyLine(stored, 'phone')).toBe('Customer called about T-000042: fan loud again');
    expect(historyLine(stored, 'email')).toBe('Customer wrote about T-000042: fan loud again');
    expect(historyLine(stored, 'note')).toBe(stored);
    await setLocale('fa', 'arabext');
    expect(eventLabel('CUSTOMER_REPLIED', 'phone')).toBe('مشتری تماس گرفت');
    expect(historyLine(stored, 'phone')).toContain('تماس مشتری');
    expect(historyLine(stored, 'phone')).not.toContain('پاسخ');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { fieldPhrases, messageDetail, say, sayCount } from '../shared/messageKeys';
import { parseDate } from '../shared/customerRules';
import { phoneRefusal } from '../shared/phone';
import { ticketCommandSchema } from '../shared/ticketMachine';
import { createTicketSchema } from '../shared/api';
import { t } from './i18n';
import { setLocale } from './i18n/state';
import { problemNow, sayFieldMessage, sayMessage, translatedProblem } from './sayMessage';

// What the records store says under a field, in a Persian window: its own words, with the
// values it carries, never the bare "check this value" that tells nobody what to fix.

describe('a record field’s message in Persian', () => {
  afterEach(() => setLocale('en', 'latn'));

  it('names whose a taken service tag is, and since when the owner has had a system', async () => {
    await setLocale('fa', 'arabext');
    const taken = sayFieldMessage(say('tagRegistered', { tag: 'HX4P9R2', name: 'Maria Gonzalez' }));
    expect(taken).toContain('HX4P9R2');
    expect(taken).toContain('Maria Gonzalez');
    expect(taken).toMatch(/ثبت شده است/);
    const early = sayFieldMessage(say('transferBeforeOwner', { name: 'Maria Gonzalez', since: '2021-12-13' }));
    // The date in the reader's calendar (Solar Hijri, 22 Azar 1400), not as the sentence wrote it.
    expect(early).toContain('Maria Gonzalez');
    expect(early).not.toContain('2021-12-13');
    expect(early).toMatch(/آذر/);
    expect(sayFieldMessage(say('transferFuture'))).toMatch(/آینده/);
  });

  it('names the fields an edit refused as changed meanwhile by their labels, and says nothing was saved', async () => {
    await setLocale('fa', 'arabext');
    const refused = sayMessage(say('recordChangedMeanwhile', { fields: fieldPhrases(['name', 'serviceLevel']) }));
    expect(refused).toContain('نام، سطح خدمات');
    expect(refused).toContain('چیزی ذخیره نشد');
    expect(refused).not.toMatch(/[A-Za-z]/);
  });

  it('says how long a sign-in lock lasts in Persian digits, and whether a password reset lifts it', async () => {
    // "try again in 15 minute(s)" in English, and nothing about asking an admin in either language.
    await setLocale('fa', 'arabext');
    const account = sayMessage(sayCount('accountThrottled', 15));
    expect(account).toContain('۱۵ دقیقهٔ دیگر');
    expect(account).toContain('از مدیر سیستم بخواهید گذرواژهٔ شما را بازنشانی کند');
    expect(account).not.toMatch(/[A-Za-z0-9]/);
    const desk = sayMessage(sayCount('deskThrottled', 1));
    expect(desk).toContain('۱ دقیقهٔ دیگر');
    expect(desk).toContain('بازنشانی گذرواژه این قفل را برنمی‌دارد');
    expect(sayMessage(sayCount('addressThrottled', 3))).toContain('نشانی شبکهٔ این رایانه');
    // The desk's own lock while the hub is away said "a few minutes" for 15: counted too.
    const offline = sayMessage(sayCount('offlineThrottled', 15));
    expect(offline).toContain('۱۵ دقیقهٔ دیگر');
    expect(offline).not.toMatch(/[A-Za-z0-9]/);
  });

  it('says a sign-in refusal kept on the screen anew when the language is switched there', async () => {
    // The sign-in screen kept "Too many failed sign-ins…" in English after a switch to Persian.
    const message = sayCount('accountThrottled', 15);
    const refused = translatedProblem('refused', message, [], 'accountThrottled_other', { count: 15 });
    expect(refused.message).toBe(message);
    await setLocale('fa', 'arabext');
    expect(problemNow(refused).message).toContain('۱۵ دقیقهٔ دیگر');
    await setLocale('en', 'latn');
    expect(problemNow(problemNow(refused)).message).toBe(message);
    // Without a key, the desk's own English sentence in English, the code's general one in Persian.
    const plain = translatedProblem('refused', 'The hub refused the sign-in (418).', [], null, undefined);
    await setLocale('fa', 'arabext');
    expect(problemNow(plain).message).not.toMatch(/[A-Za-z]/);
    // A sign-in the hub refused in words the desk has no key for (a proxy's 404): a sign-in's
    // refusal in Persian, not the general one's "the ticket does not allow it now".
    await setLocale('en', 'latn');
    const signIn = translatedProblem('refused', 'Not Found', [], 'hubRefusedSignIn', { status: 404 });
    expect(signIn.message).toBe('Not Found');
    await setLocale('fa', 'arabext');
    const persian = problemNow(signIn).message;
    expect(persian).toContain('ورود');
    expect(persian).toContain('۴۰۴');
    expect(persian).not.toContain('تیکت');
    expect(persian).not.toMatch(/[A-Za-z]/);
  });

  it('says every refusal outside a ticket in its own words, and the general one names no ticket', async () => {
    // What the desk answered with no key (desk.ts keys an error by its words): a Persian window
    // said the general refusal, "the ticket does not allow it now", for a People call, a
    // knowledge-base write-up, a satisfaction score, an erased customer, an import.
    const answered: Array<[code: string, message: string]> = [
      ['refused', 'The hub did not accept this (it answered 502). Try again; if it keeps happening, tell whoever runs the hub.'], // hubLink.ts, a People call
      ['refused', 'Only a resolved ticket has a resolution to write up.'], // kbHandlers.ts
      ['refused', 'Satisfaction is asked once the ticket is resolved.'], // csat.ts
      ['refused', 'This customer’s personal data was erased on request; it cannot be filled in again.'], // records.ts
      ['forbidden', 'This desk is joined to a hub: sign in with your email and password instead of choosing your name from the list.'], // session.ts
      ['forbidden', 'Only admins can import records.'], // handlers/customers.ts
      ['forbidden', 'Only admins can do this.'], // customers/handlers.ts
      ['forbidden', 'Only supervisors and admins can list every duplicate on the desk.'],
      ['forbidden', 'Only supervisors and admins can see data quality across the desk.'],
      ['forbidden', 'This desk is not joined to a hub.'], // hubLink.ts, a People call on a desk on its own
      ['conflict', 'Someone saved this article meanwhile (version 4); reload it and make your change again.'], // kbStore.ts
      ['conflict', 'This desk already has data.'], // desk.ts
      ['not_found', 'That article does not exist.'],
      ['not_found', 'No satisfaction score for that ticket.'],
      ['not_found', 'That conflict is not in your list (it was dismissed already, or it is someone else’s).'],
    ];
    await setLocale('fa', 'arabext');
    for (const [code, message] of answered) {
      const detail = messageDetail(message);
      expect(detail, message).not.toBeNull();
      const said = translatedProblem(code, message, [], detail?.key ?? null, detail?.params).message;
      expect(said, message).not.toBe(t(`apiError.${code}` as 'apiError.refused'));
      expect(said, message).not.toMatch(/[A-Za-z]/);
    }
    expect(translatedProblem('refused', 'Some refusal the desk has no words for.', [], null, undefined).message).not.toContain('تیکت');
    // The hub's reason for a sync conflict it gave no words for.
    expect(sayMessage('The hub refused this change.')).not.toMatch(/[A-Za-z]/);
    await setLocale('en', 'latn');
    expect(t('apiError.refused')).not.toMatch(/ticket/);
  });

  it('says the hub’s own answers a person may meet (its rate limit, a failure, a desk’s sign-in) in Persian', async () => {
    // Sent by the hub as English sentences with no key: a Persian window showed them as sent.
    await setLocale('fa', 'arabext');
    for (const key of ['hubRateLimited', 'hubCouldNotFinish', 'deskIdTaken', 'deskKeyMissing'] as const) {
      const said = sayMessage(say(key));
      expect(said, key).toMatch(/[\u0600-\u06FF]/);
      expect(said, key).not.toMatch(/[A-Za-z]/);
    }
  });

  it('names the country a phone number was read for in Persian, not by its code ("US")', async () => {
    // An import's rejected row said "این شماره‌ای کامل برای US نیست": English left in the Persian sentence.
    await setLocale('fa', 'arabext');
    const incomplete = sayFieldMessage(say('phoneIncomplete', { country: 'US' }));
    expect(incomplete).toContain('ایالات متحده');
    expect(incomplete).not.toMatch(/[A-Za-z]/);
    expect(sayFieldMessage(say('phoneShape', { country: 'IR' }))).toContain('ایران');
  });

  it('says a number typed without its code is a mobile in Iran, and to choose Iran as the country', async () => {
    await setLocale('fa', 'arabext');
    const there = sayFieldMessage(phoneRefusal('۰۹۱۲۳۴۵۶۷۸۹', 'US', 'x', ['IR']));
    expect(there).toMatch(/^این شمارهٔ همراهی در ایران است: ایران را به‌عنوان کشور انتخاب کنید/);
    expect(there).toContain('+98 912 345 6789');
  });

  it('says a note too long for a ticket is too long, and how long it may be, in both languages', async () => {
    // A log pasted into a note: "Too big: expected string to have <=10000 characters" in
    // English, and the bare "check this value" in Persian.
    const tooLong = (type: 'ADD_NOTE' | 'WAIT_ON_CUSTOMER') => {
      const parsed = ticketCommandSchema.safeParse({ type, note: 'x'.repeat(10_001) });
      return parsed.success ? '' : parsed.error.issues[0]!.message;
    };
    expect(tooLong('ADD_NOTE')).toBe(say('noteTooLong'));
    expect(tooLong('WAIT_ON_CUSTOMER')).toBe(say('noteTooLong'));
    await setLocale('fa', 'arabext');
    expect(sayFieldMessage(tooLong('ADD_NOTE'))).toMatch(/۱۰٬۰۰۰ نویسه/);
  });

  it('asks for a new ticket’s subject in Persian words, too short or too long', async () => {
    // "ab" as a subject: the Persian dialog said only "check this value" under it.
    const issue = (subject: string) => {
      const parsed = createTicketSchema.safeParse({ customerId: '0190a0a0-0000-7000-8000-000000000001', subject });
      return parsed.success ? '' : parsed.error.issues[0]!.message;
    };
    expect(issue('ab')).toBe('Give the ticket a subject of at least 3 characters.');
    expect(issue('x'.repeat(201))).toBe(say('subjectLong'));
    await setLocale('fa', 'arabext');
    expect(sayFieldMessage(issue('ab'))).toMatch(/دست‌کم ۳ نویسه/);
    expect(sayFieldMessage(issue('x'.repeat(201)))).toMatch(/۲۰۰ نویسه/);
  });

  it('asks for a date left empty without a Gregorian pattern the Solar Hijri field does not take', async () => {
    await setLocale('fa', 'arabext');
    const empty = parseDate('');
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(sayFieldMessage(empty.message)).toBe('تاریخ را بنویسید.');
  });
});

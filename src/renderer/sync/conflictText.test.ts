import { afterEach, describe, expect, it } from 'vitest';
import type { SyncConflict } from '../../shared/syncApi';
import { setLocale } from '../i18n/state';
import { interactionText } from '../labels';
import { conflictFollowsFrom, conflictNextStep, conflictRecordLink, conflictSummary } from './conflictText';

// What the desk stores in English (a refused change, a ticket's line in the contact history)
// is said in the reader's language: English as stored, Persian in Persian, with the ticket
// number, the subject and the note kept as they were written.

const FSI = '\u2068';
const PDI = '\u2069';
const conflict = (over: Partial<SyncConflict>): SyncConflict => ({
  eventId: 'e1',
  stream: 'ticket',
  entityId: 't1',
  ticketNumber: 'T-000042',
  type: 'TAKE',
  summary: 'Take ticket T-000042',
  reason: 'Sam Rivera took this ticket first.',
  written: null,
  nextStep: 'Open T-000042 to see who has it now; take another ticket from your queue.',
  actorId: 'ava',
  deskTime: 0,
  refusedAt: 0,
  ...over,
});

describe('stored English in the reader’s language', () => {
  afterEach(() => setLocale('en', 'latn'));

  it('shows a conflict as stored in English, and in Persian words with its details kept', async () => {
    const note = conflict({ type: 'ADD_NOTE', summary: 'Add a note to ticket T-000042: “Fan: loud again”' });
    const priority = conflict({ type: 'CHANGE_PRIORITY', summary: 'Change the priority of ticket T-000042 to urgent' });
    const created = conflict({ type: 'CREATED', ticketNumber: null, summary: 'Open a new ticket: “Battery stuck at 80%”', nextStep: 'x' });
    expect(conflictSummary(note)).toBe(note.summary);
    expect(conflictNextStep(created)).toBe('x');

    await setLocale('fa', 'arabext');
    expect(conflictSummary(conflict({}))).toBe(`برداشتن تیکت ${FSI}T-000042${PDI}`);
    expect(conflictSummary(note)).toBe(`${FSI}افزودن یادداشت به تیکت ${FSI}T-000042${PDI}${PDI}: «${FSI}Fan: loud again${PDI}»`);
    expect(conflictSummary(priority)).toContain('فوری');
    expect(conflictSummary(created)).toBe(`باز کردن تیکت تازه: «${FSI}Battery stuck at 80%${PDI}»`);
    expect(conflictNextStep(conflict({}))).toContain('تیکت دیگری از صف خود بردارید');
    expect(conflictNextStep(created)).toContain('مشتری را باز کنید');
    // Not a ticket's change: the stored line, and a general next step.
    expect(conflictSummary(conflict({ stream: 'customer', type: 'CUSTOMER_CHANGED', summary: 'customer changed (customer c1)' }))).toBe('customer changed (customer c1)');
  });

  // Ben took a ticket offline while Ava, also offline, took it and escalated it: Ben's take was
  // refused because the ticket was at tier 2, yet "what to do now" told him to see who has it
  // now, and no one had it.
  it('sends the author of a refused take to see who has the ticket only when someone has it', async () => {
    const { nextStepLine } = await import('../../shared/conflictText');
    const taken = { stream: 'ticket', type: 'TAKE', ticketNumber: 'T-000003', reason: 'Someone is already working this ticket.' };
    const moved = { ...taken, reason: 'This ticket is at tier 2; you work at first line (tier 1).' };
    expect(nextStepLine(taken)).toBe('Open T-000003 to see who has it now; take another ticket from your queue.');
    expect(nextStepLine(moved)).toBe('Open T-000003 to see where it is now; take another ticket from your queue.');
    // A supervisor's assignment refused for another reason gets the general next step.
    expect(nextStepLine({ ...moved, type: 'ASSIGN' })).toBe('Open T-000003, look at what changed, and do it again if it still needs doing.');
    await setLocale('fa', 'arabext');
    expect(conflictNextStep(conflict({ ticketNumber: 'T-000003', reason: moved.reason, nextStep: nextStepLine(moved) }))).toBe(`${FSI}T-000003${PDI} را باز کنید تا ببینید اکنون کجاست؛ تیکت دیگری از صف خود بردارید.`);
    expect(conflictNextStep(conflict({ reason: taken.reason }))).toContain('در دست کیست');
  });

  // Ava took a ticket offline and escalated it; Ben had taken it first. Her escalation's card
  // said only that she must take it first, as if unrelated to her refused take above it.
  it('says a refusal follows from the refused take above it, and nothing for one that stands alone', async () => {
    const escalation = conflict({ eventId: 'e2', type: 'ESCALATE', summary: 'Escalate ticket T-000042', followsFrom: 'e1' });
    expect(conflictFollowsFrom(conflict({}))).toBeNull();
    expect(conflictFollowsFrom(escalation)).toBe('This follows from the refusal above: your take of T-000042 did not go through, so you were not working the ticket.');
    await setLocale('fa', 'arabext');
    expect(conflictFollowsFrom(escalation)).toBe(`این پیامدِ ردِ مورد بالاست: برداشتن ${FSI}T-000042${PDI} از سوی شما پذیرفته نشد، پس شما روی این تیکت کار نمی‌کردید.`);
  });

  it('says a ticket’s line in the contact history in the reader’s words, and any other line as written', async () => {
    const line = 'Escalated T-000003 to tier 2 (repeat failure): Ran ePSA: memory failed';
    expect(interactionText(line)).toBe('Escalated T-000003 to Tier 2 (Repeat failure): Ran ePSA: memory failed');
    await setLocale('fa', 'arabext');
    expect(interactionText(line)).toContain('ارجاع شد');
    expect(interactionText(line)).toContain('Ran ePSA: memory failed');
    expect(interactionText('Asked about warranty extension')).toBe('Asked about warranty extension');
  });
});

describe('the desk’s and the hub’s sentences in the reader’s language', () => {
  afterEach(() => setLocale('en', 'latn'));

  it('has every sentence the desk can name in both dictionaries', async () => {
    const { en } = await import('../i18n/en');
    const { fa } = await import('../i18n/fa');
    const { MESSAGE_KEYS } = await import('../../shared/messageKeys');
    expect(MESSAGE_KEYS.filter((k) => !(`apiError.${k}` in en) || !(`apiError.${k}` in fa))).toEqual([]);
  });

  it('says a refusal in Persian, with the segment, state and action in Persian words; English and unknown sentences as said', async () => {
    const { sayMessage } = await import('../sayMessage');
    expect(sayMessage('You do not work the small business segment.')).toBe('You do not work the small business segment.');
    await setLocale('fa', 'arabext');
    expect(sayMessage('You do not work the small business segment.')).toBe('شما در بخش کسب‌وکار کوچک کار نمی‌کنید.');
    expect(sayMessage('A ticket that is resolved cannot be escalated.')).toBe('«ارجاع به سطح بالاتر» برای تیکتی که حل‌شده است ممکن نیست.');
    expect(sayMessage('This ticket is at first line (tier 1); you work at tier 2.')).toBe('این تیکت در سطح یک است؛ شما در سطح دو کار می‌کنید.');
    expect(sayMessage('Sam Rivera took this ticket first, at 10:42.')).toBe('Sam Rivera took this ticket first, at 10:42.');
    // The hub's own reasons, which the conflicts page shows, in Persian.
    expect(sayMessage('This ticket had moved on before your change reached the hub. Open it to see where it is now, and do it again if it still applies.')).toBe(
      'این تیکت پیش از رسیدن تغییر شما به هاب جلوتر رفته بود. آن را باز کنید تا ببینید اکنون کجاست، و اگر هنوز لازم است دوباره انجامش دهید.',
    );
    expect(sayMessage('Wrong email or password.')).toBe('ایمیل یا گذرواژه نادرست است.');
    // A step only the holder may take, refused because someone else has the ticket: not "take it first".
    expect(sayMessage('Someone else is working this ticket now: only they, or a supervisor, can do that.')).toBe('اکنون کس دیگری روی این تیکت کار می‌کند: فقط او، یا یک سرپرست، می‌تواند این کار را بکند.');
    // An event's type in the sentence is said as its action; the detail the hub added stays as
    // written, isolated so its direction does not disturb the sentence's.
    expect(sayMessage('The hub cannot read this ESCALATE: Invalid option.')).toBe('هاب این «ارجاع به سطح بالاتر» را نمی‌تواند بخواند: \u2068Invalid option\u2069.');
  });
});

// An admin's offline edits to customers, policies and articles came back refused and the page
// said "customer created (customer 0193…)", in English even in Persian: no one could tell what
// was refused. Each kind is now said in the reader's words, naming what the desk knows it by.
describe('a refused change of a record, a setting, an article or an account', () => {
  afterEach(() => setLocale('en', 'latn'));

  const rec = (over: Partial<NonNullable<SyncConflict['record']>> = {}): NonNullable<SyncConflict['record']> => ({ name: null, customer: 'Acme Ltd', gone: null, mergedInto: null, link: { to: 'customer', id: 'c1' }, ...over });
  const of = (stream: string, type: string, record: NonNullable<SyncConflict['record']>) =>
    conflict({ stream, type, entityId: 'c1', ticketNumber: null, summary: `${type.toLowerCase()} (${stream} 0193a000-0000-7000-8000-0000000000c1)`, nextStep: 'Open the record, check what changed, and make your change again if it is still needed.', record });
  const strip = (s: string) => s.replaceAll(FSI, '').replaceAll(PDI, '');

  const KINDS: Array<[string, string, NonNullable<SyncConflict['record']>, string, string]> = [
    ['customer', 'CUSTOMER_CREATED', rec(), 'Add the customer Acme Ltd', 'افزودن مشتری Acme Ltd'],
    ['customer', 'CUSTOMER_IMPORTED', rec(), 'Import the customer Acme Ltd', 'درون‌ریزی مشتری Acme Ltd'],
    ['customer', 'CUSTOMER_CHANGED', rec(), 'Edit the customer Acme Ltd', 'ویرایش مشتری Acme Ltd'],
    ['customer', 'CUSTOMER_CONFIRMED', rec(), 'Confirm the details of the customer Acme Ltd', 'تأیید مشخصات مشتری Acme Ltd'],
    ['customer', 'CUSTOMER_MERGED', rec(), 'Merge two customer records into the customer Acme Ltd', 'ادغام دو پروندهٔ مشتری در مشتری Acme Ltd'],
    ['customer', 'CUSTOMER_ERASED', rec(), 'Erase the customer Acme Ltd', 'پاک کردن مشتری Acme Ltd'],
    ['customer', 'CONTACT_ADDED', rec({ name: 'Sara Ahmadi' }), 'Add the contact Sara Ahmadi to the customer Acme Ltd', 'افزودن مخاطب Sara Ahmadi به مشتری Acme Ltd'],
    ['customer', 'CONTACT_CHANGED', rec({ name: 'Sara Ahmadi' }), 'Edit the contact Sara Ahmadi of the customer Acme Ltd', 'ویرایش مخاطب Sara Ahmadi از مشتری Acme Ltd'],
    ['customer', 'CONTACT_REMOVED', rec({ name: 'Sara Ahmadi' }), 'Remove the contact Sara Ahmadi from the customer Acme Ltd', 'حذف مخاطب Sara Ahmadi از مشتری Acme Ltd'],
    ['customer', 'ASSET_REGISTERED', rec({ name: '7GH2K93' }), 'Register the system 7GH2K93 to the customer Acme Ltd', 'ثبت سیستم 7GH2K93 برای مشتری Acme Ltd'],
    ['customer', 'ASSET_CHANGED', rec({ name: '7GH2K93' }), 'Edit the system 7GH2K93 of the customer Acme Ltd', 'ویرایش سیستم 7GH2K93 از مشتری Acme Ltd'],
    ['customer', 'ASSET_TRANSFERRED', rec({ name: '7GH2K93' }), 'Transfer the system 7GH2K93 to the customer Acme Ltd', 'انتقال سیستم 7GH2K93 به مشتری Acme Ltd'],
    ['customer', 'INTERACTION_LOGGED', rec(), 'Log a contact with the customer Acme Ltd', 'ثبت یک تماس با مشتری Acme Ltd'],
    ['settings', 'SLA_POLICY_CREATED', rec({ customer: null, name: 'Gold 4h' }), 'Create the SLA policy “Gold 4h”', 'ساختن سیاست سطح خدمت «Gold 4h»'],
    ['settings', 'SLA_POLICY_CHANGED', rec({ customer: null, name: 'Gold 4h' }), 'Edit the SLA policy “Gold 4h”', 'ویرایش سیاست سطح خدمت «Gold 4h»'],
    ['settings', 'CALENDAR_CREATED', rec({ customer: null, name: 'Tehran office' }), 'Create the business-hours calendar “Tehran office”', 'ساختن تقویم ساعت کاری «Tehran office»'],
    ['settings', 'CALENDAR_CHANGED', rec({ customer: null, name: 'Tehran office' }), 'Edit the business-hours calendar “Tehran office”', 'ویرایش تقویم ساعت کاری «Tehran office»'],
    ['settings', 'CENTRE_CHANGED', rec({ customer: null }), 'Change the time zone the centre’s day follows', 'تغییر منطقهٔ زمانی روزِ مرکز'],
    ['knowledge', 'kb.article_created', rec({ customer: null, name: 'Fan noise' }), 'Write the article “Fan noise”', 'نوشتن مقالهٔ «Fan noise»'],
    ['knowledge', 'kb.article_edited', rec({ customer: null, name: 'Fan noise' }), 'Edit the article “Fan noise”', 'ویرایش مقالهٔ «Fan noise»'],
    ['knowledge', 'kb.rated', rec({ customer: null, name: 'T-000042' }), 'Rate an article on ticket T-000042', 'امتیاز دادن به یک مقاله در تیکت T-000042'],
    ['knowledge', 'kb.rating_withdrawn', rec({ customer: null, name: 'T-000042' }), 'Take back an article’s rating on ticket T-000042', 'پس گرفتن امتیاز یک مقاله در تیکت T-000042'],
    ['knowledge', 'kb.solved_withdrawn', rec({ customer: null, name: 'T-000042' }), 'Take back “solved with this article” on ticket T-000042', 'پس گرفتن «با این مقاله حل شد» در تیکت T-000042'],
    ['knowledge', 'csat.recorded', rec({ customer: null, name: 'T-000042' }), 'Record the satisfaction score of ticket T-000042', 'ثبت امتیاز رضایت تیکت T-000042'],
    ['knowledge', 'csat.followed_up', rec({ customer: null, name: 'T-000042' }), 'Mark the satisfaction score of ticket T-000042 as followed up', 'پیگیری‌شده زدن امتیاز رضایت تیکت T-000042'],
    ['user', 'USER_CREATED', rec({ customer: null, name: 'Sam Rivera' }), 'Create the account of Sam Rivera', 'ساختن حساب Sam Rivera'],
    ['user', 'USER_CHANGED', rec({ customer: null, name: 'Sam Rivera' }), 'Change the account of Sam Rivera', 'تغییر حساب Sam Rivera'],
    ['user', 'USER_PASSWORD_RESET', rec({ customer: null, name: 'Sam Rivera' }), 'Reset the password of Sam Rivera', 'بازنشانی گذرواژهٔ Sam Rivera'],
  ];

  it('says each kind in English and in Persian, naming the record, never its id', async () => {
    for (const [stream, type, r, en] of KINDS) expect(strip(conflictSummary(of(stream, type, r))), type).toBe(en);
    await setLocale('fa', 'arabext');
    for (const [stream, type, r, , fa] of KINDS) expect(strip(conflictSummary(of(stream, type, r))), type).toBe(fa);
  });

  it('says a record the desk no longer has is gone: erased, merged into another, or no longer here', async () => {
    const erased = rec({ customer: null, gone: 'erased', link: null });
    const merged = rec({ customer: null, gone: 'merged', mergedInto: 'Acme Group', link: { to: 'customer', id: 'c2' } });
    const missing = rec({ customer: null, gone: 'missing', link: null });
    expect(strip(conflictSummary(of('customer', 'CUSTOMER_CHANGED', erased)))).toBe('Edit a customer since erased');
    expect(strip(conflictSummary(of('customer', 'CUSTOMER_ERASED', erased)))).toBe('Erase a customer (already erased on this desk)');
    expect(strip(conflictSummary(of('customer', 'CONTACT_ADDED', merged)))).toBe('Add a contact no longer on this desk to a customer since merged into Acme Group');
    expect(strip(conflictSummary(of('customer', 'ASSET_CHANGED', missing)))).toBe('Edit a system no longer on this desk of a customer no longer on this desk');
    expect(strip(conflictSummary(of('settings', 'SLA_POLICY_CHANGED', rec({ customer: null, link: { to: 'slaSettings' } }))))).toBe('Edit an SLA policy no longer on this desk');
    expect(strip(conflictSummary(of('customer', 'SOMETHING_NEW', missing)))).toBe('Change a record on this desk');
    expect(conflictRecordLink(of('customer', 'CONTACT_ADDED', merged))).toEqual({ route: { name: 'customer', customerId: 'c2', assetId: null, matchedBy: null }, label: 'Open the customer' });
    expect(conflictRecordLink(of('customer', 'CUSTOMER_CHANGED', erased))).toBeNull();
    expect(conflictRecordLink(of('settings', 'SLA_POLICY_CHANGED', rec({ link: { to: 'slaPolicy', id: 'p1' } })))?.label).toBe('Open the SLA policy');
    await setLocale('fa', 'arabext');
    expect(strip(conflictSummary(of('customer', 'CUSTOMER_CHANGED', erased)))).toBe('ویرایش مشتری‌ای که پاک شده است');
    expect(strip(conflictSummary(of('customer', 'CONTACT_ADDED', merged)))).toBe('افزودن مخاطبی که دیگر در این میز نیست به مشتری‌ای که در Acme Group ادغام شده است');
    expect(strip(conflictSummary(of('customer', 'CUSTOMER_ERASED', erased)))).toBe('پاک کردن یک مشتری (در این میز پیش‌تر پاک شده است)');
    expect(conflictRecordLink(of('customer', 'CONTACT_ADDED', merged))?.label).toBe('باز کردن مشتری');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../i18n/state';
import { accountChangeText, leaverTickets, passwordHint, segmentsOnRoleChange, namesakeWarning, passwordError, personErrors, personLabel, refusedFields, segmentsText } from './people';

// The People page's forms said "password: A password of at least 10 characters." in English
// (the field's code name first) and, in Persian, only "part of what was sent is not valid":
// nothing said which field, and nothing was marked. Each field now says what to fix under it.

afterEach(async () => {
  await setLocale('en', 'latn');
});

it('says under each field what to fix before anything is sent', () => {
  expect(personErrors({ name: 'Nora Kline', email: 'nora@desk.test', password: 'a long enough one' })).toEqual({});
  expect(personErrors({ name: '  ', email: 'nora', password: 'short' })).toEqual({
    name: 'Type the person’s name.',
    email: 'Type an email address like ava@example.com.',
    password: 'The password needs at least 10 characters.',
  });
  expect(personErrors({ name: 'Nora', email: '', password: null })).toEqual({ email: 'Type the email the person signs in with.' });
  expect(passwordError('123456789')).toBe('The password needs at least 10 characters.');
  // An agent or specialist with no segment would take no ticket; a supervisor oversees all.
  expect(personErrors({ name: 'Nora', email: 'nora@desk.test', password: null, role: 'agent', segments: [] })).toEqual({
    segments: 'Choose one segment at least: an agent or specialist takes the tickets of their segments’ queues.',
  });
  expect(personErrors({ name: 'Nora', email: 'nora@desk.test', password: null, role: 'specialist', segments: ['home'] })).toEqual({});
  expect(personErrors({ name: 'Nora', email: 'nora@desk.test', password: null, role: 'supervisor', segments: [] })).toEqual({});
  expect(passwordError('1234567890')).toBeUndefined();
});

it('says it in Persian in a Persian window', async () => {
  await setLocale('fa', 'arabext');
  expect(personErrors({ name: 'نورا', email: 'nora@desk', password: 'کوتاه' })).toEqual({
    email: 'نشانی ایمیلی مانند \u2068ava@example.com\u2069 بنویسید.',
    password: 'گذرواژه دست‌کم ۱۰ نویسه لازم دارد.',
  });
});

it('puts a refusal’s issues under their fields, and leaves a refusal about no field whole', () => {
  const refused = { code: 'invalid_input', message: 'password: A password of at least 10 characters.', issues: [{ path: 'password', message: 'A password of at least 10 characters.' }] };
  expect(refusedFields(refused)).toEqual({ password: 'The password needs at least 10 characters.' });
  expect(refusedFields({ code: 'conflict', message: 'There is already a user with the email ava@desk.test.', issues: [] })).toEqual({});
});

it('lists a person’s segments with the reader’s separator: "آموزشی، دولتی", not "آموزشی, دولتی"', async () => {
  const sam = { id: 'sam', email: 'sam@desk.test', name: 'Sam Rivera', role: 'specialist', tier: 2, segments: ['education', 'government'], active: true } as const;
  expect(segmentsText({ ...sam, segments: [...sam.segments] })).toBe('Education, Government');
  await setLocale('fa', 'arabext');
  expect(segmentsText({ ...sam, segments: [...sam.segments] })).toBe('آموزشی، دولتی');
  expect(segmentsText({ ...sam, role: 'admin', tier: 3, segments: [] })).toBe('همهٔ بخش‌ها');
});

// "There is already a user with the email …" was said at the top of the form, and the Email
// field, the one to change, was not marked.
it('puts the hub’s "email already taken" under the Email field', () => {
  const taken = { code: 'conflict', key: 'emailTaken', message: 'There is already a user with the email ava@desk.test.', issues: [] };
  expect(refusedFields(taken)).toEqual({ email: 'There is already a user with the email ava@desk.test.' });
});

// Two people called Nadia Karimi: both Edit buttons were "Edit Nadia Karimi" to a screen
// reader, and nothing warned the admin who made the second one.
describe('people with the same name', () => {
  const person = (id: string, name: string, email: string) => ({ id, email, name, role: 'agent', tier: 1, segments: ['home'], active: true }) as const;
  const nadia = person('n1', 'Nadia Karimi', 'nadia@desk.test');
  const other = person('n2', 'nadia  karimi ', 'nadia.k@desk.test');
  const sam = person('s1', 'Sam Rivera', 'sam@desk.test');
  const people = [nadia, other, sam].map((p) => ({ ...p, segments: [...p.segments] }));

  it('names a person by their email too where the name repeats', () => {
    expect(personLabel(people[0]!, people)).toBe('Nadia Karimi (nadia@desk.test)');
    expect(personLabel(people[1]!, people)).toBe('nadia  karimi  (nadia.k@desk.test)');
    expect(personLabel(people[2]!, people)).toBe('Sam Rivera');
  });

  it('warns, naming who has the name already, when a name is in use by someone else', () => {
    expect(namesakeWarning('Sam Rivera', people, null)).toBe('Sam Rivera (sam@desk.test) has this name already. Make sure this is not the same person; the email tells them apart.');
    expect(namesakeWarning(' sam rivera', people, null)).toBe(namesakeWarning('Sam Rivera', people, null));
    expect(namesakeWarning('Sam Rivera', people, 's1')).toBeUndefined();
    expect(namesakeWarning('Ava Martin', people, null)).toBeUndefined();
    expect(namesakeWarning('', people, null)).toBeUndefined();
  });

  it('says it in Persian in a Persian window', async () => {
    await setLocale('fa', 'arabext');
    expect(namesakeWarning('Sam Rivera', people, null)).toContain('\u2068sam@desk.test\u2069');
  });
});

// "علی@example.com", "ali@example.c" and "omar.@example.com" passed the form and the desk, and
// the hub refused them with its own words in English, in a Persian window too ("Not a valid
// user: ✖ an email address like ava@example.com → at email"), the Email field unmarked. The
// form, the desk and the hub now ask one rule (src/shared/domain.ts accountEmailSchema).
it('refuses before sending an email the hub would refuse, under the Email field', async () => {
  for (const email of ['علی@example.com', 'ali@example.c', 'omar.@example.com', 'a..b@example.com', 'ava@example.com.', 'ava@-example.com']) {
    expect(personErrors({ name: 'Ali', email, password: null }), email).toEqual({ email: 'Type an email address like ava@example.com.' });
  }
  expect(personErrors({ name: 'Ali', email: ' Nadia@Mail.ir ', password: null })).toEqual({});
  await setLocale('fa', 'arabext');
  expect(personErrors({ name: 'علی', email: 'علی@example.com', password: null })).toEqual({ email: 'نشانی ایمیلی مانند \u2068ava@example.com\u2069 بنویسید.' });
});

// "زهرا رضايي" typed with an Arabic keyboard's yeh was no namesake of "زهرا رضایی" on the
// list: nothing warned, and the same person could be made twice.
it('warns of a Persian namesake however its letters were typed', () => {
  const zahra = { id: 'z1', email: 'zahra@desk.test', name: 'زهرا رضایی', role: 'agent', tier: 1, segments: ['home'], active: true } as const;
  const people = [{ ...zahra, segments: [...zahra.segments] }];
  expect(namesakeWarning('زهرا رضايي', people, null)).toContain('zahra@desk.test');
  expect(namesakeWarning('زهرا  رضایی ', people, null)).toContain('zahra@desk.test');
});

// "Read who changed what": the hub records who changed each account (the 'user' events every
// desk keeps), but no screen showed it; an admin could not tell who made Ava a supervisor.
it('says each change to an account, and who made it, in the reader’s words', async () => {
  expect(accountChangeText({ type: 'USER_CREATED', changes: [{ field: 'name', from: null, to: 'Ava Martin' }] })).toBe('Made the account');
  expect(
    accountChangeText({
      type: 'USER_CHANGED',
      changes: [
        { field: 'role', from: 'agent', to: 'supervisor' },
        { field: 'tier', from: 1, to: 3 },
        { field: 'segments', from: ['education'], to: ['education', 'home'] },
      ],
    }),
  ).toBe('Role: Agent → Supervisor; Tier: Tier 1 → Tier 3; Segments: Education → Education, Home');
  expect(accountChangeText({ type: 'USER_CHANGED', changes: [{ field: 'active', from: true, to: false }] })).toBe('Deactivated');
  expect(accountChangeText({ type: 'USER_CHANGED', changes: [{ field: 'active', from: false, to: true }, { field: 'email', from: 'a@x.io', to: 'b@x.io' }] })).toBe('Reactivated; Email: a@x.io → b@x.io');
  // A password reset is listed too (it changes no field a desk keeps).
  expect(accountChangeText({ type: 'USER_PASSWORD_RESET', changes: [] })).toBe('Reset the password');
  await setLocale('fa', 'arabext');
  expect(accountChangeText({ type: 'USER_CHANGED', changes: [{ field: 'active', from: true, to: false }] })).not.toMatch(/[A-Za-z]/);
  expect(accountChangeText({ type: 'USER_PASSWORD_RESET', changes: [] })).toBe('گذرواژه را بازنشانی کرد');
});

// Ava, a supervisor (who oversees every segment), made an agent again: the form kept all five
// segments ticked, and she was saved working every segment's queue unless the admin noticed.
it('asks for the segments again when someone who oversees all becomes an agent or specialist', () => {
  const all = ['education', 'government', 'small_business', 'large_enterprise', 'home'] as const;
  expect(segmentsOnRoleChange('supervisor', 'agent', all)).toEqual([]);
  expect(segmentsOnRoleChange('admin', 'specialist', all)).toEqual([]);
  expect(segmentsOnRoleChange('agent', 'specialist', ['home'])).toEqual(['home']);
  expect(segmentsOnRoleChange('agent', 'supervisor', ['home'])).toEqual(['home']);
});

// Deactivating a leaver said nothing of their open tickets, which stayed assigned to them until
// a supervisor handed them over. The form says how many before saving, and after, who hands
// them over and where.
it('says what a deactivated person’s open tickets need, before and after saving', async () => {
  expect(leaverTickets('Nadia Karimi', 0)).toBeNull();
  expect(leaverTickets('Nadia Karimi', 3)).toEqual({
    before: 'Nadia Karimi holds 3 open tickets. Deactivated, they keep them until a supervisor hands them over.',
    after: 'Nadia Karimi is deactivated and still holds 3 open tickets. A supervisor hands them over: Overview board, Nadia Karimi’s load, Hand over all…',
  });
  expect(leaverTickets('Nadia Karimi', 1)?.before).toBe('Nadia Karimi holds one open ticket. Deactivated, they keep it until a supervisor hands it over.');
  await setLocale('fa', 'arabext');
  const fa = leaverTickets('نادیا کریمی', 3)!;
  expect(fa.before).toContain('۳');
  expect(fa.after).toContain('واگذاری همه…');
  expect(fa.before + fa.after).not.toMatch(/[A-Za-z]/);
});

// Resetting one's own password, the hint said "Tell it to the person in a safe way".
it('words the new-password hint for one’s own account', async () => {
  expect(passwordHint(false)).toBe('At least 10 characters. Tell it to the person in a safe way.');
  expect(passwordHint(true)).toBe('At least 10 characters. Choose one you will remember; nobody else needs to know it.');
  await setLocale('fa', 'arabext');
  expect(passwordHint(true)).not.toMatch(/[A-Za-z]/);
  expect(passwordHint(true)).not.toBe(passwordHint(false));
});

// "Changes to people" is narrowed by the desk now, over the whole history: src/main/core/peopleChanges.test.ts.

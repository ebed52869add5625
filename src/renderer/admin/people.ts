import { mayHaveSegments, worksChosenSegments } from '../../shared/access';
import { foldName } from '../../shared/persianInput';
import { isAccountEmail, type Role, type Segment, type Tier, type User } from '../../shared/domain';
import type { UserEventType, UserStreamPayload } from '../../shared/userStream';
import type { Problem } from '../backend';
import { t, tc } from '../i18n';
import { roleLabel, segmentLabel, tierLabel } from '../labels';

// What the People page's forms say is wrong, field by field, in the reader's words, before
// anything is sent (and after, when the desk or the hub still refuses a field). The browser's
// own checks are off (their bubbles are in the browser's language and name no rule).

export type PersonField = 'name' | 'email' | 'password' | 'segments';
export type FieldErrors = Partial<Record<PersonField, string>>;

/** The hub's own minimum (src/hub/accounts.ts), said in the hint under the field. */
export const PASSWORD_MIN = 10;

/** What an email looks like, in every language (an address is written in Latin letters). */
const EXAMPLE_EMAIL = 'ava@example.com';


/**
 * What to fix before a person is sent: `password` is null when the form has none (an edit);
 * `role` and `segments` as chosen (an agent or specialist works one segment at least: the
 * rule is src/shared/access.ts's, the hub's too).
 */
export function personErrors(form: { name: string; email: string; password: string | null; role?: Role; segments?: readonly Segment[] }): FieldErrors {
  const out: FieldErrors = {};
  if (form.role && mayHaveSegments(form.role, form.segments ?? [])) out.segments = t('hubUsers.segmentsMissing');
  if (!form.name.trim()) out.name = t('hubUsers.nameMissing');
  if (!form.email.trim()) out.email = t('hubUsers.emailMissing');
  else if (!isAccountEmail(form.email)) out.email = t('hubUsers.emailInvalid', { example: EXAMPLE_EMAIL });
  if (form.password !== null) {
    const error = passwordError(form.password);
    if (error) out.password = error;
  }
  return out;
}

/**
 * The hint under a new password: for someone else's account, to tell it to them safely; for
 * one's own ("Tell it to the person" read oddly to an admin resetting their own), to keep it.
 */
export function passwordHint(own: boolean): string {
  return t(own ? 'hubUsers.ownPasswordHint' : 'hubUsers.passwordHint');
}

export function passwordError(password: string): string | undefined {
  return [...password].length < PASSWORD_MIN ? t('hubUsers.passwordShort') : undefined;
}

/**
 * A refusal's fields, under the fields themselves (the desk checks them with the same rules:
 * src/shared/api.ts). A refusal about no field (an email already taken, the hub unreachable)
 * has none, and is said as a whole; an email already taken is the Email field's.
 */
export function refusedFields(problem: Problem): FieldErrors {
  const out: FieldErrors = {};
  // The hub's "there is already a user with the email …" is the Email field's to fix.
  if (problem.key === 'emailTaken') out.email = problem.message;
  for (const issue of problem.issues) {
    const field = issue.path.split('.')[0];
    if (field === 'name') out.name = t('hubUsers.nameInvalid');
    if (field === 'email') out.email = t('hubUsers.emailInvalid', { example: EXAMPLE_EMAIL });
    if (field === 'password') out.password = t('hubUsers.passwordShort');
  }
  return out;
}

/** A person's segments as the table says them, with the reader's list separator ("،" in Persian). */
export function segmentsText(user: User): string {
  return worksChosenSegments(user.role) ? user.segments.map(segmentLabel).join(t('list.separator')) : t('hubUsers.allSegments');
}

/**
 * A name as people compare names: case, outer and doubled spaces, accents and the Arabic forms
 * of Persian letters aside (the lookup's own folding: "زهرا رضايي" is "زهرا رضایی").
 */
const sameName = (a: string, b: string): boolean => foldName(a) === foldName(b);

/** The others on the list called `name` (none for an empty name); `except` is the person being edited. */
function namesakes(name: string, people: readonly User[], except: string | null): User[] {
  return name.trim() ? people.filter((p) => p.id !== except && sameName(p.name, name)) : [];
}

/**
 * How a button or a title names a person: their name, and their email too where someone else
 * on the list has the same name (two "Edit Nadia Karimi" buttons told a screen reader nothing).
 */
export function personLabel(user: User, people: readonly User[]): string {
  return namesakes(user.name, people, user.id).length > 0 ? t('hubUsers.nameWithEmail', { name: user.name, email: user.email }) : user.name;
}

/**
 * A warning (not a refusal: two people may share a name) while a name in use by someone else is
 * typed into the form: who has it, by their email, so the admin can tell whether it is the same
 * person, made twice.
 */
export function namesakeWarning(name: string, people: readonly User[], except: string | null): string | undefined {
  const others = namesakes(name, people, except);
  if (others.length === 0) return undefined;
  const who = others.map((p) => t('hubUsers.nameWithEmail', { name: p.name, email: p.email })).join(t('list.separator'));
  return t('hubUsers.nameInUse', { who });
}

/**
 * What deactivating someone leaves behind, their open tickets, which stay assigned to them:
 * `before`, in the form before saving; `after`, once saved, with who can hand them over (a
 * supervisor: access.ts mayAssign; an admin is not one) and where ("Hand over all…" in their
 * drawer on the Overview board). Null with none open.
 */
export function leaverTickets(name: string, open: number): { before: string; after: string } | null {
  if (open <= 0) return null;
  const vars = { name, button: t('handOver.open'), board: t('nav.overview') };
  return { before: tc('hubUsers.leaverBefore', open, vars), after: tc('hubUsers.leaverAfter', open, vars) };
}

type AccountChange = UserStreamPayload['changes'][number];
type ChangeValue = AccountChange['to'];

/** One field's value as the People table says it (a role, a tier, segments by their names). */
function valueText(field: AccountChange['field'], value: ChangeValue): string {
  if (value === null) return '';
  if (field === 'role') return roleLabel(value as Role);
  if (field === 'tier') return tierLabel(value as Tier);
  if (field === 'segments') return (value as Segment[]).map(segmentLabel).join(t('list.separator'));
  return String(value);
}

const FIELD_KEY = { name: 'hubUsers.name', email: 'signIn.email', role: 'hubUsers.role', tier: 'hubUsers.tier', segments: 'hubUsers.segments' } as const;

/**
 * What one change to an account did, for the person's history on People: "Made the account",
 * "Deactivated", "Role: Agent → Supervisor; Tier: Tier 1 → Tier 3", "Reset the password".
 */
export function accountChangeText(change: { type: UserEventType; changes: readonly AccountChange[] }): string {
  if (change.type === 'USER_CREATED') return t('hubUsers.historyCreated');
  if (change.type === 'USER_PASSWORD_RESET') return t('hubUsers.historyPasswordReset');
  return change.changes
    .map((c) =>
      c.field === 'active'
        ? t(c.to === true ? 'hubUsers.historyReactivated' : 'hubUsers.historyDeactivated')
        : t('hubUsers.historyField', { field: t(FIELD_KEY[c.field]), from: valueText(c.field, c.from), to: valueText(c.field, c.to) }),
    )
    .join(t('hubUsers.historySeparator'));
}

/**
 * The segments a form keeps when the role is changed: none when someone who oversees every
 * segment (a supervisor, an admin) becomes an agent or specialist, so the admin chooses theirs;
 * kept the form's all five, and the demoted supervisor worked every segment's queue.
 */
export function segmentsOnRoleChange(from: Role, to: Role, segments: readonly Segment[]): Segment[] {
  return !worksChosenSegments(from) && worksChosenSegments(to) ? [] : [...segments];
}

import { getCountries } from 'libphonenumber-js';
import type { ApiErrorDetail } from './api';
import { TRANSFER_KINDS } from './customerEvents';
import { PRIORITIES, SEGMENTS } from './domain';
import type { TicketEventType, TicketState } from './ticketMachine';

// The sentences the rules refuse with (access.ts, the ticket machine, decide()) and the
// desk's not-found errors, each under a stable key, with {placeholders} for the values it
// carries. The rules make their English sentence here (say), which is what logs, the CLI and
// other clients read; messageDetail() reads any sentence back into its key and values, so a
// window in another language says it in its own words (`apiError.<key>` in the renderer's
// dictionaries). The desk attaches the key to every error it answers with (desk.ts), and a
// window reads the hub's reason for a sync conflict the same way. A sentence not made here
// has no key: a window in another language then says its code's general sentence.

const SENTENCES = {
  // not found
  ticketNotFound: 'That ticket does not exist.',
  customerNotFound: 'That customer does not exist.',
  interactionNotes: 'Write what the contact was about.',
  interactionSystem: 'That system is not on this customer’s record.',
  customerGone: 'That customer no longer exists.',
  assetNotFound: 'That system no longer exists.',
  assetMissing: 'That system does not exist.',
  userNotFound: 'No such person on this desk.',
  signInFirst: 'Sign in first.',
  // access.ts
  segmentTicket: 'This ticket belongs to a segment you do not work.',
  segmentCustomer: 'This customer belongs to a segment you do not work.',
  supervisorsOnly: 'Only supervisors can see this.',
  adminsOnly: 'Only admins can change SLA policies and calendars.',
  adminsNoTickets: 'Admins manage settings; they do not work tickets.',
  notYourSegment: 'You do not work the {segment} segment.',
  otherTier: 'This ticket is at {ticketTier}; you work at {yourTier}.',
  alreadyTaken: 'Someone is already working this ticket.',
  notHeld: 'Nobody is working this ticket: it is in the queue already.',
  handOverSelf: 'Choose someone else: these tickets are theirs already.',
  returnHolderOnly: 'Only the person working this ticket, or a supervisor, can return it to the queue.',
  notHolder: 'Only the person working this ticket, or a supervisor, can do that. Take it first.',
  heldByOther: 'Someone else is working this ticket now: only they, or a supervisor, can do that.',
  supervisorOnlyAction: 'Only a supervisor can do that.',
  personInactive: '{name} is not active on this desk.',
  assigneeTier: '{name} does not work tier {tier} of this segment.',
  schedulerOnly: 'Only the SLA scheduler sends this.',
  articleWriters: 'Only specialists and admins write knowledge-base articles.',
  // a knowledge-base article's fields (kb/schemas.ts)
  articleTitleShort: 'Give the article a title of at least 3 characters.',
  articleBodyMissing: 'Write the article body.',
  csatImporters: 'Only supervisors and admins import satisfaction scores.',
  // the knowledge base and satisfaction scores (kbHandlers.ts, kbStore.ts, csat.ts)
  resolutionNotYet: 'Only a resolved ticket has a resolution to write up.',
  csatNotYet: 'Satisfaction is asked once the ticket is resolved.',
  noCsatScore: 'No satisfaction score for that ticket.',
  articleNotFound: 'That article does not exist.',
  articleChanged: 'Someone saved this article meanwhile (version {version}); reload it and make your change again.',
  // a new ticket (api.ts)
  subjectShort: 'Give the ticket a subject of at least 3 characters.',
  subjectLong: 'A subject holds at most 200 characters: put the rest in the description.',
  // the ticket machine
  lastTier: 'Tier 3 is the last tier; there is no one to escalate to.',
  reopenWindowPassed: 'The reopen window ({days} days after resolving) has passed; open a new ticket.',
  reopenTooLate: 'Reopen is possible for {days} days after resolution; this ticket was resolved {ago} days ago. Open a new ticket that follows it.',
  noteNeeded: 'Write a note: the next person needs to know what happened.',
  noteTooLong: 'A note holds at most 10,000 characters: shorten it, or put the rest in a second note.',
  chooseAssignee: 'Choose who should work the ticket.',
  notAtTopTier: 'Not at tier 3.',
  stateRefuses: 'A ticket that is {state} cannot be {action}.{more}',
  // decide()
  ticketExists: 'That ticket already exists.',
  assetOfOther: 'That system belongs to another customer.',
  slaFromScheduler: 'SLA events come from the scheduler, not from people.',
  ticketChanged: 'This ticket changed while you were looking at it. Review the latest version and try again.',
  assigneeInactive: 'Choose an active person to assign.',
  // the hub (its sign-in, its accounts, its re-check of a pushed change) and the desk's link to it
  wrongPassword: 'Wrong email or password.',
  hubHasNoAccounts: 'This hub has no accounts yet. Whoever runs the hub creates the first admin there with npm run hub -- create-admin, who then signs in here with that email and password.',
  accountDeactivated: 'This account is deactivated; ask an admin.',
  // The hub's sign-in locks, in plural forms (sayCount): failed sign-ins are counted per
  // account, and per desk (a desk that proves its key) or else per network address. An admin's
  // password reset lifts an account's lock, not a desk's or an address's.
  accountThrottled_one: 'Too many failed sign-ins to this account; try again in {count} minute, or ask an admin to reset your password: a new password lifts this lock at once.',
  accountThrottled_other: 'Too many failed sign-ins to this account; try again in {count} minutes, or ask an admin to reset your password: a new password lifts this lock at once.',
  deskThrottled_one: 'Too many failed sign-ins at this desk, whatever the account; try again in {count} minute. A password reset does not lift this lock: it is on the desk, not on an account.',
  deskThrottled_other: 'Too many failed sign-ins at this desk, whatever the account; try again in {count} minutes. A password reset does not lift this lock: it is on the desk, not on an account.',
  addressThrottled_one: 'Too many failed sign-ins from this computer’s network address, whatever the account; try again in {count} minute. A password reset does not lift this lock: it is on the address, not on an account.',
  addressThrottled_other: 'Too many failed sign-ins from this computer’s network address, whatever the account; try again in {count} minutes. A password reset does not lift this lock: it is on the address, not on an account.',
  // The desk's own lock while the hub cannot be reached (hubLink.ts), counted as the hub's are.
  offlineThrottled_one: 'Too many failed sign-ins to this account at this desk while the hub cannot be reached; try again in {count} minute, or once the hub answers again. A password reset does not lift this lock: this desk hears of a reset only when the hub answers.',
  offlineThrottled_other: 'Too many failed sign-ins to this account at this desk while the hub cannot be reached; try again in {count} minutes, or once the hub answers again. A password reset does not lift this lock: this desk hears of a reset only when the hub answers.',
  offlineWrongPassword: 'The hub cannot be reached, so your password was checked against the one you last used at this desk, and it does not match. If your password was changed since, use the one you last used here, or try again when the hub is back.',
  offlineNeverHere: 'The hub cannot be reached, and you have not signed in at this desk before. Try again when the network is back.',
  hubSessionMissing: 'Sign in first: the session is missing, expired or revoked.',
  hubRefusedSignIn: 'The hub did not accept this sign-in (it answered {status}). Try again; if it keeps happening, tell whoever runs the hub.',
  deskNotJoined: 'This desk is not joined to a hub; choose who you are from the list.',
  pickOnJoinedDesk: 'This desk is joined to a hub: sign in with your email and password instead of choosing your name from the list.',
  notJoinedHub: 'This desk is not joined to a hub.',
  deskHasData: 'This desk already has data.',
  // An SLA editor's save over a newer save (sla.ts refuseStale); {detail}: the fields changed, in English.
  slaStalePolicy: '{name} saved a newer version of this policy while you were editing it, changing {detail}. Nothing was saved; what you typed is kept: merge it with theirs below.',
  slaStaleCalendar: '{name} saved a newer version of this calendar while you were editing it, changing {detail}. Nothing was saved; what you typed is kept: merge it with theirs below.',
  hubUrlInvalid: 'The hub address is a URL like {example}.',
  joinNeedsAdmin: 'This desk already has data: only an admin can join it to a hub (People, in an admin’s navigation).',
  hubPortBlocked: 'Port {port} cannot be used for a hub: browsers and the desk’s fetch refuse to connect to it (a “bad port” of the fetch standard). Start the hub on another port, such as 4180, and use that address.',
  hubNotAnswering: 'Nothing answers at {url}. Check the address with whoever runs the hub (the hub prints it when it starts) and that this computer can reach it, then try again.',
  hubNotAHub: 'Something answers at {url}, but it is not a Tagdesk hub. Check the address and its port with whoever runs the hub.',
  hubCertUntrusted: 'The hub at {url} answers, but this computer does not trust its certificate: it is self-signed, or from a certificate authority this computer does not know. Ask whoever runs the hub for the centre’s certificate authority and have Tagdesk on this computer trust it (the README’s hub section says how), or for a certificate from an authority this computer trusts; then try again.',
  hubCertExpired: 'The hub at {url} answers, but its certificate has expired or is not valid yet, so this computer does not trust it. Check that this computer’s date and time are right, and ask whoever runs the hub to renew the certificate; then try again.',
  hubCertWrongName: 'The hub at {url} answers, but its certificate is for another address, so this computer does not trust it. Use the address the certificate names (often the hub’s host name rather than its IP address; whoever runs the hub knows it), then try again.',
  hubNotReady: 'The hub at {url} answers but cannot take a desk just now (its database may be down). Try again in a minute, or tell whoever runs the hub.',
  hubNotSame: 'The hub at {url} does not accept your hub session from this desk: it is not the hub this desk works with, or your session there has ended (sign out and in again first). A desk that has worked with one hub cannot move to another; set up a new desk for that one.',
  hubMoveNeedsSession: 'Moving this desk to {url} is checked with your hub session (the same hub knows it), and you have none here now. Sign out and in again while the hub answers, or start Tagdesk once with --hub and the new address.',
  windowSessionEnded: 'Your session has ended: sign in again with your email and password.',
  hubSessionEnded: 'Your hub session has ended (or you signed in while the hub was unreachable): sign out and in again.',
  // the hub's own answers a person may meet through the desk (its rate limit, a failure, a desk's sign-in)
  hubRateLimited: 'Too many requests from this computer at once; wait a moment and try again.',
  hubCouldNotFinish: 'The hub could not finish this; nothing was lost. Try again.',
  deskIdTaken: 'This desk’s id belongs to another desk on the hub; this desk cannot sign in there.',
  deskCopied: 'Another desk sends changes under this desk’s id: its data folder was copied to another computer or folder (an imaged machine). This desk takes an id of its own and keeps all its changes; sign in again to send them.',
  deskRekeyed: 'This desk’s data folder was copied from another desk (an imaged machine, or a copied folder), so it now has a desk id of its own. Everything on it is kept; its unsent changes go to the hub under the new id once someone signs in here again.',
  deskKeyMissing: 'A desk signs in with its desk key.',
  // deskName.ts
  deskNameEmpty: 'Give this desk a name people can read, such as FRONT-ROW-07.',
  deskNameTooLong: 'A desk’s name is at most {max} characters.',
  deskNameAdminsOnly: 'Only admins can rename this desk.',
  hubUnreachableUsers: 'The hub cannot be reached; users can be managed when it is back.',
  hubOtherVersion: 'The hub answered in a way this desk does not understand; is it the same version?',
  specialistTier: 'A specialist works at tier 2 or 3.',
  emailTaken: 'There is already a user with the email {email}.',
  adminsManageUsers: 'Only admins can manage users.',
  noSuchUser: 'No such user.',
  // a People call the hub (or a proxy before it) answered in words the desk has no key for
  hubAnswered: 'The hub did not accept this (it answered {status}). Try again; if it keeps happening, tell whoever runs the hub.',
  // a change the hub refused without saying why (sync/engine.ts)
  hubRefusedChange: 'The hub refused this change.',
  hubTicketMoved: 'This ticket had moved on before your change reached the hub. Open it to see where it is now, and do it again if it still applies.',
  newTicketIncomplete: 'A new ticket needs its customer, segment, priority and subject.',
  hubNoRule: "The hub does not take '{stream}' changes (it has no rule for them); this change stays on your desk only.",
  hubCouldNotCheck: 'The hub could not check this change: {detail}',
  hubCouldNotApply: 'The hub could not apply this event: {detail}',
  hubCannotRead: 'The hub cannot read this {event}: {detail}.',
  hubDecidedOther: 'The hub decided {decided} for this {event}.',
  slaEventId: 'An SLA event carries the id derived from its ticket, target and due time.',
  slaBreachRepeated: 'This target had already breached in this run of its clock (another desk recorded it first), so the ticket was not escalated again.',
  slaDueTooEarly: 'This SLA deadline is earlier than the ticket’s policy allows (its start plus the policy’s target), so the ticket was not escalated. The desk that sent it has a wrong clock or a damaged file: tell your admin.',
  // the customer, settings and user streams' rules (the hub's re-check of a pushed change)
  otherAuthor: 'The event names another author than the person who pushed it.',
  customerExists: 'That customer already exists.',
  adminsErase: 'Only admins can erase a customer’s personal data.',
  eraseConfirmName: 'To confirm the erasure, type the customer’s name exactly as shown: {name}.',
  eraseTypeName: 'Type “{name}” to confirm.',
  alreadyErased: 'This customer’s personal data was already erased.',
  dismissedConflict: 'That conflict is not in your list (it was dismissed already, or it is someone else’s).',
  usersOnHub: 'People are managed on the hub (People, in an admin’s navigation); a desk cannot change an account, so this change was not applied.',
  // the desk's sync engine, on why some changes cannot go yet
  waitsForSignIn: 'Changes by {name} wait until they sign in at this desk again: their hub session has ended.',
  heldDeactivated: '{name}’s account was deactivated at the hub: the changes they made at this desk are kept here and not sent. To send them, an admin turns the account back on at the hub and {name} signs in here; otherwise a supervisor redoes what is still needed.',
  deskWorkNeedsAdmin: 'What this desk did before it joined the hub, and what it imported, waits for an admin to sign in here: it goes to the hub with an admin’s hub session.',
  noHubSession: 'Nobody at this desk has a current hub session: sign in to sync.',
  deskTooOld: 'This desk runs an older Tagdesk than the hub’s other desks: upgrade it to receive their changes. Its own changes are kept.',
  noOwnHubSession: 'You have no current hub session at this desk (it expired, or an admin changed or deactivated your account): your changes wait here until you sign out and sign in again.',
  noSegments: 'An agent or specialist works the queues of at least one segment: choose their segments.',
  deactivateSelf: 'You cannot turn off your own account: you would be signed out at once and could not sign in again. Another admin can turn it off.',
  demoteSelf: 'You cannot change your own role away from admin: you would lose People and Settings at once and could not change it back. Another admin can change it.',
  lastAdmin: 'This is the hub’s only active admin: make someone else an admin first, or nobody could manage people and settings.',
  demoOnJoinedDesk: 'This desk is joined to a hub: its customers, tickets and people come from the hub. Demo data is for a desk on its own; start empty and sign in with your hub account.',
  demoDeskLeftHub: 'This desk holds demo data, so it has left the hub at {url}: the made-up customers and tickets on it must not reach your centre’s other desks, and its demo people have no hub accounts to send their changes with. Everything on it stays here, and the hub’s people no longer sign in at it. To work with your centre’s hub, start Tagdesk on a new, empty folder (--data and the new folder’s path) and choose “Join your centre’s hub” on its first screen.',
  demoDeskJoin: 'This desk holds demo data, so it cannot join a hub: the made-up customers and tickets on it would reach your centre’s other desks with any ticket or change made on them here. To join your centre’s hub, start Tagdesk on a new, empty folder (--data and the new folder’s path) and choose “Join your centre’s hub” on its first screen.',
  retentionMinimum: 'Keep interactions at least {days} days.',
  // the desk's backups (backups.ts, access.ts)
  backupsAdminsOnly: 'Only admins can see and make the desk’s backups.',
  desksAdminsOnly: 'Only admins can see the centre’s desks.',
  backupFolderWhole: 'Type the folder’s whole path, from the top (such as /srv/tagdesk-backups or D:\\Backups), or leave it empty for the default.',
  backupFolderLong: 'That path is too long.',
  backupKeepRange: 'Keep between 1 and {max} backups.',
  backupsInMemory: 'This desk is held in memory: there is no file to back up.',
  // the shared field rules (customerRules.ts, phone.ts, serviceTag.ts): under each field
  keepUnder: 'Keep it under {count} characters.',
  emailMissing: 'Type an email address.',
  emailNoAt: 'An email address has an @, such as {example}.',
  emailDomain: 'Check the part after the @: it must be a domain such as {example}.',
  dateMissing: 'Type the date.',
  dateShape: 'Write the date as {format}, such as {example}.',
  dateNotOnCalendar: '{date} is not a date on the calendar.',
  dateTooEarly: 'That date is before any system the desk supports (1980).',
  personName: 'Type the caller’s full name.',
  organisationName: 'Type the organisation’s name.',
  segmentOrganisations: 'Customers of the {segment} segment are organisations.',
  segmentPeople: 'Customers of the {segment} segment are people, not organisations.',
  countryCode: 'Use the two-letter country code, such as {examples}.',
  phoneOrEmail: 'Give a phone number or an email address, so the desk can call back.',
  segmentNeedsEmail: 'The {segment} segment needs an email address.',
  segmentNeedsPhone: 'The {segment} segment needs a phone number.',
  localeTag: 'Use a language tag such as {examples}.',
  contactName: 'Type the contact’s name.',
  contactPhoneOrEmail: 'Give a phone number or an email address for this contact.',
  productLineMissing: 'Type the product line, such as {example}.',
  modelMissing: 'Type the model, such as {example}.',
  shipDateFuture: 'The ship date is in the future; check the year.',
  warrantyChoice: 'Choose a warranty: {levels}.',
  adminsImport: 'Only admins can import records.',
  adminsOnlyHere: 'Only admins can do this.',
  duplicatesAcrossDesk: 'Only supervisors and admins can list every duplicate on the desk.',
  qualityAcrossDesk: 'Only supervisors and admins can see data quality across the desk.',
  customerErased: 'This customer’s personal data was erased on request; it cannot be filled in again.',
  importRunning: 'An import is already running: wait for it to finish, or cancel it, before starting another.',
  // an import's segment and service level columns (importer.ts), said with the row's other problems
  segmentUnknown: '“{other}” is not a segment the desk knows: write one of {examples}.',
  serviceLevelUnknown: '“{other}” is not a service level the desk knows: write one of {examples}, or leave it empty for the segment’s own.',
  // a contact's or ticket's problems in an import (importer.ts), said with the row's others
  importIdMissing: 'Nothing on this row says which record it is: give it its id (or an email).',
  importOrganizationMissing: 'Organization {id} is not among the imported organizations: include the export page that has it.',
  importStatusUnknown: '“{status}” is not a status the import knows: change it to a standard one (the README lists how each maps).',
  importRequesterMissing: 'The ticket names no requester: give it one.',
  importRequesterUnknown: 'Requester {id} is not among the imported users (deleted, or rejected): include the users page that has them.',
  importTimeInvalid: '“{value}” is not a date and time.',
  importSubjectMissing: 'The ticket has neither a subject nor a description: give it a subject.',
  warrantyBeforeShip: 'The warranty ends before the system shipped; check both dates.',
  phoneMissing: 'Type a phone number.',
  phoneChars: 'A phone number has only digits, spaces, +, brackets and dashes.',
  phoneIncomplete: 'This is not a complete phone number for {country}. Add the country code (such as +44) if it is from elsewhere.',
  phoneShape: 'No phone number in {country} has this shape; check the digits.',
  // a number typed without its country code, real in the country of the record's language
  phoneMobileIn: 'This is a mobile number in {country}: choose {country} as the country, or type the number with its country code, as {example}.',
  phoneNumberIn: 'This is a phone number in {country}: choose {country} as the country, or type the number with its country code, as {example}.',
  // the same, refused in an import, which has no country to choose: fixed in the file
  // (the longer first: read back, the shorter's {example} would take in the rest of it)
  importPhoneInColumn: 'This is a phone number in {country}: write it with its country code, as {example}, or give the row a Country column with the country’s two-letter code ({code}) and choose it for Country.',
  importPhoneIn: 'This is a phone number in {country}: write it with its country code, as {example}.',
  // an SLA policy's rules (slaClock.ts's schema, policyRules.ts): under each field
  slaTargetPositive: '{target} target for {priority} must be greater than zero',
  slaTargetWhole: '{target} target for {priority} must be a whole number of minutes',
  slaAtRiskShare: 'At risk must be more than 0 % and less than 100 % of a target.',
  slaTargetTooLong: '{target} target for {priority} can be at most {minutes} minutes (365 days)',
  slaResolutionShort: 'The resolution target for {priority} must be at least as long as its first-response target ({minutes} minutes).',
  // a business-hours calendar's rules (calendar.ts): under each field
  calendarZone: 'Unknown time zone "{zone}"',
  calendarNoHours: 'The calendar has no opening hours: add at least one weekday interval.',
  calendarOpening: '{day} opening time "{time}" must be HH:MM, from 00:00 to 23:59',
  calendarClosing: '{day} closing time "{time}" must be HH:MM, from 00:00 to 24:00',
  calendarEndsFirst: '{day} {start}–{end} must end after it starts',
  calendarOverlap: '{day} {span} overlaps {other}',
  calendarYears: "The calendar's years run from {from} to {to}: the first year must not be after the last",
  calendarHolidayDate: 'Holiday date "{date}" must be YYYY-MM-DD (one day) or MM-DD (every year)',
  calendarHolidayNoDate: 'Give the holiday its date, or remove it',
  calendarHolidayYears: "Holiday {date} is outside the calendar's years {from}–{to}",
  // the records store (records.ts): under the service tag, and a transfer's date
  tagRegistered: 'Service tag {tag} is already registered to {name}. Open their record, or transfer the system from there.',
  transferBeforeOwner: '{name} has owned it since {since}: the transfer cannot be earlier.',
  transferFuture: 'The transfer date is in the future; record it once it has happened.',
  // the note each open ticket on a transferred system gets in the contact history (records.ts);
  // notes stored before it was keyed have the same words, so they read back too
  transferOpenTicket: 'System {tag} changed hands ({how}) on {on}. This ticket stays with the owner who reported it until it is closed.',
  contactGone: 'That contact is no longer on this customer: someone removed it meanwhile.',
  registerOutsideSegments: 'You can register customers only in the segments you work.',
  moveOutsideSegments: 'You can move customers only into segments you work.',
  segmentNotWorked: 'Choose a segment you work.',
  mergeSelf: 'Choose two different customers to merge: a record cannot be merged into itself.',
  // a merge made from versions of the two records that are no longer theirs (records.ts)
  mergeKeepChanged: '{name}, the record you keep, changed after this screen showed it; nothing was merged. The screen now shows its new values: check your choices, then merge again.',
  mergeFromChanged: '{name}, the record you merge in, changed after this screen showed it; nothing was merged. The screen now shows its new values: check your choices, then merge again.',
  // a merge that would keep the record with less history and delete the established one (records.ts)
  mergeKeepsLess: '{from} has more history than {keep} (more systems, contacts or tickets, or it is older): keeping {keep} would delete {from}’s record. Nothing was merged. Keep {from} instead, or confirm that {keep} is the record to keep.',
  mergeBothChanged: 'Both records changed after this screen showed them; nothing was merged. The screen now shows their new values: check your choices, then merge again.',
  recordChangedMeanwhile: 'Someone else changed this customer’s {fields} while you were editing; nothing was saved. What you typed is still in the form: look at their change, then save again.',
  serviceTagShape: 'A service tag is 7 letters or digits, such as {example} (spaces and dashes are ignored). An Express Service Code is the 10- or 11-digit number printed below it.',
} as const;
export type SentenceKey = keyof typeof SENTENCES;

/** The sentences in plural forms (`x_one`, `x_other`), by their base. */
export type CountedKey = { [K in SentenceKey]: K extends `${infer B}_other` ? B : never }[SentenceKey];
const englishPlural = new Intl.PluralRules('en');

/** A sentence in plural forms with {count} filled in: the form English needs for `count`. */
export function sayCount(base: CountedKey, count: number, values: Values = {}): string {
  const key = `${base}_${englishPlural.select(count) === 'one' ? 'one' : 'other'}` as SentenceKey;
  return say(key, { ...values, count });
}

/** A sentence's values, as the English sentence writes them. */
type Values = Record<string, string | number>;

/** The English sentence of `key` with its values filled in. */
export function say(key: SentenceKey, values: Values = {}): string {
  return SENTENCES[key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}

// How the English sentences write their values, and how they read back into codes.
export const tierPhrase = (t: number): string => (t === 1 ? 'first line (tier 1)' : `tier ${t}`);
export const segmentPhrase = (s: string): string => s.replace('_', ' ');
/** A country (US) as the English sentences name it (United States); the code where the runtime knows no name. */
export function countryPhrase(code: string): string {
  try {
    return new Intl.DisplayNames('en', { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
let countryOfPhrase: Map<string, string> | null = null;
/** A country's English name read back into its code; a bare code (said before sentences named the country) as itself. */
const readCountry = (s: string): string | undefined => {
  if (/^[A-Z]{2}$/.test(s)) return s;
  countryOfPhrase ??= new Map(getCountries().map((c) => [countryPhrase(c), c]));
  return countryOfPhrase.get(s);
};

export const STATE_PHRASE: Record<TicketState, string> = {
  new: 'new',
  'tier1.open': 'open at tier 1',
  'tier1.pending': 'waiting on the customer',
  'tier2.waiting': 'waiting for a tier-2 specialist',
  'tier2.inProgress': 'in progress at tier 2',
  'tier2.pending': 'waiting on the customer (tier 2)',
  'tier3.waiting': 'waiting for a tier-3 specialist',
  'tier3.inProgress': 'in progress at tier 3',
  'tier3.pending': 'waiting on the customer (tier 3)',
  resolved: 'resolved',
  closed: 'closed',
};

export const ACTION_PHRASE: Record<TicketEventType, string> = {
  TAKE: 'taken',
  ASSIGN: 'assigned',
  ESCALATE: 'escalated',
  DEESCALATE: 'handed back down',
  WAIT_ON_CUSTOMER: 'put on hold for the customer',
  CUSTOMER_REPLIED: 'marked as answered by the customer',
  ADD_NOTE: 'given a note',
  RESOLVE: 'resolved',
  CLOSE: 'closed',
  REOPEN: 'reopened',
  CHANGE_PRIORITY: 'given a new priority',
  RETURN_TO_QUEUE: 'returned to the queue',
  SLA_WARNING: 'warned',
  SLA_BREACH: 'breached',
};

/** A customer's fields as the English sentences name them (recordChangedMeanwhile). */
export const CUSTOMER_FIELD_PHRASE = {
  kind: 'kind',
  name: 'name',
  segment: 'segment',
  serviceLevel: 'service level',
  email: 'email',
  phone: 'phone',
  country: 'country',
  locale: 'language',
} as const;
export type CustomerFieldName = keyof typeof CUSTOMER_FIELD_PHRASE;
/** Fields as a sentence lists them: "name", "name and email", "name, email and phone". */
export function fieldPhrases(fields: readonly CustomerFieldName[]): string {
  const words = fields.map((f) => CUSTOMER_FIELD_PHRASE[f]);
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]!}`;
}
const fieldOfPhrase = new Map<string, string>(Object.entries(CUSTOMER_FIELD_PHRASE).map(([field, phrase]) => [phrase, field]));
/** A list of fieldPhrases() read back into the fields' names, comma-separated ("name,email"). */
const fieldsOf = (s: string): string | undefined => {
  const fields = s.split(/, | and /).map((phrase) => fieldOfPhrase.get(phrase));
  return fields.every((f) => f !== undefined) ? fields.join(',') : undefined;
};

const reverse = (table: Record<string, string>) => new Map(Object.entries(table).map(([code, phrase]) => [phrase, code]));
const stateOf = reverse(STATE_PHRASE);
const actionOf = reverse(ACTION_PHRASE);
const segmentOf = reverse(Object.fromEntries(SEGMENTS.map((s) => [s, segmentPhrase(s)])));
/** The weekdays as the English sentences name them, Sunday first (as JS getDay). */
export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** An SLA target as the English sentences name it ("First response"). */
export const SLA_TARGET_PHRASE = { firstResponse: 'First response', nextResponse: 'Next response', resolution: 'Resolution' } as const;
const TARGET_OF = reverse(SLA_TARGET_PHRASE);
const tierOf = (phrase: string): number | undefined => ({ 'first line (tier 1)': 1, 'tier 2': 2, 'tier 3': 3 })[phrase];

/** Each value read back into what a window labels in its own words; undefined: not a value this sentence can carry. */
const READ: Record<string, (text: string) => string | number | undefined> = {
  segment: (s) => segmentOf.get(s),
  ticketTier: tierOf,
  yourTier: tierOf,
  tier: (s) => (/^[123]$/.test(s) ? Number(s) : undefined),
  days: (s) => (/^\d+$/.test(s) ? Number(s) : undefined),
  ago: (s) => (/^\d+$/.test(s) ? Number(s) : undefined),
  state: (s) => stateOf.get(s),
  action: (s) => actionOf.get(s),
  name: (s) => s,
  // the record a merge keeps (and `from` below, the one merged in)
  keep: (s) => s,
  email: (s) => s,
  stream: (s) => s,
  detail: (s) => s,
  // an event's type as the log names it (ESCALATE), which a window says as its action
  event: (s) => (/^[A-Z_]+$/.test(s) ? s : undefined),
  decided: (s) => (/^[A-Z_]+$/.test(s) || s === 'nothing' ? s : undefined),
  minutes: (s) => (/^\d+$/.test(s) ? Number(s) : undefined),
  now: (s) => (/^\d+$/.test(s) ? Number(s) : undefined),
  yours: (s) => (/^-?\d+$/.test(s) ? Number(s) : undefined),
  count: (s) => (/^\d+$/.test(s) ? Number(s) : undefined),
  // the most a field takes (a desk's name's characters, backups kept)
  max: (s) => (/^\d+$/.test(s) ? Number(s) : undefined),
  // an HTTP status the hub (or a proxy) answered with; an article's version
  status: (s) => (/^\d{3}$/.test(s) ? Number(s) : undefined),
  version: (s) => (/^\d+$/.test(s) ? Number(s) : undefined),
  date: (s) => s,
  since: (s) => (/^\d{4}-\d{2}-\d{2}$/.test(s) ? s : undefined),
  on: (s) => (/^\d{4}-\d{2}-\d{2}$/.test(s) ? s : undefined),
  how: (s) => ((TRANSFER_KINDS as readonly string[]).includes(s) ? s : undefined),
  tag: (s) => s,
  levels: (s) => s,
  example: (s) => s,
  url: (s) => s,
  examples: (s) => s,
  format: (s) => s,
  country: readCountry,
  code: (s) => (/^[A-Z]{2}$/.test(s) ? s : undefined),
  priority: (s) => ((PRIORITIES as readonly string[]).includes(s) ? s : undefined),
  target: (s) => TARGET_OF.get(s),
  // a calendar's: a weekday by its number (0 = Sunday), the rest as typed
  day: (s) => {
    const day = (WEEKDAY_NAMES as readonly string[]).indexOf(s);
    return day < 0 ? undefined : day;
  },
  zone: (s) => s,
  time: (s) => s,
  start: (s) => s,
  end: (s) => s,
  span: (s) => s,
  other: (s) => s,
  from: (s) => s,
  to: (s) => s,
  // a customer's fields, by their names in the API (kind, serviceLevel), comma-separated
  fields: fieldsOf,
};

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Each sentence as a pattern, its values as groups; `more` (what follows a sentence) is not a value. */
const PATTERNS = (Object.entries(SENTENCES) as Array<[SentenceKey, string]>).map(([key, sentence]) => {
  const names: string[] = [];
  const source = sentence
    .split(/(\{\w+\})/)
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (!name) return escape(part);
      names.push(name);
      return name === 'more' ? '([\\s\\S]*)' : '([\\s\\S]+?)';
    })
    .join('');
  return { key, names, pattern: new RegExp(`^${source}$`) };
});

/** Every key messageDetail() can give: each needs its sentence in every dictionary. */
export const MESSAGE_KEYS: readonly string[] = Object.keys(SENTENCES);

/** The key and values of a sentence made here; null for any other. */
export function messageDetail(message: string): ApiErrorDetail | null {
  // The hub says some of them after "Refused: ".
  if (message.startsWith('Refused: ')) return messageDetail(message.slice('Refused: '.length));
  for (const { key, names, pattern } of PATTERNS) {
    const m = pattern.exec(message);
    if (!m) continue;
    const params: Record<string, string | number> = {};
    let read = true;
    names.forEach((name, i) => {
      if (name === 'more') return;
      const value = READ[name]?.(m[i + 1]!);
      if (value === undefined) read = false;
      else params[name] = value;
    });
    if (read) return names.length > 0 ? { key, params } : { key };
  }
  return null;
}

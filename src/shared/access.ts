import { SEGMENTS, type Role, type Segment, type Tier } from './domain';
import { say, segmentPhrase, tierPhrase } from './messageKeys';

// Who may do what: the one place that decides. The desk's handlers, the ticket machine's
// guards, push routing, desktop and in-app notifications, the renderer's buttons and the
// hub all ask here, so a tampered desk meets the same answer on the hub as an honest one
// gets locally.
//
// Each `may…` rule returns null when allowed, or the reason in words an agent understands;
// each `can…`/`sees…` predicate is the boolean form for routing and button visibility.
//
// A person is anything with an id, a role (or the system actor), the tier they work at and
// their segments: a signed-in User and an event's Actor both fit.

export interface Person {
  id: string;
  role: Role | 'system';
  tier: Tier;
  segments: readonly Segment[];
}

/** Where a ticket is: the queue it sits in and who holds it. */
export interface TicketPlace {
  segment: Segment;
  tier: Tier;
  assigneeId?: string | null;
}

export interface QueuePlace {
  segment: Segment;
  tier: Tier;
}

export type Refusal = string | null;


const overseesAll = (p: Person) => p.role === 'supervisor' || p.role === 'admin' || p.role === 'system';

// ---- seeing ---------------------------------------------------------------------------------

/** Privacy: people see the customers and tickets of the segments they work, nothing else. */
export function seesSegment(p: Person, segment: Segment | string): boolean {
  return overseesAll(p) || (p.segments as readonly string[]).includes(segment);
}

export function maySeeSegment(p: Person, segment: Segment | string, what: 'ticket' | 'customer' = 'ticket'): Refusal {
  return seesSegment(p, segment) ? null : say(what === 'ticket' ? 'segmentTicket' : 'segmentCustomer');
}

/** Logging a contact (a call, an email, a chat) with a customer: whoever works the customer's segment. */
export function mayLogInteraction(p: Person, segment: Segment | string): Refusal {
  return maySeeSegment(p, segment, 'customer');
}

/** The segments a person may register customers in and pick in forms: their own, or all for those who oversee. */
export function segmentsFor(p: Person): readonly Segment[] {
  return overseesAll(p) ? SEGMENTS : p.segments;
}

/** The queues a person takes work from (agents and specialists: their tier in each of their segments). */
export function staffedQueues(p: Person): QueuePlace[] {
  return p.role === 'agent' || p.role === 'specialist' ? p.segments.map((segment) => ({ segment, tier: p.tier })) : [];
}

/** The queues a person's lists and counts cover. */
export function visibleQueues(p: Person): QueuePlace[] | 'all' {
  return overseesAll(p) ? 'all' : p.segments.map((segment) => ({ segment, tier: p.tier }));
}

/** The queues a person works (takes from): agents and specialists their tier and segments; supervisors all. */
export function worksQueue(p: Person, q: QueuePlace): boolean {
  switch (p.role) {
    case 'agent':
    case 'specialist':
      return q.tier === p.tier && p.segments.includes(q.segment);
    case 'supervisor':
      return true;
    case 'admin':
    case 'system':
      return false;
  }
}

/** An agent or specialist whose own queue this is (the natural assignees of its tickets). */
export const staffsQueue = (p: Person, q: QueuePlace): boolean => (p.role === 'agent' || p.role === 'specialist') && worksQueue(p, q);

/** The supervisor's board, its drill-downs and the SLA settings page (read-only). */
export const seesBoard = (p: Person): boolean => p.role === 'supervisor' || p.role === 'admin';
export function maySeeBoard(p: Person): Refusal {
  return seesBoard(p) ? null : say('supervisorsOnly');
}

/** Settings: SLA policies, calendars, recomputing open tickets. */
export const administers = (p: Person): boolean => p.role === 'admin';
export function mayAdminister(p: Person): Refusal {
  return administers(p) ? null : say('adminsOnly');
}

/** This desk's name (deskName.ts): only admins rename it; everyone reads it. */
export function mayRenameDesk(p: Person): Refusal {
  return administers(p) ? null : say('deskNameAdminsOnly');
}

/**
 * The desk's backups (src/main/core/backups.ts): only admins see them, make one, or change where
 * they go and how many are kept. A backup holds every customer's data, and its folder is a path
 * on the desk's machine. Its news (progress, a failure) goes to admins only.
 */
export function mayManageBackups(p: Person): Refusal {
  return administers(p) ? null : say('backupsAdminsOnly');
}
export const hearsOfBackups = (p: Person | null): boolean => p !== null && administers(p);
/**
 * A hub restored from an older backup (the desk's sync engine, hubWentBack): supervisors and admins
 * at the desk hear of it and of every change made there that the hub lost; others only of their own.
 */
export const hearsOfHubRestore = (p: Person): boolean => p.role === 'supervisor' || p.role === 'admin';
/**
 * The Desks page: every desk of the centre as its hub knows it (version, last contact, unsent
 * changes, clock, who was last there). Admins only: it names who works where and when.
 */
export function mayViewDesks(p: Person): Refusal {
  return administers(p) ? null : say('desksAdminsOnly');
}

/** What a desk brings to a hub it would join. */
export interface DeskData {
  /** It holds data: set up (demo or empty) while alone; joined, it has had to do with its hub or holds records. */
  hasData: boolean;
  /** It was set up with the demo's made-up customers, tickets and people. */
  demo: boolean;
}

/**
 * A desk holding demo data joins no hub and follows none, whoever asks (its admin, or the
 * shells' --hub at start). Its people have no hub accounts, so the demo's own history would
 * never leave it; but a ticket opened, or a record edited, on one of its made-up customers
 * would, and every desk of the centre would then hold that customer. A real desk starts on a
 * new, empty folder. One joined before this rule leaves its hub when it is opened (desk.ts),
 * keeping all it holds, and says so (demoDeskLeftHub).
 */
export function mayBringDataToHub(desk: Pick<DeskData, 'demo'>): Refusal {
  return desk.demo ? say('demoDeskJoin') : null;
}

/**
 * Joining the desk to a hub (or changing its address): an admin, or anyone at a desk with no
 * data yet, as its first-start screen lets anyone set it up (empty) before there is anyone to
 * sign in as. A desk with data is an admin's to join: its people would sign in differently
 * from then on, and what it holds would sync through the hub. Never one of demo data (above).
 */
export function mayJoinHub(p: Person | null, desk: DeskData): Refusal {
  const demo = mayBringDataToHub(desk);
  if (demo) return demo;
  if (p && administers(p)) return null;
  return desk.hasData ? say('joinNeedsAdmin') : null;
}

/** Whether a role works the queues of chosen segments (supervisors and admins oversee all). */
export const worksChosenSegments = (role: Role): boolean => role === 'agent' || role === 'specialist';
/**
 * An account an admin makes or changes: an agent or specialist with no segment would take no
 * ticket and see no customer, so one segment at least.
 */
export function mayHaveSegments(role: Role, segments: readonly Segment[]): Refusal {
  return worksChosenSegments(role) && segments.length === 0 ? say('noSegments') : null;
}

/**
 * Turning an account on or off (Active on People), as `by`: never one's own off. The account's
 * sessions end with it, at once: the admin would be signed out and could not sign in again
 * until another admin turned it back on. Another admin does it (and the hub keeps one active
 * admin at least: accounts.ts). The desk, the hub and the People page all ask this.
 */
export function maySetActive(by: Pick<Person, 'id'>, target: { id: string }, active: boolean): Refusal {
  return !active && by.id === target.id ? say('deactivateSelf') : null;
}

/**
 * Changing an account's role, as `by`: an admin never changes their own away from admin. They
 * would lose People and Settings at once and could not undo it; another admin does it (and the
 * hub keeps one active admin at least: accounts.ts). The desk, the hub and the People page all ask this.
 */
export function maySetRole(by: Pick<Person, 'id' | 'role'>, target: { id: string }, role: Role): Refusal {
  return by.id === target.id && by.role === 'admin' && role !== 'admin' ? say('demoteSelf') : null;
}

/**
 * Whether a person's changes made at a desk may go to the hub under their name: not once the
 * hub has deactivated them. A desk that was offline let them sign in with the password kept
 * there and work; what they made then is held at that desk, neither sent nor dropped, and the
 * desk says so (this sentence) until an admin turns the account back on and they sign in there
 * (it goes then, re-checked by the hub as any change), or a supervisor redoes what is needed.
 * The desk's sync engine holds by it (as soon as the hub's directory tells it, with or without
 * anyone's hub session) and the hub's push refuses by it.
 */
export function maySendWorkOf(author: { name: string; active: boolean }): Refusal {
  return author.active ? null : say('heldDeactivated', { name: author.name });
}

/**
 * Work a desk made under its own accounts, which the hub has none for: the stand-ins an empty
 * desk starts with (what its people did for days before it joined) and its import accounts
 * ("Import from zendesk": every customer and ticket an import brings). An admin's hub session
 * carries it, as joining a desk with data is an admin's (mayJoinHub) and brings what it holds;
 * the hub then judges each event as the author the desk names. Someone the hub has an account
 * for is never carried: their changes go with their own session, and any other is forged.
 * The desk's sync engine sends by it and the hub's push accepts by it.
 */
export function mayCarryDeskWork(carrier: Pick<Person, 'role'>, author: { hubAccount: boolean; role: Person['role'] }): Refusal {
  // The scheduler's events name the system, which no desk account is (they ride with anyone's session: SLA events only).
  if (author.hubAccount || author.role === 'system') return say('otherAuthor');
  return answersForDeskWork(carrier) ? null : say('deskWorkNeedsAdmin');
}

/**
 * Who answers for a desk's own accounts' work (mayCarryDeskWork): an admin, who carries it to the
 * hub, also hears what the hub refused of it (nobody signs in as "Import from zendesk" to read it):
 * the hub's pull gives an admin's session that desk's refusals addressed to no hub account, and
 * the desk's conflicts page shows them to its admins. Every admin, whenever appointed: one made
 * admin after such a refusal was written is told of it too (refusalsGoToAdmins).
 */
export function answersForDeskWork(p: Pick<Person, 'role'>): boolean {
  return p.role === 'admin';
}

/**
 * Whether what the hub refused of an author's changes goes to the admins (answersForDeskWork)
 * rather than to the author alone: the author cannot read it themselves. One of a desk's own
 * accounts (no hub account: nobody signs in as it), or someone the hub deactivated (no session of
 * theirs can be had: a change whose push answer was lost, held at the desk since, was refused and
 * nobody would ever hear of it). Never the scheduler's (the system's events are nobody's to answer for).
 */
export function refusalsGoToAdmins(author: { hubAccount: boolean; active: boolean; role: Person['role'] }): boolean {
  return author.role !== 'system' && (!author.hubAccount || !author.active);
}

/**
 * Whether `reader` is told of a refusal of `author`'s change at a desk: their own, and an admin's
 * also those refusalsGoToAdmins gives them. The hub's pull hands out refusals by it, and the desk's
 * conflicts page lists (and lets dismiss) by it.
 */
export function hearsRefusalOf(reader: Pick<Person, 'id' | 'role'>, author: { id: string; hubAccount: boolean; active: boolean; role: Person['role'] }): boolean {
  return reader.id === author.id || (answersForDeskWork(reader) && refusalsGoToAdmins(author));
}

// ---- acting on tickets ------------------------------------------------------------------------

/** Working a ticket in its segment at all (notes, customer replies, closing, reopening). */
export function mayWorkSegment(p: Person, segment: Segment): Refusal {
  if (p.role === 'supervisor' || p.role === 'system') return null;
  if (p.role === 'admin') return say('adminsNoTickets');
  if (!p.segments.includes(segment)) return say('notYourSegment', { segment: segmentPhrase(segment) });
  return null;
}

/** Acting at the ticket's tier: taking it, and everything its holder does. */
export function mayActAtTier(p: Person, t: QueuePlace): Refusal {
  if (p.role === 'supervisor' || p.role === 'system') return null;
  if (p.role === 'admin') return say('adminsNoTickets');
  if (p.tier !== t.tier) return say('otherTier', { ticketTier: tierPhrase(t.tier), yourTier: tierPhrase(p.tier) });
  if (!p.segments.includes(t.segment)) return say('notYourSegment', { segment: segmentPhrase(t.segment) });
  return null;
}

/** Taking an unassigned ticket. */
export function mayTake(p: Person, t: TicketPlace): Refusal {
  return mayActAtTier(p, t) ?? (t.assigneeId == null ? null : say('alreadyTaken'));
}

/**
 * Doing what the ticket's holder does (escalate, hand down, park, resolve). Refused to anyone
 * else: told to take it first when no one has it, and that someone else is working it when
 * someone does (taking it first is then no way forward).
 */
export function mayHold(p: Person, t: TicketPlace): Refusal {
  const tier = mayActAtTier(p, t);
  if (tier) return tier;
  if (p.role === 'supervisor' || p.role === 'system') return null;
  if (t.assigneeId == null) return say('notHolder');
  if (t.assigneeId !== p.id) return say('heldByOther');
  return null;
}

/**
 * Taking a ticket one is opening ("Assign to me" on the New ticket form): a new ticket waits
 * unassigned at first line (tier 1) of its customer's segment, so this is the machine's own
 * TAKE rule asked of that place. The form offers the choice by it; decide() asks it again.
 */
export function mayTakeNewTicket(p: Person, segment: Segment): Refusal {
  return mayCreateTicket(p, segment) ?? mayTake(p, { segment, tier: 1, assigneeId: null });
}

/** Opening a ticket for a customer of a segment. */
export function mayCreateTicket(p: Person, segment: Segment): Refusal {
  if (p.role === 'admin') return say('adminsNoTickets');
  return maySeeSegment(p, segment);
}

/** Assigning or reassigning a ticket to someone (the actor's side). */
export function mayAssign(p: Person): Refusal {
  return p.role === 'supervisor' ? null : say('supervisorOnlyAction');
}
export const mayReassign = mayAssign;

/** Who may be given a ticket at this place (the assignee's side). */
export function mayBeAssigned(assignee: Person & { name: string; active: boolean }, t: QueuePlace): Refusal {
  if (!assignee.active) return say('personInactive', { name: assignee.name });
  return assignee.role === 'supervisor' || staffsQueue(assignee, t) ? null : say('assigneeTier', { name: assignee.name, tier: t.tier });
}

/**
 * Returning a held ticket to its queue, unassigned: a supervisor (an agent gone home sick, a
 * desk emptied at the end of a shift), or its holder themselves (a ticket they cannot work
 * after all is better in the queue, where the next free person takes it, than in their list).
 * It never leaves the queue it is in, so nobody gets a ticket they would not see anyway; the
 * holder's colleagues may not (that would be taking a ticket from someone's hands).
 */
export function mayReturnToQueue(p: Person, t: TicketPlace): Refusal {
  if (t.assigneeId == null) return say('notHeld');
  if (p.role === 'supervisor') return null;
  if (p.role === 'admin') return say('adminsNoTickets');
  if (p.role === 'system' || t.assigneeId !== p.id) return say('returnHolderOnly');
  return mayActAtTier(p, t);
}

export function mayChangePriority(p: Person): Refusal {
  return p.role === 'supervisor' ? null : say('supervisorOnlyAction');
}

/** SLA warnings and breaches come from the scheduler, never from people. */
export function maySendSlaEvent(p: Person): Refusal {
  return p.role === 'system' ? null : say('schedulerOnly');
}

// ---- news ---------------------------------------------------------------------------------------

/** A ticket's pushes go only to people who may see its segment. */
export const receivesTicketNews = (p: Person | null, segment: Segment | string): boolean => p !== null && seesSegment(p, segment);

/** An SLA warning or breach is news to the ticket's holder, and a breach at tier 3 to supervisors. */
export function wantsSlaNotice(p: Person, w: { assigneeId: string | null; breached: boolean; tier: Tier }): boolean {
  if (w.assigneeId === p.id) return true;
  return p.role === 'supervisor' && w.breached && w.tier === 3;
}

/**
 * A ticket escalated (by a person or by a breach) into a specialist's tier and segment, and
 * still unassigned, is news to that specialist; not to the one who escalated it.
 */
export function wantsEscalationNotice(p: Person, c: { type: string; tier: Tier; segment: Segment; assigneeId: string | null; actorId: string }): boolean {
  if (c.assigneeId !== null || c.actorId === p.id) return false;
  if (isQueueArrival(c)) return staffsQueue(p, c);
  if (c.type !== 'ESCALATE' && c.type !== 'SLA_BREACH') return false;
  return p.role === 'specialist' && worksQueue(p, c);
}

/**
 * A ticket handed back down or reopened into its tier's queue, unassigned (the one who held it
 * there may no longer: the ticket machine's toQueue), or returned there from its holder's hands
 * (RETURN_TO_QUEUE): news, as an escalation is, to those who
 * work that queue, agents at first line and specialists above it.
 */
export const isQueueArrival = (c: { type: string; assigneeId: string | null }): boolean =>
  (c.type === 'DEESCALATE' || c.type === 'REOPEN' || c.type === 'RETURN_TO_QUEUE') && c.assigneeId === null;

/** The ways a ticket comes into one person's hands by someone else's: handed back down, reopened, assigned. */
export const HANDOVER_TYPES = ['DEESCALATE', 'REOPEN', 'ASSIGN'] as const;
export type HandoverType = (typeof HANDOVER_TYPES)[number];
export const isHandoverType = (type: string): type is HandoverType => (HANDOVER_TYPES as readonly string[]).includes(type);

/**
 * A ticket handed back down to the person who held it at that tier, reopened while they hold
 * it, or assigned to them by a supervisor is news to them (they now owe the customer); not when
 * they did it themselves.
 */
export function wantsHandoverNotice(p: Person, c: { type: string; assigneeId: string | null; actorId: string }): boolean {
  return isHandoverType(c.type) && c.assigneeId === p.id && c.actorId !== p.id;
}

/** Who held a ticket at each tier below `tier` (its context's heldBy): those it went up a tier from. */
export function heldBelow(heldBy: Readonly<Record<1 | 2 | 3, string | null>>, tier: Tier): string[] {
  const ids: string[] = [];
  for (const t of [1, 2] as const) {
    const id = heldBy[t];
    if (t < tier && id !== null && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

/**
 * A ticket resolved at a higher tier is news to whoever held it at a lower tier (they
 * escalated it, or saw it go up from them): they may owe the customer a call, and they learn
 * how it ended. Not to the one who resolved it. `heldBelow` is told only with a step that is
 * news where it is heard (a RESOLVE written there, or come from the hub for the first time),
 * so a change told again (an own step come back from the hub) raises no second notice.
 */
export function wantsResolvedNotice(p: Person, c: { type: string; actorId: string; step?: { heldBelow: readonly string[] } | undefined }): boolean {
  return c.type === 'RESOLVE' && c.actorId !== p.id && (c.step?.heldBelow.includes(p.id) ?? false);
}

/**
 * A ticket returned to its queue, or assigned to another person, out of someone's hands by
 * someone else (a supervisor's Return to queue or Assign, or Hand over all…) is news to the one
 * who held it: it left their list. `from` is told only with a step that is news where it is
 * heard, so it is told once.
 */
export function wantsReturnedNotice(p: Person, c: { type: string; actorId: string; assigneeId?: string | null | undefined; step?: { from?: string | undefined } | undefined }): boolean {
  return (c.type === 'RETURN_TO_QUEUE' || c.type === 'ASSIGN') && c.actorId !== p.id && c.assigneeId !== p.id && c.step?.from === p.id;
}

// ---- knowledge base and satisfaction --------------------------------------------------------

/** Specialists and admins write and edit articles. */
export const writesArticles = (p: Person): boolean => p.role === 'specialist' || p.role === 'admin';
export function mayWriteArticles(p: Person): Refusal {
  return writesArticles(p) ? null : say('articleWriters');
}

/** Satisfaction scores come in from survey tools through supervisors and admins. */
export function mayImportCsat(p: Person): Refusal {
  return seesBoard(p) ? null : say('csatImporters');
}

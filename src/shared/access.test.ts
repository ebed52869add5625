import { messageDetail, say } from './messageKeys';
import { describe, expect, it } from 'vitest';
import {
  administers,
  mayActAtTier,
  mayAssign,
  mayBeAssigned,
  mayChangePriority,
  mayCreateTicket,
  mayHold,
  mayBringDataToHub,
  mayJoinHub,
  mayCarryDeskWork,
  hearsRefusalOf,
  maySendWorkOf,
  maySetActive,
  maySetRole,
  maySeeBoard,
  maySeeSegment,
  mayTake,
  mayTakeNewTicket,
  mayViewDesks,
  mayWorkSegment,
  receivesTicketNews,
  seesBoard,
  staffsQueue,
  visibleQueues,
  wantsEscalationNotice,
  wantsHandoverNotice,
  wantsResolvedNotice,
  heldBelow,
  wantsSlaNotice,
  worksQueue,
  type Person,
} from './access';
import { SYSTEM_ACTOR } from './domain';

const agent: Person = { id: 'ava', role: 'agent', tier: 1, segments: ['education', 'government'] };
const spec2: Person = { id: 'sam', role: 'specialist', tier: 2, segments: ['education'] };
const supervisor: Person = { id: 'grace', role: 'supervisor', tier: 3, segments: [] };
const admin: Person = { id: 'omar', role: 'admin', tier: 1, segments: [] };

describe('access', () => {
  it('shows people only the segments they work; supervisors and admins see all', () => {
    expect(maySeeSegment(agent, 'education')).toBeNull();
    expect(maySeeSegment(agent, 'home')).toBe('This ticket belongs to a segment you do not work.');
    expect(maySeeSegment(agent, 'home', 'customer')).toBe('This customer belongs to a segment you do not work.');
    expect(maySeeSegment(supervisor, 'home')).toBeNull();
    expect(maySeeSegment(admin, 'home')).toBeNull();
    expect(receivesTicketNews(null, 'education')).toBe(false);
    expect(receivesTicketNews(spec2, 'government')).toBe(false);
    expect(receivesTicketNews(spec2, 'education')).toBe(true);
  });

  it('lists an agent the queues of their tier and segments, a supervisor every queue', () => {
    expect(visibleQueues(agent)).toEqual([{ segment: 'education', tier: 1 }, { segment: 'government', tier: 1 }]);
    expect(visibleQueues(supervisor)).toBe('all');
    expect(worksQueue(spec2, { segment: 'education', tier: 2 })).toBe(true);
    expect(worksQueue(spec2, { segment: 'education', tier: 1 })).toBe(false);
    expect(worksQueue(spec2, { segment: 'home', tier: 2 })).toBe(false);
    expect(worksQueue(supervisor, { segment: 'home', tier: 3 })).toBe(true);
    expect(worksQueue(admin, { segment: 'home', tier: 1 })).toBe(false);
    expect(staffsQueue(supervisor, { segment: 'home', tier: 1 })).toBe(false);
  });

  it('lets people act only at their tier and segment, and holders only on what they hold', () => {
    expect(mayActAtTier(agent, { segment: 'education', tier: 2 })).toBe('This ticket is at tier 2; you work at first line (tier 1).');
    expect(mayActAtTier(agent, { segment: 'home', tier: 1 })).toBe('You do not work the home segment.');
    expect(mayActAtTier(admin, { segment: 'home', tier: 1 })).toBe('Admins manage settings; they do not work tickets.');
    expect(mayActAtTier(SYSTEM_ACTOR, { segment: 'home', tier: 3 })).toBeNull();
    expect(mayTake(agent, { segment: 'education', tier: 1, assigneeId: null })).toBeNull();
    expect(mayTake(agent, { segment: 'education', tier: 1, assigneeId: 'x' })).toBe('Someone is already working this ticket.');
    expect(mayHold(agent, { segment: 'education', tier: 1, assigneeId: null })).toMatch(/Take it first/);
    // Someone else has it: taking it first is no way forward, so the refusal says they work it.
    expect(mayHold(agent, { segment: 'education', tier: 1, assigneeId: 'x' })).toBe('Someone else is working this ticket now: only they, or a supervisor, can do that.');
    expect(mayHold(agent, { segment: 'education', tier: 1, assigneeId: 'ava' })).toBeNull();
    expect(mayHold(supervisor, { segment: 'home', tier: 2, assigneeId: 'x' })).toBeNull();
    expect(mayWorkSegment(agent, 'home')).toBe('You do not work the home segment.');
  });

  it('offers "Assign to me" on a new ticket to whoever may take it at first line of its segment, and says why not to the others', () => {
    expect(mayTakeNewTicket(agent, 'education')).toBeNull();
    expect(mayTakeNewTicket(supervisor, 'home')).toBeNull();
    expect(mayTakeNewTicket(spec2, 'education')).toBe('This ticket is at first line (tier 1); you work at tier 2.');
    expect(mayTakeNewTicket(agent, 'home')).toBe('This ticket belongs to a segment you do not work.');
    expect(mayTakeNewTicket(admin, 'home')).toBe('Admins manage settings; they do not work tickets.');
  });

  it('keeps assigning and priorities to supervisors, and assignees to their own queue', () => {
    expect(mayAssign(agent)).toBe('Only a supervisor can do that.');
    expect(mayAssign(admin)).toBe('Only a supervisor can do that.');
    expect(mayAssign(supervisor)).toBeNull();
    expect(mayChangePriority(spec2)).toBe('Only a supervisor can do that.');
    expect(mayChangePriority(supervisor)).toBeNull();
    const sam = { ...spec2, name: 'Sam', active: true };
    expect(mayBeAssigned(sam, { segment: 'education', tier: 2 })).toBeNull();
    expect(mayBeAssigned(sam, { segment: 'education', tier: 3 })).toBe('Sam does not work tier 3 of this segment.');
    expect(mayBeAssigned({ ...sam, active: false }, { segment: 'education', tier: 2 })).toBe('Sam is not active on this desk.');
    expect(mayBeAssigned({ ...supervisor, name: 'Grace', active: true }, { segment: 'home', tier: 1 })).toBeNull();
  });

  it('opens tickets only for customers of the segments one works', () => {
    expect(mayCreateTicket(agent, 'education')).toBeNull();
    expect(mayCreateTicket(agent, 'small_business')).toBe('This ticket belongs to a segment you do not work.');
    expect(mayCreateTicket(admin, 'education')).toBe('Admins manage settings; they do not work tickets.');
    expect(mayCreateTicket(supervisor, 'home')).toBeNull();
  });

  it('opens the board to supervisors and admins, settings to admins', () => {
    expect(seesBoard(supervisor) && seesBoard(admin)).toBe(true);
    expect(maySeeBoard(agent)).toBe('Only supervisors can see this.');
    expect(administers(admin)).toBe(true);
    expect(administers(supervisor)).toBe(false);
  });

  it('sends SLA notices to the holder and tier-3 breaches to supervisors; escalations to the specialists of the queue', () => {
    expect(wantsSlaNotice(agent, { assigneeId: 'ava', breached: false, tier: 1 })).toBe(true);
    expect(wantsSlaNotice(supervisor, { assigneeId: null, breached: true, tier: 3 })).toBe(true);
    expect(wantsSlaNotice(supervisor, { assigneeId: null, breached: true, tier: 2 })).toBe(false);
    const escalated = { type: 'ESCALATE', tier: 2 as const, segment: 'education' as const, assigneeId: null, actorId: 'ava' };
    expect(wantsEscalationNotice(spec2, escalated)).toBe(true);
    expect(wantsEscalationNotice(spec2, { ...escalated, actorId: 'sam' })).toBe(false);
    expect(wantsEscalationNotice(spec2, { ...escalated, segment: 'home' })).toBe(false);
    expect(wantsEscalationNotice(spec2, { ...escalated, type: 'TAKE' })).toBe(false);
    expect(wantsEscalationNotice(agent, { ...escalated, tier: 1 })).toBe(false);
  });

  it('tells those who work a queue of a ticket handed back down or reopened into it, unassigned', () => {
    const handedBack = { type: 'DEESCALATE', tier: 1 as const, segment: 'education' as const, assigneeId: null, actorId: 'sam' };
    // First line's queue is the agents'.
    expect(wantsEscalationNotice(agent, handedBack)).toBe(true);
    expect(wantsEscalationNotice(spec2, handedBack)).toBe(false);
    expect(wantsEscalationNotice(spec2, { ...handedBack, type: 'REOPEN', tier: 2, actorId: 'ava' })).toBe(true);
    // Not when it went back to a person (that one hears of it as theirs), nor to the one who did it.
    expect(wantsEscalationNotice(agent, { ...handedBack, assigneeId: 'ben' })).toBe(false);
    expect(wantsEscalationNotice(agent, { ...handedBack, actorId: 'ava' })).toBe(false);
    expect(wantsEscalationNotice(agent, { ...handedBack, segment: 'home' })).toBe(false);
  });

  it('tells the new holder of a ticket handed back down, reopened or assigned to them by someone else', () => {
    for (const type of ['DEESCALATE', 'REOPEN', 'ASSIGN']) {
      expect(wantsHandoverNotice(agent, { type, assigneeId: 'ava', actorId: 'sam' }), type).toBe(true);
      // Not the one who did it, nor anyone but the holder.
      expect(wantsHandoverNotice(agent, { type, assigneeId: 'ava', actorId: 'ava' }), type).toBe(false);
      expect(wantsHandoverNotice(spec2, { type, assigneeId: 'ava', actorId: 'grace' }), type).toBe(false);
    }
    // Taking it is one's own doing; an escalation goes to a queue, not to a person.
    expect(wantsHandoverNotice(agent, { type: 'TAKE', assigneeId: 'ava', actorId: 'ava' })).toBe(false);
    expect(wantsHandoverNotice(spec2, { type: 'ESCALATE', assigneeId: null, actorId: 'ava' })).toBe(false);
  });

  it('tells whoever held a ticket at a lower tier when someone else resolves it, once', () => {
    // Ava escalated it to Sam at tier 2; Sam sent it on to Tara at tier 3, who resolved it.
    const below = heldBelow({ 1: 'ava', 2: 'sam', 3: 'tara' }, 3);
    expect(below).toEqual(['ava', 'sam']);
    const resolved = { type: 'RESOLVE', actorId: 'tara', step: { heldBelow: below } };
    expect(wantsResolvedNotice(agent, resolved)).toBe(true);
    expect(wantsResolvedNotice(spec2, resolved)).toBe(true);
    // Not the one who resolved it, nor one who held it only above (handed it back down).
    expect(wantsResolvedNotice(spec2, { ...resolved, actorId: 'sam' })).toBe(false);
    expect(heldBelow({ 1: 'ava', 2: 'sam', 3: 'tara' }, 2)).toEqual(['ava']);
    expect(heldBelow({ 1: 'ava', 2: null, 3: null }, 1)).toEqual([]);
    // Nor when the change is told again without its step (an own step come back from the hub), nor for other steps.
    expect(wantsResolvedNotice(agent, { type: 'RESOLVE', actorId: 'tara' })).toBe(false);
    expect(wantsResolvedNotice(agent, { ...resolved, type: 'CLOSE' })).toBe(false);
  });
});

// Joining a hub: the first-start screen lets anyone set up a desk with no data (empty), and
// so join it; a desk with data is an admin's to join; a desk of demo data joins none.
describe('the centre’s desks', () => {
  it('only an admin sees which desks are out of date, silent or holding changes, and who was last there', () => {
    expect(mayViewDesks(admin)).toBeNull();
    for (const p of [agent, spec2, supervisor]) expect(messageDetail(mayViewDesks(p)!)?.key).toBe('desksAdminsOnly');
  });
});

describe('joining a hub', () => {
  const alone = { hasData: false, demo: false };
  const withData = { hasData: true, demo: false };
  it('is for an admin, or anyone at a desk that has no data yet', () => {
    expect(mayJoinHub(null, alone)).toBeNull();
    expect(mayJoinHub(agent, alone)).toBeNull();
    expect(mayJoinHub(admin, withData)).toBeNull();
    expect(mayJoinHub(null, withData)).toBe('This desk already has data: only an admin can join it to a hub (People, in an admin’s navigation).');
    expect(mayJoinHub(agent, withData)).toBe(mayJoinHub(null, withData));
    expect(mayJoinHub(supervisor, withData)).toBe(mayJoinHub(null, withData));
  });

  it('is for no one at a desk of demo data, not even its admin: its made-up customers would reach the centre', () => {
    const demo = { hasData: true, demo: true };
    for (const who of [admin, supervisor, agent, null]) expect(mayJoinHub(who, demo)).toBe(say('demoDeskJoin'));
    // Nor does one joined before this rule follow its hub (it leaves it when opened: desk.ts).
    expect(mayBringDataToHub(demo)).toBe(say('demoDeskJoin'));
    expect(mayBringDataToHub({ demo: false })).toBeNull();
    expect(say('demoDeskJoin')).toMatch(/^This desk holds demo data, so it cannot join a hub: .* start Tagdesk on a new, empty folder \(--data .*“Join your centre’s hub”/);
  });
});

// Omar unticked Active on his own account (another admin existed) and was signed out at once,
// unable to sign in again, with no word of it. Nobody turns their own account off: another
// admin does, as the refusal says.
describe('turning an account off', () => {
  const lena: Person = { id: 'lena', role: 'admin', tier: 3, segments: [] };
  it('is refused on one’s own account, saying what it would do and who can', () => {
    expect(maySetActive(admin, { id: 'omar' }, false)).toBe(say('deactivateSelf'));
    expect(say('deactivateSelf')).toMatch(/^You cannot turn off your own account: you would be signed out at once and could not sign in again\. Another admin can/);
  });
  it('is allowed on anyone else’s, and turning an account on is never refused by it', () => {
    expect(maySetActive(admin, { id: 'lena' }, false)).toBeNull();
    expect(maySetActive(lena, { id: 'omar' }, false)).toBeNull();
    expect(maySetActive(admin, { id: 'omar' }, true)).toBeNull();
  });
});

// Omar, one of two admins, changed his own role to agent on People and lost People at once,
// with no way back but asking Rosa. Nobody changes their own role away from admin: another
// admin does, as the refusal says.
describe('changing an account’s role', () => {
  const lena: Person = { id: 'lena', role: 'admin', tier: 3, segments: [] };
  it('is refused when an admin would move their own account away from admin, saying who can', () => {
    for (const role of ['agent', 'specialist', 'supervisor'] as const) expect(maySetRole(admin, { id: 'omar' }, role)).toBe(say('demoteSelf'));
    expect(say('demoteSelf')).toMatch(/^You cannot change your own role away from admin: .* Another admin can change it\.$/);
  });
  it('is allowed on anyone else’s account, and keeping one’s own role admin is never refused by it', () => {
    expect(maySetRole(admin, { id: 'omar' }, 'admin')).toBeNull();
    expect(maySetRole(admin, { id: 'lena' }, 'agent')).toBeNull();
    expect(maySetRole(lena, { id: 'omar' }, 'supervisor')).toBeNull();
  });
});

// Zoe, deactivated at the hub while her desk was offline, signed in there with the password it
// kept and worked. Her changes cannot go under her name; they are held at the desk, saying so.
describe('sending a person’s changes to the hub', () => {
  it('is refused once they are deactivated, saying the changes stay at the desk and what to do', () => {
    expect(maySendWorkOf({ name: 'Zoe', active: false })).toBe(say('heldDeactivated', { name: 'Zoe' }));
    expect(say('heldDeactivated', { name: 'Zoe' })).toMatch(/^Zoe’s account was deactivated at the hub: .* kept here and not sent\. .* an admin turns the account back on/);
    expect(messageDetail(say('heldDeactivated', { name: 'Zoe' }))).toEqual({ key: 'heldDeactivated', params: { name: 'Zoe' } });
  });
  it('is allowed while they are active', () => {
    expect(maySendWorkOf({ name: 'Zoe', active: true })).toBeNull();
  });
});

// What a desk made under accounts of its own (its first stand-ins, its imports) before or after it
// joined: the hub has no account for them, so an admin's hub session brings it.
describe('bringing a desk’s own accounts’ work to the hub', () => {
  it('goes with an admin’s session only, never in a hub account’s name or the system’s', () => {
    expect(mayCarryDeskWork({ role: 'admin' }, { hubAccount: false, role: 'agent' })).toBeNull();
    expect(mayCarryDeskWork({ role: 'supervisor' }, { hubAccount: false, role: 'agent' })).toBe(say('deskWorkNeedsAdmin'));
    expect(mayCarryDeskWork({ role: 'agent' }, { hubAccount: false, role: 'agent' })).toBe(say('deskWorkNeedsAdmin'));
    expect(mayCarryDeskWork({ role: 'admin' }, { hubAccount: true, role: 'agent' })).toBe(say('otherAuthor'));
    expect(mayCarryDeskWork({ role: 'admin' }, { hubAccount: false, role: 'system' })).toBe(say('otherAuthor'));
  });
});

describe('who is told of what the hub refused', () => {
  const author = { id: 'zoe', role: 'agent' as const };
  it('its author; and every admin, whenever appointed, of a desk account’s or of someone deactivated since', () => {
    expect(hearsRefusalOf({ id: 'zoe', role: 'agent' }, { ...author, hubAccount: true, active: true })).toBe(true);
    expect(hearsRefusalOf({ id: 'omar', role: 'admin' }, { ...author, hubAccount: true, active: true })).toBe(false);
    expect(hearsRefusalOf({ id: 'omar', role: 'admin' }, { ...author, hubAccount: false, active: true })).toBe(true);
    expect(hearsRefusalOf({ id: 'omar', role: 'admin' }, { ...author, hubAccount: true, active: false })).toBe(true);
    expect(hearsRefusalOf({ id: 'sam', role: 'supervisor' }, { ...author, hubAccount: true, active: false })).toBe(false);
    expect(hearsRefusalOf({ id: 'omar', role: 'admin' }, { ...author, role: 'system', hubAccount: false, active: true })).toBe(false);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_REOPEN_WINDOW_MS } from '../../shared/ticketMachine';
import { t } from '../i18n';
import { en } from '../i18n/en';
import { setLocale } from '../i18n/state';
import { actionHelp, actionIntro, actionLabel } from './actionHelp';

// Ava records that a caller rang back on a ticket she never set to wait on them: the dialog
// said "the SLA clock runs again", though no clock was paused. Only a waiting ticket says so.

describe('the sentence in the Customer replied dialog', () => {
  const vars = { number: 'T-000788' };
  it('speaks of the clock running again only when the ticket was waiting on the customer', () => {
    expect(actionHelp('CUSTOMER_REPLIED', 'tier1.pending', vars)).toBe(en['act.help.CUSTOMER_REPLIED']);
    expect(actionHelp('CUSTOMER_REPLIED', 'tier2.pending', vars)).toBe(en['act.help.CUSTOMER_REPLIED']);
    for (const state of ['new', 'tier1.open', 'tier2.inProgress'] as const) {
      const said = actionHelp('CUSTOMER_REPLIED', state, vars);
      expect(said, state).not.toMatch(/clock/);
      expect(said, state).toContain('T-000788');
    }
  });
  it('tells a supervisor assigning a ticket that waits on the customer that it still waits', () => {
    expect(actionHelp('ASSIGN', 'tier2.pending', vars)).toBe(en['act.help.ASSIGN.waiting']);
    expect(actionHelp('ASSIGN', 'tier2.inProgress', vars)).toBe(en['act.help.ASSIGN']);
  });
  it('leaves the other actions’ sentences alone', () => {
    expect(actionHelp('ADD_NOTE', 'new', vars)).toBe(en['act.help.ADD_NOTE'].replace('{number}', 'T-000788'));
  });
});

// Sam resolves a ticket and reads that the customer "can ask to reopen it within the reopen
// window", but not how long that is: the help now says the window the ticket machine keeps
// (seven days), in the reader's digits.

describe('the sentence in the Resolve dialog', () => {
  afterEach(async () => {
    await setLocale('en', 'latn');
  });
  const vars = { number: 'T-000788' };
  it('says how long the reopen window is', async () => {
    expect(DEFAULT_REOPEN_WINDOW_MS).toBe(7 * 86_400_000);
    const said = actionHelp('RESOLVE', 'tier2.inProgress', vars);
    expect(said).toMatch(/\b7 days\b/);
    await setLocale('fa', 'arabext');
    const persian = actionHelp('RESOLVE', 'tier2.inProgress', vars);
    expect(persian).toContain('۷ روز');
    expect(persian).not.toMatch(/[A-Za-z]|7/);
  });
  // A ticket opened at a desk that keeps three days: Resolve said "7 days" (the default) though
  // the ticket's machine refuses a reopen after three. It says the ticket's own window.
  it('says the ticket’s own window, not the default', async () => {
    const ticket = { number: 'T-000788', tier: 2 as const, segment: 'education' as const, state: 'tier2.inProgress' as const };
    const said = actionIntro('RESOLVE', ticket, false, null, 3).help;
    expect(said).toMatch(/\b3 days\b/);
    expect(said).not.toMatch(/\b7\b/);
    expect(actionIntro('RESOLVE', ticket, false, null, 1).help).toMatch(/\b1 day\b/);
    // A back end that does not say keeps the default.
    expect(actionIntro('RESOLVE', ticket, false, null, undefined).help).toMatch(/\b7 days\b/);
    await setLocale('fa', 'arabext');
    expect(actionIntro('RESOLVE', ticket, false, null, 3).help).toContain('۳ روز');
  });
});

// Sam opens Reopen on a ticket resolved at tier 2: the dialog had the tier one below in hand
// (the hand-back's), though reopening brings the ticket back to the tier it was resolved at.
// And Ben's Hand back dialog said "The ticket goes back to Tier 1" over "it will wait
// unassigned in the queue": one message now says where it goes and to whom.

describe('the head of the Reopen and Hand back dialogs', () => {
  afterEach(async () => {
    await setLocale('en', 'latn');
  });
  const ticket = { number: 'T-000788', tier: 2 as const, segment: 'education' as const, state: 'resolved' as const };
  it('names the tier Reopen brings the ticket back to: the one it was resolved at', () => {
    const said = actionIntro('REOPEN', ticket, false);
    expect(said.title).toBe('Reopen T-000788 at Tier 2');
    expect(said.help).toContain('Tier 2');
    expect(`${said.title} ${said.help}`).not.toContain('Tier 1');
    expect(said.queued).toBe(false);
  });
  it('says once, going to the queue, where the ticket waits and why', async () => {
    const handBack = actionIntro('DEESCALATE', { ...ticket, state: 'tier2.inProgress' }, true);
    expect(handBack.title).toBe('Hand T-000788 back down to Tier 1');
    expect(handBack.queued).toBe(true);
    expect(handBack.help).toContain('Education · Tier 1 queue');
    expect(handBack.help).not.toContain(en['act.help.DEESCALATE'].replace('{tier}', 'Tier 1').split('.')[0]!);
    expect(handBack.help.match(/Tier 1/g)).toHaveLength(2);
    const reopen = actionIntro('REOPEN', ticket, true);
    expect(reopen.help).toContain('Education · Tier 2 queue');
    expect(reopen.help).not.toContain('Tier 1');
    await setLocale('fa', 'arabext');
    const persian = actionIntro('DEESCALATE', { ...ticket, state: 'tier2.inProgress' }, true);
    expect(persian.help).toContain(t('tier.1'));
    expect(persian.help).not.toMatch(/[A-Za-z]/);
  });
  it('names who gets a hand-back: the one who held the ticket at the tier below', async () => {
    const said = actionIntro('DEESCALATE', { ...ticket, state: 'tier2.inProgress' }, false, 'Ava Martin');
    expect(said.title).toBe('Hand T-000788 back down to Tier 1');
    expect(said.help).toContain('Ava Martin');
    expect(said.help).toContain('Tier 1');
    // Going to the queue, no one is named: nobody holds it there.
    expect(actionIntro('DEESCALATE', { ...ticket, state: 'tier2.inProgress' }, true, 'Ava Martin').help).not.toContain('Ava Martin');
    await setLocale('fa', 'arabext');
    const persian = actionIntro('DEESCALATE', { ...ticket, state: 'tier2.inProgress' }, false, 'Ava Martin');
    expect(persian.help).toContain('Ava Martin');
    expect(persian.help.replace('Ava Martin', '')).not.toMatch(/[A-Za-z]/);
  });
  it('keeps the plain sentence when the ticket goes back to its holder', () => {
    expect(actionIntro('DEESCALATE', { ...ticket, state: 'tier2.inProgress' }, false)).toMatchObject({
      title: 'Hand T-000788 back down to Tier 1',
      help: en['act.help.DEESCALATE'].replace('{tier}', 'Tier 1'),
      queued: false,
    });
  });
});

// Maria rings again about her laptop: at a call centre "Customer replied" reads oddly for "she
// called". The action says it in the words of the ticket's channel; the event stays CUSTOMER_REPLIED.

describe('the Customer replied action, by the ticket’s channel', () => {
  const ticket = { number: 'T-000788', tier: 1, segment: 'home', state: 'tier1.open' } as const;
  it('is "Customer called" on a phone ticket and "Customer wrote" on an email or chat one', () => {
    expect(actionLabel('CUSTOMER_REPLIED', 'phone')).toBe('Customer called');
    expect(actionLabel('CUSTOMER_REPLIED', 'email')).toBe('Customer wrote');
    expect(actionLabel('CUSTOMER_REPLIED', 'chat')).toBe('Customer wrote');
    expect(actionIntro('CUSTOMER_REPLIED', { ...ticket, channel: 'phone' }, false)).toMatchObject({ title: 'The customer called about T-000788', submit: 'Record call' });
    expect(actionIntro('CUSTOMER_REPLIED', { ...ticket, channel: 'email' }, false).submit).toBe('Record message');
  });
  it('stays "Customer replied" where the channel says nothing (a note, or none known), and leaves other actions alone', () => {
    expect(actionLabel('CUSTOMER_REPLIED', 'note')).toBe(en['action.CUSTOMER_REPLIED']);
    expect(actionLabel('CUSTOMER_REPLIED', undefined)).toBe(en['action.CUSTOMER_REPLIED']);
    expect(actionIntro('CUSTOMER_REPLIED', ticket, false).title).toBe('The customer replied on T-000788');
    expect(actionLabel('RESOLVE', 'phone')).toBe(en['action.RESOLVE']);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_REOPEN_WINDOW_MS } from '../../shared/ticketMachine';
import { en } from '../i18n/en';
import { setLocale } from '../i18n/state';
import { actionHelp } from './actionHelp';

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
});

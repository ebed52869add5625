import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../i18n/state';
import { doneMessage } from './doneMessage';

// Whoever moves a ticket on reads in the notice where it went: Ava's escalation waits in the
// tier-2 queue; Tara's hand-back goes to Sam, who held it at tier 2; Ava's reopen goes back to
// Sam; Grace's assignment names Noor. Before, the notices said only "escalated", "handed back
// down", "reopened", "assigned".

describe('the notice after an action', () => {
  afterEach(async () => {
    await setLocale('en', 'latn');
  });

  it('says where an escalated, handed-back, reopened or assigned ticket went', () => {
    expect(doneMessage('ESCALATE', { number: 'T-000788', tier: 2, assigneeName: null, priority: 'normal' })).toBe('T-000788 escalated: it waits in the Tier 2 queue.');
    expect(doneMessage('DEESCALATE', { number: 'T-000788', tier: 2, assigneeName: 'Sam Rivera', priority: 'normal' })).toBe('T-000788 handed back down to Sam Rivera at Tier 2.');
    expect(doneMessage('DEESCALATE', { number: 'T-000788', tier: 2, assigneeName: null, priority: 'normal' })).toBe('T-000788 handed back down: it waits in the Tier 2 queue.');
    expect(doneMessage('REOPEN', { number: 'T-000788', tier: 2, assigneeName: 'Sam Rivera', priority: 'normal' })).toBe('T-000788 reopened: back with Sam Rivera at Tier 2.');
    expect(doneMessage('ASSIGN', { number: 'T-000788', tier: 2, assigneeName: 'Noor Hassan', priority: 'normal' })).toBe('T-000788 assigned to Noor Hassan.');
    expect(doneMessage('ADD_NOTE', { number: 'T-000788', tier: 2, assigneeName: 'Sam Rivera', priority: 'normal' })).toBe('Note added to T-000788.');
  });

  it('does not say an escalation made offline waits in the queue: the other desks see it when the hub is back', async () => {
    const after = { number: 'T-000788', tier: 2 as const, assigneeName: null, priority: 'normal' as const };
    expect(doneMessage('ESCALATE', after, { offline: true })).toBe('T-000788 escalated at this desk. The hub cannot be reached: specialists at other desks see it in the Tier 2 queue once it is back.');
    expect(doneMessage('DEESCALATE', { ...after, tier: 1 }, { offline: true })).toBe('T-000788 handed back down at this desk. The hub cannot be reached: agents at other desks see it in the Tier 1 queue once it is back.');
    await setLocale('fa', 'arabext');
    expect(doneMessage('ESCALATE', after, { offline: true })).not.toMatch(/escalated|queue|Tier/);
  });

  it('names the new priority (it said only "Priority of T-000788 changed.")', async () => {
    expect(doneMessage('CHANGE_PRIORITY', { number: 'T-000788', tier: 1, assigneeName: null, priority: 'urgent' })).toBe('Priority of T-000788 is now Urgent.');
    await setLocale('fa', 'arabext');
    expect(doneMessage('CHANGE_PRIORITY', { number: 'T-000788', tier: 1, assigneeName: null, priority: 'urgent' })).toBe('اولویت \u2068T-000788\u2069 اکنون فوری است.');
  });

  it('says it in Persian too', async () => {
    await setLocale('fa', 'arabext');
    const text = doneMessage('DEESCALATE', { number: 'T-000788', tier: 2, assigneeName: 'Sam Rivera', priority: 'normal' });
    expect(text).toContain('Sam Rivera');
    expect(text).toContain('سطح دو');
    expect(text).not.toMatch(/handed|queue|Tier/);
  });
});

// Maria rang back about her phone ticket: Ava pressed "Customer called" and the notice said
// "Reply recorded". It says what the button said, by the ticket's channel.
describe('the notice after the customer got back in touch', () => {
  afterEach(async () => {
    await setLocale('en', 'latn');
  });
  const after = { number: 'T-000788', tier: 1 as const, assigneeName: null, priority: 'normal' as const };
  it('is a call on a phone ticket, a message on an email or chat one, a reply otherwise', async () => {
    expect(doneMessage('CUSTOMER_REPLIED', { ...after, channel: 'phone' })).toBe('Call recorded on T-000788.');
    expect(doneMessage('CUSTOMER_REPLIED', { ...after, channel: 'email' })).toBe('Message recorded on T-000788.');
    expect(doneMessage('CUSTOMER_REPLIED', { ...after, channel: 'note' })).toBe('Reply recorded on T-000788.');
    expect(doneMessage('CUSTOMER_REPLIED', after)).toBe('Reply recorded on T-000788.');
    await setLocale('fa', 'arabext');
    expect(doneMessage('CUSTOMER_REPLIED', { ...after, channel: 'phone' })).toContain('تماس مشتری');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../i18n/state';
import { triedNotes } from '../../shared/kb/writeUp';
import { localWriteUp } from './writeUp';

// Sam resolves a ticket and turns the resolution into an article: the draft is his to edit, in
// his language. In Persian it came with English headings and "fixed remotely" for the resolution.

const writeUp = { problem: 'فن صدا می‌دهد', tried: ['ePSA: 2000-0511', 'Board replaced'], code: 'fixed_remotely' as const, note: 'پروفایل حرارتی را آرام کردیم', number: 'T-000310' };

describe('a draft article from a resolved ticket', () => {
  afterEach(async () => {
    await setLocale('en', 'latn');
  });
  it('is written with the headings and the resolution in the person’s language', async () => {
    expect(localWriteUp(writeUp)).toBe(
      ['## Problem', 'فن صدا می‌دهد', '', '## What was tried', '- ePSA: 2000-0511', '- Board replaced', '', '## Resolution', 'Fixed remotely: پروفایل حرارتی را آرام کردیم', '', '_From ticket T-000310._'].join('\n'),
    );
    await setLocale('fa', 'arabext');
    const persian = localWriteUp(writeUp);
    const own = persian.replaceAll(/ePSA: 2000-0511|Board replaced|T-000310/g, '');
    expect(own).not.toMatch(/[A-Za-z]/);
    expect(persian).toContain('- Board replaced');
    expect(persian).toContain('T-000310');
  });
  it('leaves out what the ticket does not have: no notes, no resolution note', () => {
    expect(localWriteUp({ ...writeUp, tried: [], note: null })).toBe(['## Problem', 'فن صدا می‌دهد', '', '## Resolution', 'Fixed remotely', '', '_From ticket T-000310._'].join('\n'));
  });
  it('lists under "What was tried" the work notes, not the escalation and hand-back messages', () => {
    const events = [
      { type: 'ADD_NOTE', note: 'ePSA fan test passed' },
      { type: 'ESCALATE', note: 'Over to tier 2, the customer is impatient' },
      { type: 'WAIT_ON_CUSTOMER', note: 'Asked for a video of the noise' },
      { type: 'CUSTOMER_REPLIED', note: 'Loud only on battery' },
      { type: 'DEESCALATE', note: 'Ava: call the customer and walk them through the thermal profile' },
      { type: 'WAIT_ON_CUSTOMER' },
      { type: 'RESOLVE', note: 'Set thermal profile to Quiet' },
    ];
    expect(triedNotes(events)).toEqual(['ePSA fan test passed', 'Asked for a video of the noise', 'Loud only on battery']);
  });
});

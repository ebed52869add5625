import { afterEach, describe, expect, it } from 'vitest';
import type { SyncConflict } from '../../shared/syncApi';
import { setLocale } from '../i18n/state';
import { interactionText } from '../labels';
import { conflictNextStep, conflictSummary } from './conflictText';

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

  it('says a ticket’s line in the contact history in the reader’s words, and any other line as written', async () => {
    const line = 'Escalated T-000003 to tier 2 (repeat failure): Ran ePSA: memory failed';
    expect(interactionText(line)).toBe('Escalated T-000003 to Tier 2 (Repeat failure): Ran ePSA: memory failed');
    await setLocale('fa', 'arabext');
    expect(interactionText(line)).toContain('ارجاع شد');
    expect(interactionText(line)).toContain('Ran ePSA: memory failed');
    expect(interactionText('Asked about warranty extension')).toBe('Asked about warranty extension');
  });
});

import { describe, expect, it } from 'vitest';
import { interactionLine, readInteractionLine, renumberedLine, type TicketInteraction } from './interactionText';

// The contact history's lines are written in English and read back into their parts, so a
// Persian window can say them in Persian: every line written must read back as it was.

describe('interaction lines', () => {
  const lines: Array<[TicketInteraction, string]> = [
    [{ kind: 'opened', number: 'T-000012', subject: 'Fan: loud after the update' }, 'Opened T-000012: Fan: loud after the update'],
    [{ kind: 'note', number: 'T-000012', note: 'Called back: no answer.\nTry tomorrow' }, 'Note on T-000012: Called back: no answer.\nTry tomorrow'],
    [{ kind: 'note', number: 'T-000012', note: null }, 'Note on T-000012'],
    [{ kind: 'replied', number: 'T-000012', note: 'مشتری پاسخ داد' }, 'Customer replied on T-000012: مشتری پاسخ داد'],
    [{ kind: 'askedCustomer', number: 'T-000012', note: null }, 'Asked the customer for information on T-000012'],
    [{ kind: 'resolved', number: 'T-001000', code: 'known_issue_workaround', note: 'Confirmed working' }, 'Resolved T-001000 (known issue workaround): Confirmed working'],
    [{ kind: 'escalated', number: 'T-000003', tier: 2, reason: 'repeat_failure', note: null }, 'Escalated T-000003 to tier 2 (repeat failure)'],
  ];

  it('writes each kind as the desk always has, and reads it back into the same parts', () => {
    for (const [parts, line] of lines) {
      expect(interactionLine(parts)).toBe(line);
      expect(readInteractionLine(line)).toEqual(parts);
    }
  });

  it('leaves any other line alone: a call logged by hand, an imported comment, an unknown code', () => {
    for (const line of ['Asked about warranty extension', 'Opened the case in Zendesk', 'Resolved T-000001 (magic)', 'Escalated T-000001 to tier 2 (whim): x', 'Note on T-00001x']) {
      expect(readInteractionLine(line)).toBeNull();
    }
  });

  it('names the number a ticket has after the hub renumbered it, in each kind of line; other lines stay', () => {
    for (const [parts, line] of lines) expect(renumberedLine(line, parts.number, 'T-000099')).toBe(interactionLine({ ...parts, number: 'T-000099' }));
    expect(renumberedLine('Opened T-000012: Fan', 'T-000012', 'T-000014')).toBe('Opened T-000014: Fan');
    expect(renumberedLine('Opened T-000013: Fan', 'T-000012', 'T-000014')).toBeNull();
    expect(renumberedLine('Asked about warranty extension', 'T-000012', 'T-000014')).toBeNull();
  });
});

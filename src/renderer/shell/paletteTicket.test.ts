import { describe, expect, it } from 'vitest';
import { paletteTicketActions } from './paletteTicket';

// Sam, keyboard only, opens the palette (Ctrl+Shift+P) on a ticket just escalated to tier 2.
// The bar offers Take, Customer replied, Add note: so must the palette. Before, it always
// listed Escalate, Resolve, Add note, Wait on customer, Customer replied, whatever the ticket
// allowed (Escalate opened a dialog that said it could not be done), and never Take, Hand back
// down, Reopen, Assign, Change priority or Close.

describe('the palette’s commands for this ticket', () => {
  it('are the actions the ticket allows, in the action bar’s order', () => {
    expect(paletteTicketActions(['ADD_NOTE', 'CUSTOMER_REPLIED', 'TAKE'])).toEqual(['TAKE', 'CUSTOMER_REPLIED', 'ADD_NOTE']);
    // Tara at tier 3 hands a ticket back down; a resolved ticket is reopened or closed.
    expect(paletteTicketActions(['RESOLVE', 'DEESCALATE', 'WAIT_ON_CUSTOMER', 'CUSTOMER_REPLIED', 'ADD_NOTE'])).toContain('DEESCALATE');
    expect(paletteTicketActions(['ADD_NOTE', 'REOPEN', 'CLOSE'])).toEqual(['ADD_NOTE', 'REOPEN', 'CLOSE']);
    // A supervisor's assign and priority.
    expect(paletteTicketActions(['ASSIGN', 'CHANGE_PRIORITY'])).toEqual(['ASSIGN', 'CHANGE_PRIORITY']);
  });

  it('are none while the ticket loads, and never an action it does not allow', () => {
    expect(paletteTicketActions(undefined)).toEqual([]);
    expect(paletteTicketActions(['TAKE', 'ADD_NOTE'])).not.toContain('ESCALATE');
    expect(paletteTicketActions(['TAKE', 'ADD_NOTE'])).not.toContain('RESOLVE');
  });
});

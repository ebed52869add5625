import { describe, expect, it } from 'vitest';
import { TICKET_EVENT_TYPES } from '../../shared/ticketMachine';
import type { TicketChange } from '../backend';
import { movesKnowledgeBoard } from './knowledgeLive';

const change = (type: TicketChange['type']): TicketChange => ({
  ticketId: '01890000-0000-7000-8000-000000000001',
  customerId: '01890000-0000-7000-8000-000000000002',
  number: 'T-000123',
  state: 'tier1.open',
  tier: 1,
  segment: 'education',
  assigneeId: null,
  type,
  actorId: 'someone',
  at: 0,
});

describe('the board’s satisfaction and trends panels on a ticket change', () => {
  it('read again when a ticket is opened (it joins its week’s trends) or renumbered (told as its creation)', () => {
    expect(movesKnowledgeBoard(change('CREATED'))).toBe(true);
  });

  it('read again for a ticket that arrived from the hub opened and taken in one pull (told by its take, marked new)', () => {
    expect(movesKnowledgeBoard({ ...change('TAKE'), created: true })).toBe(true);
  });

  it('do not recompute their month on a note, a take, a resolution or any other step of a ticket', () => {
    for (const type of TICKET_EVENT_TYPES) expect(movesKnowledgeBoard(change(type)), type).toBe(false);
  });
});

import { expect, it } from 'vitest';
import type { TicketRow } from '../../shared/api';
import { openTicketsBySystem, ticketsOnSystem } from './ticketsOnSystem';

const row = (id: string, assetId: string | null, state: TicketRow['state'], updatedAt: number): TicketRow => ({
  id, number: `T-${id}`, subject: 'Laptop will not boot', customerId: 'maria', customerName: 'Maria Gonzalez', assetId, serviceTag: assetId,
  segment: 'home', serviceLevel: 'standard', priority: 'normal', tier: 1, state, assigneeId: null, assigneeName: null,
  createdAt: 0, updatedAt, seq: 1, dueAt: null, sla: null,
});

// Maria calls again about the laptop that will not boot: New ticket on that laptop must find
// the ticket already open on it (newest first), and none on her other laptops or on "no system".
it('finds the open tickets on the system the new ticket is for, newest first, and only those', () => {
  const open = [row('1', 'hx4', 'tier1.open', 10), row('2', 'a1l', 'tier1.open', 30), row('3', 'hx4', 'tier2.inProgress', 20), row('4', null, 'tier1.open', 40)];
  expect(ticketsOnSystem('hx4', open, []).open.map((r) => r.id)).toEqual(['3', '1']);
  expect(ticketsOnSystem('74c', open, []).open).toEqual([]);
  expect(ticketsOnSystem(null, open, [])).toEqual({ open: [], resolved: null });
  expect(ticketsOnSystem('', open, [])).toEqual({ open: [], resolved: null });
});

// A week after it was resolved the fault came back: the resolved ticket (which can be reopened)
// is offered; a closed one cannot be reopened and is not.
it('offers the latest resolved ticket on the system, never a closed one', () => {
  const past = [row('5', 'hx4', 'closed', 50), row('6', 'hx4', 'resolved', 20), row('7', 'hx4', 'resolved', 30), row('8', 'a1l', 'resolved', 60)];
  expect(ticketsOnSystem('hx4', [], past).resolved?.id).toBe('7');
  expect(ticketsOnSystem('hx4', [], [row('5', 'hx4', 'closed', 50)]).resolved).toBeNull();
});

it('groups open tickets by system for the system rows, newest first', () => {
  const by = openTicketsBySystem([row('1', 'hx4', 'tier1.open', 10), row('3', 'hx4', 'tier2.waiting', 20), row('4', null, 'tier1.open', 40)]);
  expect(by.get('hx4')?.map((r) => r.id)).toEqual(['3', '1']);
  expect([...by.keys()]).toEqual(['hx4']);
});

import type { Output } from '../../../shared/api';
import type { Clock, DeskOptions } from '../desk';
import type { Sql } from '../db/exec';
import type { CustomerViewReader } from '../customerView';
import type { SlaStore } from '../sla';
import type { SlaScheduler } from '../slaScheduler';
import type { TicketService } from '../tickets';
import type { TicketStore } from '../ticketStore';
import type { UserDirectory } from '../users';
import type { lookupService } from '../lookup';

/** What the handlers work with: the desk's services, built once by openDesk. */
export interface DeskContext {
  options: DeskOptions;
  clock: Clock;
  db: Sql;
  users: UserDirectory;
  sla: SlaStore;
  /** Ticket reads: queue pages, inboxes, the board, a ticket's page. */
  tickets: TicketService;
  /** Ticket writes: the ticket log's store. */
  store: TicketStore;
  scheduler: SlaScheduler;
  view: CustomerViewReader;
  lookup: ReturnType<typeof lookupService>;
  status(): Output<'desk.status'>;
  initialize(mode: 'demo' | 'empty', seed: number, customers: number): Output<'desk.status'>;
}

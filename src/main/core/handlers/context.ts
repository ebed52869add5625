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
import type { AccessLog } from '../customers/privacy';
import type { CustomerRecords } from '../customers/records';
import type { Retimer } from '../retime';

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
  /** Re-times open tickets when a calendar or policy changes (retime.ts). */
  retime: Retimer;
  view: CustomerViewReader;
  lookup: ReturnType<typeof lookupService>;
  /** Customer records: resolves a merged customer's old id to its survivor. */
  records: CustomerRecords;
  /** Privacy: every opening of a customer's record is written here (who, when, why). */
  audit: AccessLog;
  /** With `counts`, how many customers and tickets it holds (a count of each table); else null. */
  status(counts: boolean): Output<'desk.status'>;
  initialize(mode: 'demo' | 'empty', seed: number, customers: number): Output<'desk.status'>;
}

import { administers, seesBoard } from '../shared/access';
import type { User } from '../shared/domain';
import type { Route } from './route';

/**
 * Whether this person may open a page by its route: the pages only supervisors and admins
 * see (the board, SLA settings, customer data) and the admins' People page. Every other page
 * (a ticket, a customer, a queue) checks what it shows itself, and is kept on a switch of user.
 */
export function mayOpenPage(route: Route, user: User): boolean {
  switch (route.name) {
    case 'overview':
    case 'slaSettings':
    case 'slaPolicy':
    case 'slaCalendar':
    case 'dataQuality':
      return seesBoard(user);
    case 'hubUsers':
    case 'backups':
    case 'desks':
      return administers(user);
    default:
      return true;
  }
}

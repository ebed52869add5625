import type { TicketChange } from '../backend';

// When the board's satisfaction and trends panels read again. They are monthly aggregates of
// counts kept as things happen (csatCounts.ts, trendCounts.ts), not of tickets' states:
// - trends count tickets in the week they were opened, by product line and category, and the
//   feature requests in satisfaction comments;
// - satisfaction counts scores per day, and lists the low ones by ticket number and customer.
// Of ticket changes only a creation moves them: a new ticket joins its week, and a ticket
// renumbered (the hub's number won) is told as its creation, with the number its low score is
// listed by. A ticket arriving from the hub opened and taken in one pull is told once, by its
// take, marked `created`: it is new here all the same. A note, a take, an escalation, a
// resolution or a close moves neither; a score is not a ticket change at all and comes as
// 'csat.changed' (useCall's csatScores).

/** Whether this ticket change can move the board's satisfaction or trends figures. */
export const movesKnowledgeBoard = (change: TicketChange): boolean => change.type === 'CREATED' || change.created === true;

/**
 * The trends follow every customer's record: a feature request's examples may be a customer's
 * satisfaction comment, which their erasure takes off (the record does not say whose it was).
 */
export const anyCustomer = (_customerId: string): boolean => true;

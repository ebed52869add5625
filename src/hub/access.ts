// The hub decides who may do what with the desk's own rules: one module, src/shared/access.ts,
// so a tampered desk meets on the hub the same answer an honest one gets locally.
export { administers, mayActAtTier, mayViewDesks, mayHaveSegments, mayCarryDeskWork, answersForDeskWork, maySendWorkOf, maySetActive, maySetRole, mayCreateTicket, mayHold, mayTake, mayWorkSegment, seesSegment, type Person, type Refusal } from '../shared/access';

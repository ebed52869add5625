// One ticket log, the same on every desk and on the hub:
// - envelope.ts  the event envelope (zod), system event ids, how other areas use the outbox;
// - decide.ts    decide(state, command, actor, now) -> events | refusal (all checks, pure);
// - evolve.ts    evolve(state, event) -> state, and replayLog(events);
// - sla.ts       the SLA projection derived from the log;
// - cameBack.ts  whether a ticket came back to its holder (handed back, reopened).
export * from './envelope';
export * from './decide';
export * from './evolve';
export * from './sla';
export * from './cameBack';
export * from './deskVersion';

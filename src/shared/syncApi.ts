import { z } from 'zod';
import { deskNameSchema } from './deskName';
import { idSchema, roleSchema, segmentSchema, tierSchema } from './domain';

// The desk's sync with a hub, as the UI sees it: its state (alone, or joined and online or
// offline, with what waits to be sent and what the hub refused), the conflicts list, and
// presence on a ticket (who else has it open or is typing on it).

/**
 * The hub's log went back behind this desk (its database restored from an older backup), until
 * the reader dismisses it: when the desk found it, how many changes the reader made here the hub
 * had lost, and for supervisors and admins, how many of the desk's. The desk sends them again:
 * of those counted (the desk's when `desk` is there, else the reader's), how many are still to
 * go, and how many the hub refused (each a conflict for its author).
 */
export const hubRestoredNoticeSchema = z.object({
  at: z.number(),
  mine: z.number().int().nonnegative(),
  desk: z.number().int().nonnegative().optional(),
  waiting: z.number().int().nonnegative(),
  refused: z.number().int().nonnegative(),
});
export type HubRestoredNotice = z.infer<typeof hubRestoredNoticeSchema>;

export const syncStatusSchema = z.discriminatedUnion('mode', [
  /** Not joined to a hub: the desk works alone. */
  z.object({ mode: z.literal('alone') }),
  z.object({
    mode: z.literal('hub'),
    url: z.string(),
    /** Whether the hub answers this desk now (news by its live socket, or by asking every few seconds when that socket is refused). */
    online: z.boolean(),
    /** Changes made here that the hub has not yet accepted or refused. */
    pending: z.number().int().nonnegative(),
    /** Changes the hub refused, not yet dismissed by their author. */
    conflicts: z.number().int().nonnegative(),
    /** When the desk last heard from the hub (epoch ms), null if never. */
    lastSyncedAt: z.number().nullable(),
    /** The hub's global sequence this desk has applied up to. */
    cursor: z.number().int().nonnegative(),
    /** Why some pending changes cannot be sent now, in words ("Changes by Ava wait until she signs in again..."). */
    waiting: z.array(z.string()).optional(),
    /** The person reading it has no current hub session here (the hub ended it): they must sign in again. */
    signInAgain: z.boolean().optional(),
    /**
     * Not online because no one at this desk has a current hub session (the hub ended them,
     * or they expired), not because the hub cannot be reached: nothing is sent or received
     * until someone signs in again.
     */
    noSession: z.boolean().optional(),
    /**
     * How far this computer's clock is ahead of the hub's (ms; negative: behind), as the last
     * hub answer showed. Past 2 minutes the desk says so (clockSkew.ts); it keeps the hub's
     * time for its work meanwhile. Absent before the hub has answered.
     */
    clockSkewMs: z.number().optional(),
    /** The hub lost changes it had (restored from an older backup): said to those it concerns until they dismiss it. */
    hubRestored: hubRestoredNoticeSchema.optional(),
    /** This desk's name (src/shared/deskName.ts), as the hub hears it; absent when it has none. */
    deskName: z.string().optional(),
    /**
     * This desk's data folder was a copy (an imaged machine) and it took an identity of its own
     * (deskPlace.ts): said on every page to whoever signs in, until one of them dismisses it.
     * `fromName`: the name of the desk it was copied from, when it had one.
     */
    rekeyed: z.object({ at: z.number(), fromName: z.string().nullable() }).optional(),
  }),
]);

/** This desk's name and id (the Desks page's field; an admin renames it). */
export const deskNameStateSchema = z.object({ name: z.string().nullable(), deskId: z.string() });
export type SyncStatus = z.infer<typeof syncStatusSchema>;

/** A change this desk made that the hub refused, with what happened and what to do next. */
export const syncConflictSchema = z.object({
  eventId: z.uuid(),
  stream: z.string(),
  entityId: idSchema,
  /** The ticket's number when the stream is 'ticket', for the link. */
  ticketNumber: z.string().nullable(),
  type: z.string(),
  /** What the author tried, in words ("Take ticket T-1042"). */
  summary: z.string(),
  /** Why the hub refused it. */
  reason: z.string(),
  /** What the author can do now ("Open the ticket: Sam took it at 10:42"). */
  nextStep: z.string(),
  actorId: z.string(),
  deskTime: z.number(),
  refusedAt: z.number(),
  /** What the author typed into the change (a note, a subject, new values), as typed; null if nothing. */
  written: z.string().nullable(),
  /**
   * The refused change this one follows from (listed just before it): the same person's take
   * of the ticket, refused, without which they could not do this. Absent when it stands alone.
   */
  followsFrom: z.uuid().optional(),
  /**
   * The desk's own account whose work it was ("Import from zendesk", "First-line agent"), when
   * an admin reads it (access.ts answersForDeskWork); absent for the reader's own change.
   */
  deskAccount: z.string().optional(),
  /**
   * The person whose change it was, when the hub has deactivated them since and an admin reads it
   * (access.ts refusalsGoToAdmins: they cannot sign in to read it); absent otherwise.
   */
  deactivatedAuthor: z.string().optional(),
  /**
   * For a change of another stream than tickets: the record it was about as the desk knows it
   * now (conflicts.ts recordOf), for the page to name it in the reader's language. `name`: the
   * contact's name, the system's service tag, the policy's, calendar's, article's or account's
   * name, or the rated ticket's number (null when the desk no longer has it); `customer`: the
   * customer's name (null when gone); `gone`: why the customer is not there ('erased',
   * 'merged' into `mergedInto`, or 'missing'); `link`: where to open it, if anywhere.
   */
  record: z
    .object({
      name: z.string().nullable(),
      customer: z.string().nullable(),
      gone: z.enum(['erased', 'merged', 'missing']).nullable(),
      mergedInto: z.string().nullable(),
      link: z
        .discriminatedUnion('to', [
          z.object({ to: z.literal('customer'), id: z.string() }),
          z.object({ to: z.literal('slaPolicy'), id: z.string() }),
          z.object({ to: z.literal('slaCalendar'), id: z.string() }),
          z.object({ to: z.literal('slaSettings') }),
          z.object({ to: z.literal('kbArticle'), id: z.string() }),
          z.object({ to: z.literal('ticket'), id: z.string(), number: z.string() }),
        ])
        .nullable(),
    })
    .optional(),
});
export type SyncConflict = z.infer<typeof syncConflictSchema>;
export type ConflictRecord = NonNullable<SyncConflict['record']>;

export const presenceStateSchema = z.enum(['viewing', 'typing', 'left']);
export const presenceSchema = z.object({
  ticketId: idSchema,
  userId: z.string(),
  name: z.string(),
  /** Their role and tier as the hub knows them ("Sam (tier 2) is viewing"), when it said so. */
  role: roleSchema.optional(),
  tier: tierSchema.optional(),
  state: presenceStateSchema,
  deskId: z.string(),
  /** The desk's name (src/shared/deskName.ts), when the hub knows one. */
  deskName: z.string().optional(),
  since: z.number(),
});
export type Presence = z.infer<typeof presenceSchema>;

/** Added to the API map in api.ts (input, output; none public). */
export const syncMethodSchemas = {
  'sync.status': { input: z.object({}), output: syncStatusSchema },
  /** The signed-in person's refused changes: the latest refusals first, each cause before what follows from it. */
  'sync.conflicts': { input: z.object({}), output: z.array(syncConflictSchema) },
  /** The author has seen a conflict and dealt with it: it leaves the list. */
  'sync.dismissConflict': { input: z.object({ eventId: z.uuid() }), output: z.null() },
  /** The reader has seen that the hub was restored from an older backup: the notice leaves their window. */
  'sync.dismissHubRestored': { input: z.object({}), output: z.null() },
  /** The reader has seen that this desk was copied and took a new identity: the notice leaves every window. */
  'sync.dismissRekeyed': { input: z.object({}), output: z.null() },
  /** This desk's name and id. */
  'deskName.get': { input: z.object({}), output: deskNameStateSchema },
  /** An admin names this desk (trimmed, 1 to 60 characters); the hub hears it with the desk's next call. */
  'deskName.set': { input: z.object({ name: deskNameSchema }), output: deskNameStateSchema },
  /** Says this person has the ticket open, is typing on it, or left it; relayed through the hub. */
  'presence.set': { input: z.object({ ticketId: idSchema, state: presenceStateSchema }), output: z.null() },
  /** Who else has the ticket open now (not the asker). */
  'presence.of': { input: z.object({ ticketId: idSchema }), output: z.array(presenceSchema) },
} as const;

/** Added to pushEvents in api.ts. */
export const syncPushSchemas = {
  /** The sync state changed (online/offline, pending, conflicts, cursor). */
  'sync.changed': syncStatusSchema,
  /** Someone's presence on a ticket changed. */
  'presence.changed': presenceSchema,
  /**
   * This person's take of a ticket lost to someone else's (the hub had theirs first): told at
   * once, with the queue, so they can take the next one. Only to the one who lost.
   */
  'sync.takenFirst': z.object({ ticketId: idSchema, number: z.string(), takenBy: z.string(), segment: segmentSchema, tier: tierSchema }),
  /**
   * A ticket opened on this desk lost its number to another desk's ticket that reached the hub
   * first, and has another now (the next free one, or the one the hub gave it): who opened it
   * and who holds it are told, as the old number may have been read to the caller.
   */
  'sync.renumbered': z.object({ ticketId: idSchema, from: z.string(), to: z.string() }),
} as const;

import { z } from 'zod';
import { hearsOfHubRestore } from '../../../shared/access';
import type { User } from '../../../shared/domain';
import type { HubRestoredNotice } from '../../../shared/syncApi';
import type { Sql } from '../db/exec';

// What a desk says when its hub's log went back behind it (the hub's database restored from an
// older backup; engine.ts hubWentBack): kept in `meta` until each person it concerns has
// dismissed it, so a restart of the desk does not forget it. It concerns the people whose changes
// made at this desk the hub no longer has (each hears of their own), and the supervisors and
// admins at the desk (they hear of all of them, and of a restore that lost nothing of this desk's).
// The desk sends those changes again (hub_resends lists them): the notice counts how many are
// still to go and how many the hub refused.

const KEY = 'hub_restored';

const keptSchema = z.object({
  /** When this desk found the hub had gone back (epoch ms; the latest time, if more than once). */
  at: z.number(),
  /** Changes made here that the hub had accepted and no longer has, by their author's id. */
  lostBy: z.record(z.string(), z.number().int().nonnegative()),
  /** Who has dismissed it since it was last found. */
  dismissedBy: z.array(z.string()),
});
type Kept = z.infer<typeof keptSchema>;

function read(db: Sql): Kept | null {
  const row = db.get(db.kysely.selectFrom('meta').select('value').where('key', '=', KEY));
  if (!row) return null;
  try {
    return keptSchema.safeParse(JSON.parse(row.value)).data ?? null;
  } catch {
    return null;
  }
}

function write(db: Sql, kept: Kept): void {
  const value = JSON.stringify(kept);
  db.run(db.kysely.insertInto('meta').values({ key: KEY, value }).onConflict((c) => c.column('key').doUpdateSet({ value })));
}

/**
 * The hub went back (again): adds what it lost of this desk's to what was kept, and says it
 * anew to everyone it concerns, those who had dismissed an earlier one too. Call inside a write.
 */
export function keepHubRestored(db: Sql, at: number, lostBy: Record<string, number>): void {
  const before = read(db);
  const all: Record<string, number> = { ...before?.lostBy };
  for (const [id, n] of Object.entries(lostBy)) if (n > 0) all[id] = (all[id] ?? 0) + n;
  write(db, { at, lostBy: all, dismissedBy: [] });
}

/**
 * Of what keepHubRestored was told the hub lost, these the hub had all the same (the desk's log
 * read again brought them): taken off the counts. Call inside a write.
 */
export function forgetHubRestored(db: Sql, backBy: Record<string, number>): void {
  const kept = read(db);
  if (!kept) return;
  const lostBy: Record<string, number> = {};
  for (const [id, n] of Object.entries(kept.lostBy)) {
    const left = n - (backBy[id] ?? 0);
    if (left > 0) lostBy[id] = left;
  }
  write(db, { ...kept, lostBy });
}

/** The notice as this person sees it, or null when it does not concern them or they dismissed it. */
export function hubRestoredFor(db: Sql, user: User | null): HubRestoredNotice | null {
  const kept = user && read(db);
  if (!kept || kept.dismissedBy.includes(user.id)) return null;
  const mine = kept.lostBy[user.id] ?? 0;
  const oversees = hearsOfHubRestore(user);
  if (!oversees && mine === 0) return null;
  const desk = Object.values(kept.lostBy).reduce((a, b) => a + b, 0);
  return { at: kept.at, mine, ...(oversees ? { desk } : {}), ...resent(db, oversees ? null : user.id) };
}

/**
 * Of the changes sent again after the hub went back (engine.ts hubWentBack; of one author, or
 * of the desk): how many are still in the outbox, and how many became conflicts (the hub
 * refused them, or they no longer applied on what the hub has now).
 */
function resent(db: Sql, actorId: string | null): { waiting: number; refused: number } {
  const k = db.kysely;
  let waiting = k.selectFrom('hub_resends as h').innerJoin('outbox as o', 'o.event_id', 'h.event_id').select((eb) => eb.fn.countAll<number>().as('n'));
  let refused = k.selectFrom('hub_resends as h').innerJoin('sync_conflicts as c', 'c.event_id', 'h.event_id').select((eb) => eb.fn.countAll<number>().as('n'));
  if (actorId !== null) {
    waiting = waiting.where('h.actor_id', '=', actorId);
    refused = refused.where('h.actor_id', '=', actorId);
  }
  return { waiting: Number(db.get(waiting)?.n ?? 0), refused: Number(db.get(refused)?.n ?? 0) };
}

/** This person has read it: it leaves their window (the others it concerns still see it). False if there was nothing to dismiss. */
export function dismissHubRestored(db: Sql, userId: string): boolean {
  return db.write(() => {
    const kept = read(db);
    if (!kept || kept.dismissedBy.includes(userId)) return false;
    write(db, { ...kept, dismissedBy: [...kept.dismissedBy, userId] });
    return true;
  });
}

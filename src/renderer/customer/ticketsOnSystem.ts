import type { TicketRow } from '../../shared/api';

// The repeat caller: Maria rings again about the laptop that will not boot, and whoever answers
// must see the ticket already open on it, not open a second one. What the 360° view knows of
// the tickets on one system, for its system rows and for New ticket's warning.

export interface OnSystem {
  /** Open tickets on the system, most recently updated first. */
  open: TicketRow[];
  /** The latest ticket on it that is resolved (not closed): it can be reopened if the problem came back. */
  resolved: TicketRow | null;
}

const newestFirst = (a: TicketRow, b: TicketRow) => b.updatedAt - a.updatedAt;

/** The tickets on `assetId` (none for "No particular system": any ticket could be about anything). */
export function ticketsOnSystem(assetId: string | null, open: readonly TicketRow[], past: readonly TicketRow[]): OnSystem {
  if (!assetId) return { open: [], resolved: null };
  const mine = (r: TicketRow) => r.assetId === assetId;
  const resolved = past.filter((r) => mine(r) && r.state === 'resolved').sort(newestFirst)[0] ?? null;
  return { open: open.filter(mine).sort(newestFirst), resolved };
}

/** Per system, its open tickets, most recently updated first (for the system rows). */
export function openTicketsBySystem(open: readonly TicketRow[]): Map<string, TicketRow[]> {
  const by = new Map<string, TicketRow[]>();
  for (const r of [...open].sort(newestFirst)) {
    if (!r.assetId) continue;
    const list = by.get(r.assetId) ?? [];
    list.push(r);
    by.set(r.assetId, list);
  }
  return by;
}

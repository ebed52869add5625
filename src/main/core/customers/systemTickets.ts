import type BetterSqlite3 from 'better-sqlite3';
import { trendCounter } from '../kb/trendCounts';
import { OF_ASSET } from '../ticketRows';

// What a corrected system record changes on its tickets: the service tag their rows show, and
// the product line the board's weekly trends count them under. One place for both the agent's
// correction (records.ts) and one arriving from another desk (customerStream.ts).

export interface SystemFields {
  service_tag: string;
  product_line: string;
}

export function systemTickets(sqlite: BetterSqlite3.Database) {
  const trends = trendCounter(sqlite);
  const retag = sqlite.prepare<[string, string, string, string]>(`UPDATE tickets SET service_tag = ? WHERE ${OF_ASSET}`);
  return {
    /** The system's record went from `before` to `after` (the fields `after` names), in the caller's transaction. */
    corrected(assetId: string, before: SystemFields, after: Partial<SystemFields>): void {
      if (after.service_tag !== undefined && after.service_tag !== before.service_tag) retag.run(after.service_tag, assetId, assetId, assetId);
      if (after.product_line !== undefined) trends.moveAsset(assetId, before.product_line, after.product_line);
    },
  };
}

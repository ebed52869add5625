import type { TicketLink } from '../../shared/api';
import { patchDraft, setSessionValue } from '../drafts';

/**
 * "New ticket following T-…", from a ticket page past its reopen window: the customer's New
 * ticket opens (on their 360° view) on the same system, its draft linked to the earlier ticket
 * (NewTicketModal's draft: `assetId`, `follows`). The caller navigates to the view.
 */
export function startFollowUp(customerId: string, assetId: string | null, earlier: TicketLink): void {
  patchDraft<{ assetId: string; follows: TicketLink }>(`newTicket.${customerId}`, { assetId: assetId ?? '', follows: earlier });
  setSessionValue(`newTicket.open.${customerId}`, assetId ?? '');
}

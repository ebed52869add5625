// Where focus goes once a conflict is dismissed: the card that takes its place (the next
// one), or the one before it when it was the last; null when none is left, and the page's
// heading has it then (shell/pageFocus.ts).

/** The card to focus after `dismissed` leaves a list of cards shown in this order. */
export function cardAfterDismiss(shown: readonly string[], dismissed: string): string | null {
  const at = shown.indexOf(dismissed);
  if (at < 0) return null;
  return shown[at + 1] ?? shown[at - 1] ?? null;
}

/** The id of a conflict's card, for focus to be moved to it. */
export const conflictCardId = (eventId: string): string => `conflict-card-${eventId}`;

import type { Presence } from '../../shared/syncApi';

// Who else is on a ticket, as this window keeps it: the desk's one-off answer to "who is here?"
// and the changes pushed to the window, in the order they happened.

/** One person's change applied to the list: their new state, or gone when they left. */
export function applyPresence(list: readonly Presence[], p: Presence): Presence[] {
  const rest = list.filter((o) => !(o.userId === p.userId && o.deskId === p.deskId));
  return p.state === 'left' ? rest : [...rest, p].sort((a, b) => a.since - b.since);
}

/**
 * The list once the first answer arrives. The answer may have been read before a change that
 * was pushed to the window ahead of it: what was heard meanwhile is applied again on top of
 * the answer rather than overwritten by it. This person's own presence is not listed.
 */
export function settleFirstAnswer(answer: readonly Presence[], heardMeanwhile: readonly Presence[], me: string): Presence[] {
  return heardMeanwhile.reduce(applyPresence, answer.filter((p) => p.userId !== me));
}

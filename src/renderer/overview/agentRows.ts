// How many rows the board's agents' table has, remembered from the last time it was drawn
// (local storage: across reloads and restarts, one desk per origin), so the placeholder drawn
// before the board arrives is the table's size and nothing below it moves when it does.
// A desk whose board was never drawn here gets DEFAULT_AGENT_ROWS.

const KEY = 'tagdesk.board.agentRows';
/** Rows of placeholders on a desk whose board this window has never drawn. */
export const DEFAULT_AGENT_ROWS = 6;
/** Past this a stored count is not believed (a hand edit, another build's value). */
const MAX_AGENT_ROWS = 1000;

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // a locked-down profile: no memory, the default
  }
}

/** The rows the agents' table had when last drawn; the default when never drawn (or not kept). */
export function pendingAgentRows(): number {
  const stored = Number(storage()?.getItem(KEY) ?? Number.NaN);
  return Number.isInteger(stored) && stored >= 0 && stored <= MAX_AGENT_ROWS ? stored : DEFAULT_AGENT_ROWS;
}

/** Remembers the rows the agents' table was just drawn with. */
export function rememberAgentRows(rows: number): void {
  try {
    if (storage()?.getItem(KEY) !== String(rows)) storage()?.setItem(KEY, String(rows));
  } catch {
    // not kept (storage full or refused): the next placeholder is the default
  }
}

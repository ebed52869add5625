// How often the desk asks an agent to rate the suggestions, per kind of ticket. Ratings cost
// the agent a click on every call; once the suggestions for a kind of ticket are good they
// are worth less. So each kind keeps its measured precision (share of shown articles rated
// somewhat or very relevant), decayed so that recent weeks count most; at 80 % or more the
// desk asks one time in five, and below 75 % (a band, so it does not flap at the line) it
// asks every time again.

export interface PrecisionState {
  /** Decayed count of rated suggestions (shown articles). */
  shown: number;
  /** Decayed count of those rated relevant (1 or 2). */
  relevant: number;
  /** 1: ask every time; RARE: ask one time in five. */
  askRate: number;
}

export const HIGH = 0.8;
const LOW = 0.75;
export const RARE = 0.2;
/** Rated suggestions before the measured precision is trusted. */
const MIN_SHOWN = 24;
/** Per rated suggestion: a half-life of about 70 ratings. */
const DECAY = 0.99;

export const INITIAL_PRECISION: PrecisionState = { shown: 0, relevant: 0, askRate: 1 };

export const precisionOf = (s: PrecisionState): number | null => (s.shown >= MIN_SHOWN ? s.relevant / s.shown : null);

/** The state after one shown article was rated (relevant: rated 1 or 2). */
export function observe(s: PrecisionState, relevant: boolean): PrecisionState {
  const shown = s.shown * DECAY + 1;
  const rel = s.relevant * DECAY + (relevant ? 1 : 0);
  const p = shown >= MIN_SHOWN ? rel / shown : null;
  const askRate = p === null ? 1 : p >= HIGH ? RARE : p < LOW ? 1 : s.askRate;
  return { shown, relevant: rel, askRate };
}

/**
 * The state with one rated suggestion taken back (an agent withdrew the rating). The decayed
 * counts cannot say how much that one weighs now; it is taken at its weight when given (1),
 * which it is while it is the latest, as a mistaken rating withdrawn at once is. The decay it
 * brought to the older ones stays, so the share measured is the same as before it.
 */
export function unobserve(s: PrecisionState, relevant: boolean): PrecisionState {
  const shown = Math.max(0, s.shown - 1);
  const rel = Math.min(shown, Math.max(0, s.relevant - (relevant ? 1 : 0)));
  const p = shown >= MIN_SHOWN ? rel / shown : null;
  const askRate = p === null ? 1 : p >= HIGH ? RARE : p < LOW ? 1 : s.askRate;
  return { shown, relevant: rel, askRate };
}

/**
 * The state with one rated suggestion's rating changed to the other side of the line (very
 * relevant to not relevant, or back): it stays one shown article, and counts as relevant or
 * not as it is rated now, at its weight when given (as `unobserve`). The same side: unchanged.
 */
export function reobserve(s: PrecisionState, wasRelevant: boolean, relevant: boolean): PrecisionState {
  if (wasRelevant === relevant) return s;
  const rel = Math.min(s.shown, Math.max(0, s.relevant + (relevant ? 1 : -1)));
  const p = s.shown >= MIN_SHOWN ? rel / s.shown : null;
  const askRate = p === null ? 1 : p >= HIGH ? RARE : p < LOW ? 1 : s.askRate;
  return { shown: s.shown, relevant: rel, askRate };
}

/** FNV-1a: the same ticket always gets the same answer, tickets spread evenly. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Whether to ask for a rating on this ticket's suggestions. */
export function shouldAsk(s: PrecisionState, ticketKey: string): boolean {
  if (s.askRate >= 1) return true;
  return hash(ticketKey) % Math.round(1 / s.askRate) === 0;
}

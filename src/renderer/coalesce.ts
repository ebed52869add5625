// Live screens refetch when tickets change, and a change often comes in a burst (a sync batch,
// a supervisor's bulk action). A burst is coalesced, but the first change of a quiet moment is
// acted on at once: a plain trailing debounce held every single change back by its whole
// window, so a ticket escalated on another desk reached the specialist's queue 150 ms late.

export interface Coalescer {
  /** Something changed: run now if the last run is a window old, else once when the window ends. */
  trigger(): void;
  /** Drop a run still waiting (the screen went away). */
  cancel(): void;
}

/**
 * Runs `run` on the first trigger at once, then at most once per `windowMs` while triggers keep
 * coming; the last trigger of a burst is always followed by a run.
 */
export function coalescer(run: () => void, windowMs: number): Coalescer {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending = false;
  const windowEnds = () => {
    timer = undefined;
    if (!pending) return;
    pending = false;
    run();
    timer = setTimeout(windowEnds, windowMs);
  };
  return {
    trigger() {
      if (timer !== undefined) {
        pending = true;
        return;
      }
      run();
      timer = setTimeout(windowEnds, windowMs);
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
      pending = false;
    },
  };
}

// What a language switch leaves for after its first frame (the charts) waits for that frame
// to be on screen, not merely for it to start.

/**
 * Runs `run` once the frame now being prepared has been painted: a task queued from a
 * requestAnimationFrame callback runs only after that frame's style, layout and paint.
 * Returns a function that cancels it.
 */
export function afterPaint(run: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => (timer = setTimeout(run, 0)));
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

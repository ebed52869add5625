import { useEffect, useState } from 'react';

// The board's charts load on their own (boardCharts.ts), once, when a chart first asks for
// them: the board's heading, tables and figures are drawn meanwhile, each chart's box kept at
// its size by a placeholder. A chart drawn again (another visit) has them at once.

export type BoardCharts = typeof import('./boardCharts');

let loaded: BoardCharts | null = null;
let pending: Promise<BoardCharts> | null = null;

/** Fetches the charts' module now (once); resolves when charts can be drawn. */
export function loadBoardCharts(): Promise<BoardCharts> {
  return (pending ??= import('./boardCharts').then(
    (module) => (loaded = module),
    (error: unknown) => {
      pending = null; // a later visit tries again
      throw error;
    },
  ));
}

/** The charts' module, or null while it loads (the component is drawn again when it is in). */
export function useBoardCharts(): BoardCharts | null {
  const [failed, setFailed] = useState<Error | null>(null);
  const [, setReady] = useState(false);
  useEffect(() => {
    if (loaded) return;
    let live = true;
    loadBoardCharts().then(
      () => live && setReady(true),
      (error: unknown) => live && setFailed(error instanceof Error ? error : new Error(String(error))),
    );
    return () => {
      live = false;
    };
  }, []);
  // The page's error boundary (Shell) says what failed and offers a reload, as for a page's own script.
  if (failed) throw failed;
  return loaded;
}

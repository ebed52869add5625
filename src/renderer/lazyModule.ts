import { useEffect, useState } from 'react';

// A module fetched once, when first wanted (a page, the board's charts): lazyPages.tsx and
// overview/lazyCharts.ts. Not React.lazy, which suspends even when the module is already in
// (see lazyPages.tsx): a component using it renders at once when the module is there, and
// is drawn again when it arrives.

export interface LazyModule<T> {
  /** Fetches the module now (once); resolves when it is in. A failed fetch is tried again next time. */
  preload(): Promise<T>;
  /**
   * A hook: the module, or null while it loads (the component is drawn again when it is in).
   * A failed load is thrown to the page's error boundary (Shell), which says what failed and
   * offers a reload.
   */
  useModule(): T | null;
}

export function lazyModule<T>(load: () => Promise<T>): LazyModule<T> {
  let loaded: T | null = null;
  let pending: Promise<T> | null = null;
  const preload = () =>
    (pending ??= load().then(
      (module) => (loaded = module),
      (error: unknown) => {
        pending = null; // a later visit tries again
        throw error;
      },
    ));
  function useModule(): T | null {
    const [failed, setFailed] = useState<Error | null>(null);
    const [, setReady] = useState(false);
    useEffect(() => {
      if (loaded) return;
      let live = true;
      preload().then(
        () => live && setReady(true),
        (error: unknown) => live && setFailed(error instanceof Error ? error : new Error(String(error))),
      );
      return () => {
        live = false;
      };
    }, []);
    if (failed) throw failed;
    return loaded;
  }
  return { preload, useModule };
}

// Two views asking the desk the same thing at the same moment (the navigation and a page, a
// drawer's live refetch and its own after a change) share one call. But a read already on its
// way when something changed answers from before the change: a view that asks again because
// of the change must not be handed that answer. A ticket assigned from a drill-down drawer
// stayed in the drawer (until the next change anywhere on the desk): the drawer's refetch
// after the assignment joined a read a live refetch had started before it, under load.

export interface SharedReads {
  /** The read of `id` on its way since the last change, or a new one `start`ed now. */
  read<T>(id: string, start: () => Promise<T>): Promise<T>;
  /** Something changed on the desk: reads on their way now answer from before it, and are not shared again. */
  changed(): void;
}

export function sharedReads(): SharedReads {
  const running = new Map<string, Promise<unknown>>();
  return {
    read<T>(id: string, start: () => Promise<T>): Promise<T> {
      const joined = running.get(id);
      if (joined) return joined as Promise<T>;
      const started = start().finally(() => {
        // Only its own entry: after a change a newer read of the same id may stand in its place.
        if (running.get(id) === started) running.delete(id);
      });
      running.set(id, started);
      return started;
    },
    changed(): void {
      running.clear();
    },
  };
}

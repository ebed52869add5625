import { useCallback, useEffect, useState } from 'react';

// Unsaved form input survives a reload: each form keeps its draft in sessionStorage under
// its own key (per ticket, per customer), and clears it once the back end accepted it.
// Drafts are each person's own: after "Switch user" the next one at the desk starts on empty
// forms (Sam found Ava's half-typed ticket for the same customer, ready to create under his
// name), and Ava finds hers again when she is back.

const BASE = 'tagdesk.draft.';
let PREFIX = BASE;

/** Whose drafts the forms read and write from now on (the person signed in; null: nobody). */
export function draftsBelongTo(userId: string | null): void {
  PREFIX = userId === null ? BASE : `${BASE}${userId}.`;
}

function read<T>(key: string, initial: T): T {
  try {
    const raw = sessionStorage.getItem(PREFIX + key);
    return raw === null ? initial : { ...initial, ...(JSON.parse(raw) as Partial<T>) };
  } catch {
    return initial;
  }
}

function write(key: string, value: unknown): void {
  try {
    if (value === undefined) sessionStorage.removeItem(PREFIX + key);
    else sessionStorage.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // a full or disabled storage only loses the draft
  }
}

/** What is kept under `key` from earlier (a page away from its form), or null when nothing is. */
export function keptDraft<T extends object>(key: string): Partial<T> | null {
  try {
    const raw = sessionStorage.getItem(PREFIX + key);
    const value: unknown = raw === null ? null : JSON.parse(raw);
    return typeof value === 'object' && value !== null ? (value as Partial<T>) : null;
  } catch {
    return null;
  }
}

/** Adds `patch` to the draft kept under `key` from outside its form (a system row's "New ticket" picks the system). */
export function patchDraft<T extends object>(key: string, patch: Partial<T>): void {
  write(key, { ...keptDraft<T>(key), ...patch });
}

/** Forgets the draft kept under `key` (discarded from outside its form). */
export function dropDraft(key: string): void {
  write(key, undefined);
}

/** Like useState for a form object, kept in sessionStorage under `key`. */
export function useDraft<T extends object>(key: string, initial: T): [T, (patch: Partial<T>) => void, () => void] {
  const [state, setState] = useState<{ key: string; value: T }>(() => ({ key, value: read(key, initial) }));
  const value = state.key === key ? state.value : read(key, initial);
  const update = useCallback(
    (patch: Partial<T>) =>
      setState((s) => {
        const base = s.key === key ? s.value : read(key, initial);
        const next = { ...base, ...patch };
        write(key, next);
        return { key, value: next };
      }),
    // `initial` is a fresh literal on every render; only the key decides which draft this is.
    [key],
  );
  const clear = useCallback(() => {
    write(key, undefined);
    setState({ key, value: initial });
  }, [key]);
  return [value, update, clear];
}

/** A single remembered flag or string (for example which dialog was open). */
export function useSessionValue(key: string): [string | null, (value: string | null) => void] {
  const [state, setState] = useState<{ key: string; value: string | null }>(() => ({ key, value: readRaw(key) }));
  const value = state.key === key ? state.value : readRaw(key);
  const set = useCallback(
    (next: string | null) => {
      try {
        if (next === null) sessionStorage.removeItem(PREFIX + key);
        else sessionStorage.setItem(PREFIX + key, next);
      } catch {
        // ignore
      }
      setState({ key, value: next });
    },
    [key],
  );
  useEffect(() => {
    const listener = (next: string | null) => setState({ key, value: next });
    const set = outside.get(key) ?? new Set();
    set.add(listener);
    outside.set(key, set);
    return () => void set.delete(listener);
  }, [key]);
  return [value, set];
}

const outside = new Map<string, Set<(value: string | null) => void>>();

/**
 * Sets a remembered value from outside its page (the command palette opening a ticket's
 * escalate dialog): stored as the page's own setter would, and every mounted user told.
 */
export function setSessionValue(key: string, value: string | null): void {
  try {
    if (value === null) sessionStorage.removeItem(PREFIX + key);
    else sessionStorage.setItem(PREFIX + key, value);
  } catch {
    // ignore
  }
  for (const listener of outside.get(key) ?? []) listener(value);
}

function readRaw(key: string): string | null {
  try {
    return sessionStorage.getItem(PREFIX + key);
  } catch {
    return null;
  }
}

import { useSyncExternalStore } from 'react';
import type { ImportSummaryView } from '../../shared/customerApi';
import type { Problem } from '../backend';
import type { FinishedRun, ImportSource } from './importRun';

// The Import tab's form and its run, kept outside the tab: its panel is unmounted when another
// tab is chosen, and leaving it while an import ran lost the import's progress and result;
// coming back showed an empty form, from which another import could be started on top of the
// running one. The run goes on meanwhile (its call and its progress land here), and the tab
// shows it again when it comes back.

export interface ImportSession {
  from: ImportSource;
  /** The files as typed, one per line. */
  files: string;
  dryRun: boolean;
  /** Where the files' numbers without a country code are from (a two-letter code); null: the desk's country. */
  country: string | null;
  columns: string[];
  mapping: Record<string, string>;
  progress: { file: string; rows: number; share: number } | null;
  /** The last run's summary, with whether it was a trial. */
  summary: (ImportSummaryView & { dryRun: boolean }) | null;
  problem: Problem | null;
  /** An import runs (started here): its progress shows, and another cannot start. */
  busy: boolean;
  /** Asked to stop: it stops after the batch it is writing. */
  cancelling: boolean;
  lastRun: FinishedRun | null;
  /** Whose it is: another admin signing in at this window starts with an empty form, not the last one's files and result. */
  owner: string | null;
}

const INITIAL: ImportSession = { owner: null, from: 'zendesk', files: '', dryRun: true, country: null, columns: [], mapping: {}, progress: null, summary: null, problem: null, busy: false, cancelling: false, lastRun: null };

let state = INITIAL;
/** Bumped when the form is forgotten: a run started before it lands nothing in the next person's form. */
let generation = 0;
const listeners = new Set<() => void>();

export const importSession = {
  get: (): ImportSession => state,
  set(patch: Partial<ImportSession>): void {
    state = { ...state, ...patch };
    for (const l of listeners) l();
  },
  /** The form as it is now: a run compares it before it puts its result there. */
  generation: (): number => generation,
  /**
   * Forgets the form (files, mapping, the last result with its rejected rows: personal data) when
   * the person signs out or switches user: on a desk alone the next person may pick the same
   * account, and saw the previous person's files and rejects. A run still going puts nothing here.
   */
  forget(): void {
    generation++;
    importSession.set(INITIAL);
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

/** The Import tab's state for the admin signed in, and how to change it: it outlives the tab's panel. */
export function useImportSession(owner: string): [ImportSession, (patch: Partial<ImportSession>) => void] {
  // Another admin's form is not shown (an import of theirs still running goes on at the desk,
  // which the tab shows as running elsewhere).
  if (state.owner !== owner) state = { ...INITIAL, owner };
  return [useSyncExternalStore(importSession.subscribe, importSession.get), importSession.set];
}

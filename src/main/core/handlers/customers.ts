import os from 'node:os';
import path from 'node:path';
import { ApiError, type Push, type PushEventName, type PushPayload } from '../../../shared/api';
import { say } from '../../../shared/messageKeys';
import { administers, seesSegment } from '../../../shared/access';
import type { Segment, User } from '../../../shared/domain';
import { countryOf, type Country } from '../../../shared/phone';
import { customerHandlers, type CustomerHandlers } from '../customers/handlers';
import type { CustomerPrivacy } from '../customers/privacy';
import { readRejectedRows, runImport } from '../import/importer';
import { deskIdOf } from '../outbox';
import { DEFAULT_REOPEN_WINDOW_MS } from '../../../shared/ticketMachine';
import { csvColumns, recognise } from '../import/sources';
import { REJECT_KEYS } from '../../../shared/customerApi';
import type { DeskContext } from './context';
import { writingRejects } from '../import/rejectsFiles';
import { actor as actorOfSession, signedIn, type Area, type Session } from './types';

// Customer records (create, edit, merge, transfer, privacy, data quality: customers/handlers.ts)
// and imports from the desk a centre used before (import/importer.ts).

/** A dry-run import holds every other call until it has rolled back (desk.ts waits on it). */
export interface DryRun {
  current: { session: Session; done: Promise<void> } | null;
}

const requireImporter = (u: User) => {
  if (!administers(u)) throw new ApiError('forbidden', say('adminsImport'));
};

export function customerArea(
  ctx: DeskContext,
  privacy: CustomerPrivacy,
  push: <E extends PushEventName>(event: E, payload: PushPayload<E>) => void,
  dryRun: DryRun,
  deskCountry: Country,
): Area<never, keyof CustomerHandlers<Session> | 'import.peek' | 'import.run' | 'import.rejectedRows' | 'import.status' | 'import.cancel'> {
  const { records, audit, clock, db, users, store, sla, scheduler, options } = ctx;
  // Every write to a record tells the windows showing that customer (another window of this
  // desk may have it open), as a change pulled from the hub does (desk.ts).
  const segmentOf = db.sqlite.prepare<[string], string>('SELECT segment FROM customers WHERE id = ?').pluck();
  const CUSTOMER_KEYS = ['customerId', 'survivorId', 'mergedId', 'toCustomerId'] as const;
  const WRITES: ReadonlySet<string> = new Set<keyof CustomerHandlers<Session>>(['customers.update', 'customers.saveContact', 'customers.removeContact', 'customers.saveAsset', 'customers.confirm', 'customers.logInteraction', 'customers.merge', 'customers.transferAsset', 'privacy.erase']);
  const announced = <H extends Record<string, (s: Session, input: never) => unknown>>(handlers: H): H => {
    const out: Record<string, (s: Session, input: never) => unknown> = {};
    for (const [name, handler] of Object.entries(handlers)) {
      out[name] = async (session, input) => {
        const result = await handler(session, input);
        if (!WRITES.has(name)) return result;
        const given: unknown = input;
        const named = CUSTOMER_KEYS.map((key): unknown => (typeof given === 'object' && given !== null ? Reflect.get(given, key) : undefined));
        // A transfer names only the new owner; the earlier one, whose record lost the system, is in its result.
        const earlier = name === 'customers.transferAsset' && typeof result === 'object' && result !== null ? Reflect.get(Reflect.get(result, 'from') ?? {}, 'id') : undefined;
        const ids = [...new Set([...named, earlier].filter((id): id is string => typeof id === 'string'))];
        // Each record under its own segment; a merged-away record is gone, and is told under its survivor's.
        const segments = ids.map((id) => segmentOf.get(id));
        const fallback = segments.find((sg) => sg !== undefined);
        ids.forEach((customerId, i) => {
          const segment = segments[i] ?? fallback;
          if (segment !== undefined) push('customer.changed', { customerId, segment: segment as Segment });
        });
        return result;
      };
    }
    return out as H;
  };
  // The import running on this desk: one at a time (a second started on top of it, from another
  // window or after leaving the screen and coming back, ran over the same rows), and it can be stopped.
  type Running = { from: 'zendesk' | 'freshdesk' | 'csv'; files: string[]; dryRun: boolean; progress: PushPayload<'import.progress'> | null; stop: boolean };
  let running: Running | null = null;
  // Where this desk's imports write their rejects by default, and the rejects files its runs
  // wrote elsewhere (the CLI's --rejects): import.rejectedRows reads these and no other file.
  const importsDir = path.join(options.dataDir === ':memory:' ? os.tmpdir() : options.dataDir, 'imports');
  const ownRejects = new Set<string>();
  const isOwnRejects = (file: string): boolean => {
    const at = path.resolve(file);
    return ownRejects.has(at) || (path.dirname(at) === path.resolve(importsDir) && /^rejects-[\w-]+\.jsonl$/.test(path.basename(at)));
  };
  return {
    reads: {},
    writes: {
      'import.status': (s) => {
        requireImporter(signedIn(s));
        return { running: running && { from: running.from, files: running.files, dryRun: running.dryRun, progress: running.progress }, deskCountry };
      },
      'import.cancel': (s) => {
        requireImporter(signedIn(s));
        if (!running) return { cancelling: false };
        running.stop = true;
        return { cancelling: true };
      },
      ...announced(customerHandlers<Session>({ records, privacy, audit, signedIn, maySee: (u, segment) => seesSegment(u, segment), now: () => clock.now(), dayZone: () => sla.dayZone() })),
      'import.peek': (s, i) => {
        requireImporter(signedIn(s));
        const r = recognise(i.file, i.from);
        if (r.ok) return { kind: r.kind, columns: csvColumns(i.file), problem: null, problemCode: null };
        const { code, ...params } = r.problem;
        return { kind: null, columns: [], problem: r.reason, problemCode: code, problemParams: params };
      },
      'import.rejectedRows': async (s, i) => {
        requireImporter(signedIn(s));
        // Only the rejects file of an import of this desk's, not any file of the machine (a
        // .jsonl anywhere was read and given back).
        if (!isOwnRejects(i.rejects)) throw new ApiError('invalid_input', 'Name the rejects file of an import run on this desk.');
        let read: Awaited<ReturnType<typeof readRejectedRows>>;
        try {
          read = await readRejectedRows(i.rejects);
        } catch {
          throw new ApiError('not_found', `The rejects file ${i.rejects} is no longer there.`);
        }
        const rows = [];
        for (const r of read.rows) {
          const key = REJECT_KEYS.find((k) => k === r.key);
          const params = typeof r.params === 'object' && r.params !== null ? Object.fromEntries(Object.entries(r.params).filter((e): e is [string, string] => typeof e[1] === 'string')) : undefined;
          rows.push({ file: r.file, row: r.row, reason: r.reason, record: r.record, ...(key ? { key, params: params ?? {} } : {}) });
        }
        return { rows, cut: read.cut };
      },
      'import.run': async (s, i) => {
        requireImporter(signedIn(s));
        actorOfSession(s);
        if (running) throw new ApiError('conflict', say('importRunning'));
        const run: Running = { from: i.from, files: i.files, dryRun: i.dryRun, progress: null, stop: false };
        running = run;
        const rejectsPath = i.rejectsPath ?? path.join(importsDir, `rejects-${new Date(clock.now()).toISOString().replace(/[:.]/g, '-')}.jsonl`);
        ownRejects.add(path.resolve(rejectsPath));
        // A dry run writes everything inside one transaction it rolls back at the end; every
        // other call waits for it, so none reads its rows or writes into it.
        // An erasure while this run writes its rejects file waits for the file to be closed.
        const written = writingRejects(rejectsPath, options.dataDir);
        let release = () => {};
        if (i.dryRun) {
          while (dryRun.current) await dryRun.current.done;
          dryRun.current = { session: s, done: new Promise<void>((resolve) => (release = resolve)) };
        }
        try {
          const summary = await runImport(
            { db, tickets: { rowOf: store.rowOf, sla, deskId: deskIdOf(db), reopenWindowMs: options.reopenWindowMs ?? DEFAULT_REOPEN_WINDOW_MS }, users, deskCountry, now: () => clock.now() },
            {
              from: i.from,
              files: i.files,
              dryRun: i.dryRun,
              mapping: i.mapping,
              rejectsPath,
              ...(countryOf(i.country) ? { country: countryOf(i.country)! } : {}),
              onProgress: (p) => {
                run.progress = p;
                push('import.progress', p);
              },
              shouldStop: () => run.stop,
            },
          );
          if (!i.dryRun) push('desk.changed', { reason: 'imported' });
          scheduler.poke();
          return summary;
        } finally {
          void written().catch(() => undefined);
          running = null;
          if (i.dryRun) {
            dryRun.current = null;
            release();
          }
        }
      },
    },
  };
}

export type { Push };

import type { LookupResult } from '../../../shared/api';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openDesk } from '../desk';
import { BIN } from '../testing/processes';
import type { CompactProgress } from './compact';
import { DB_FILE, openDatabase } from './database';
import { importKeys, importSecret } from '../import/importKeys';
import { isStoredUuid } from './idCodec';

// Migration 0014_compact on a desk written before it: `fixtures/desk-0013.sqlite.gz` is a demo
// desk seeded by the release before this change (60 customers, 115 tickets, their logs,
// interactions, owners, the knowledge base and CSAT), to which each test adds a row with ids in
// every small table. After the migration every table holds the same rows, read through the
// desk's connection (ids as text again), and a ticket's policy history is the one it had.

const FIXTURE = path.join(import.meta.dirname, 'fixtures', 'desk-0013.sqlite.gz');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** A data folder holding the old desk, with a row with ids added to every small table. */
function oldDesk(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagdesk-compact-'));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, DB_FILE), gunzipSync(fs.readFileSync(FIXTURE)));
  const db = new BetterSqlite3(path.join(dir, DB_FILE));
  const one = (sql: string) => db.prepare(sql).pluck().get() as string;
  const customer = one('SELECT id FROM customers ORDER BY id LIMIT 1');
  const ticket = one('SELECT id FROM tickets ORDER BY number LIMIT 1');
  const user = one("SELECT id FROM users WHERE role = 'agent' ORDER BY id LIMIT 1");
  const u = (n: number) => `01900000-0000-7000-8000-${String(n).padStart(12, '0')}`;
  db.exec(`
    INSERT INTO customer_events (id, customer_id, type, at, actor_id, actor_name, actor_role, payload) VALUES ('${u(1)}', '${customer}', 'CUSTOMER_CHANGED', 1, '${user}', 'Ava', 'agent', '{}');
    INSERT INTO record_access (at, user_id, customer_id, reason, ticket_id) VALUES (2, '${user}', '${customer}', 'lookup', '${ticket}');
    INSERT INTO customer_merges (merged_id, survivor_id, at) VALUES ('${u(2)}', '${customer}', 3);
    INSERT INTO import_ids (source, kind, external_id, local_id) VALUES ('zendesk', 'user', '12345', '${customer}'), ('csv', 'ticket', '${u(3)}', '${ticket}');
    INSERT INTO outbox (event_id, stream, body) VALUES ('${u(4)}', 'ticket', '{"id":"${u(4)}"}');
    INSERT INTO sync_conflicts (event_id, stream, entity_id, ticket_number, type, summary, reason, next_step, actor_id, desk_time, refused_at)
      VALUES ('${u(5)}', 'ticket', '${ticket}', 'T-000001', 'ESCALATE', 's', 'r', 'n', '${user}', 4, 5);
    INSERT INTO settings_events (id, entity, entity_id, type, at, actor_id, actor_name, payload) VALUES ('${u(6)}', 'calendar', '24x7', 'CALENDAR_CHANGED', 6, '${user}', 'Ava', '{}');
    INSERT INTO user_events (id, user_id, type, at, global_seq, payload) VALUES ('${u(7)}', '${user}', 'USER_CHANGED', 7, 1, '{}');
  `);
  db.close();
  return dir;
}

type Rows = Record<string, unknown[]>;
// Tables later migrations add and fill (customer_words: every word of every name, checked in migrate.test.ts) are not in the old file.
const SKIP = /^(sqlite_|kb_fts|kb_case_fts|kb_case_vocab|migrations$|compact_progress$|sla_policy_versions$|event_actors$|kb_case_terms$|kb_case_pending$|interactions_pending$|tallies_pending$|sla_recent$|ticket_trends$|csat_daily$|customer_words$|kb_rater_stats$|kb_rating_gone$|sent_events$|hub_resends$)/;

/** Every row of every table, sorted, as the old file holds them (ids as text). */
function before(dir: string): Rows {
  const db = new BetterSqlite3(path.join(dir, DB_FILE), { readonly: true });
  try {
    return dump(db, (table, row) => {
      if (table === 'sync_state') {
        // The desk's one refusals cursor, dropped by 0039 (one per person now), after the conversion.
        const { refusals_after: _one, ...rest } = row as { refusals_after: number };
        return rest;
      }
      if (table !== 'tickets') return row;
      const { sla_policies, ...rest } = row as { sla_policies: string };
      return { ...rest, policies: JSON.parse(sla_policies) as unknown };
    });
  } finally {
    db.close();
  }
}

/** The same, read through the desk's own connection after the migration. */
function after(db: BetterSqlite3.Database): Rows {
  const version = db.prepare('SELECT body FROM sla_policy_versions WHERE ref = ?').pluck();
  const actor = db.prepare('SELECT body FROM event_actors WHERE ref = ?').pluck();
  return dump(db, (table, row) => {
    if (table === 'sync_conflicts') {
      // Added by 0023 (what the author typed), after the conversion: none for an old conflict.
      const { written, ...rest } = row as { written: unknown };
      expect(written).toBeNull();
      return rest;
    }
    if (table === 'agent_load') {
      // Added by 0024 (each person's open tickets at risk and breached; migrate.test.ts), after the conversion.
      const { at_risk: _atRisk, breached: _breached, ...rest } = row as { at_risk: number; breached: number };
      return rest;
    }
    if (table === 'interactions') {
      // Added by 0032 (the system a logged contact was about), after the conversion: none for an old interaction.
      const { asset_id, ...rest } = row as { asset_id: unknown };
      expect(asset_id).toBeNull();
      return rest;
    }
    if (table === 'hub_accounts') {
      // Added by 0039 (each person's refusals cursor), after the conversion: read from the start.
      const { refusals_after, ...rest } = row as { refusals_after: unknown };
      expect(refusals_after).toBe(0);
      return rest;
    }
    if (table === 'ticket_events') {
      const { actor_ref, ...rest } = row as { actor_ref: number };
      return { ...rest, actor: actor.get(actor_ref) };
    }
    if (table !== 'tickets') return row;
    const { sla_policy_refs, ...rest } = row as { sla_policy_refs: string };
    const policies = (JSON.parse(sla_policy_refs) as Array<[number, number]>).map(([from, ref]) => ({ from, ...(JSON.parse(version.get(ref) as string) as object) }));
    return { ...rest, policies };
  });
}

function dump(db: BetterSqlite3.Database, map: (table: string, row: Record<string, unknown>) => Record<string, unknown>): Rows {
  const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[]).filter((t) => !SKIP.test(t));
  const out: Rows = {};
  for (const t of tables) {
    // Columns in name order, rows in the order of their text: layouts may reorder both.
    const rows = (db.prepare(`SELECT * FROM "${t}"`).all() as Record<string, unknown>[]).map((r) => {
      const m = map(t, r);
      return Object.fromEntries(Object.keys(m).sort().map((k) => [k, m[k]]));
    });
    out[t] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

/**
 * The old rows as 0028 leaves them: the id a customer had in the desk they were imported from
 * becomes a keyed hash under the desk's new secret, as the importer looks it up, so the same
 * rows are still found by the next import.
 */
function rekeyed(old: Rows, db: BetterSqlite3.Database): Rows {
  const stored = importKeys(importSecret(db));
  const row = (text: string) => {
    const r = JSON.parse(text) as { external_id: string; kind: string };
    return JSON.stringify({ ...r, external_id: stored(r.kind, r.external_id) });
  };
  const secret = db.prepare("SELECT value FROM meta WHERE key = 'import_key'").pluck().get() as string;
  // Later migrations: 0028 keys import_ids and keeps its secret in meta; 0031 adds the (empty) table of renumbered tickets.
  return { ...old, import_ids: (old.import_ids as string[]).map(row).sort(), meta: [...old.meta!, JSON.stringify({ key: 'import_key', value: secret })].sort(), ticket_renumbers: [] };
}

function counts(rows: Rows): Record<string, number> {
  return Object.fromEntries(Object.entries(rows).map(([t, r]) => [t, r.length]));
}

function checkCompact(dir: string): void {
  const raw = new BetterSqlite3(path.join(dir, DB_FILE), { readonly: true });
  try {
    expect(raw.prepare('PRAGMA integrity_check').pluck().all()).toEqual(['ok']);
    expect(raw.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    expect(raw.prepare("SELECT name FROM sqlite_schema WHERE name IN ('compact_progress') OR name GLOB '*__next'").all()).toEqual([]);
    // Ids are 16 bytes where they are keys: not one UUID left as text in the big tables.
    for (const [table, column] of [['customers', 'id'], ['tickets', 'id'], ['ticket_events', 'ticket_id'], ['interactions', 'customer_id'], ['assets', 'id'], ['asset_owners', 'asset_id'], ['contacts', 'customer_id'], ['users', 'id']] as const) {
      const texts = raw.prepare(`SELECT ${column} FROM ${table} WHERE typeof(${column}) = 'text'`).pluck().all() as string[];
      expect(texts.filter(isStoredUuid), `${table}.${column}`).toEqual([]);
      expect(raw.prepare(`SELECT count(*) FROM ${table} WHERE typeof(${column}) = 'blob' AND length(${column}) = 16`).pluck().get(), `${table}.${column}`).toBeGreaterThan(0);
    }
    expect(fs.existsSync(path.join(dir, `${DB_FILE}.compact`))).toBe(false);
  } finally {
    raw.close();
  }
}

describe('0014_compact on a desk written before it', () => {
  it('keeps every row of every table, ids and policy histories included, and the desk works on it', async () => {
    const dir = oldDesk();
    const old = before(dir);
    expect(old.tickets!.length).toBe(115);
    expect(old.ticket_events!.length).toBeGreaterThan(400);
    const db = await openDatabase(dir);
    try {
      const now = after(db.sqlite);
      const expected = rekeyed(old, db.sqlite);
      expect((now.import_ids as string[]).some((r) => r.includes('12345'))).toBe(false);
      expect(counts(now)).toEqual(counts(expected));
      expect(now).toEqual(expected);
    } finally {
      db.close();
    }
    checkCompact(dir);

    // The desk on the converted file: a lookup by service tag, and a ticket escalated.
    const desk = await openDesk({ dataDir: dir });
    try {
      const c = desk.connect(() => {});
      const raw = desk.db.sqlite;
      const tag = raw.prepare("SELECT a.service_tag FROM assets a JOIN tickets t ON t.asset_id = a.id WHERE t.state = 'tier1.open' LIMIT 1").pluck().get() as string;
      const holder = raw.prepare("SELECT assignee_id FROM tickets WHERE state = 'tier1.open' AND service_tag = ?").pluck().get(tag) as string;
      expect(isStoredUuid(holder)).toBe(true);
      expect((await c.call('session.signIn', { userId: holder })).ok).toBe(true);
      const found = await c.call('lookup.search', { query: tag });
      expect(found).toMatchObject({ ok: true, result: { kind: 'match' } });
      // And by the last word of a name, which the words migration (0025) indexed after the conversion.
      const name = raw.prepare("SELECT name FROM customers WHERE erased_at IS NULL AND name LIKE '% %' /* scan: a test looks */ ORDER BY name LIMIT 1").pluck().get() as string;
      const byWord = await c.call('lookup.search', { query: name.split(' ').at(-1)! });
      const r = (byWord.ok ? byWord.result : null) as LookupResult | null;
      const listed = r?.kind === 'match' ? [r.view.customer.name] : r?.kind === 'candidates' ? r.candidates.map((x) => x.customerName) : [];
      expect(listed).toContain(name);
      const ticketId = raw.prepare("SELECT id FROM tickets WHERE state = 'tier1.open' AND service_tag = ?").pluck().get(tag) as string;
      const escalated = await c.call('tickets.act', { ticketId, command: { type: 'ESCALATE', reason: 'needs_specialist_skill', note: 'after the upgrade' } });
      expect(escalated).toMatchObject({ ok: true });
      expect(raw.prepare('SELECT tier FROM tickets WHERE id = ?').pluck().get(ticketId)).toBe(2);
      c.close();
    } finally {
      desk.close();
    }
  }, 60_000);

  it('resumes after being killed midway and ends with the same rows', async () => {
    const dir = oldDesk();
    const old = before(dir);
    // `tagdesk migrate`, in batches of 10 rows so there are many, killed once it has converted
    // part of the interactions (the third table).
    // Node itself with tsx's loader, not the tsx launcher: the kill must reach the process
    // that writes.
    const child = spawn(process.execPath, [BIN, 'migrate', '--data', dir], { env: { ...process.env, TAGDESK_COMPACT_BATCH_ROWS: '10', TAGDESK_LANG: 'en' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    const killed = await new Promise<boolean>((resolve) => {
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
        // The bar names the interactions as the screen does: the contact history.
        if (/Converting contact history/.test(stderr) && !child.killed) {
          child.kill('SIGKILL');
          resolve(true);
        }
      });
      child.once('close', () => resolve(false));
    });
    expect(killed, stderr).toBe(true);
    await new Promise((r) => child.once('close', r));
    const raw = new BetterSqlite3(path.join(dir, DB_FILE), { readonly: true });
    const progress = raw.prepare('SELECT step, done FROM compact_progress').all() as Array<{ step: string; done: number }>;
    raw.close();
    // Killed between two batches: some tables done, some not.
    expect(progress.filter((p) => p.done === 1).map((p) => p.step)).toEqual(expect.arrayContaining(['ticket_events', 'tickets']));
    // And some not: the kill came before the end (the last table, the customers, may be done
    // when the kill lands late on a loaded machine, as once here with its batches done meanwhile).
    expect(progress.filter((p) => p.done === 0).length).toBeGreaterThan(0);

    const db = await openDatabase(dir);
    try {
      expect(after(db.sqlite)).toEqual(rekeyed(old, db.sqlite));
    } finally {
      db.close();
    }
    checkCompact(dir);
  }, 120_000);
});

describe("0014_compact's progress, as the shells' upgrade screen shows it", () => {
  it('reports each table with its own rows, then the pages of the new file, and stays silent for a new desk', async () => {
    const dir = oldDesk();
    const seen: CompactProgress[] = [];
    const db = await openDatabase(dir, { onMigrationProgress: (p) => seen.push(p) });
    db.close();
    const tickets = seen.filter((p) => p.step === 'tickets');
    expect(tickets.at(-1)).toMatchObject({ stepRowsDone: 115, stepRowsTotal: 115 });
    for (const p of seen.filter((q) => q.step !== 'vacuum' && !q.whole)) expect(p.stepRowsDone!).toBeLessThanOrEqual(p.stepRowsTotal!);
    expect(seen.at(-1)).toMatchObject({ step: 'vacuum' });
    expect(seen.at(-1)!.rowsDone).toBe(seen.at(-1)!.rowsTotal);

    const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'tagdesk-compact-new-'));
    dirs.push(fresh);
    const quiet: CompactProgress[] = [];
    (await openDatabase(fresh, { onMigrationProgress: (p) => quiet.push(p) })).close();
    expect(quiet).toEqual([]);
  });

  it('announces each long stretch without news before it starts: gathering shared texts, then building each table\'s indexes after its copy', async () => {
    const dir = oldDesk();
    const seen: CompactProgress[] = [];
    (await openDatabase(dir, { onMigrationProgress: (p) => seen.push(p) })).close();
    const announced = seen.filter((p) => p.phase).map((p) => `${p.phase} ${p.step}`);
    expect(announced.filter((a) => a.startsWith('collecting'))).toEqual(['collecting ticket_events', 'collecting tickets']);
    // Indexes are built once a table's rows are all copied, and are announced right then.
    for (const table of ['ticket_events', 'tickets', 'interactions', 'assets', 'contacts']) {
      const at = seen.findIndex((p) => p.phase === 'indexing' && p.step === table);
      expect(at, table).toBeGreaterThan(0);
      expect(seen[at]).toMatchObject({ stepRowsDone: seen[at]!.stepRowsTotal });
      expect(seen.slice(at + 1).some((p) => p.step === table && !p.phase), `${table} reports no rows after its indexes`).toBe(false);
    }
    // The small fixture counts its rows at once: no announcement of the count (that is for files of 256 MB or more).
    expect(announced.some((a) => a.startsWith('counting'))).toBe(false);
  });

  it('reports the rewrite of the file when an earlier run was stopped during it', async () => {
    const dir = oldDesk();
    // Stopped as the rewrite begins: the tables are converted, the file is not yet rewritten.
    const stop = new Error('stopped during the rewrite');
    await expect(
      openDatabase(dir, {
        onMigrationProgress: (p) => {
          if (p.step === 'vacuum') throw stop;
        },
      }),
    ).rejects.toThrow();
    const seen: CompactProgress[] = [];
    const db = await openDatabase(dir, { onMigrationProgress: (p) => seen.push(p) });
    db.close();
    expect(new Set(seen.map((p) => p.step))).toEqual(new Set(['vacuum']));
    expect(seen.at(-1)!.rowsDone).toBe(seen.at(-1)!.rowsTotal);
    checkCompact(dir);
  });
});

import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { coded } from '../src/main/core/db/idCodec';

// The generator's second core: this worker runs the INSERTs while the main thread makes
// the next rows. It receives batches of values for multi-row statements, in order, inside
// one long transaction (the journal is off during the load, so commits buy nothing).

export type WriterMessage =
  | { kind: 'rows'; insert: string; columns: number; values: unknown[] }
  | { kind: 'close' };

// Ids are bound as 16 bytes, as the desk binds them (migration 0014).
const db = coded(new BetterSqlite3((workerData as { file: string }).file));
db.pragma('journal_mode = OFF');
db.pragma('synchronous = OFF');
db.pragma('locking_mode = EXCLUSIVE');
db.pragma('foreign_keys = OFF');
db.pragma('cache_size = -2000000');
db.pragma('temp_store = MEMORY');

const statements = new Map<string, BetterSqlite3.Statement>();
const statement = (insert: string, columns: number, rows: number) => {
  const key = `${rows}|${insert}`;
  let s = statements.get(key);
  if (!s) {
    const tuple = `(${Array<string>(columns).fill('?').join(', ')})`;
    s = db.prepare(`${insert} VALUES ${Array<string>(rows).fill(tuple).join(', ')}`);
    statements.set(key, s);
  }
  return s;
};

db.exec('BEGIN');
parentPort!.on('message', (m: WriterMessage) => {
  if (m.kind === 'rows') {
    statement(m.insert, m.columns, m.values.length / m.columns).run(m.values);
    parentPort!.postMessage('written');
  } else {
    db.exec('COMMIT');
    db.close();
    parentPort!.postMessage('closed');
  }
});

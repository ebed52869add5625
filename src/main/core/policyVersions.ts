import type { PolicySpan } from '../../shared/sla/ticketSla';
import type { Sql } from './db/exec';
import { policyRef } from './db/compact';

// A ticket's SLA policy history is a list of (from, policy version) spans. The versions are a
// handful of texts of about 500 bytes that millions of tickets share, so each is stored once in
// `sla_policy_versions`, keyed by a hash of its text (migration 0014_compact), and a ticket row
// holds `[[from, ref], ...]`. A ref names one text forever, so what is cached here never goes
// stale, whichever process wrote it and whether or not its transaction committed.

interface Version {
  version: number;
  policy: PolicySpan['policy'];
}

const stores = new WeakMap<Sql, ReturnType<typeof create>>();

/** The policy-version store of a desk's connection (one per connection). */
export function policyVersions(db: Sql): ReturnType<typeof create> {
  let s = stores.get(db);
  if (!s) {
    s = create(db);
    stores.set(db, s);
  }
  return s;
}

function create(db: Sql) {
  const byRef = new Map<number, Version>();
  // The same policy object (as parsed once here, or as the SLA store holds it) at a version.
  const refOf = new WeakMap<object, Map<number, { ref: number; body: string }>>();
  const insert = db.sqlite.prepare('INSERT OR IGNORE INTO sla_policy_versions (ref, body) VALUES (?, ?)');
  const read = db.sqlite.prepare('SELECT body FROM sla_policy_versions WHERE ref = ?').pluck();

  function ref(span: PolicySpan): number {
    let versions = refOf.get(span.policy);
    const known = versions?.get(span.version);
    if (known) {
      // Written again every time: a ref first written in a transaction that rolled back must
      // not be trusted to exist (the statement finds the row in its index and writes nothing).
      insert.run(known.ref, known.body);
      return known.ref;
    }
    const body = JSON.stringify({ version: span.version, policy: span.policy });
    const r = policyRef(body);
    insert.run(r, body);
    if (!versions) refOf.set(span.policy, (versions = new Map()));
    versions.set(span.version, { ref: r, body });
    byRef.set(r, { version: span.version, policy: span.policy });
    return r;
  }

  return {
    /** The row's text for a policy history. */
    toRefs(spans: readonly PolicySpan[]): string {
      return JSON.stringify(spans.map((s) => [s.from, ref(s)]));
    },
    /** The policy history a row's text stands for. */
    fromRefs(refs: string): PolicySpan[] {
      return (JSON.parse(refs) as Array<[number, number]>).map(([from, r]) => {
        let v = byRef.get(r);
        if (!v) {
          const body = read.get(r) as string | undefined;
          if (body === undefined) throw new Error(`SLA policy version ${r} is missing from this desk's file.`);
          v = JSON.parse(body) as Version;
          byRef.set(r, v);
          refOf.set(v.policy, new Map([[v.version, { ref: r, body }]]));
        }
        return { from, version: v.version, policy: v.policy };
      });
    },
  };
}

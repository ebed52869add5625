import type { PolicySpan } from '../../shared/sla/ticketSla';
import type { Sql } from './db/exec';
import { internedTexts } from './internedTexts';

// A ticket's SLA policy history is a list of (from, policy version) spans. The versions are a
// handful of texts of about 500 bytes that millions of tickets share, so each is stored once in
// `sla_policy_versions` (internedTexts.ts; migration 0014_compact), and a ticket row holds
// `[[from, ref], ...]`.

interface Version {
  version: number;
  policy: PolicySpan['policy'];
}

const stores = new WeakMap<Sql, ReturnType<typeof create>>();

/** The policy-version store of a desk's connection (one per connection). */
export function policyVersions(db: Sql): ReturnType<typeof create> {
  let s = stores.get(db);
  if (!s) stores.set(db, (s = create(db)));
  return s;
}

/** A version's stored text: what its ref is the hash of. */
export const policyVersionBody = (span: Pick<PolicySpan, 'version' | 'policy'>): string => JSON.stringify({ version: span.version, policy: span.policy });

function create(db: Sql) {
  const texts = internedTexts(db, 'sla_policy_versions');
  const parsed = new Map<number, Version>();
  // The same policy object (as parsed here once, or as the SLA store holds it) at a version:
  // its text, so a write does not stringify the policy again.
  const bodyOf = new WeakMap<object, Map<number, string>>();

  function body(span: PolicySpan): string {
    let versions = bodyOf.get(span.policy);
    let b = versions?.get(span.version);
    if (b === undefined) {
      b = policyVersionBody(span);
      if (!versions) bodyOf.set(span.policy, (versions = new Map()));
      versions.set(span.version, b);
    }
    return b;
  }

  return {
    /** The row's text for a policy history. */
    toRefs(spans: readonly PolicySpan[]): string {
      return JSON.stringify(spans.map((s) => [s.from, texts.ref(body(s))]));
    },
    /** The policy history a row's text stands for. */
    fromRefs(refs: string): PolicySpan[] {
      return (JSON.parse(refs) as Array<[number, number]>).map(([from, r]) => {
        let v = parsed.get(r);
        if (!v) {
          const text = texts.body(r);
          v = JSON.parse(text) as Version;
          parsed.set(r, v);
          bodyOf.set(v.policy, new Map([[v.version, text]]));
        }
        return { from, version: v.version, policy: v.policy };
      });
    },
  };
}

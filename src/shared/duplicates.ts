import type { Segment } from './domain';
import { nameKey } from './customerRules';

// Whether two customer records are likely the same customer, and why. The desk finds the
// candidates through its indexes (same phone, same email, same tag, a name starting alike
// in the same segment); this scores them, so the form, the merge screen and
// `tagdesk duplicates` rank pairs alike.

export interface DuplicateProbe {
  name: string;
  segment: Segment;
  email: string | null;
  phone: string | null;
  /** Service tags of the customer's systems (or the tag being registered). */
  tags: readonly string[];
}

export type DuplicateReason = 'phone' | 'email' | 'tag' | 'name';
export interface DuplicateScore {
  /** 0..1: 1 is certainly the same customer. */
  score: number;
  reasons: DuplicateReason[];
}

/** Names this similar (0..1) in the same segment count as a reason. */
export const SIMILAR_NAME = 0.8;
/** Pairs scoring under this are not shown. */
export const DUPLICATE_THRESHOLD = 0.4;

/** Sørensen–Dice over letter pairs of the normalised names, with word order ignored. */
export function nameSimilarity(a: string, b: string): number {
  const x = probeLetters(a);
  const y = lettersOf(b);
  if (x.key === y.key) return 1;
  if (x.total === 0 || y.total === 0) return 0;
  let both = 0;
  for (const [p, n] of x.pairs) both += Math.min(n, y.pairs.get(p) ?? 0);
  return (2 * both) / (x.total + y.total);
}

// A probe is compared with every candidate in turn: its letter pairs are kept from one call
// to the next (half the time of a duplicate search went into recomputing them).
let probe: { name: string; letters: Letters } | null = null;
function probeLetters(name: string): Letters {
  if (probe?.name !== name) probe = { name, letters: lettersOf(name) };
  return probe.letters;
}
interface Letters {
  key: string;
  pairs: Map<string, number>;
  total: number;
}
function lettersOf(name: string): Letters {
  const key = sortedWords(name);
  const pairs = new Map<string, number>();
  for (let i = 0; i < key.length - 1; i++) {
    const p = key.slice(i, i + 2);
    pairs.set(p, (pairs.get(p) ?? 0) + 1);
  }
  return { key, pairs, total: Math.max(0, key.length - 1) };
}

const sortedWords = (s: string) => nameKey(s).replace(/[^\p{L}\p{N} ]/gu, '').split(' ').filter(Boolean).sort().join(' ');

export function scoreDuplicate(a: DuplicateProbe, b: DuplicateProbe): DuplicateScore {
  const reasons: DuplicateReason[] = [];
  let miss = 1;
  // Independent evidence combined: each reason leaves a share of doubt.
  const add = (reason: DuplicateReason, weight: number) => {
    reasons.push(reason);
    miss *= 1 - weight;
  };
  if (a.phone && a.phone === b.phone) add('phone', 0.6);
  if (a.email && a.email.toLowerCase() === b.email?.toLowerCase()) add('email', 0.7);
  if (a.tags.some((t) => b.tags.includes(t))) add('tag', 0.8);
  const sim = a.segment === b.segment ? nameSimilarity(a.name, b.name) : 0;
  if (sim >= SIMILAR_NAME) add('name', 0.5 * sim);
  return { score: Math.round((1 - miss) * 100) / 100, reasons };
}

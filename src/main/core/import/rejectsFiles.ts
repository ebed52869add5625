import { existsSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { writeRejectedPages, writeRejectedRows } from './importer';

// An import's rejects files (`imports/rejects-<time>.jsonl` in the desk's folder, and beside
// each the CSV of rejected rows or a Zendesk run's pages of rejected records) hold the rows as the old desk exported them: names, emails, phones.
// They are the desk's files, so they follow its privacy rules: an erasure takes its person's
// rows out of them, and they are deleted REJECTS_KEPT_DAYS after the import that wrote them.
// (Rejects written elsewhere, with the CLI's --rejects, are the admin's own files.)

/** How long the rejects of an import stay in the desk's folder, to be fixed and imported again. */
export const REJECTS_KEPT_DAYS = 30;

/** The person an erasure removes, as their rows in an old desk's export may name them. */
export interface ErasedIdentity {
  names: string[];
  emails: string[];
  phones: string[];
  /** The service tags of their systems: a row naming one is theirs, however it spells them. */
  serviceTags: string[];
}

const REJECTS_FILE = /^rejects-.*\.jsonl$/i;

/** What an import made from a rejects file, beside it: the CSV of rejected rows, Zendesk's rejected pages. */
function madeFrom(rejectsPath: string): string[] {
  const base = basename(rejectsPath).replace(/\.jsonl$/i, '');
  return readdirSync(dirname(rejectsPath))
    .filter((f) => f === `${base}.csv` || (f.startsWith(`${base}-`) && f.endsWith('.json')))
    .map((f) => join(dirname(rejectsPath), f));
}

/** The desk's own rejects files, oldest first. */
export function rejectsFilesIn(dataDir: string): string[] {
  const dir = join(dataDir, 'imports');
  if (dataDir === ':memory:' || !existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => REJECTS_FILE.test(f))
    .sort()
    .map((f) => join(dir, f));
}

const folded = (s: string) => s.normalize('NFKC').toLocaleLowerCase('en').replace(/\s+/g, ' ').trim();
/** The last nine digits of a phone number as typed anywhere (+1 (555) 010-1234, 555.010.1234). */
const phoneKey = (s: string) => {
  const digits = s.replace(/[^\d]/g, '');
  return digits.length >= 9 ? digits.slice(-9) : null;
};

/**
 * A service tag wherever a value holds it, as a person types one (hmu-1234, HMU 1234): its
 * letters and digits in order, a dash or space allowed between them, and none either side.
 */
const tagPattern = (tag: string): RegExp | null => {
  const chars = tag.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return chars.length >= 5 ? new RegExp(`(?<![A-Z0-9])${[...chars].join('[\\s-]?')}(?![A-Z0-9])`, 'i') : null;
};

/** Whether a rejected row names the person: a value that is their name, holds their email or one of their service tags, or is their phone. */
export function namesPerson(record: unknown, who: ErasedIdentity): boolean {
  const names = new Set(who.names.map(folded).filter((n) => n.length >= 2));
  const emails = who.emails.map(folded).filter((e) => e.includes('@'));
  const phones = new Set(who.phones.map(phoneKey).filter((p): p is string => p !== null));
  const tags = who.serviceTags.map(tagPattern).filter((t): t is RegExp => t !== null);
  const values: string[] = [];
  const walk = (v: unknown, depth: number) => {
    if (typeof v === 'string') values.push(v);
    else if (typeof v === 'number') values.push(String(v));
    else if (v && typeof v === 'object' && depth < 6) for (const x of Object.values(v)) walk(x, depth + 1);
  };
  walk(record, 0);
  return values.some((raw) => {
    const v = folded(raw);
    if (names.has(v) || emails.some((e) => v.includes(e)) || tags.some((t) => t.test(raw))) return true;
    const p = phoneKey(raw);
    return p !== null && phones.has(p);
  });
}

/**
 * Takes every row naming `who` out of the desk's rejects files, and remakes the CSV of rejected
 * rows beside each file changed. Written whole to a new file, then renamed over the old one, so
 * a crash leaves the file before or after, never half. Answers how many rows went.
 */
export async function scrubRejects(dataDir: string, who: ErasedIdentity): Promise<number> {
  let removed = 0;
  for (const file of rejectsFilesIn(dataDir)) {
    // An import still writing this file: scrubbed when it ends (its stream would write past a rename).
    const waiting = beingWritten.get(file);
    if (waiting) {
      waiting.push(who);
      continue;
    }
    let text: string;
    let at: { atime: Date; mtime: Date };
    try {
      text = readFileSync(file, 'utf8');
      at = statSync(file);
    } catch {
      continue; // deleted meanwhile
    }
    const lines = text.split('\n');
    const kept = lines.filter((line) => {
      if (!line.trim()) return true;
      let entry: unknown;
      try {
        entry = JSON.parse(line);
      } catch {
        return true;
      }
      const record = entry && typeof entry === 'object' ? (entry as { record?: unknown }).record : undefined;
      return !namesPerson(record, who);
    });
    if (kept.length === lines.length) continue;
    removed += lines.length - kept.length;
    // Written whole beside the old files and renamed over them, what was made from it too, so
    // a crash, or the screen reading the CSV meanwhile, finds each file before or after.
    const next = `${file}.scrub`;
    writeFileSync(next, kept.join('\n'), 'utf8');
    const base = file.replace(/\.jsonl$/i, '');
    const remade = [await writeRejectedRows(next), ...(await writeRejectedPages(next))].filter((f): f is string => f !== null);
    const finalName = (made: string) => base + made.slice(next.length);
    const stale = new Set(madeFrom(file));
    for (const made of remade) {
      renameSync(made, finalName(made));
      stale.delete(finalName(made));
    }
    for (const f of stale) unlinkSync(f);
    // Its age stays the import's: it is deleted REJECTS_KEPT_DAYS after that, not after the scrub.
    utimesSync(next, at.atime, at.mtime);
    renameSync(next, file);
  }
  return removed;
}

/** Rejects files an import is writing now, with the erasures that came meanwhile. */
const beingWritten = new Map<string, ErasedIdentity[]>();

/**
 * Marks a rejects file as being written by an import; the function it answers, called when the
 * import has closed the file, applies the erasures that came meanwhile.
 */
export function writingRejects(file: string, dataDir: string): () => Promise<void> {
  beingWritten.set(file, []);
  return async () => {
    const came = beingWritten.get(file) ?? [];
    beingWritten.delete(file);
    for (const who of came) await scrubRejects(dataDir, who);
  };
}

/** Deletes the rejects files (and what was made from them) of imports older than `days`. Answers how many imports' files went. */
export function expireRejects(dataDir: string, now: number, days: number = REJECTS_KEPT_DAYS): number {
  let expired = 0;
  // What a scrub stopped by a crash left half made (the files before it are still whole).
  const dir = join(dataDir, 'imports');
  if (dataDir !== ':memory:' && existsSync(dir)) for (const f of readdirSync(dir)) if (/^rejects-.*\.jsonl\.scrub/i.test(f)) unlinkSync(join(dir, f));
  for (const file of rejectsFilesIn(dataDir)) {
    try {
      if (statSync(file).mtimeMs >= now - days * 86_400_000) continue;
      for (const f of madeFrom(file)) unlinkSync(f);
      unlinkSync(file);
      expired++;
    } catch {
      // gone meanwhile, or not ours to delete: left
    }
  }
  return expired;
}

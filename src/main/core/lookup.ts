import { LOOKUP_TRIED, type Candidate, type LookupRenumbered, type LookupResult, type LookupTried } from '../../shared/api';
import { SEGMENTS, type Segment } from '../../shared/domain';
import { toE164, type Country } from '../../shared/phone';
import { nameKey } from '../../shared/customerRules';
import { keyWords, nameWordKeys, wordsMatch } from '../../shared/nameWords';
import { ARABIC_SCRIPT, latinFromPersianKeyboard, toAsciiDigits } from '../../shared/persianInput';
import { cleanTagInput, EXPRESS_CODE_MIN_DIGITS, expressCodeNeighbours, expressCodeToTag, isSwappedCode, lookalikeTags, SERVICE_TAG_HINT, tagToExpressCode } from '../../shared/serviceTag';
import { sql, type Kysely } from 'kysely';
import { param, type Sql } from './db/exec';
import type { Database } from './db/schema';
import type { CustomerViewReader } from './customerView';
import { parseTicketNumber, ticketNumber } from './ticketRows';

// What an agent types is classified, tried every way it can mean, and answered with one
// customer (the 360° view), every candidate when it is ambiguous, or a message that says
// what to type.

const NAME_CANDIDATES = 20;
/**
 * Words read at most for one typed word: with several, the one that starts the fewest is
 * looked up and the others checked against each name it finds, and a query whose every word
 * is common ("jo an") stops here rather than reading them all.
 */
const WORD_ROWS = 5_000;

/**
 * Lower-case, accents removed, spaces collapsed, Persian spellings unified (ی/ي, ک/ك, no
 * zero-width non-joiner): how names are indexed and searched (one rule, in src/shared, for
 * the lookup, the record forms and the import). Latin names get the same key as before.
 */
export { nameKey };

/**
 * What was typed, read as the agent meant it: Persian or Arabic-Indic digits as ASCII, and
 * a code typed with the keyboard on the Persian layout as the Latin keys it was typed on.
 */
function readQuery(query: string): string {
  const q = toAsciiDigits(query).trim();
  if (!ARABIC_SCRIPT.test(q)) return q;
  const latin = latinFromPersianKeyboard(q);
  if (latin === null || !/\d/.test(latin)) return q;
  const compact = cleanTagInput(latin);
  const code = /^[0-9A-Z]{7}$/.test(compact) || (parseTicketNumber(latin) !== null && /^(t|#)/i.test(latin));
  return code ? latin : q;
}

/** The lookup's statements, as builders: the core prepares them, and so does the bench's floor. */
export function lookupQueries(k: Kysely<Database>) {
  return {
    assetByTag: k
      .selectFrom('assets as a')
      .innerJoin('customers as c', 'c.id', 'a.customer_id')
      .select(['a.id', 'a.customer_id', 'c.name', 'c.segment', 'a.model', 'a.service_tag'])
      .where('a.service_tag', '=', param<string>()),
    // The systems of any of several tags (a JSON array), in one statement: an index search
    // on the tag for each (the look-alikes of a mistyped Express code, about a hundred).
    assetsByTags: k
      .selectFrom('assets as a')
      .innerJoin('customers as c', 'c.id', 'a.customer_id')
      .select(['a.id', 'a.customer_id', 'c.name', 'c.segment', 'a.model', 'a.service_tag'])
      .where(sql<boolean>`${sql.ref('a.service_tag')} in (select value from json_each(${param<string>()}))`),
    customersByPhone: k
      .selectFrom('customers')
      .select(['id', 'name', 'segment'])
      .where('phone', '=', param<string>())
      .union(
        k
          .selectFrom('contacts as p')
          .innerJoin('customers as c', 'c.id', 'p.customer_id')
          .select(['c.id', 'c.name', 'c.segment'])
          .where('p.phone', '=', param<string>()),
      )
      .limit(NAME_CANDIDATES),
    customersByEmail: k
      .selectFrom('customers')
      .select(['id', 'name', 'segment'])
      .where('email', '=', param<string>())
      .union(
        k
          .selectFrom('contacts as p')
          .innerJoin('customers as c', 'c.id', 'p.customer_id')
          .select(['c.id', 'c.name', 'c.segment'])
          .where('p.email', '=', param<string>()),
      )
      .limit(NAME_CANDIDATES),
    // A range on the index rather than LIKE, which SQLite cannot always serve from an index.
    customersByName: k
      .selectFrom('customers')
      .select(['id', 'name', 'segment', 'phone', 'email'])
      .where('name_key', '>=', param<string>())
      .where('name_key', '<', param<string>())
      .orderBy('name_key')
      .limit(NAME_CANDIDATES),
    // Any word of a name starting so (customers/nameWords.ts): a range on customer_words' key.
    customersByWord: k
      .selectFrom('customer_words as w')
      .innerJoin('customers as c', 'c.id', 'w.customer_id')
      .select(['c.id', 'c.name', 'c.name_key', 'c.segment', 'c.phone', 'c.email'])
      .where('w.word_key', '>=', param<string>())
      .where('w.word_key', '<', param<string>())
      // Another typed word somewhere in the name (its whole key): most names fail here, in
      // SQLite, before a row is made of them; those that pass are checked word by word.
      .where(sql<boolean>`instr(${sql.ref('c.name_key')}, ${param<string>()}) > 0`)
      .orderBy('w.word_key')
      .orderBy('w.customer_id')
      .limit(param<number>()),
    // How many words start so, counted no further than the limit: of several typed words, the
    // one fewest names have is looked up, the others checked against each name it finds.
    wordsStarting: k
      .selectFrom((eb) =>
        eb
          .selectFrom('customer_words')
          .select('customer_id')
          .where('word_key', '>=', param<string>())
          .where('word_key', '<', param<string>())
          .limit(param<number>())
          .as('w'),
      )
      .select((eb) => eb.fn.countAll<number>().as('n')),
    // A candidate on the list, told apart from the others: their own phone and email, how
    // many systems they own, their latest contact (a staged one too). Only when several are
    // listed, never on the way to the one customer's 360° view; each part an index search.
    candidateFacts: k
      .selectFrom('customers as c')
      .select((eb) => [
        'c.phone',
        'c.email',
        eb.selectFrom('assets as a').select(eb.fn.countAll<number>().as('n')).whereRef('a.customer_id', '=', 'c.id').as('systems'),
        eb.selectFrom('interactions as i').select((i) => i.fn.max('i.at').as('at')).whereRef('i.customer_id', '=', 'c.id').as('last_at'),
        eb.selectFrom('interactions_pending as s').select((i) => i.fn.max('s.at').as('at')).whereRef('s.customer_id', '=', 'c.id').as('staged_at'),
      ])
      .where('c.id', '=', param<string>()),
    ticketByNumber: k
      .selectFrom('tickets as t')
      .innerJoin('customers as c', 'c.id', 't.customer_id')
      .select(['t.customer_id', 'c.name', 'c.segment', 't.asset_id', 't.subject'])
      .where('t.number', '=', param<number>()),
    /** The ticket opened here under a number another desk's ticket took (sync/apply.ts, freeNumber). */
    renumberedFrom: k
      .selectFrom('ticket_renumbers as r')
      .innerJoin('tickets as t', 't.id', 'r.ticket_id')
      .select(['t.id', 't.number', 't.segment'])
      .where('r.old_number', '=', param<number>()),
  };
}

export function lookupService(db: Sql, view: CustomerViewReader, country: Country) {
  const q = lookupQueries(db.kysely);
  type Who = { id: string; name: string; segment: string };
  type WhoWithContact = Who & { phone: string | null; email: string | null };
  type AssetRow = { id: string; customer_id: string; name: string; segment: string; model: string; service_tag: string };
  const assetByTag = db.prepare<AssetRow, [string]>(q.assetByTag);
  const assetsByTags = db.prepare<AssetRow, [string]>(q.assetsByTags);
  const customersByPhone = db.prepare<Who, [string, string]>(q.customersByPhone);
  const customersByEmail = db.prepare<Who, [string, string]>(q.customersByEmail);
  const customersByName = db.prepare<WhoWithContact, [string, string]>(q.customersByName);
  const customersByWord = db.prepare<WhoWithContact & { name_key: string }, [string, string, string, number]>(q.customersByWord);
  const wordsStarting = db.prepare<{ n: number }, [string, string, number]>(q.wordsStarting);
  const ticketByNumber = db.prepare<{ customer_id: string; name: string; segment: string; asset_id: string | null; subject: string }, [number]>(q.ticketByNumber);
  const renumberedFrom = db.prepare<{ id: string; number: number; segment: string }, [number]>(q.renumberedFrom);
  const candidateFacts = db.prepare<{ phone: string | null; email: string | null; systems: number | null; last_at: number | null; staged_at: number | null }, [string]>(q.candidateFacts);
  /** What was matched; what tells the customers apart is added once several are listed. */
  type Found = Omit<Candidate, 'phone' | 'email' | 'systems' | 'lastContactAt'>;
  const withFacts = (c: Found): Candidate => {
    const f = candidateFacts.get(c.customerId);
    const last = Math.max(f?.last_at ?? -Infinity, f?.staged_at ?? -Infinity);
    return { ...c, phone: f?.phone ?? null, email: f?.email ?? null, systems: f?.systems ?? 0, lastContactAt: Number.isFinite(last) ? last : null };
  };

  const byTag = (tag: string, matchedBy: 'tag' | 'express'): Found[] => {
    const a = assetByTag.get(tag);
    if (!a) return [];
    const code = tagToExpressCode(a.service_tag);
    const detail = matchedBy === 'tag' ? `Service tag ${a.service_tag} · ${a.model}` : `Express code ${code} → ${a.service_tag} · ${a.model}`;
    const params: Record<string, string> = matchedBy === 'tag' ? { tag: a.service_tag, model: a.model } : { code, tag: a.service_tag, model: a.model };
    return [{ customerId: a.customer_id, customerName: a.name, segment: a.segment as Segment, matchedBy, assetId: a.id, detail, params }];
  };
  /**
   * A tag found nowhere, tried again with O read as 0 and I as 1 (and back): each system found
   * so is offered, saying what was typed, for the agent to confirm with the caller.
   */
  const byLookalikeTag = (typed: string): Found[] =>
    lookalikeTags(typed).flatMap((tag) =>
      byTag(tag, 'tag').map((c) => ({ ...c, detail: `${c.detail} (you typed ${typed})`, params: { ...c.params, typed } })),
    );
  /**
   * An Express code found nowhere, tried again as the codes one wrong digit or one swap of
   * neighbouring digits away (expressCodeNeighbours): each system found so is offered, saying
   * what was typed and the code it differs from, for the agent to confirm with the caller.
   */
  const byLookalikeCode = (typed: string): Found[] => {
    const codeOf = new Map(expressCodeNeighbours(typed).map((code) => [expressCodeToTag(code)!, code]));
    if (codeOf.size === 0) return [];
    return assetsByTags.all(JSON.stringify([...codeOf.keys()])).flatMap((a) => {
      const code = codeOf.get(a.service_tag);
      if (code === undefined) return [];
      const swapped = isSwappedCode(typed, code);
      const how = swapped ? 'the code with those two digits swapped' : 'the code that differs by one digit';
      return [{
        customerId: a.customer_id,
        customerName: a.name,
        segment: a.segment as Segment,
        matchedBy: 'express' as const,
        assetId: a.id,
        detail: `Express code ${code} → ${a.service_tag} · ${a.model} (you typed ${typed}; ${how} is ${code})`,
        params: { code, tag: a.service_tag, model: a.model, typed, swapped: swapped ? 'yes' : 'no' },
      }];
    });
  };
  const people = (rows: Who[], matchedBy: 'phone' | 'email', value: string): Found[] =>
    rows.map((r) => ({ customerId: r.id, customerName: r.name, segment: r.segment as Segment, matchedBy, assetId: null, detail: `${matchedBy === 'phone' ? 'Phone' : 'Email'} ${value}`, params: { [matchedBy]: value } }));

  /**
   * `sees`: whether the person asking serves a segment. Names are listed only of the segments
   * they serve, so the 20 a name lists are theirs (filtered after, an agent of two segments was
   * left with a few of the 20, or none, while theirs further down were never read); the other
   * ways (tag, phone, email, ticket) are filtered by the handler, where one match another team
   * serves is named.
   */
  return function search(query: string, now: number, sees: (segment: Segment) => boolean = () => true): LookupResult {
    const q = readQuery(query);
    if (!q) return { kind: 'invalid', message: `Type something to look up. ${SERVICE_TAG_HINT}`, key: 'empty' };
    const compact = cleanTagInput(q);
    const candidates: Found[] = [];
    /** What the query was looked up as, each with the value looked for (the message says them, in this order). */
    const tried: Partial<Record<LookupTried, string>> = {};
    /**
     * Systems whose tag differs from the typed one only by O/0 or I/1, or whose Express code by
     * one digit or two swapped: never opened without the agent choosing.
     */
    const lookalikes: Found[] = [];
    /** More names match than the list holds. */
    let more = false;
    const hidden = new Set<Segment>();
    /** The ticket opened here under the number looked up, which has another number now (one this person sees). */
    let renumbered: LookupRenumbered | undefined;

    /** The ticket of that number, tried; found, a candidate like any other (filtered by segment in the handler). */
    const byTicket = (n: number): void => {
      const number = ticketNumber(n);
      tried.ticket = number;
      const moved = renumberedFrom.get(n);
      if (moved && moved.number !== n && sees(moved.segment as Segment)) renumbered = { from: number, to: ticketNumber(moved.number), ticketId: moved.id };
      const t = ticketByNumber.get(n);
      if (t) candidates.push({ customerId: t.customer_id, customerName: t.name, segment: t.segment as Segment, matchedBy: 'ticket', assetId: t.asset_id, detail: `Ticket ${number} · ${t.subject}`, params: { number, subject: t.subject } });
    };

    const ticketNo = parseTicketNumber(q);
    if (ticketNo !== null && /^(t|#)/i.test(q)) {
      byTicket(ticketNo);
    } else if (q.includes('@')) {
      const email = q.toLowerCase();
      tried.email = email;
      candidates.push(...people(customersByEmail.all(email, email), 'email', email));
    } else if (/^[+\d\s().\-\/]+$/.test(q)) {
      // Digits only: an Express Service Code keyed into the phone menu, a phone number, or (short)
      // a ticket number.
      const digits = q.replace(/\D/g, '');
      // Fewer digits than an Express Service Code is printed with: a ticket number read out as a
      // plain number too ("one two three", "000123"), as "T 000123" is (it was never tried).
      const readTicket = /^\d+$/.test(q) && q.length < EXPRESS_CODE_MIN_DIGITS ? parseTicketNumber(`T${q}`) : null;
      if (readTicket) byTicket(readTicket);
      // Seven digits can also be a service tag itself (rare, but tags are any 7 of 0-9A-Z).
      if (!q.startsWith('+') && compact.length === 7 && /^\d{7}$/.test(compact)) {
        tried.tag = compact;
        candidates.push(...byTag(compact, 'tag'));
      }
      const tag = q.startsWith('+') ? null : expressCodeToTag(digits);
      if (tag) {
        tried.express = digits;
        candidates.push(...byTag(tag, 'express'));
      }
      const phone = toE164(q, country);
      if (phone) {
        tried.phone = phone;
        candidates.push(...people(customersByPhone.all(phone, phone), 'phone', phone));
      }
      // Printed length, found nobody: the codes a slip of one digit away, offered to confirm (not
      // for a number written as a phone's, with a plus or brackets).
      if (candidates.length === 0 && /^[\d\s.\-]+$/.test(q) && digits.length >= EXPRESS_CODE_MIN_DIGITS && digits.length <= 11) lookalikes.push(...byLookalikeCode(digits));
      if (!tag && !phone && !readTicket && lookalikes.length === 0) return { kind: 'invalid', message: `"${q}" is neither a phone number nor an Express Service Code. ${SERVICE_TAG_HINT}`, key: 'notPhoneOrCode', params: { query: q } };
    } else if (/^[0-9A-Z]{7}$/.test(compact) && /\d/.test(compact)) {
      tried.tag = compact;
      candidates.push(...byTag(compact, 'tag'));
      if (candidates.length === 0) lookalikes.push(...byLookalikeTag(compact));
    } else if (/\d/.test(q)) {
      return { kind: 'invalid', message: `"${q}" is not a service tag. ${SERVICE_TAG_HINT}`, key: 'notTag', params: { query: q } };
    } else {
      // Letters only: the start of a name, and also a tag when it has the shape of one.
      if (/^[A-Z]{7}$/.test(compact)) {
        tried.tag = compact;
        candidates.push(...byTag(compact, 'tag'));
        if (candidates.length === 0) lookalikes.push(...byLookalikeTag(compact));
      }
      // Seven letters typed on the Persian layout may be a tag of letters only.
      const latin = ARABIC_SCRIPT.test(q) ? latinFromPersianKeyboard(q) : null;
      if (latin && /^[A-Z]{7}$/.test(cleanTagInput(latin))) {
        tried.tag = cleanTagInput(latin);
        candidates.push(...byTag(cleanTagInput(latin), 'tag'));
      }
      const key = nameKey(q);
      // Punctuation alone ("??", "--") is none of the things the field finds: say what is.
      if (!/[\p{L}\d]/u.test(q)) return { kind: 'invalid', message: `"${q}" is not something to look up: type a service tag, an Express Service Code, a phone number, an email, two letters of a name or a ticket number.`, key: 'nothingToLookUp', params: { query: q } };
      if (key.length < 2) return { kind: 'invalid', message: 'Type at least two letters of a name.', key: 'nameTooShort' };
      tried.name = q;
      // Two callers of the same name are told apart by what the agent can ask: phone, email.
      const named = (r: WhoWithContact): Found => ({
        customerId: r.id,
        customerName: r.name,
        segment: r.segment as Segment,
        matchedBy: 'name' as const,
        assetId: null,
        detail: [r.phone, r.email].filter(Boolean).join(' · '),
      });
      // Segments of names that matched but are another team's.
      const visible = (r: Who): boolean => {
        if (sees(r.segment as Segment)) return true;
        hidden.add(r.segment as Segment);
        return false;
      };
      const listed = customersByName.all(key, key + '\uffff').filter(visible).map(named);
      candidates.push(...listed);
      // Then names with a word starting so ("Patel", "District"), every typed word the start
      // of one of its words, in any order ("patel jor").
      const words = keyWords(key);
      // Looked up: a word of two letters or more, the one fewest names have (of several).
      const long = words.filter((w) => w.length >= 2);
      const lead = long.length < 2 ? (long[0] ?? '') : long.map((w) => ({ w, n: wordsStarting.get(w, w + '\uffff', WORD_ROWS)?.n ?? 0 })).reduce((a, b) => (b.n < a.n ? b : a)).w;
      const others = words.filter((_, i) => i !== words.indexOf(lead));
      // Read on past a full list for one more name: then the list says more match than it shows
      // (with the words index holding every word, a name beyond the 20 that start so is found here too).
      if (lead !== '') {
        const seen = new Set(listed.map((c) => c.customerId));
        let room = NAME_CANDIDATES - listed.length;
        for (const r of customersByWord.iterate(lead, lead + '\uffff', others[0] ?? '', WORD_ROWS)) {
          if (seen.has(r.id)) continue;
          seen.add(r.id);
          // The words of name_key are the name's own, but for a name written with a ZWNJ or a hyphen.
          if (others.length > 0 && !wordsMatch(others, /[\u200c\u2010\u2011-]/.test(r.name) ? nameWordKeys(r.name) : keyWords(r.name_key))) continue;
          if (!visible(r)) continue;
          if (room === 0) {
            more = true;
            break;
          }
          candidates.push(named(r));
          room--;
        }
      }
    }

    if (lookalikes.length > 0) return { kind: 'candidates', candidates: dedupe([...candidates, ...lookalikes]).map(withFacts) };
    const unique = dedupe(candidates);
    if (unique.length === 0 && hidden.size > 0) return otherTeams(q, [...hidden]);
    const moved = renumbered ? { renumbered } : {};
    if (unique.length === 0) return { kind: 'none', message: `Nothing found for ${triedInEnglish(tried)}.`, key: 'nothingFound', params: { query: q, ...tried }, ...moved };
    if (unique.length === 1) {
      const only = unique[0]!;
      const v = view(only.customerId, only.assetId, now);
      if (v) return only.matchedBy === 'ticket' && only.params?.number ? { kind: 'match', matchedBy: 'ticket', view: v, ticketNumber: only.params.number, ...moved } : { kind: 'match', matchedBy: only.matchedBy, view: v };
    }
    return more ? { kind: 'candidates', candidates: unique.map(withFacts), more } : { kind: 'candidates', candidates: unique.map(withFacts) };
  };
}

const TRIED_IN_ENGLISH: Record<LookupTried, (value: string) => string> = {
  ticket: (v) => `ticket ${v}`,
  email: (v) => `email ${v}`,
  tag: (v) => `service tag ${v}`,
  express: (v) => `Express Service Code ${v}`,
  phone: (v) => `phone ${v}`,
  name: (v) => `names with a word starting "${v}"`,
};

/** "service tag T000123", "Express Service Code 4155550100, or phone +14155550100": the desk's own sentence. */
function triedInEnglish(tried: Partial<Record<LookupTried, string>>): string {
  return LOOKUP_TRIED.flatMap((kind) => (tried[kind] === undefined ? [] : [TRIED_IN_ENGLISH[kind](tried[kind])])).join(', or ');
}

/** Every customer that matched is served by another team: which teams (not who), for the caller to be transferred. */
export function otherTeams(query: string, segments: readonly Segment[]): LookupResult {
  const ordered = SEGMENTS.filter((s) => segments.includes(s));
  return {
    kind: 'none',
    message: `Every customer matching "${query}" is served by another team (${ordered.map((s) => s.replace('_', ' ')).join(', ')}); transfer the caller there.`,
    key: 'otherTeams',
    params: { query, segments: ordered.join(',') },
  };
}

function dedupe<C extends Pick<Candidate, 'customerId' | 'assetId' | 'matchedBy'>>(cs: C[]): C[] {
  const seen = new Set<string>();
  return cs.filter((c) => {
    const key = `${c.customerId}/${c.assetId ?? ''}/${c.matchedBy}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LookupResult } from '../../shared/api';
import { expressCodeNeighbours, lookalikeTags, tagToExpressCode } from '../../shared/serviceTag';
import { SHOWCASE } from './demo';
import { avaLookup, type testDesk } from './testing/deskHarness';

// A caller reads the tag off the laptop's label: "seven X K two Q F one", and the agent types
// an I for the one (or an O for a zero). The lookup offers the system the tag was meant as,
// saying what was typed, instead of "Nothing found".

let harness: Awaited<ReturnType<typeof testDesk>>;
let search: (query: string) => Promise<LookupResult>;
beforeAll(async () => {
  ({ harness, search } = await avaLookup());
});
afterAll(() => harness.desk.close());

describe('a service tag typed with O for 0 or I for 1', () => {
  it('offers the system whose tag it looks like, for the agent to confirm, never opening it unasked', async () => {
    const tag = SHOWCASE.lakeside.tag; // 7XK2QF1
    const typed = tag.replace(/1/g, 'I').replace(/0/g, 'O');
    expect(typed).not.toBe(tag);
    const r = await search(typed);
    expect(r.kind).toBe('candidates');
    if (r.kind !== 'candidates') return;
    expect(r.candidates).toHaveLength(1);
    expect(r.candidates[0]).toMatchObject({ customerName: SHOWCASE.lakeside.name, matchedBy: 'tag', params: { tag, typed } });
    expect(r.candidates[0]!.assetId).not.toBeNull();
  });

  it('reads a zero typed as the letter O the same way, and a real tag still opens straight away', async () => {
    const withZero = harness.desk.db.sqlite.prepare(`select service_tag from assets where service_tag like '%0%' limit 1`).pluck().get() as string;
    const r = await search(withZero.replace(/0/g, 'O'));
    expect(r.kind === 'candidates' ? r.candidates.map((c) => c.params?.tag) : []).toContain(withZero);
    expect((await search(SHOWCASE.lakeside.tag)).kind).toBe('match');
  });

  it('still says nothing was found when no lookalike exists either', async () => {
    expect((await search('ZZZZZZO')).kind).toBe('none');
  });

  it('tries every combination of the swaps, the typed tag left out', () => {
    expect(lookalikeTags('AB0CDI9').sort()).toEqual(['AB0CD19', 'ABOCD19', 'ABOCDI9'].sort());
    expect(lookalikeTags('ABCDEFG')).toEqual([]);
  });
});

describe('an Express Service Code keyed with one wrong digit or two neighbouring digits swapped', () => {
  const code = tagToExpressCode(SHOWCASE.lakeside.tag);
  const oneWrong = code.slice(0, 4) + String((Number(code[4]) + 1) % 10) + code.slice(5);
  const at = [...code].findIndex((d, i) => i > 0 && d !== code[i + 1]);
  const swapped = code.slice(0, at) + code[at + 1] + code[at] + code.slice(at + 2);

  it('offers the system whose code differs by that digit, saying what was typed, and never opens it unasked', async () => {
    for (const typed of [oneWrong, swapped]) {
      const r = await search(typed);
      expect(r.kind, typed).toBe('candidates');
      if (r.kind !== 'candidates') continue;
      const guess = r.candidates.find((c) => c.params?.typed === typed);
      expect(guess, typed).toMatchObject({ customerName: SHOWCASE.lakeside.name, matchedBy: 'express', params: { code, tag: SHOWCASE.lakeside.tag, typed } });
      expect(guess!.params?.swapped).toBe(typed === swapped ? 'yes' : 'no');
      expect(guess!.detail).toContain(`you typed ${typed}`);
    }
    // The right code still opens the customer straight away.
    expect((await search(code)).kind).toBe('match');
    // Digits written as a phone number's (a plus, brackets) are not guessed at as a code.
    const asPhone = `(${oneWrong.slice(0, 3)}) ${oneWrong.slice(3)}`;
    const r = await search(asPhone);
    expect(r.kind === 'candidates' ? r.candidates.filter((c) => c.params?.typed) : []).toEqual([]);
  });

  it('tries each code one digit or one swap away that can be a tag, the typed code and codes starting with 0 left out', () => {
    const near = expressCodeNeighbours('2176782336');
    expect(near).toContain('2176782337');
    expect(near).toContain('1276782336');
    expect(near).not.toContain('2176782336');
    expect(near.every((c) => !c.startsWith('0'))).toBe(true);
    // 9 wrong digits in each of 10 places, 9 swaps, less the first digit made 0 and swaps of equal digits.
    expect(new Set(near).size).toBe(near.length);
    expect(near.length).toBeLessThanOrEqual(10 * 9 + 9);
    // Beyond the largest code (36^7 - 1 = 78364164095) nothing is offered.
    expect(expressCodeNeighbours('98364164095').every((c) => Number(c) <= 78364164095)).toBe(true);
  });
});

describe('punctuation alone in the lookup field', () => {
  it('is refused with what the field can find, instead of "Nothing found for names starting “??”" and an offer to register', async () => {
    for (const q of ['??', '!!', '***']) {
      const r = await search(q);
      expect(r, q).toMatchObject({ kind: 'invalid', key: 'nothingToLookUp', params: { query: q } });
    }
    expect((await search('Jo')).kind).not.toBe('invalid');
  });
});

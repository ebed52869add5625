import { describe, expect, it } from 'vitest';
import { deskCalled, deskNameFromHost, deskNameSchema } from './deskName';
import { deskReportHeaders, readDeskReport } from './deskReport';
import { messageDetail, say } from './messageKeys';

describe('a desk’s name', () => {
  it('is what was typed, trimmed, 1 to 60 characters, and says what is wrong in words', () => {
    expect(deskNameSchema.parse('  FRONT-ROW-07 ')).toBe('FRONT-ROW-07');
    expect(deskNameSchema.parse('میز ۷ ردیف جلو')).toBe('میز ۷ ردیف جلو');
    expect(deskNameSchema.parse('x'.repeat(60))).toHaveLength(60);
    const empty = deskNameSchema.safeParse('   ');
    expect(empty.error?.issues.map((i) => i.message)).toEqual([say('deskNameEmpty')]);
    const long = deskNameSchema.safeParse('x'.repeat(61));
    expect(long.error?.issues.map((i) => i.message)).toEqual([say('deskNameTooLong', { max: 60 })]);
    expect(say('deskNameTooLong', { max: 60 })).toBe('A desk’s name is at most 60 characters.');
    // Read back into its key and values, for a window in Persian to say it in its own words.
    expect(messageDetail(say('deskNameTooLong', { max: 60 }))).toEqual({ key: 'deskNameTooLong', params: { max: 60 } });
    expect(messageDetail(say('deskNameEmpty'))).toEqual({ key: 'deskNameEmpty' });
  });

  it('defaults to the machine’s host name, cut to 60 characters; a desk without one is called by its short id', () => {
    expect(deskNameFromHost('FRONT-ROW-07')).toBe('FRONT-ROW-07');
    expect(deskNameFromHost(` ${'h'.repeat(70)}`)).toHaveLength(60);
    expect(deskNameFromHost('  ')).toBeNull();
    // By the random end of its id: two desks set up in the same minute begin alike (UUID v7).
    expect(deskCalled('0193a1b2-c3d4-7000-8000-5e2a91c07d3f', null)).toBe('91c07d3f');
    expect(deskCalled('0193a1b2-c3d4-7001-9a11-b04e6d2218aa', null)).toBe('6d2218aa');
    expect(deskCalled('0193a1b2-c3d4-7000-8000-5e2a91c07d3f', 'FRONT-ROW-07')).toBe('FRONT-ROW-07');
  });

  it('travels in a header a hub reads back (a Persian name too); a hub reads none, or a bad one, as no name', () => {
    for (const name of ['FRONT-ROW-07', 'میز ۷ ردیف جلو']) {
      const headers = deskReportHeaders({ skewMs: null, outbox: 0, name });
      expect(Object.values(headers).every((v) => /^[\x20-\x7e]*$/.test(v))).toBe(true);
      expect(readDeskReport(headers).name).toBe(name);
    }
    expect(readDeskReport({}).name).toBeNull();
    expect(readDeskReport({ 'x-tagdesk-desk-name': '%E0%A4%A' }).name).toBeNull();
    expect(readDeskReport({ 'x-tagdesk-desk-name': encodeURIComponent('x'.repeat(61)) }).name).toBeNull();
  });
});

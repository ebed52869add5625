import { describe, expect, it } from 'vitest';
import { setLocale } from '../i18n/state';
import { csatMean, emptyListing, matchedWords, ratingsSummary } from './labels';

// An empty knowledge-base listing says what to do next, not only that nothing is there.

describe('the knowledge base with nothing to list', () => {
  it('after a search, suggests other words, and drafts too when only published ones were searched', () => {
    expect(emptyListing({ searched: true, publishedOnly: false, writes: false })).toEqual({ lines: ['kb.none', 'kb.noneHint'], write: false });
    expect(emptyListing({ searched: true, publishedOnly: true, writes: false }).lines).toEqual(['kb.none', 'kb.noneHint', 'kb.noneDrafts']);
  });

  it('offers a specialist the way to write the missing article', () => {
    expect(emptyListing({ searched: true, publishedOnly: false, writes: true }).write).toBe(true);
    expect(emptyListing({ searched: false, publishedOnly: false, writes: true })).toEqual({ lines: ['kb.empty'], write: true });
  });

  it('tells an agent, who cannot write one, where articles come from', () => {
    expect(emptyListing({ searched: false, publishedOnly: false, writes: false })).toEqual({ lines: ['kb.empty', 'kb.emptyHint'], write: false });
  });
});

describe('the words a suggestion matched', () => {
  it('in Persian, reads them right to left in the order found, each Latin word whole', async () => {
    // "جورشده: battery، charging، 80، stuck" was one left-to-right run: the first words stood at
    // its far (left) end, where the line is cut short, so the agent saw "…0، stuck، percent".
    await setLocale('fa', 'arabext');
    try {
      expect(matchedWords(['battery', 'charging', '80'])).toBe('جورشده: \u2068battery\u2069، \u2068charging\u2069، \u206880\u2069');
    } finally {
      await setLocale('en', 'latn');
    }
    expect(matchedWords(['battery', 'charging'])).toBe('Matched: \u2068battery\u2069, \u2068charging\u2069');
  });
});

describe('how many ratings and scores there are', () => {
  it('says one rating, not "1 ratings", and many ratings as many', async () => {
    expect(ratingsSummary({ n: 1, mean: 0.5 })).toBe('One rating, 50% relevant');
    expect(ratingsSummary({ n: 3, mean: 0.5 })).toBe('3 ratings, 50% relevant on average');
    // Nothing rated (none yet, or every rating withdrawn): not "0 ratings".
    expect(ratingsSummary({ n: 0, mean: null })).toBe('Not rated yet');
    expect(csatMean(4, 1)).toBe('One score: 4.00');
    expect(csatMean(4.25, 12)).toBe('Mean 4.25 from 12 scores');
    await setLocale('fa', 'arabext');
    try {
      expect(ratingsSummary({ n: 1, mean: 0.5 })).toBe('۱ امتیاز، ۵۰٪ مرتبط');
      expect(ratingsSummary({ n: 3, mean: 0.5 })).toBe('۳ امتیاز، به‌طور میانگین ۵۰٪ مرتبط');
      expect(csatMean(4.25, 12)).toBe('میانگین ۴٫۲۵ از ۱۲ امتیاز');
    } finally {
      await setLocale('en', 'latn');
    }
  });
});

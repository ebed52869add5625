import { describe, expect, it } from 'vitest';
import { emptyListing } from './labels';

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

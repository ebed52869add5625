import { describe, expect, it } from 'vitest';
import { api } from './api';
import { isWellFormedText, LONE_SURROGATE_MESSAGE } from './text';

// A lone UTF-16 surrogate in a subject was once stored as U+FFFD without a word: the desk
// kept other text than the agent typed. Now every input with one is refused, saying why.

describe('text that enters the desk', () => {
  it('tells lone surrogates from pairs', () => {
    expect(isWellFormedText('Fan noise 🙂 ok')).toBe(true);
    expect(isWellFormedText('Fan \uD83D noise')).toBe(false);
    expect(isWellFormedText('end \uD83D')).toBe(false);
    expect(isWellFormedText('\uDE42 start')).toBe(false);
    expect(isWellFormedText('reversed \uDE42\uD83D')).toBe(false);
  });

  it('refuses a subject, a description, a note or a query with one, naming the field', () => {
    const create = api['tickets.create'].input.safeParse({ customerId: 'c1', subject: 'Fan \uD83D noise' });
    expect(create.success).toBe(false);
    expect(create.error?.issues[0]).toMatchObject({ message: LONE_SURROGATE_MESSAGE, path: ['subject'] });
    const good = api['tickets.create'].input.safeParse({ customerId: 'c1', subject: 'Fan noise 🙂' });
    expect(good.success).toBe(true);

    const lookup = api['lookup.search'].input.safeParse({ query: 'Jo\uDC00nes' });
    expect(lookup.error?.issues[0]?.message).toBe(LONE_SURROGATE_MESSAGE);
  });
});

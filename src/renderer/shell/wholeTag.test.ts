import { describe, expect, it } from 'vitest';
import { tagToExpressCode } from '../../shared/serviceTag';
import { isWholeTag } from './wholeTag';

describe('the lookup field looks up a whole service tag as it is typed', () => {
  it('takes a complete tag, however it was typed', () => {
    for (const typed of ['7XK2QF1', '7xk2qf1', ' 7XK2QF1 ', '7XK-2QF1', '7XK 2QF1']) expect(isWholeTag(typed), typed).toBe(true);
  });

  it('waits while the tag is still being typed or has grown past seven', () => {
    for (const typed of ['7', '7XK2QF', '7XK2QF1A', '']) expect(isWholeTag(typed), typed).toBe(false);
  });

  it('leaves alone what could still become another query: digits (Express code, phone), letters (a name)', () => {
    const code = tagToExpressCode('7XK2QF1');
    for (let n = 1; n <= code.length; n++) expect(isWholeTag(code.slice(0, n)), code.slice(0, n)).toBe(false);
    for (const typed of ['1234567', 'JORDANS', 'Jordan', '+1 555 0100', 'maria@example.com', 'T1234', 'T123456', 't123456', '#1234567']) expect(isWholeTag(typed), typed).toBe(false);
  });

  it('reads Persian digits as digits, and does not guess at letters of another script (the desk reads a Persian-layout tag on Enter)', () => {
    expect(isWholeTag('۷XK۲QF۱')).toBe(true);
    expect(isWholeTag('۷XKصQF1')).toBe(false);
    expect(isWholeTag('۱۲۳۴۵۶۷')).toBe(false);
  });
});

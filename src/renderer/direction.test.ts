import { describe, expect, it } from 'vitest';
import { ownDirection, typedDirection } from './direction';

// Omar, in the Persian window, pastes an English error log into a note: the field said
// dir="auto" on Mantine's wrapper, where no typed text is, so it stayed one direction whatever
// was typed. ownDirection puts dir="auto" on the field itself (the e2e spec ticket-flow.spec.ts
// checks the typed text's direction in a real note field).

describe('a prose field’s own direction', () => {
  it('sets dir="auto" on the field it is given as a ref, and ignores the unmount call', () => {
    const attributes = new Map<string, string>();
    const field = {
      value: 'Printer offline',
      setAttribute: (name: string, value: string) => void attributes.set(name, value),
      removeAttribute: (name: string) => void attributes.delete(name),
      addEventListener: () => {},
    } as unknown as HTMLTextAreaElement;
    ownDirection(field);
    expect(attributes.get('dir')).toBe('auto');
    expect(() => ownDirection(null)).not.toThrow();
  });
});

// Empty, a field with dir="auto" has no letter to go by and is left to right: in the Persian
// window the caret sat on the left until something was typed. Empty (or with no letter yet),
// it takes the page's direction; with a letter, its own.
describe('the direction a prose field takes from what it holds', () => {
  it('is the page’s while nothing with a direction is typed', () => {
    expect(typedDirection('')).toBeNull();
    expect(typedDirection('   ')).toBeNull();
    expect(typedDirection('۱۲۳ 45 -')).toBeNull();
  });

  it('is the text’s own once a letter is typed, in either script', () => {
    expect(typedDirection('Printer offline')).toBe('auto');
    expect(typedDirection('چاپگر')).toBe('auto');
    expect(typedDirection('42 Tehran')).toBe('auto');
  });
});

import { describe, expect, it } from 'vitest';
import { ownDirection } from './direction';

// Omar, in the Persian window, pastes an English error log into a note: the field said
// dir="auto" on Mantine's wrapper, where no typed text is, so it stayed one direction whatever
// was typed. ownDirection puts dir="auto" on the field itself (the e2e spec ticket-flow.spec.ts
// checks the typed text's direction in a real note field).

describe('a prose field’s own direction', () => {
  it('sets dir="auto" on the field it is given as a ref, and ignores the unmount call', () => {
    const attributes = new Map<string, string>();
    const field = { setAttribute: (name: string, value: string) => void attributes.set(name, value) } as unknown as HTMLTextAreaElement;
    ownDirection(field);
    expect(attributes.get('dir')).toBe('auto');
    expect(() => ownDirection(null)).not.toThrow();
  });
});

import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../ids';
import { bytesToUuid, fromStored, toStored, uuidToBytes } from './idCodec';

describe('ids as 16 bytes', () => {
  it('reads back every id as the text it was written from', () => {
    const ids = [...Array.from({ length: 500 }, () => uuidv7()), ...Array.from({ length: 500 }, () => randomUUID()), '00000000-0000-4000-8000-000000000000', 'ffffffff-ffff-7fff-bfff-ffffffffffff'];
    for (const id of ids) {
      const stored = toStored(id);
      expect(stored).toBeInstanceOf(Uint8Array);
      expect((stored as Uint8Array).length).toBe(16);
      expect(fromStored(stored)).toBe(id);
    }
  });

  it('gives each id its own string: an id read earlier does not change when the next is read', () => {
    const a = uuidv7();
    const b = randomUUID();
    const first = bytesToUuid(uuidToBytes(a));
    const second = bytesToUuid(uuidToBytes(b));
    expect([first, second]).toEqual([a, b]);
  });

  it('leaves text that is not a lowercase UUID as it is', () => {
    for (const v of ['T-000123', 'A1B2C3D4-0000-4000-8000-000000000000', 'not-an-id', '']) expect(toStored(v)).toBe(v);
  });
});

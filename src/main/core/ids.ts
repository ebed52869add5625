import { randomBytes } from 'node:crypto';

// UUID v7: 48 bits of milliseconds, then randomness. Time-ordered (good for B-tree inserts)
// and safe to create offline on many desks at once.
let lastMs = 0;
let counter = 0;

export function uuidv7(now: number = Date.now()): string {
  // Within one millisecond, bump a counter in the random bits so ids stay ordered.
  if (now === lastMs) counter++;
  else {
    lastMs = now;
    counter = 0;
  }
  const b = randomBytes(16);
  b.writeUIntBE(now, 0, 6);
  b[6] = 0x70 | ((counter >> 8) & 0x0f);
  b[7] = counter & 0xff;
  b[8] = 0x80 | (b[8]! & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

import { randomBytes } from 'node:crypto';

// UUID v7: 48 bits of milliseconds, then randomness. Time-ordered (good for B-tree inserts)
// and safe to create offline on many desks at once.
let lastMs = 0;
let counter = 0;
// Randomness drawn 4 KB at a time: one call into the system's generator per 256 ids, not
// one per id (it showed in the write path's profile).
const POOL = 4096;
let pool = randomBytes(POOL);
let used = 0;
function random16(): Buffer {
  if (used + 16 > POOL) {
    pool = randomBytes(POOL);
    used = 0;
  }
  const b = Buffer.from(pool.subarray(used, used + 16));
  used += 16;
  return b;
}

export function uuidv7(now: number = Date.now()): string {
  // Within one millisecond, bump a counter in the random bits so ids stay ordered.
  if (now === lastMs) counter++;
  else {
    lastMs = now;
    counter = 0;
  }
  const b = random16();
  b.writeUIntBE(now, 0, 6);
  b[6] = 0x70 | ((counter >> 8) & 0x0f);
  b[7] = counter & 0xff;
  b[8] = 0x80 | (b[8]! & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

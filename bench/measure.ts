import os from 'node:os';

// Times one benchmark: the product path and its floor (the same SQL on a raw connection),
// interleaved in small blocks so that whatever the machine is doing meanwhile (other
// processes, the page cache, a WAL checkpoint) falls on both sides alike.

export interface Benchmark {
  name: string;
  /** Timed samples per side; warm-up iterations come on top. */
  samples: number;
  warmup: number;
  /** One call through the real API path; i counts 0, 1, 2, ... over warm-up and samples. */
  product(i: number): Promise<void>;
  /** The least the database itself must do for the same answer; none for pure computation. */
  floor?: (i: number) => void;
  targetP99Us?: number;
  /** Highest acceptable p99 / floor p99. */
  targetRatio?: number;
  /**
   * For writes: the WAL's last frame (walFrames in index.ts), read before and after each call,
   * outside its timing: the pages a call wrote. A call across which the WAL restarted (after a
   * checkpoint) is not counted.
   */
  walFrames?: () => number;
}

export interface MeasureOptions {
  /** Stop taking samples after this long (warm-up excluded); n then says how many were taken. */
  budgetMs: number;
}

export interface Figures {
  name: string;
  n: number;
  p50_us: number;
  p99_us: number;
  floor_p99_us: number | null;
  floor_p50_us: number | null;
  ratio_p99: number | null;
  /**
   * p50 / floor p50. Steadier than ratio_p99 from run to run: a write's p99 is an fsync that
   * waited, on either side (take_next's p99 ratio ranged 1.11-2.73 over three runs of one build).
   */
  ratio_p50: number | null;
  target_p99_us: number | null;
  target_ratio: number | null;
  /** null when the benchmark has no target. */
  pass: boolean | null;
  /** The machine's 1-minute load average when the benchmark ended: other work skews p99. */
  load1: number;
  /** Calls made before the timed ones, on each side (untimed in the figures above). */
  warmup: number;
  /**
   * The warm-up calls' median, the product's and the floor's: what the first calls of a freshly
   * started process cost, before V8 has optimised the path. Reported, not judged.
   */
  warmup_p50_us: number | null;
  floor_warmup_p50_us: number | null;
  /** Writes only: median pages (WAL frames) one call wrote, the product's and the floor's. */
  pages_p50?: number;
  floor_pages_p50?: number;
}

const BLOCK = 20;

export async function measure(b: Benchmark, opts: MeasureOptions): Promise<Figures> {
  const product: number[] = [];
  const floor: number[] = [];
  const productWarmup: number[] = [];
  const floorWarmup: number[] = [];
  const productPages: number[] = [];
  const floorPages: number[] = [];
  const frames = b.walFrames;
  const pagesOf = (before: number | null, into: number[]) => {
    if (before === null || !frames) return;
    const after = frames();
    if (after >= before) into.push(after - before);
  };
  let p = 0;
  let f = 0;
  const total = b.warmup + b.samples;
  const runFloor = (count: number) => {
    for (const end = Math.min(total, f + count); f < end; f++) {
      if (!b.floor) continue;
      const before = frames ? frames() : null;
      const t0 = process.hrtime.bigint();
      b.floor(f);
      const us = Number(process.hrtime.bigint() - t0) / 1000;
      if (f >= b.warmup) {
        floor.push(us);
        pagesOf(before, floorPages);
      } else floorWarmup.push(us);
    }
  };
  const runProduct = async (count: number) => {
    for (const end = Math.min(total, p + count); p < end; p++) {
      const before = frames ? frames() : null;
      const t0 = process.hrtime.bigint();
      await b.product(p);
      const us = Number(process.hrtime.bigint() - t0) / 1000;
      if (p >= b.warmup) {
        product.push(us);
        pagesOf(before, productPages);
      } else productWarmup.push(us);
    }
  };
  // Alternate which side goes first, so neither always runs on the other's warm cache.
  let timedSince: number | null = null;
  for (let block = 0; p < total || f < total; block++) {
    if (block % 2 === 0) {
      runFloor(BLOCK);
      await runProduct(BLOCK);
    } else {
      await runProduct(BLOCK);
      runFloor(BLOCK);
    }
    if (timedSince === null && p >= b.warmup && f >= b.warmup) timedSince = Date.now();
    if (timedSince !== null && Date.now() - timedSince > opts.budgetMs) break;
  }

  const p50 = percentile(product, 0.5);
  const p99 = percentile(product, 0.99);
  const floorP99 = b.floor ? percentile(floor, 0.99) : null;
  const floorP50 = b.floor ? percentile(floor, 0.5) : null;
  const ratio = floorP99 === null ? null : p99 / floorP99;
  const checks = [b.targetP99Us === undefined ? null : p99 <= b.targetP99Us, b.targetRatio === undefined || ratio === null ? null : ratio <= b.targetRatio].filter((c) => c !== null);
  return {
    name: b.name,
    n: product.length,
    p50_us: round(p50),
    p99_us: round(p99),
    floor_p99_us: floorP99 === null ? null : round(floorP99),
    floor_p50_us: floorP50 === null ? null : round(floorP50),
    ratio_p99: ratio === null ? null : Math.round(ratio * 100) / 100,
    ratio_p50: floorP50 === null ? null : Math.round((p50 / floorP50) * 100) / 100,
    target_p99_us: b.targetP99Us ?? null,
    target_ratio: b.targetRatio ?? null,
    pass: checks.length ? checks.every(Boolean) : null,
    load1: Math.round(os.loadavg()[0]! * 100) / 100,
    warmup: b.warmup,
    warmup_p50_us: productWarmup.length ? round(percentile(productWarmup, 0.5)) : null,
    floor_warmup_p50_us: floorWarmup.length ? round(percentile(floorWarmup, 0.5)) : null,
    ...(frames && productPages.length > 0 ? { pages_p50: percentile(productPages, 0.5) } : {}),
    ...(frames && floorPages.length > 0 ? { floor_pages_p50: percentile(floorPages, 0.5) } : {}),
  };
}

/** Nearest-rank percentile. */
function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

const round = (us: number) => Math.round(us * 10) / 10;

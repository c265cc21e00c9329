/**
 * Seeded pseudo-random numbers. Every random choice in the lab (data, initial
 * weights, minibatch order) draws from an Rng derived from the spec's seed, so a
 * run is reproducible from its file alone.
 *
 * Generator: xoshiro128** (Blackman & Vigna 2018), seeded through splitmix32 so
 * that nearby seeds give unrelated streams.
 */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spareNormal: number | null = null;

  constructor(seed: number) {
    let x = seed >>> 0;
    const next = (): number => {
      // splitmix32
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
  }

  /** A uniformly distributed 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (this.s1 << 9) >>> 0;
    this.s2 = (this.s2 ^ this.s0) >>> 0;
    this.s3 = (this.s3 ^ this.s1) >>> 0;
    this.s1 = (this.s1 ^ this.s2) >>> 0;
    this.s0 = (this.s0 ^ this.s3) >>> 0;
    this.s2 = (this.s2 ^ t) >>> 0;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform on [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform on [low, high). */
  uniformIn(low: number, high: number): number {
    return low + (high - low) * this.uniform();
  }

  /** Standard normal N(0, 1) by the Box-Muller transform. */
  normal(): number {
    if (this.spareNormal !== null) {
      const v = this.spareNormal;
      this.spareNormal = null;
      return v;
    }
    let u = 0;
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** An integer uniform on [0, n). */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** +1 or -1 with equal probability. */
  sign(): number {
    return this.nextUint32() & 1 ? 1 : -1;
  }

  /** Fisher-Yates shuffle of [0, n). */
  permutation(n: number): Int32Array {
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = p[i]!;
      p[i] = p[j]!;
      p[j] = t;
    }
    return p;
  }

  /** Fill a new Float64Array with N(0, 1) draws. */
  normals(count: number): Float64Array {
    const out = new Float64Array(count);
    for (let i = 0; i < count; i++) out[i] = this.normal();
    return out;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/**
 * Independent streams for the parts of one run, so that changing, say, the
 * optimizer never changes the data or the initial weights.
 */
export type StreamName = 'data' | 'target' | 'split' | 'init' | 'batch' | 'teacher';

const STREAM_SALT: Record<StreamName, number> = {
  data: 0x1234567,
  target: 0x2345678,
  split: 0x3456789,
  init: 0x456789a,
  batch: 0x56789ab,
  teacher: 0x6789abc,
};

export function streamRng(seed: number, stream: StreamName): Rng {
  return new Rng((Math.imul(seed >>> 0, 0x9e3779b1) ^ STREAM_SALT[stream]) >>> 0);
}

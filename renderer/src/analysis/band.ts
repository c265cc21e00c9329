/**
 * Mean ± standard deviation across seed replicates, step by step, at the
 * steps where at least `minCount` runs have a finite value (by default all of
 * them: a mean that loses a replicate part-way jumps, which reads as a result
 * when it is only bookkeeping). The sample standard deviation (n - 1) needs
 * two runs at a step, else 0.
 * On a log axis the statistics are taken over log10 values: the band is then
 * geometric mean ×/÷ geometric std, which never crosses zero.
 */
import type { SmoothSpace } from './smoothing.js';

export interface BandInput {
  steps: ArrayLike<number>;
  values: ArrayLike<number>;
}

export interface Band {
  steps: Float64Array;
  mean: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  /** Runs with a finite value at each step. */
  count: Uint16Array;
}

export function seedBand(runs: readonly BandInput[], space: SmoothSpace = 'linear', minCount = runs.length): Band {
  const acc = new Map<number, { sum: number; sumSq: number; n: number }>();
  for (const run of runs) {
    for (let i = 0; i < run.values.length; i++) {
      const raw = run.values[i]!;
      const v = space === 'log' ? (raw > 0 ? Math.log10(raw) : Number.NaN) : raw;
      if (!Number.isFinite(v)) continue;
      const step = run.steps[i]!;
      const a = acc.get(step) ?? { sum: 0, sumSq: 0, n: 0 };
      a.sum += v;
      a.sumSq += v * v;
      a.n += 1;
      acc.set(step, a);
    }
  }
  const need = Math.max(1, Math.min(minCount, runs.length));
  const steps = [...acc.keys()].filter((s) => acc.get(s)!.n >= need).sort((a, b) => a - b);
  const out: Band = {
    steps: Float64Array.from(steps),
    mean: new Float64Array(steps.length),
    lower: new Float64Array(steps.length),
    upper: new Float64Array(steps.length),
    count: new Uint16Array(steps.length),
  };
  steps.forEach((step, i) => {
    const a = acc.get(step)!;
    const mean = a.sum / a.n;
    const variance = a.n > 1 ? Math.max(0, (a.sumSq - a.n * mean * mean) / (a.n - 1)) : 0;
    const sd = Math.sqrt(variance);
    const back = space === 'log' ? (x: number) => 10 ** x : (x: number) => x;
    out.mean[i] = back(mean);
    out.lower[i] = back(mean - sd);
    out.upper[i] = back(mean + sd);
    out.count[i] = a.n;
  });
  return out;
}

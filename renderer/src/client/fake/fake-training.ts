/**
 * Made-up training curves for the fake host (demo mode and tests): shaped like
 * the papers' results (GD and Heavy Ball linear, Nesterov with (k-1)/(k+2)
 * sublinear, SGD noisy, too large a step diverges), deterministic per seed.
 * Nothing here is science: it only exercises the UI.
 */
import type { RunSpec } from '../../../../core/spec/expand.js';
import type { OptimizerSpec } from '../../../../core/spec/schema.js';

/** Mulberry32: a tiny seeded PRNG, enough for plausible noise. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0 || 0x9e3779b9;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function lrValue(o: OptimizerSpec): number {
  const lr = o.lr;
  if (typeof lr === 'number') return lr;
  return lr.kind === 'constant' ? lr.value : lr.initial;
}

interface Curve {
  /** Noise-free loss at step k (also the "theory" overlay). */
  ideal(k: number): number;
  /** Multiplicative noise level (log-normal sigma). */
  noise: number;
  /** Loss scale at which the run blows up (Infinity when stable). */
  divergeAt: number;
}

function curveOf(o: OptimizerSpec, l0: number, squared: boolean): Curve {
  // Margin losses (logistic, exponential) tolerate large steps; squared loss blows up past ~2/L.
  const lr = squared ? lrValue(o) : Math.min(lrValue(o), 1);
  const r = Math.min(0.2, lr * 0.03);
  switch (o.kind) {
    case 'heavy-ball': {
      const beta = o.momentum;
      const rate = Math.min(0.2, r / Math.max(0.05, 1 - beta) / 3);
      return { ideal: (k) => l0 * Math.exp(-rate * k) * (1 + 0.5 * Math.cos(0.05 * k) * Math.exp(-k / 400)), noise: 0.01, divergeAt: lr > 1.6 ? 1 : Infinity };
    }
    case 'nesterov': {
      if (o.momentum === '(k-1)/(k+2)') {
        const tau = 1 / Math.max(1e-6, lr * 0.5);
        return { ideal: (k) => l0 / (1 + k / tau) ** 2 * (1 + 0.3 * Math.cos(0.02 * k) ** 2), noise: 0.01, divergeAt: lr > 1.6 ? 1 : Infinity };
      }
      const rate = Math.min(0.2, r / Math.max(0.05, 1 - o.momentum) / 2.5);
      return { ideal: (k) => l0 * Math.exp(-rate * k), noise: 0.01, divergeAt: lr > 1.6 ? 1 : Infinity };
    }
    case 'adam':
    case 'adamw':
    case 'rmsprop':
    case 'adagrad':
      return { ideal: (k) => l0 * Math.exp(-Math.min(0.05, lr * 2) * k) + 1e-7, noise: 0.05, divergeAt: lr > 0.5 ? 1 : Infinity };
    case 'sgd':
      return { ideal: (k) => l0 * Math.exp(-r * k * 0.6) + 1e-6, noise: 0.25, divergeAt: lr > 1.2 ? 1 : Infinity };
    case 'gd':
      return { ideal: (k) => l0 * Math.exp(-r * k), noise: 0.005, divergeAt: lr > 1.6 ? 1 : Infinity };
  }
}

/** One recorded step: step, time_ms and the spec's metric columns. */
export type FakeRecord = Record<string, number>;

export interface FakeRunPlan {
  /** Every record the run will produce, in order (the run may stop early). */
  records: FakeRecord[];
  status: 'finished' | 'diverged';
  reason: string | null;
  steps: number;
}

/** The whole (short) life of a run, computed up front and streamed out in slices. */
export function planRun(spec: RunSpec): FakeRunPlan {
  const rand = seededRandom(spec.seed * 7919 + spec.label.length);
  const gauss = (): number => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
  const l0 = 0.7 + 0.6 * rand();
  // Replicates differ a little in speed too, so seed bands have some width.
  const speed = 0.92 + 0.16 * rand();
  const base = curveOf(spec.optimizer, l0, spec.loss.kind === 'mse');
  const curve: Curve = { ...base, ideal: (k) => base.ideal(k * speed) };
  const every = spec.train.record.every;
  const total = spec.train.steps;
  const metrics = new Set<string>(spec.metrics);
  const target = spec.train.targetLoss;
  const maxLoss = spec.train.maxLoss ?? 1e12;
  const msPerStep = 1.5 + rand();
  const records: FakeRecord[] = [];
  let status: FakeRunPlan['status'] = 'finished';
  let reason: string | null = null;
  let last = 0;
  for (let k = 0; k <= total; k = k + every > total && k < total ? total : k + every) {
    const ideal = curve.ideal(k);
    let loss = ideal * Math.exp(curve.noise * gauss());
    if (curve.divergeAt < Infinity) loss = l0 * Math.exp(0.05 * k) * (1 + 0.3 * Math.cos(k));
    if (loss > maxLoss || !Number.isFinite(loss)) loss = Infinity;
    const rec: FakeRecord = { step: k, time_ms: k * msPerStep, loss };
    const g = Math.sqrt(2 * loss);
    if (metrics.has('grad_norm')) rec.grad_norm = g;
    if (metrics.has('pl_ratio')) rec.pl_ratio = (g * g) / loss * (1 + 0.01 * gauss());
    if (metrics.has('dist_init')) rec.dist_init = 3 * (1 - Math.sqrt(Math.max(0, ideal / l0)));
    if (metrics.has('rel_dist_init')) rec.rel_dist_init = 0.05 * (1 - Math.sqrt(Math.max(0, ideal / l0)));
    if (metrics.has('test_loss')) rec.test_loss = loss * 1.3 + 1e-3;
    if (metrics.has('accuracy')) rec.accuracy = 1 - 0.5 * Math.min(1, ideal / l0);
    if (metrics.has('dir_cos')) rec.dir_cos = 1 - 0.9 * Math.exp(-k / (total / 6));
    if (metrics.has('act_flip')) rec.act_flip = 0.02 * (1 - Math.exp(-k / 300));
    if (metrics.has('ntk')) {
      rec.ntk_lambda_min = 0.1 * (1 - 0.05 * (1 - Math.exp(-k / 500)));
      rec.ntk_lambda_max = 4.2;
      rec.ntk_cond = rec.ntk_lambda_max / rec.ntk_lambda_min;
      rec.ntk_drift = 0.01 * (1 - Math.exp(-k / 400));
    }
    if (metrics.has('theory')) {
      rec.theory_loss = ideal;
      rec.ode_loss = spec.optimizer.kind === 'nesterov' ? curve.ideal(k * 1.02) : Number.NaN;
    }
    records.push(rec);
    last = k;
    if (!Number.isFinite(loss)) {
      status = 'diverged';
      reason = `loss became Infinity at step ${k} (above maxLoss ${maxLoss})`;
      break;
    }
    if (target !== undefined && loss <= target) break;
  }
  return { records, status, reason, steps: last };
}

/**
 * Learning-rate schedules: lr_t for the 0-based step t (docs/optimizers.md).
 *   number                      lr_t = lr
 *   constant                    lr_t = value
 *   step                        lr_t = initial * gamma^floor(t / every)
 *   cosine                      lr_t = final + (initial - final) (1 + cos(pi min(t, S) / S)) / 2,
 *                               S = steps, or the run's step count when omitted
 *   inverse-time                lr_t = initial / (1 + decay t)^power
 * Warmup W > 0 multiplies the value above by (t + 1) / W for t < W (linear
 * warmup from lr_0 / W up to the schedule, reaching it at t = W - 1).
 */
import type { LrSpec, ScheduleSpec } from '../spec/schema.js';

export function learningRate(lr: LrSpec, t: number, totalSteps: number): number {
  if (typeof lr === 'number') return lr;
  const base = scheduleValue(lr, t, totalSteps);
  return lr.warmup > 0 && t < lr.warmup ? (base * (t + 1)) / lr.warmup : base;
}

function scheduleValue(s: ScheduleSpec, t: number, totalSteps: number): number {
  switch (s.kind) {
    case 'constant':
      return s.value;
    case 'step':
      return s.initial * s.gamma ** Math.floor(t / s.every);
    case 'cosine': {
      const S = s.steps ?? totalSteps;
      if (!(S >= 1)) throw new RangeError(`cosine schedule needs a length of at least 1 step, got ${S}`);
      return s.final + ((s.initial - s.final) * (1 + Math.cos((Math.PI * Math.min(t, S)) / S))) / 2;
    }
    case 'inverse-time':
      return s.initial / (1 + s.decay * t) ** s.power;
    default: {
      const never: never = s;
      throw new Error(`unknown schedule kind ${JSON.stringify((never as { kind: unknown }).kind)}`);
    }
  }
}

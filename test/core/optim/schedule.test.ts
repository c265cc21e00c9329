import { describe, expect, it } from 'vitest';
import { learningRate } from '../../../core/optim/schedule.js';
import { scheduleSchema, type LrSpec } from '../../../core/spec/schema.js';

const at = (lr: LrSpec, ts: readonly number[], total = 100) => ts.map((t) => learningRate(lr, t, total));
const parse = (s: unknown): LrSpec => scheduleSchema.parse(s);

describe('learningRate', () => {
  it('a number is constant', () => {
    expect(at(0.3, [0, 1, 1000])).toEqual([0.3, 0.3, 0.3]);
  });

  it('constant', () => {
    expect(at(parse({ kind: 'constant', value: 0.2 }), [0, 7, 99])).toEqual([0.2, 0.2, 0.2]);
  });

  it('step: initial gamma^floor(t / every)', () => {
    const s = parse({ kind: 'step', initial: 1, gamma: 0.5, every: 3 });
    expect(at(s, [0, 2, 3, 5, 6, 9])).toEqual([1, 1, 0.5, 0.5, 0.25, 0.125]);
  });

  it('cosine: final + (initial - final)(1 + cos(pi min(t, S) / S)) / 2', () => {
    const s = parse({ kind: 'cosine', initial: 1, final: 0.1, steps: 10 });
    const v = at(s, [0, 5, 10, 25]);
    expect(v[0]).toBeCloseTo(1, 15);
    expect(v[1]).toBeCloseTo(0.55, 15);
    expect(v[2]).toBeCloseTo(0.1, 15);
    expect(v[3]).toBeCloseTo(0.1, 15);
    expect(learningRate(s, 3, 100)).toBeCloseTo(0.1 + (0.9 * (1 + Math.cos((3 * Math.PI) / 10))) / 2, 15);
  });

  it('cosine without steps spans the run, and final defaults to 0', () => {
    const s = parse({ kind: 'cosine', initial: 2 });
    expect(learningRate(s, 0, 4)).toBeCloseTo(2, 15);
    expect(learningRate(s, 1, 4)).toBeCloseTo(1 + Math.SQRT1_2, 15);
    expect(learningRate(s, 2, 4)).toBeCloseTo(1, 15);
    expect(learningRate(s, 4, 4)).toBeCloseTo(0, 15);
  });

  it('inverse-time: initial / (1 + decay t)^power, power defaulting to 1', () => {
    expect(at(parse({ kind: 'inverse-time', initial: 1, decay: 0.5 }), [0, 2, 6])).toEqual([1, 0.5, 0.25]);
    expect(at(parse({ kind: 'inverse-time', initial: 3, decay: 0.5, power: 2 }), [0, 2])).toEqual([3, 0.75]);
    expect(learningRate(parse({ kind: 'inverse-time', initial: 1, decay: 1, power: 0.5 }), 3, 10)).toBeCloseTo(0.5, 15);
  });

  it('linear warmup multiplies the schedule by (t + 1) / W for t < W', () => {
    const constant = parse({ kind: 'constant', value: 1, warmup: 4 });
    expect(at(constant, [0, 1, 2, 3, 4, 50])).toEqual([0.25, 0.5, 0.75, 1, 1, 1]);
    const s = parse({ kind: 'step', initial: 1, gamma: 0.5, every: 2, warmup: 3 });
    const v = at(s, [0, 1, 2, 3]);
    expect(v[0]).toBeCloseTo(1 / 3, 15);
    expect(v[1]).toBeCloseTo(2 / 3, 15);
    expect(v[2]).toBe(0.5); // already the step schedule's value at t = 2, times 3/3
    expect(v[3]).toBe(0.5);
  });

  it('warmup 0 (the default) changes nothing', () => {
    expect(learningRate(parse({ kind: 'constant', value: 0.7 }), 0, 10)).toBe(0.7);
  });
});

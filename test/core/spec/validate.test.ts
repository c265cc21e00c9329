import { describe, expect, it } from 'vitest';
import { validateExperiment, formatProblems, expandExperiment, type ExperimentInput } from '../../../core/spec/index.js';

const base = (): ExperimentInput => ({
  version: 1,
  name: 'test',
  seed: 7,
  data: { kind: 'gaussian', n: 8, d: 4 },
  model: { hidden: [16] },
  train: { steps: 10 },
  optimizers: [{ kind: 'gd', lr: 0.1 }],
});

function problems(input: unknown): string[] {
  const r = validateExperiment(input);
  return r.ok ? [] : formatProblems(r.problems).split('\n');
}

describe('experiment validation', () => {
  it('accepts the SPEC.md example and fills defaults', () => {
    const r = validateExperiment({
      version: 1,
      name: 'Heavy Ball vs Nesterov, wide two-layer ReLU',
      seed: 7,
      data: { kind: 'gaussian', n: 32, d: 16, normalize: 'sphere', target: { kind: 'linear', noise: 0 }, test: 0 },
      model: { hidden: [2048], activation: 'relu', bias: false, parameterization: 'ntk', init: { kind: 'normal', output: 'sign' }, trainable: 'hidden' },
      loss: { kind: 'mse', reduction: 'sum' },
      train: { steps: 3000, batch: 'full', record: { every: 10 }, targetLoss: 1e-10 },
      optimizers: [
        { label: 'GD', kind: 'gd', lr: 0.2 },
        { label: 'HB', kind: 'heavy-ball', lr: 0.2, momentum: 0.9 },
        { label: 'NAG', kind: 'nesterov', lr: 0.2, momentum: '(k-1)/(k+2)' },
      ],
      seeds: 1,
      metrics: ['loss', 'grad_norm', 'dist_init', 'pl_ratio'],
    });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.model.init.scale).toBe(1);
      expect(r.value.train.record.every).toBe(10);
    }
  });

  it('fills every default of a minimal file', () => {
    const r = validateExperiment({ version: 1, data: { kind: 'sphere' }, optimizers: [{ kind: 'adam', lr: 0.01 }] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.seed).toBe(0);
    expect(r.value.optimizers[0]).toMatchObject({ kind: 'adam', betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0 });
    expect(r.value.loss).toEqual({ kind: 'mse', reduction: 'sum' });
  });

  it('names unknown fields by path', () => {
    const bad = { ...base(), extra: 1, model: { hidden: [4], widht: 3 } };
    expect(problems(bad)).toEqual(expect.arrayContaining([expect.stringMatching(/^extra: unknown field/), expect.stringMatching(/^model\.widht: unknown field/)]));
  });

  it.each([
    ['lr <= 0', { optimizers: [{ kind: 'gd', lr: 0 }] }, /^optimizers\[0\]\.lr/],
    ['negative lr', { optimizers: [{ kind: 'gd', lr: -1 }] }, /^optimizers\[0\]\.lr/],
    ['width 0', { model: { hidden: [0] } }, /^model\.hidden\[0\]/],
    ['n < 1', { data: { kind: 'gaussian', n: 0, d: 3 } }, /^data\.n/],
    ['NaN', { optimizers: [{ kind: 'gd', lr: Number.NaN }] }, /^optimizers\[0\]\.lr.*finite/],
    ['Infinity', { train: { steps: Number.POSITIVE_INFINITY } }, /^train\.steps.*finite/],
    ['momentum 1', { optimizers: [{ kind: 'heavy-ball', lr: 0.1, momentum: 1 }] }, /^optimizers\[0\]\.momentum/],
    ['bad activation', { model: { activation: 'swish' } }, /^model\.activation.*relu/],
    ['bad optimizer kind', { optimizers: [{ kind: 'lbfgs', lr: 1 }] }, /^optimizers\[0\]\.kind/],
    ['version 2', { version: 2 }, /^version/],
    ['missing data', { data: undefined }, /^data: required/],
    ['orthonormal n > d', { data: { kind: 'orthonormal', n: 5, d: 3 } }, /^data\.n: orthonormal inputs need n <= d/],
    ['positive init low > high', { model: { init: { kind: 'positive', low: 2, high: 1, output: 5 } } }, /^model\.init\.high/],
    ['trainable index out of range', { model: { hidden: [4], trainable: [2] } }, /^model\.trainable\[0\]/],
    ['logistic on real labels', { loss: { kind: 'logistic' } }, /^loss\.kind/],
    ['dir_cos without teacher', { data: { kind: 'gaussian', n: 4, d: 2, target: { kind: 'random' } }, metrics: ['dir_cos'] }, /^metrics: dir_cos/],
    ['ntk with cross-entropy', { data: { kind: 'xor', n: 20 }, loss: { kind: 'cross-entropy' }, metrics: ['ntk'] }, /^metrics: ntk/],
    ['duplicate labels', { optimizers: [{ kind: 'gd', lr: 1, label: 'a' }, { kind: 'sgd', lr: 1, label: 'a' }] }, /^optimizers\[1\]\.label/],
    ['batch larger than n', { train: { batch: 100 } }, /^train\.batch/],
    ['test leaves nothing', { data: { kind: 'gaussian', n: 4, d: 2, test: 4 } }, /^data\.test/],
    ['w of the wrong length', { data: { kind: 'gaussian', n: 4, d: 3, target: { kind: 'linear', w: [1, 0] } } }, /^data\.target\.w/],
  ])('rejects %s with its path', (_name, patch, pattern) => {
    const lines = problems({ ...base(), ...patch });
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.some((l) => pattern.test(l))).toBe(true);
  });

  it('says what a union field allows, and points inside the shape the value was meant as', () => {
    const lr = (value: unknown): string[] => problems({ ...base(), optimizers: [{ kind: 'gd', lr: value }] });
    // Neither a number nor an object: what is allowed, not zod's "Invalid input".
    for (const bad of ['abc', [1], true]) {
      const lines = lr(bad);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^optimizers\[0\]\.lr: a number > 0 or a schedule object/);
    }
    // A schedule object with a problem inside: the field inside is named.
    expect(lr({ kind: 'cosine-ish', initial: 0.1 })).toEqual([
      'optimizers[0].lr.kind: must be one of "constant", "step", "cosine", "inverse-time" (got "cosine-ish")',
    ]);
    expect(lr({ kind: 'step', initial: 0.1 })).toEqual(['optimizers[0].lr.gamma: required (number)', 'optimizers[0].lr.every: required (number)']);
    // The same for the other unions.
    expect(problems({ ...base(), model: { hidden: [4], trainable: [0, -1] } })).toEqual(['model.trainable[1]: must be >= 0 (got -1)']);
    expect(problems({ ...base(), model: { init: { output: [1, 'a'] } } })).toEqual(['model.init.output[1]: must be a number (got "a")']);
    expect(problems({ ...base(), train: { batch: 'fast' } })).toEqual(['train.batch: "full" or a whole number >= 1 (got "fast")']);
    for (const line of [...lr('abc'), ...lr({ kind: 'step' })]) expect(line).not.toMatch(/Invalid input/);
  });

  it('reports every problem, one line each', () => {
    const lines = problems({ ...base(), seed: -1, optimizers: [{ kind: 'gd', lr: 0 }], model: { hidden: [0] } });
    expect(lines).toHaveLength(3);
  });
});

describe('expansion into runs', () => {
  it('optimizers x sweep x seeds, with labels and seeds', () => {
    const r = validateExperiment({
      ...base(),
      optimizers: [{ kind: 'gd', lr: 0.1, label: 'GD' }, { kind: 'heavy-ball', lr: 0.1, label: 'HB' }],
      sweep: { lr: [0.1, 0.3], 'model.hidden': [[8], [32]] },
      seeds: 2,
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const runs = expandExperiment(r.value);
    expect(runs).toHaveLength(2 * 4 * 2);
    expect(new Set(runs.map((x) => x.label)).size).toBe(8);
    expect(runs.filter((x) => x.seed === 8)).toHaveLength(8);
    const one = runs.find((x) => x.label === 'HB lr=0.3 model.hidden=[32]' && x.seed === 7)!;
    expect(one.optimizer.lr).toBe(0.3);
    expect(one.model.hidden).toEqual([32]);
  });

  it('rejects a sweep value that is out of range, naming the point', () => {
    const lines = problems({ ...base(), sweep: { lr: [0.1, -1] } });
    expect(lines.some((l) => /^optimizers\[0\]\.lr.*sweep point lr=-1/.test(l))).toBe(true);
  });

  it('rejects a sweep key nothing takes', () => {
    expect(problems({ ...base(), sweep: { momentum: [0.5] } })).toEqual([expect.stringMatching(/^sweep\.momentum: no optimizer/)]);
    expect(problems({ ...base(), sweep: { foo: [1] } })).toEqual([expect.stringMatching(/^sweep\.foo: not a sweepable path/)]);
  });
});

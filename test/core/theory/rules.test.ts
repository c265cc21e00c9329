/** The `theory` metric's validation rules (core/spec/rules.ts): every problem at path `metrics`. */
import { describe, expect, it } from 'vitest';
import { validateExperiment, type ExperimentInput, type SpecProblem } from '../../../core/spec/index.js';

const base = (): ExperimentInput => ({
  version: 1,
  name: 'theory rules',
  seed: 1,
  data: { kind: 'sphere', n: 8, d: 4, target: { kind: 'linear' } },
  model: { hidden: [32], parameterization: 'ntk', trainable: 'hidden' },
  loss: { kind: 'mse', reduction: 'sum' },
  train: { steps: 10 },
  optimizers: [
    { kind: 'gd', lr: 0.1 },
    { kind: 'heavy-ball', lr: 0.1, momentum: 0.9 },
    { kind: 'nesterov', lr: 0.1 },
    { kind: 'sgd', lr: { kind: 'constant', value: 0.1 } },
  ],
  metrics: ['loss', 'theory'],
});

function problems(input: ExperimentInput): SpecProblem[] {
  const r = validateExperiment(input);
  return r.ok ? [] : r.problems;
}

describe('theory metric rules', () => {
  it('accepts mse, full batch, gd / sgd / heavy-ball / nesterov with a constant lr', () => {
    expect(problems(base())).toEqual([]);
    // A batch as large as the training set is the full batch.
    expect(problems({ ...base(), train: { steps: 10, batch: 8 } })).toEqual([]);
  });

  it('needs MSE loss', () => {
    const p = problems({ ...base(), data: { kind: 'sphere', n: 8, d: 4, target: { kind: 'linear-sign' } }, loss: { kind: 'logistic' } });
    expect(p).toEqual([{ path: 'metrics', message: expect.stringMatching(/theory needs loss.kind "mse".*logistic/) }]);
  });

  it('needs the full batch', () => {
    const p = problems({ ...base(), train: { steps: 10, batch: 4 } });
    expect(p).toEqual([{ path: 'metrics', message: expect.stringMatching(/theory needs full-batch training.*got 4/) }]);
  });

  it('names the optimizer entry that is not covered or has a schedule', () => {
    const input = base();
    input.optimizers = [
      { kind: 'gd', lr: 0.1 },
      { kind: 'adam', lr: 0.01, label: 'A' },
      { kind: 'heavy-ball', lr: { kind: 'cosine', initial: 0.1 } },
      { kind: 'nesterov', lr: { kind: 'constant', value: 0.1, warmup: 5 } },
    ];
    const p = problems(input);
    expect(p.map((x) => x.path)).toEqual(['metrics', 'metrics', 'metrics']);
    expect(p[0]!.message).toMatch(/optimizers\[1\] \("A"\) is adam/);
    expect(p[1]!.message).toMatch(/constant lr.*optimizers\[2\] \("heavy-ball"\) has a "cosine" schedule/);
    expect(p[2]!.message).toMatch(/optimizers\[3\] \("nesterov"\) has a "constant" schedule/);
  });

  it('checks every sweep point', () => {
    const p = problems({ ...base(), sweep: { lr: [0.1, { kind: 'step', initial: 0.1, gamma: 0.5, every: 5 }] } });
    expect(p.length).toBeGreaterThan(0);
    expect(p.every((x) => x.path === 'metrics' && /constant lr/.test(x.message) && /sweep point/.test(x.message))).toBe(true);
  });
});

/**
 * The NTK regime (Jacot et al. 2018; Du et al. 2019): for a two-layer ReLU
 * net in NTK parameterization with +-1 output weights and the hidden layer
 * trained, H_t stays within O(1/sqrt(width)) of H_0, so the real loss follows
 * the linearized prediction more closely as the width grows.
 *
 * We train the same data at widths 64, 512 and 4096 (three seeds each) with
 * gd, heavy ball and Nesterov (k-1)/(k+2), and take the max relative gap
 * |theory_loss - loss| / loss over the first 300 steps while the loss is above
 * 1e-3 L_0 (below that, relative gaps measure the deep troughs of oscillating
 * losses, not the width). Its mean over the seeds must shrink from width to
 * width, and by 4x from 64 to 4096. Measured (mean over seeds 5, 6, 7):
 *   gd   0.58, 0.10, 0.060     heavy ball  0.58, 0.11, 0.056     nesterov  0.48, 0.077, 0.045
 * A single seed is not enough: seed 6 alone has heavy ball at 0.042 (512) and
 * 0.043 (4096).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initEngine } from '../../../core/engine/backend.js';
import type { ExperimentInput } from '../../../core/spec/index.js';
import { maxRelativeGap, runExperiment } from './run-theory.js';

beforeAll(async () => {
  await initEngine();
});

const WIDTHS = [64, 512, 4096];
const LABELS = ['GD', 'HB', 'NAG'];

const experiment: ExperimentInput = {
  version: 1,
  name: 'width scaling',
  seed: 5,
  seeds: 3,
  data: { kind: 'sphere', n: 16, d: 8, target: { kind: 'linear' }, test: 0 },
  model: { hidden: [64], activation: 'relu', parameterization: 'ntk', bias: false, init: { kind: 'normal', output: 'sign' }, trainable: 'hidden' },
  loss: { kind: 'mse', reduction: 'sum' },
  train: { steps: 300, batch: 'full', record: { every: 10 } },
  optimizers: [
    { label: 'GD', kind: 'gd', lr: 0.5 },
    { label: 'HB', kind: 'heavy-ball', lr: 0.2, momentum: 0.8 },
    { label: 'NAG', kind: 'nesterov', lr: 0.2, momentum: '(k-1)/(k+2)' },
  ],
  sweep: { 'model.hidden': WIDTHS.map((m) => [m]) },
  metrics: ['loss', 'theory'],
};

describe('the linearized prediction improves with width', () => {
  it('the mean max relative gap over 300 steps shrinks from width 64 to 512 to 4096', async () => {
    const runs = await runExperiment(experiment);
    expect(runs.length).toBe(27);
    for (const label of LABELS) {
      const gaps = WIDTHS.map((m) => {
        const same = runs.filter((r) => r.label === `${label} model.hidden=[${m}]`);
        expect(same.length).toBe(3);
        const each = same.map(({ records }) => maxRelativeGap(records, 'theory_loss', 1e-3 * records[0]!.loss!));
        return each.reduce((a, b) => a + b, 0) / each.length;
      });
      console.log(`${label}: mean max relative gap at widths ${WIDTHS.join(', ')}: ${gaps.map((g) => g.toExponential(2)).join(', ')}`);
      expect(gaps[1]!, label).toBeLessThan(gaps[0]!);
      expect(gaps[2]!, label).toBeLessThan(gaps[1]!);
      expect(gaps[2]!, label).toBeLessThan(gaps[0]! / 4);
    }
  });
});

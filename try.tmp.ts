import { validateExperiment, expandExperiment } from './core/spec/index.js';
import { trainRun } from './core/run/train.js';
const r = validateExperiment({ version: 1, seed: 7, data: { kind: 'gaussian', n: 32, d: 16, normalize: 'sphere' },
  model: { hidden: [1024], parameterization: 'ntk', init: { kind: 'normal', output: 'sign' }, trainable: 'hidden' },
  train: { steps: 1000, record: { every: 10 }, targetLoss: 1e-10 },
  optimizers: [{ label: 'GD', kind: 'gd', lr: 0.2 }, { label: 'HB', kind: 'heavy-ball', lr: 0.2, momentum: 0.9 }, { label: 'NAG', kind: 'nesterov', lr: 0.2 }, {kind:'adam', lr: 0.01}, {kind:'sgd', lr: 0.05}],
  metrics: ['loss', 'grad_norm', 'dist_init', 'pl_ratio'] });
if (!r.ok) { console.log(r.problems); process.exit(2); }
for (const run of expandExperiment(r.value)) {
  let n = 0;
  const res = await trainRun(run, { onRecords: (recs) => { n += recs.length; } });
  console.log(run.label, res.status, res.steps, res.finalLoss, res.rate, Math.round(res.wallMs), n, res.reason);
}

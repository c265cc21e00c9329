/**
 * Words for the generated form: a label per key and a one-line hint per field
 * (from SPEC.md). The fields themselves come from the schema; this only names them.
 */
import type { Path } from './draft-path.js';

const LABELS: Record<string, string> = {
  n: 'Points (n)',
  d: 'Dimension (d)',
  lr: 'Learning rate',
  w: 'Teacher direction w*',
  targetLoss: 'Target loss',
  maxLoss: 'Divergence loss',
  every: 'Every (steps)',
  seeds: 'Seeds (replicates)',
  betas: 'Betas',
  eps: 'Epsilon',
  weight_decay: 'Weight decay',
  lr_decay: 'LR decay',
  initial_accumulator_value: 'Initial accumulator',
  parameterization: 'Parameterization',
  test: 'Test points',
};

const HINTS: Record<string, string> = {
  name: 'Shown in the runs library and in exported files.',
  seed: 'Seeds data, initial weights and minibatches; replicates use seed, seed+1, ...',
  seeds: 'How many seed replicates of every run (for mean ± std bands).',
  'data.kind': 'gaussian: x ~ N(0, I); sphere: uniform on the unit sphere; orthonormal: n <= d independent inputs; csv: your file; 2-D toys.',
  'data.normalize': 'sphere scales every input to norm 1.',
  'data.test': 'A fraction below 1, or a count of held-out points.',
  'data.path': 'Relative paths resolve against the experiment file’s folder.',
  'data.target': 'Column name or 0-based index; the last column when empty.',
  'data.target.kind': 'linear: y = w*·x + noise; linear-sign: y = sign(w*·x); teacher: a random MLP; random: N(0,1) labels.',
  'data.target.w': 'Comma-separated, d entries; a seeded unit vector when empty.',
  'model.hidden': 'Widths of the hidden layers, comma-separated; [] for a linear model.',
  'model.parameterization': 'ntk divides each layer by sqrt(fan_in).',
  'model.init.kind': 'positive: Chatterjee (2022): first layer zero, hidden uniform on [low, high], output constant.',
  'model.init.scale': 'Multiplies the scheme’s standard deviation.',
  'model.init.output': 'Output layer: sign (±1, as Du et al.), a constant, or the same scheme as the rest.',
  'model.trainable': 'all, hidden (all but the output layer), output, or layer indices.',
  'loss.reduction': 'sum: ½ Σ (f − y)²; mean: the same divided by n.',
  'train.batch': 'full batch, or a minibatch size.',
  'train.record': 'Record metrics every k steps; a metric may have its own cadence.',
  'train.targetLoss': 'Stop early once the training loss reaches this.',
  'train.maxLoss': 'Declare divergence above this loss (NaN and Infinity always diverge).',
  'optimizers[].momentum': 'Nesterov also takes the schedule (k-1)/(k+2).',
  'optimizers[].lr': 'A fixed step size or a schedule.',
  sweep: 'Dotted path → list of values (JSON), e.g. lr → [0.1, 0.3]; every combination runs.',
  metrics: 'Recorded per step; theory adds the linearized-NTK and ODE predictions (theory_loss, ode_loss).',
};

/** Labels for the branches of plain unions, where the generic ones would read oddly. */
const CHOICE_LABELS: Record<string, Record<string, string>> = {
  'optimizers[].lr': { number: 'fixed' },
  'model.init.output': { number: 'constant' },
  'model.trainable': { numberList: 'layer indices' },
  'train.batch': { number: 'minibatch size' },
  'optimizers[].momentum': { number: 'constant' },
  'data.target': { string: 'column name', number: 'column index' },
};

/** `optimizers[2].lr` → `optimizers[].lr`: hints are per field, not per entry. */
export function genericPath(path: Path): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += '[]';
    else out += out === '' ? key : `.${key}`;
  }
  return out;
}

export function labelOf(key: string | number): string {
  if (typeof key === 'number') return `#${key + 1}`;
  const fixed = LABELS[key];
  if (fixed) return fixed;
  const words = key
    .replace(/_/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function hintOf(path: Path): string | undefined {
  return HINTS[genericPath(path)];
}

export function choiceLabel(path: Path, optionId: string, fallback: string): string {
  return CHOICE_LABELS[genericPath(path)]?.[optionId] ?? fallback;
}

/**
 * The rules that relate one field of an experiment to another (the schema
 * checks each field on its own).
 */
import type { Experiment } from './schema.js';
import type { SpecProblem } from "./problems.js";

/** Number of training points after the test split (null when unknown before reading a CSV). */
export function trainCount(n: number, test: number): number {
  return n - testCount(n, test);
}

/** `test` is a fraction when below 1 and a count otherwise. */
export function testCount(n: number, test: number): number {
  return test < 1 ? Math.round(test * n) : Math.floor(test);
}

/** Labels the data kind produces: continuous values, or exactly +-1. */
export function labelKind(e: Experiment): 'pm1' | 'real' | 'unknown' {
  const d = e.data;
  if (d.kind === 'csv') return 'unknown';
  if (d.kind === 'moons' || d.kind === 'circles' || d.kind === 'xor' || d.kind === 'spiral') return 'pm1';
  return 'target' in d && d.target.kind === 'linear-sign' ? 'pm1' : 'real';
}

/** Whether the data has a known linear teacher w* (for `dir_cos`). */
export function hasLinearTeacher(e: Experiment): boolean {
  const d = e.data;
  return d.kind !== 'csv' && 'target' in d && (d.target.kind === 'linear' || d.target.kind === 'linear-sign');
}

export function crossFieldProblems(e: Experiment): SpecProblem[] {
  const out: SpecProblem[] = [];
  const add = (path: string, message: string): void => {
    out.push({ path, message });
  };
  const d = e.data;
  const layers = e.model.hidden.length + 1;

  if (d.kind !== 'csv') {
    if (d.kind === 'orthonormal' && d.n > d.d) add('data.n', `orthonormal inputs need n <= d (n = ${d.n}, d = ${d.d})`);
    const nTest = testCount(d.n, d.test);
    if (d.test >= 1 && !Number.isInteger(d.test)) add('data.test', 'a count of test points must be a whole number (or give a fraction below 1)');
    if (nTest >= d.n) add('data.test', `leaves no training points (n = ${d.n}, test = ${nTest})`);
    if ('target' in d && d.target.kind !== 'random' && d.target.kind !== 'teacher' && d.target.w && d.target.w.length !== d.d) {
      add('data.target.w', `must have d = ${d.d} entries (got ${d.target.w.length})`);
    }
    if (e.train.batch !== 'full' && e.train.batch > trainCount(d.n, d.test)) {
      add('train.batch', `must be at most the number of training points (${trainCount(d.n, d.test)})`);
    }
  }

  const init = e.model.init;
  if (init.kind === 'positive') {
    const low = init.low ?? 1;
    const high = init.high ?? low;
    if (init.low === undefined && init.high !== undefined && high < 1) add('model.init.low', 'positive init needs 0 < low <= high');
    if (low > high) add('model.init.high', `positive init needs low <= high (low = ${low}, high = ${high})`);
    if (init.output === 'sign') add('model.init.output', 'positive init needs a constant output weight (a number), not "sign"');
    if (Array.isArray(init.output)) add('model.init.output', 'positive init needs a constant output weight (a number)');
  } else if (init.low !== undefined || init.high !== undefined) {
    add(init.low !== undefined ? 'model.init.low' : 'model.init.high', 'only the `positive` init takes low and high');
  }

  if (Array.isArray(init.output) && e.loss.kind !== 'cross-entropy') {
    const fanIn = e.model.hidden.length > 0 ? e.model.hidden[e.model.hidden.length - 1]! : 'd' in d ? d.d : null;
    if (fanIn !== null && init.output.length !== fanIn) {
      add('model.init.output', `a list of output weights needs one per unit of the last hidden layer (${fanIn}), got ${init.output.length}`);
    }
  }
  if (Array.isArray(e.model.trainable)) {
    e.model.trainable.forEach((i, k) => {
      if (i >= layers) add(`model.trainable[${k}]`, `layer index must be below ${layers} (layers 0..${layers - 1}; ${layers - 1} is the output)`);
    });
  }
  if (e.model.trainable === 'hidden' && layers === 1) add('model.trainable', 'a linear model (hidden: []) has no hidden layer to train');

  const labels = labelKind(e);
  const loss = e.loss.kind;
  if ((loss === 'logistic' || loss === 'exponential') && labels === 'real') {
    add('loss.kind', `${loss} loss needs labels in {-1, +1}: use data.target.kind "linear-sign", a 2-D toy, or a CSV with +-1 labels`);
  }
  if (loss === 'cross-entropy' && labels === 'real') {
    add('loss.kind', 'cross-entropy needs class labels: use data.target.kind "linear-sign", a 2-D toy, or a CSV with integer classes');
  }

  const metrics = new Set(e.metrics);
  if (metrics.has('accuracy') && labels === 'real') add('metrics', 'accuracy needs class labels (linear-sign, a toy or a CSV of classes)');
  if (metrics.has('test_loss') && e.data.test === 0) add('metrics', 'test_loss needs held-out points: set data.test');
  if (metrics.has('ntk') && loss === 'cross-entropy') add('metrics', 'ntk is defined here for scalar-output models; cross-entropy makes the model multi-output');
  if (metrics.has('dir_cos') && !hasLinearTeacher(e)) {
    add('metrics', 'dir_cos needs a known linear teacher w*: data.target.kind "linear" or "linear-sign"');
  }
  if (metrics.has('act_flip') && e.model.hidden.length === 0) add('metrics', 'act_flip needs at least one hidden layer');
  if (metrics.has('theory')) for (const message of theoryProblems(e)) add('metrics', message);
  for (const key of Object.keys(e.train.record)) {
    if (key !== 'every' && !metrics.has(key as never)) add(`train.record.${key}`, `gives a cadence to "${key}", which is not in metrics`);
  }

  const labelsSeen = new Map<string, number>();
  e.optimizers.forEach((o, i) => {
    const l = o.label ?? o.kind;
    const prev = labelsSeen.get(l);
    if (prev !== undefined) add(`optimizers[${i}].label`, `"${l}" is already the label of optimizers[${prev}]; labels must be unique`);
    else labelsSeen.set(l, i);
  });
  return out;
}

const THEORY_OPTIMIZER_KINDS: readonly string[] = ['gd', 'sgd', 'heavy-ball', 'nesterov'];

/**
 * What the `theory` metric needs (core/theory, docs/science.md "Theory
 * overlays"): the linearized model under MSE loss with a scalar output, full
 * batch, and an optimizer the mode analysis covers with a constant lr.
 */
export function theoryProblems(e: Experiment): string[] {
  const out: string[] = [];
  if (e.loss.kind !== 'mse') out.push(`theory needs loss.kind "mse" with a scalar output (got "${e.loss.kind}")`);
  const n = e.data.kind === 'csv' ? null : trainCount(e.data.n, e.data.test);
  if (e.train.batch !== 'full' && (n === null || e.train.batch < n)) {
    out.push(`theory needs full-batch training: set train.batch to "full" (got ${e.train.batch})`);
  }
  e.optimizers.forEach((o, i) => {
    const name = `optimizers[${i}] ("${o.label ?? o.kind}")`;
    if (!THEORY_OPTIMIZER_KINDS.includes(o.kind)) {
      out.push(`theory covers gd, sgd, heavy-ball and nesterov; ${name} is ${o.kind}`);
    } else if (typeof o.lr !== 'number' && !(o.lr.kind === 'constant' && o.lr.warmup === 0)) {
      out.push(`theory needs a constant lr (a number); ${name} has a "${o.lr.kind}" schedule`);
    }
  });
  return out;
}

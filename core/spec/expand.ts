/**
 * An experiment expands into runs: one per optimizer entry, times each point
 * of the sweep grid, times `seeds` replicates (seed, seed + 1, ...).
 */
import { experimentSchema, optimizerSchema, type Experiment, type OptimizerSpec } from './schema.js';
import { crossFieldProblems } from './rules.js';
import type { SpecProblem } from './problems.js';
import { schemaProblems } from './issue-messages.js';

/** Everything one run needs: the experiment with a single optimizer and a single seed. */
export interface RunSpec {
  experimentName: string;
  /** The optimizer's label, with the sweep point appended when there is one. */
  label: string;
  seed: number;
  /** 0-based index among the seed replicates. */
  replicate: number;
  /** Values set by the sweep grid for this run, by path. */
  sweepPoint: Record<string, unknown>;
  data: Experiment['data'];
  model: Experiment['model'];
  loss: Experiment['loss'];
  train: Experiment['train'];
  metrics: Experiment['metrics'];
  optimizer: OptimizerSpec;
}

export class SweepError extends Error {
  constructor(readonly problems: SpecProblem[]) {
    super(problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  }
}

const SECTIONS = new Set(['data', 'model', 'loss', 'train', 'seed', 'metrics']);

/** Fields that some optimizer kind accepts (sweep keys without a section). */
function optimizerFields(): Set<string> {
  const out = new Set<string>();
  for (const option of optimizerSchema.options) for (const key of Object.keys(option.shape)) out.add(key);
  out.delete('kind');
  out.delete('label');
  return out;
}

function gridPoints(sweep: Record<string, unknown[]>): Record<string, unknown>[] {
  let points: Record<string, unknown>[] = [{}];
  for (const [key, values] of Object.entries(sweep)) {
    points = points.flatMap((p) => values.map((v) => ({ ...p, [key]: v })));
  }
  return points;
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let cur = target;
  for (const key of path.slice(0, -1)) {
    const next = cur[key];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) throw new Error(`no object at ${key}`);
    cur = next as Record<string, unknown>;
  }
  cur[path[path.length - 1]!] = value;
}

function describePoint(point: Record<string, unknown>): string {
  return Object.entries(point)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(' ');
}

/** Expand a validated experiment into its runs; a bad sweep value throws SweepError. */
export function expandExperiment(e: Experiment): RunSpec[] {
  const sweep = e.sweep ?? {};
  const optFields = optimizerFields();
  const problems: SpecProblem[] = [];
  for (const key of Object.keys(sweep)) {
    const section = key.split('.')[0]!;
    if (!SECTIONS.has(section) && !optFields.has(key)) {
      problems.push({
        path: `sweep.${key}`,
        message: `not a sweepable path: use an optimizer field (${[...optFields].join(', ')}) or a path under data, model, loss, train, seed`,
      });
    } else if (optFields.has(key) && !e.optimizers.some((o) => key in optimizerSchemaFor(o.kind).shape)) {
      problems.push({ path: `sweep.${key}`, message: `no optimizer in this experiment takes "${key}"` });
    }
  }
  if (problems.length > 0) throw new SweepError(problems);

  const runs: RunSpec[] = [];
  for (const point of gridPoints(sweep)) {
    const raw = structuredClone({ ...e, sweep: undefined }) as Record<string, unknown>;
    const optimizers = raw.optimizers as Record<string, unknown>[];
    for (const [key, value] of Object.entries(point)) {
      if (optFields.has(key)) {
        for (const o of optimizers) if (key in optimizerSchemaFor(o.kind as OptimizerSpec['kind']).shape) o[key] = value;
      } else {
        try {
          setPath(raw, key.split('.'), value);
        } catch {
          problems.push({ path: `sweep.${key}`, message: 'this path does not exist in the experiment' });
        }
      }
    }
    const parsed = experimentSchema.safeParse(raw);
    const pointProblems = parsed.success
      ? crossFieldProblems(parsed.data)
      : schemaProblems(parsed.error, raw);
    if (pointProblems.length > 0) {
      const where = describePoint(point);
      for (const p of pointProblems) problems.push({ path: p.path, message: `${p.message} (at sweep point ${where})` });
      continue;
    }
    if (!parsed.success) continue;
    const x = parsed.data;
    const suffix = Object.keys(point).length > 0 ? ` ${describePoint(point)}` : '';
    for (const optimizer of x.optimizers) {
      for (let r = 0; r < x.seeds; r++) {
        runs.push({
          experimentName: x.name,
          label: `${optimizer.label ?? optimizer.kind}${suffix}`,
          seed: x.seed + r,
          replicate: r,
          sweepPoint: point,
          data: x.data,
          model: x.model,
          loss: x.loss,
          train: x.train,
          metrics: x.metrics,
          optimizer,
        });
      }
    }
  }
  if (problems.length > 0) throw new SweepError(problems);
  return runs;
}

function optimizerSchemaFor(kind: OptimizerSpec['kind']) {
  const option = optimizerSchema.options.find((o) => o.shape.kind.value === kind);
  if (!option) throw new Error(`unknown optimizer kind ${kind}`);
  return option;
}

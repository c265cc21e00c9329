/**
 * The experiment file, version 1 (../shared/SPEC.md). This one schema gives the
 * TypeScript types (z.infer), the defaults and the validation; the designer
 * form and the store read it too. Objects are strict: an unknown field is an
 * error named by its path, never silently dropped.
 */
import { z } from 'zod';

const finite = z.number();
const positive = finite.positive();
const nonNegative = finite.nonnegative();
const count = z.number().int().min(1);

export const ACTIVATIONS = ['relu', 'leaky-relu', 'tanh', 'sigmoid', 'softplus', 'gelu', 'identity'] as const;
export const TOY_KINDS = ['moons', 'circles', 'xor', 'spiral'] as const;
export const SYNTHETIC_KINDS = ['gaussian', 'sphere', 'orthonormal'] as const;
export const INIT_KINDS = ['normal', 'he', 'xavier', 'lecun', 'orthogonal', 'positive', 'zero'] as const;
export const LOSS_KINDS = ['mse', 'logistic', 'exponential', 'cross-entropy'] as const;
export const OPTIMIZER_KINDS = ['gd', 'sgd', 'heavy-ball', 'nesterov', 'adam', 'adamw', 'rmsprop', 'adagrad'] as const;
export const METRIC_NAMES = [
  'loss',
  'test_loss',
  'accuracy',
  'grad_norm',
  'dist_init',
  'rel_dist_init',
  'pl_ratio',
  'ntk',
  'act_flip',
  'dir_cos',
  /** Beside SPEC.md's names: the linearized-NTK and ODE predictions of the loss (core/theory). */
  'theory',
] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

// ---------------------------------------------------------------- data

export const linearTargetSchema = z.strictObject({
  kind: z.literal('linear'),
  noise: nonNegative.default(0),
  /** The teacher direction w*; a seeded unit vector when omitted. */
  w: z.array(finite).min(1).optional(),
});
export const linearSignTargetSchema = z.strictObject({
  kind: z.literal('linear-sign'),
  w: z.array(finite).min(1).optional(),
});
export const teacherTargetSchema = z.strictObject({
  kind: z.literal('teacher'),
  hidden: z.array(count).default([16]),
  activation: z.enum(ACTIVATIONS).default('relu'),
  noise: nonNegative.default(0),
});
export const randomTargetSchema = z.strictObject({ kind: z.literal('random') });

export const targetSchema = z.discriminatedUnion('kind', [
  linearTargetSchema,
  linearSignTargetSchema,
  teacherTargetSchema,
  randomTargetSchema,
]);
export type TargetSpec = z.infer<typeof targetSchema>;

/** Held-out test points: a fraction in [0, 1) or a whole count. */
const testSchema = nonNegative.default(0);
const normalizeSchema = z.enum(['none', 'sphere']).default('none');

export const syntheticDataSchema = z.strictObject({
  kind: z.enum(SYNTHETIC_KINDS),
  n: count.default(32),
  d: count.default(16),
  normalize: normalizeSchema,
  target: targetSchema.default({ kind: 'linear', noise: 0 }),
  test: testSchema,
});

export const csvDataSchema = z.strictObject({
  kind: z.literal('csv'),
  path: z.string().min(1),
  /** The label column, by header name or 0-based index; the last column when omitted. */
  target: z.union([z.string().min(1), z.number().int().min(0)], { error: 'a column name or a 0-based column index' }).optional(),
  normalize: normalizeSchema,
  test: testSchema,
});

export const toyDataSchema = z.strictObject({
  kind: z.enum(TOY_KINDS),
  n: count.default(200),
  /** Toys are 2-D; d is accepted only as 2. */
  d: z.literal(2).default(2),
  /** Standard deviation of Gaussian jitter added to each point. */
  noise: nonNegative.default(0.1),
  normalize: normalizeSchema,
  test: testSchema,
});

export const dataSchema = z.discriminatedUnion('kind', [syntheticDataSchema, csvDataSchema, toyDataSchema]);
export type DataSpec = z.infer<typeof dataSchema>;
export type SyntheticDataSpec = z.infer<typeof syntheticDataSchema>;
export type CsvDataSpec = z.infer<typeof csvDataSchema>;
export type ToyDataSpec = z.infer<typeof toyDataSchema>;

// ---------------------------------------------------------------- model

export const initSchema = z.strictObject({
  kind: z.enum(INIT_KINDS).default('normal'),
  /** Multiplies the scheme's standard deviation (the std itself for `normal`). */
  scale: positive.default(1),
  /** `positive` init: hidden-layer weights uniform on [low, high], 0 < low <= high. */
  low: positive.optional(),
  high: positive.optional(),
  /**
   * Output layer: `sign` (uniform +-1), a constant, an explicit list of the
   * output weights (one per unit of the last hidden layer), or omitted (same
   * scheme as the rest).
   */
  output: z.union([z.literal('sign'), finite, z.array(finite).min(1)], { error: '"sign", a number, or a list of numbers' }).optional(),
});
export type InitSpec = z.infer<typeof initSchema>;

export const modelSchema = z.strictObject({
  hidden: z.array(count).default([256]),
  activation: z.enum(ACTIVATIONS).default('relu'),
  bias: z.boolean().default(false),
  parameterization: z.enum(['standard', 'ntk']).default('standard'),
  init: initSchema.default({ kind: 'normal', scale: 1 }),
  /** Layer indices count from 0 (the first hidden layer) to hidden.length (the output layer). */
  trainable: z
    .union([z.enum(['all', 'hidden', 'output']), z.array(z.number().int().min(0)).min(1)], {
      error: '"all", "hidden", "output" or a list of layer indices',
    })
    .default('all'),
});
export type ModelSpec = z.infer<typeof modelSchema>;

// ---------------------------------------------------------------- loss

export const lossSchema = z.strictObject({
  kind: z.enum(LOSS_KINDS).default('mse'),
  reduction: z.enum(['sum', 'mean']).default('sum'),
});
export type LossSpec = z.infer<typeof lossSchema>;

// ---------------------------------------------------------------- train

const recordShape: Record<string, z.ZodType> = { every: count.default(1) };
for (const m of METRIC_NAMES) recordShape[m] = count.optional();
/** `every` for all metrics; a metric name as key gives that metric its own cadence. */
export const recordSchema = z.strictObject(
  recordShape as { every: z.ZodDefault<z.ZodNumber> } & Partial<Record<MetricName, z.ZodOptional<z.ZodNumber>>>,
);
export type RecordSpec = z.infer<typeof recordSchema>;

export const trainSchema = z.strictObject({
  steps: count.default(1000),
  batch: z.union([z.literal('full'), count], { error: '"full" or a whole number >= 1' }).default('full'),
  record: recordSchema.default({ every: 1 }),
  /** Stop early once the training loss is at or below this. */
  targetLoss: nonNegative.optional(),
  /** Declare divergence above this loss (NaN and Infinity always diverge). */
  maxLoss: positive.optional(),
});
export type TrainSpec = z.infer<typeof trainSchema>;

// ---------------------------------------------------------------- learning-rate schedules

const warmup = z.number().int().min(0).default(0);
export const scheduleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('constant'), value: positive, warmup }),
  z.strictObject({ kind: z.literal('step'), initial: positive, gamma: positive.max(1), every: count, warmup }),
  z.strictObject({
    kind: z.literal('cosine'),
    initial: positive,
    final: nonNegative.default(0),
    /** Length of the cosine; the run's step count when omitted. */
    steps: count.optional(),
    warmup,
  }),
  z.strictObject({
    kind: z.literal('inverse-time'),
    initial: positive,
    decay: nonNegative,
    power: positive.default(1),
    warmup,
  }),
]);
export type ScheduleSpec = z.infer<typeof scheduleSchema>;
const lrSchema = z.union([positive, scheduleSchema], {
  error: 'a number > 0 or a schedule object with kind "constant", "step", "cosine" or "inverse-time"',
});
export type LrSpec = z.infer<typeof lrSchema>;

// ---------------------------------------------------------------- optimizers

const label = z.string().min(1).optional();
const momentum = finite.min(0).lt(1);
const betas = z.tuple([finite.min(0).lt(1), finite.min(0).lt(1)]);

export const gdSchema = z.strictObject({ kind: z.literal('gd'), label, lr: lrSchema });
export const sgdSchema = z.strictObject({ kind: z.literal('sgd'), label, lr: lrSchema });
export const heavyBallSchema = z.strictObject({
  kind: z.literal('heavy-ball'),
  label,
  lr: lrSchema,
  momentum: momentum.default(0.9),
});
export const NESTEROV_SCHEDULE = '(k-1)/(k+2)' as const;
export const nesterovSchema = z.strictObject({
  kind: z.literal('nesterov'),
  label,
  lr: lrSchema,
  momentum: z
    .union([momentum, z.literal(NESTEROV_SCHEDULE)], { error: `a number in [0, 1) or "${NESTEROV_SCHEDULE}"` })
    .default(NESTEROV_SCHEDULE),
});
export const adamSchema = z.strictObject({
  kind: z.literal('adam'),
  label,
  lr: lrSchema,
  betas: betas.default([0.9, 0.999]),
  eps: positive.default(1e-8),
  weight_decay: nonNegative.default(0),
});
export const adamwSchema = z.strictObject({
  kind: z.literal('adamw'),
  label,
  lr: lrSchema,
  betas: betas.default([0.9, 0.999]),
  eps: positive.default(1e-8),
  weight_decay: nonNegative.default(0.01),
});
export const rmspropSchema = z.strictObject({
  kind: z.literal('rmsprop'),
  label,
  lr: lrSchema,
  alpha: finite.min(0).lt(1).default(0.99),
  eps: positive.default(1e-8),
  weight_decay: nonNegative.default(0),
  momentum: momentum.default(0),
});
export const adagradSchema = z.strictObject({
  kind: z.literal('adagrad'),
  label,
  lr: lrSchema,
  lr_decay: nonNegative.default(0),
  eps: positive.default(1e-10),
  weight_decay: nonNegative.default(0),
  initial_accumulator_value: nonNegative.default(0),
});

export const optimizerSchema = z.discriminatedUnion('kind', [
  gdSchema,
  sgdSchema,
  heavyBallSchema,
  nesterovSchema,
  adamSchema,
  adamwSchema,
  rmspropSchema,
  adagradSchema,
]);
export type OptimizerSpec = z.infer<typeof optimizerSchema>;
export type OptimizerKind = OptimizerSpec['kind'];

// ---------------------------------------------------------------- experiment

/**
 * Sweep grid: a dotted path to values. A path without a section prefix
 * (`lr`, `momentum`, `betas`, ...) sets that field on every optimizer entry
 * that has it; `data.*`, `model.*`, `loss.*`, `train.*` set the experiment's field.
 */
export const sweepSchema = z.record(z.string().min(1), z.array(z.unknown()).min(1));

export const experimentSchema = z.strictObject({
  version: z.literal(1),
  name: z.string().min(1).default('Untitled experiment'),
  seed: z.number().int().min(0).max(4294967295).default(0),
  data: dataSchema,
  model: modelSchema.default(modelSchema.parse({})),
  loss: lossSchema.default({ kind: 'mse', reduction: 'sum' }),
  train: trainSchema.default(trainSchema.parse({})),
  optimizers: z.array(optimizerSchema).min(1),
  sweep: sweepSchema.optional(),
  seeds: count.default(1),
  metrics: z.array(z.enum(METRIC_NAMES)).default(['loss', 'grad_norm']),
});

/** A validated experiment with every default filled in. */
export type Experiment = z.infer<typeof experimentSchema>;
/** What a user writes: defaults may be left out. */
export type ExperimentInput = z.input<typeof experimentSchema>;

/**
 * Shapes of runs and metrics on the wire. The run store returns these, the
 * renderer receives them, and the worker sends records in them.
 */
import { z } from 'zod';
import { OPTIMIZER_KINDS } from '../spec/schema.js';

export const RUN_STATUSES = ['queued', 'running', 'finished', 'diverged', 'failed', 'cancelled', 'interrupted'] as const;
export const runStatusSchema = z.enum(RUN_STATUSES);

/** A metric record: `step`, `time_ms` and metric columns; values may be NaN or +-Infinity (see encodeRecords). */
export const metricRecordSchema = z.record(z.string(), z.number()).refine((r) => typeof r.step === 'number' && typeof r.time_ms === 'number', {
  message: 'a metric record needs step and time_ms',
});

export const rateFitSchema = z.strictObject({
  kind: z.enum(['linear', 'sublinear', 'undetermined']),
  rho: z.number().nullable(),
  exponent: z.number().nullable(),
  r2: z.number().nullable(),
});

export const runEnvironmentSchema = z.strictObject({
  backend: z.enum(['tensorflow', 'wasm', 'cpu']),
  tfjs: z.string(),
  simd: z.boolean().nullable(),
  node: z.string(),
  lab: z.string(),
  dataSha256: z.string().nullable(),
});

export const runListingSchema = z.strictObject({
  id: z.string(),
  experimentId: z.string(),
  experimentName: z.string(),
  label: z.string(),
  name: z.string().nullable(),
  optimizer: z.enum(OPTIMIZER_KINDS),
  seed: z.number(),
  replicate: z.number(),
  status: runStatusSchema,
  reason: z.string().nullable(),
  environment: runEnvironmentSchema.nullable(),
  createdAt: z.number(),
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  steps: z.number().nullable(),
  finalLoss: z.number().nullable(),
  stepsToTarget: z.number().nullable(),
  rate: rateFitSchema.nullable(),
  wallMs: z.number().nullable(),
  note: z.string(),
  tags: z.array(z.string()),
});
export type RunListingWire = z.infer<typeof runListingSchema>;

export const experimentListingSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  sourcePath: z.string().nullable(),
  createdAt: z.number(),
  runCount: z.number(),
});

/**
 * Metric columns on the wire: each column is base64 of little-endian float64
 * values, so NaN and +-Infinity survive JSON and a million points stay compact.
 * `present` marks recorded cells (base64 of one byte per row).
 */
export const encodedSeriesSchema = z.strictObject({
  rows: z.number().int().min(0),
  steps: z.string(),
  time_ms: z.string(),
  columns: z.record(z.string(), z.string()),
  present: z.record(z.string(), z.string()),
});
export type EncodedSeries = z.infer<typeof encodedSeriesSchema>;

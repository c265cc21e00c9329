/**
 * Messages between the host and a worker process (one per running run).
 * The worker validates what it receives and the host validates what it
 * gets back: a worker is another process and may be broken.
 */
import { z } from 'zod';
import { encodedSeriesSchema, rateFitSchema, runEnvironmentSchema } from './records.js';

export const hostToWorkerSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('start'),
    runId: z.string(),
    /** A RunSpec from expandExperiment (validated again by the worker). */
    spec: z.unknown(),
    /** Folder relative CSV paths resolve against. */
    baseDir: z.string(),
    batchMs: z.number().positive().optional(),
    /** Also send the run's NTK Gram at theta_0 and at the end (an `ntk` message before `done`). */
    ntkMatrix: z.boolean().optional(),
  }),
  z.strictObject({ type: z.literal('cancel') }),
]);
export type HostToWorker = z.infer<typeof hostToWorkerSchema>;

export const runResultSchema = z.strictObject({
  status: z.enum(['finished', 'diverged', 'failed', 'cancelled']),
  steps: z.number(),
  finalLoss: z.number().nullable(),
  stepsToTarget: z.number().nullable(),
  rate: rateFitSchema,
  wallMs: z.number(),
  reason: z.string().nullable(),
  environment: runEnvironmentSchema,
});

export const workerToHostSchema = z.discriminatedUnion('type', [
  /** The worker is up and its engine chosen. */
  z.strictObject({ type: z.literal('ready'), environment: runEnvironmentSchema }),
  z.strictObject({ type: z.literal('metrics'), series: encodedSeriesSchema }),
  z.strictObject({
    type: z.literal('progress'),
    step: z.number(),
    totalSteps: z.number(),
    loss: z.number().nullable(),
    elapsedMs: z.number(),
  }),
  /**
   * The empirical NTK Gram on the training inputs at theta_0 (h0) and at the
   * run's last step (hT): n x n row-major float64, base64 as series-codec's
   * encodeFloats. Only when `start` asked for it, and before `done`.
   */
  z.strictObject({
    type: z.literal('ntk'),
    n: z.number().int().nonnegative(),
    /** The step of hT (the run's steps taken). */
    step: z.number().int().nonnegative(),
    h0: z.string(),
    hT: z.string(),
  }),
  z.strictObject({ type: z.literal('done'), result: runResultSchema }),
  /** Setup failed before training (bad data file, ...). */
  z.strictObject({ type: z.literal('error'), message: z.string() }),
]);
export type WorkerToHost = z.infer<typeof workerToHostSchema>;

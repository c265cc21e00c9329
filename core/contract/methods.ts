/**
 * The contract between the renderer and the host: one map of methods per
 * domain (as Actual Budget's handler maps), each with a runtime schema for
 * its params and its result. Hosts validate every payload against `params`
 * and answer with the result or an ErrorEnvelope; unknown methods are refused.
 */
import { z } from 'zod';
import { experimentListingSchema, encodedSeriesSchema, runListingSchema, runStatusSchema } from './records.js';

const id = z.string().min(1).max(200);
const problemSchema = z.strictObject({ path: z.string(), message: z.string() });

export const experimentMethods = {
  /** Check an experiment file without running it. */
  'experiments.validate': {
    params: z.strictObject({ spec: z.unknown() }),
    result: z.discriminatedUnion('ok', [
      z.strictObject({ ok: z.literal(true), runs: z.array(z.strictObject({ label: z.string(), optimizer: z.string(), seed: z.number() })) }),
      z.strictObject({ ok: z.literal(false), problems: z.array(problemSchema) }),
    ]),
  },
  /** Validate, store and queue every run of an experiment. */
  'experiments.start': {
    params: z.strictObject({ spec: z.unknown(), sourcePath: z.string().max(4096).optional() }),
    result: z.strictObject({ experimentId: id, runIds: z.array(id) }),
  },
  /** Cancel every queued or running run of an experiment. */
  'experiments.cancel': {
    params: z.strictObject({ experimentId: id }),
    result: z.strictObject({ cancelled: z.number().int() }),
  },
  'experiments.list': {
    params: z.strictObject({}),
    result: z.array(experimentListingSchema),
  },
  /** The stored experiment file (defaults filled in), e.g. to duplicate it into the designer. */
  'experiments.get': {
    params: z.strictObject({ experimentId: id }),
    result: z.strictObject({ id, name: z.string(), spec: z.unknown(), sourcePath: z.string().nullable(), createdAt: z.number() }),
  },
  'experiments.delete': {
    params: z.strictObject({ experimentId: id }),
    result: z.strictObject({ deleted: z.literal(true) }),
  },
} as const;

export const runMethods = {
  'runs.list': {
    params: z.strictObject({
      experimentId: id.optional(),
      status: z.union([runStatusSchema, z.array(runStatusSchema)]).optional(),
      search: z.string().max(200).optional(),
      tag: z.string().max(100).optional(),
    }),
    result: z.array(runListingSchema),
  },
  'runs.get': {
    params: z.strictObject({ runId: id }),
    result: runListingSchema.extend({ spec: z.unknown() }),
  },
  /** Recorded metrics, column by column (encoded: see records.ts). */
  'runs.metrics': {
    params: z.strictObject({
      runId: id,
      columns: z.array(z.string().max(100)).max(100).optional(),
      fromStep: z.number().int().min(0).optional(),
      toStep: z.number().int().min(0).optional(),
    }),
    result: encodedSeriesSchema,
  },
  'runs.cancel': {
    params: z.strictObject({ runId: id }),
    result: z.strictObject({ cancelled: z.boolean() }),
  },
  'runs.delete': {
    params: z.strictObject({ runId: id }),
    result: z.strictObject({ deleted: z.literal(true) }),
  },
  'runs.rename': {
    params: z.strictObject({ runId: id, name: z.string().max(200).nullable() }),
    result: z.strictObject({ ok: z.literal(true) }),
  },
  'runs.tag': {
    params: z.strictObject({ runId: id, tags: z.array(z.string().min(1).max(100)).max(50) }),
    result: z.strictObject({ ok: z.literal(true) }),
  },
  'runs.note': {
    params: z.strictObject({ runId: id, note: z.string().max(100_000) }),
    result: z.strictObject({ ok: z.literal(true) }),
  },
  /** Run the same run spec and seed again, as a new experiment with one run. */
  'runs.rerun': {
    params: z.strictObject({ runId: id }),
    result: z.strictObject({ experimentId: id, runIds: z.array(id) }),
  },
} as const;

export const exportMethods = {
  /** CSV of runs, per SPEC.md (one row per recorded step per run). */
  'export.csv': {
    params: z.strictObject({ runIds: z.array(id).min(1).max(1000) }),
    result: z.strictObject({ csv: z.string(), filename: z.string() }),
  },
  /**
   * Save bytes through the host's save dialog (Electron). Browser mode answers
   * `unsupported`: the renderer downloads instead.
   */
  'export.save': {
    params: z.strictObject({
      defaultName: z.string().min(1).max(255),
      /** base64 for binary (PNG), plain text otherwise. */
      data: z.string().max(200_000_000),
      encoding: z.enum(['utf8', 'base64']),
    }),
    result: z.strictObject({ saved: z.boolean(), path: z.string().nullable() }),
  },
} as const;

export const appMethods = {
  'app.info': {
    params: z.strictObject({}),
    result: z.strictObject({
      version: z.string(),
      host: z.enum(['electron', 'browser']),
      backend: z.string(),
      tfjs: z.string(),
      node: z.string(),
      electron: z.string().nullable(),
      dataDir: z.string(),
      workers: z.number().int(),
      /** Why the preferred backends were not used. */
      fallbacks: z.array(z.string()),
    }),
  },
  'app.setWorkers': {
    params: z.strictObject({ workers: z.number().int().min(1).max(64) }),
    result: z.strictObject({ workers: z.number().int() }),
  },
} as const;

export const methods = { ...experimentMethods, ...runMethods, ...exportMethods, ...appMethods } as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type Params<M extends MethodName> = z.input<Methods[M]['params']>;
export type Result<M extends MethodName> = z.infer<Methods[M]['result']>;

/** What a host implements: one plain async function per method (tested by calling them). */
export type Handlers = { [M in MethodName]: (params: z.infer<Methods[M]['params']>) => Promise<Result<M>> };

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}

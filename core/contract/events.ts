/**
 * Events the host pushes to the renderer. Metric batches arrive about every
 * 100 ms per running run (never one message per step), encoded like
 * `runs.metrics` so NaN and Infinity survive.
 */
import { z } from 'zod';
import { encodedSeriesSchema, runListingSchema } from './records.js';

export const events = {
  /** A run was created, started, or ended: its full listing as it now stands. */
  'run.state': runListingSchema,
  /** New metric records of one running run. */
  'run.metrics': z.strictObject({ runId: z.string(), series: encodedSeriesSchema }),
  /** Progress of one running run. */
  'run.progress': z.strictObject({
    runId: z.string(),
    step: z.number(),
    totalSteps: z.number(),
    loss: z.number().nullable(),
    elapsedMs: z.number(),
  }),
  /** A run or experiment was deleted, renamed, tagged...: lists should refresh. */
  'runs.changed': z.strictObject({ runIds: z.array(z.string()) }),
  /**
   * The desktop app's menu asks the renderer to act. `open-experiment` carries
   * the file the user picked (main reads it: the sandboxed renderer cannot).
   */
  'app.menu': z.strictObject({
    action: z.enum(['open-experiment', 'save-experiment', 'new-experiment']),
    file: z.strictObject({ path: z.string(), text: z.string() }).optional(),
  }),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.infer<Events[E]>;

/** One message from host to renderer over any transport. */
export type EventMessage = { [E in EventName]: { event: E; payload: EventPayload<E> } }[EventName];

/**
 * The one error envelope that crosses every boundary (Electron IPC, the
 * browser-mode WebSocket, the CLI's messages): `{ code, message, path? }`.
 */
import { z } from 'zod';

export const ERROR_CODES = [
  /** The payload does not match the method's schema. */
  'invalid_payload',
  /** The experiment file is invalid (problems carry paths). */
  'invalid_experiment',
  'unknown_method',
  'not_found',
  /** The host cannot do this here (e.g. a save dialog in browser mode). */
  'unsupported',
  /** The run store refused (corrupt or newer database, ...). */
  'store',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const errorEnvelopeSchema = z.strictObject({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  path: z.string().optional(),
  /** For invalid_experiment: every problem, one per field. */
  problems: z.array(z.strictObject({ path: z.string(), message: z.string() })).optional(),
});
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

/** An error a handler throws on purpose; the transports turn it into an envelope. */
export class LabError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly path?: string,
    readonly problems?: { path: string; message: string }[],
  ) {
    super(message);
    this.name = 'LabError';
  }

  toEnvelope(): ErrorEnvelope {
    return {
      code: this.code,
      message: this.message,
      ...(this.path !== undefined ? { path: this.path } : {}),
      ...(this.problems ? { problems: this.problems } : {}),
    };
  }
}

/** Any thrown value as an envelope; unexpected errors become `internal`. */
export function toEnvelope(err: unknown): ErrorEnvelope {
  if (err instanceof LabError) return err.toEnvelope();
  return { code: 'internal', message: err instanceof Error ? err.message : String(err) };
}

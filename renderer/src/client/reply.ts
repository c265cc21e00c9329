/**
 * A host reply `{ ok: true, result } | { ok: false, error }` turned into the
 * method's result or a LabClientError. Results are checked against the
 * contract, so a host/renderer mismatch fails loudly where it happens.
 */
import { methods, type MethodName, type Result } from '../../../core/contract/methods.js';
import { errorEnvelopeSchema, type ErrorEnvelope } from '../../../core/contract/errors.js';
import { LabClientError } from './lab-client.js';

export function resultOfReply<M extends MethodName>(method: M, reply: unknown): Result<M> {
  if (reply === null || typeof reply !== 'object' || !('ok' in reply)) {
    throw new LabClientError({ code: 'internal', message: `${method}: the host sent a malformed reply` }, method, true);
  }
  const r = reply as { ok: unknown; result?: unknown; error?: unknown };
  if (r.ok === true) {
    const parsed = methods[method].result.safeParse(r.result);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue ? ` at ${issue.path.join('.') || '(result)'}: ${issue.message}` : '';
      throw new LabClientError({ code: 'internal', message: `${method}: unexpected result from the host${where}` }, method);
    }
    return parsed.data as Result<M>;
  }
  throw new LabClientError(envelopeOf(r.error), method);
}

export function envelopeOf(error: unknown): ErrorEnvelope {
  const parsed = errorEnvelopeSchema.safeParse(error);
  if (parsed.success) return parsed.data;
  const message =
    error && typeof error === 'object' && 'message' in error && typeof error.message === 'string' ? error.message : 'the host reported an error';
  return { code: 'internal', message };
}

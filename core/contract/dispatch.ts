/**
 * The host side of every transport: check the method name and the payload,
 * call the handler, and answer with `{ ok, result }` or `{ ok: false, error }`.
 */
import { formatPath } from '../spec/problems.js';
import { isMethodName, methods, type Handlers } from './methods.js';
import { toEnvelope, type ErrorEnvelope } from './errors.js';

export type Reply = { ok: true; result: unknown } | { ok: false; error: ErrorEnvelope };

export async function dispatch(handlers: Handlers, method: unknown, payload: unknown): Promise<Reply> {
  if (typeof method !== 'string' || !isMethodName(method)) {
    return { ok: false, error: { code: 'unknown_method', message: `unknown method ${JSON.stringify(method)}` } };
  }
  const parsed = methods[method].params.safeParse(payload ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = formatPath(issue.path);
    const extra = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more)` : '';
    return { ok: false, error: { code: 'invalid_payload', message: `${method}: ${path}: ${issue.message}${extra}`, path } };
  }
  try {
    const handler = handlers[method] as (p: unknown) => Promise<unknown>;
    return { ok: true, result: await handler(parsed.data) };
  } catch (err) {
    return { ok: false, error: toEnvelope(err) };
  }
}

/** Reconnect delays: exponential from `initialMs`, capped at `maxMs`, with jitter so many windows do not retry in step. */
export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  /** 0..1: the fraction of the delay that is randomized. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 10_000, jitter: 0.2 };

export function backoffDelay(attempt: number, opts: BackoffOptions = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const base = Math.min(opts.maxMs, opts.initialMs * 2 ** Math.max(0, attempt));
  return Math.round(base * (1 - opts.jitter + opts.jitter * random()));
}

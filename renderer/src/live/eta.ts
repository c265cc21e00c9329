/** Time left for a run, from its progress: the average time per step so far, times the steps left. */
export interface Progress {
  step: number;
  totalSteps: number;
  loss: number | null;
  elapsedMs: number;
}

export function etaMs(p: Progress): number | null {
  if (p.step <= 0 || p.elapsedMs <= 0 || p.totalSteps <= p.step) return p.totalSteps <= p.step ? 0 : null;
  return (p.elapsedMs / p.step) * (p.totalSteps - p.step);
}

export function fraction(p: Progress): number {
  return p.totalSteps > 0 ? Math.min(1, Math.max(0, p.step / p.totalSteps)) : 0;
}

/** `1 h 2 min`, `3 min 4 s`, `12 s`, `4.2 s`, `350 ms`: short runs keep their digits instead of reading `0 s`. */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 9950) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

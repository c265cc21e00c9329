/**
 * Progress on stderr, one line per run:
 *   `HB   [#######.........]  1240/3000  41%  loss 3.10e-5  ETA 12s`
 * On a TTY the block is redrawn in place (ANSI cursor-up), at most ~10 times
 * a second; elsewhere (a log file, CI) each run prints a plain line at most
 * every few seconds and once when it ends, with no escape codes.
 */
import type { RunProgress, RunStatus } from '../../core/run/types.js';

export interface ProgressState extends RunProgress {
  label: string;
  /** Once final (finished, diverged, ...) the ETA slot shows it instead. */
  status?: RunStatus;
}

/** Before this much time or any step, an ETA would be noise. */
const ETA_MIN_ELAPSED_MS = 1000;
const MIN_BAR = 10;
const MAX_LABEL = 24;

const FINAL = new Set<RunStatus>(['finished', 'diverged', 'failed', 'cancelled', 'interrupted']);

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '--';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  const h = Math.floor(m / 60);
  return `${h}h${String(m % 60).padStart(2, '0')}m`;
}

/** A loss in 3 significant digits, scientific: losses span many decades. */
export function formatLoss(loss: number | null): string {
  if (loss === null) return '--';
  if (Number.isNaN(loss)) return 'NaN';
  if (!Number.isFinite(loss)) return loss > 0 ? 'Inf' : '-Inf';
  return loss.toExponential(2);
}

/** Remaining time from the elapsed time and the fraction done; '--' before enough data. */
export function eta(state: RunProgress): string {
  const { step, totalSteps, elapsedMs } = state;
  if (!(totalSteps > 0) || step <= 0 || elapsedMs < ETA_MIN_ELAPSED_MS) return '--';
  const done = Math.min(1, step / totalSteps);
  return formatDuration((elapsedMs * (1 - done)) / done);
}

function truncate(text: string, width: number): string {
  if (text.length <= width) return text;
  return width <= 1 ? text.slice(0, Math.max(0, width)) : text.slice(0, width - 1) + '~';
}

/**
 * One line per state, none longer than `width` (a wrapped line would break the
 * in-place redraw). Labels are padded to a common width; the bar takes the rest.
 */
export function renderProgress(states: readonly ProgressState[], width: number): string[] {
  if (states.length === 0) return [];
  const labelWidth = Math.min(MAX_LABEL, Math.max(...states.map((s) => s.label.length)));
  const totalWidth = Math.max(...states.map((s) => String(s.totalSteps).length));
  const rows = states.map((s) => {
    const frac = s.totalSteps > 0 ? Math.min(1, Math.max(0, s.step / s.totalSteps)) : 0;
    const count = `${String(s.step).padStart(totalWidth)}/${s.totalSteps}`;
    const pct = `${String(Math.floor(frac * 100)).padStart(3)}%`;
    const tail = s.status !== undefined && FINAL.has(s.status) ? s.status : `ETA ${eta(s)}`;
    const after = `  ${count}  ${pct}  loss ${formatLoss(s.loss).padEnd(9)}  ${tail}`;
    return { label: truncate(s.label, labelWidth).padEnd(labelWidth), frac, after };
  });
  const longestAfter = Math.max(...rows.map((r) => r.after.length));
  const barWidth = Math.max(MIN_BAR, width - labelWidth - 1 - 2 - longestAfter);
  return rows.map((r) => {
    const filled = Math.round(r.frac * barWidth);
    const bar = `[${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}]`;
    return truncate(`${r.label} ${bar}${r.after}`.trimEnd(), width);
  });
}

/** The part of a stream the renderer needs (process.stderr fits). */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressRendererOptions {
  stream?: ProgressStream;
  /** Milliseconds clock, injectable for tests. */
  now?: () => number;
  /** Least time between TTY redraws (default 100 ms: ~10/s). */
  ttyIntervalMs?: number;
  /** Least time between two plain lines of one run (default 5 s). */
  plainIntervalMs?: number;
}

const CLEAR_LINE = '\r\x1b[2K';

/** Redraws the progress of several runs; call update() as often as you like. */
export class ProgressRenderer {
  private readonly stream: ProgressStream;
  private readonly now: () => number;
  private readonly ttyIntervalMs: number;
  private readonly plainIntervalMs: number;
  private readonly states = new Map<string, ProgressState>();
  /** Plain mode: when each run last printed, and whether its final line is out. */
  private readonly lastPlain = new Map<string, number>();
  private readonly finalPrinted = new Set<string>();
  private lastDraw = -Infinity;
  private drawnLines = 0;
  private dirty = false;

  constructor(opts: ProgressRendererOptions = {}) {
    this.stream = opts.stream ?? process.stderr;
    this.now = opts.now ?? (() => Date.now());
    this.ttyIntervalMs = opts.ttyIntervalMs ?? 100;
    this.plainIntervalMs = opts.plainIntervalMs ?? 5000;
  }

  private get tty(): boolean {
    return this.stream.isTTY === true;
  }

  private get width(): number {
    const c = this.stream.columns;
    return c !== undefined && c > 0 ? c : 80;
  }

  /** Set one run's state (runs keep the order they were first seen in). */
  update(id: string, state: ProgressState): void {
    const before = this.states.get(id);
    this.states.set(id, state);
    this.dirty = true;
    const becameFinal = state.status !== undefined && FINAL.has(state.status) && before?.status !== state.status;
    if (this.tty) {
      if (becameFinal || this.now() - this.lastDraw >= this.ttyIntervalMs) this.draw();
    } else {
      this.printPlain(id, state, becameFinal);
    }
  }

  /** Print a message above the progress block without garbling it. */
  log(message: string): void {
    if (this.tty && this.drawnLines > 0) {
      this.stream.write(`\x1b[${this.drawnLines}A` + CLEAR_LINE + message + '\n');
      this.drawnLines = 0;
      this.draw();
    } else {
      this.stream.write(message + '\n');
    }
  }

  /** Draw the latest states now (call when all runs are done). */
  flush(): void {
    if (this.tty) {
      if (this.dirty) this.draw();
      return;
    }
    for (const [id, s] of this.states) {
      const final = s.status !== undefined && FINAL.has(s.status);
      if (final ? !this.finalPrinted.has(id) : this.dirty) this.printPlain(id, s, true);
    }
    this.dirty = false;
  }

  private draw(): void {
    const lines = renderProgress([...this.states.values()], this.width - 1);
    let out = this.drawnLines > 0 ? `\x1b[${this.drawnLines}A` : '';
    for (const line of lines) out += CLEAR_LINE + line + '\n';
    this.stream.write(out);
    this.drawnLines = lines.length;
    this.lastDraw = this.now();
    this.dirty = false;
  }

  private printPlain(id: string, state: ProgressState, force: boolean): void {
    if (this.finalPrinted.has(id)) return;
    const t = this.now();
    const last = this.lastPlain.get(id);
    if (!force && last !== undefined && t - last < this.plainIntervalMs) return;
    // Same layout as the TTY lines so logs line up; the label width comes from all runs.
    const all = [...this.states.entries()];
    const lines = renderProgress(
      all.map(([, s]) => s),
      this.width,
    );
    const line = lines[all.findIndex(([k]) => k === id)];
    if (line === undefined) return;
    this.stream.write(line + '\n');
    this.lastPlain.set(id, t);
    if (state.status !== undefined && FINAL.has(state.status)) this.finalPrinted.add(id);
  }
}

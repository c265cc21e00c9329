/**
 * Redraw at most once per frame: however many metric batches arrive between
 * two frames, the work runs once, on the next animation frame.
 */
export interface FrameScheduler {
  /** Ask for `work` on the next frame; later requests in the same frame replace it. */
  request(work: () => void): void;
  cancel(): void;
  /** Whether a frame is pending. */
  readonly pending: boolean;
}

export function createFrameScheduler(
  raf: (cb: () => void) => number = (cb) => requestAnimationFrame(cb),
  caf: (id: number) => void = (id) => cancelAnimationFrame(id),
): FrameScheduler {
  let handle: number | null = null;
  let next: (() => void) | null = null;
  return {
    request(work) {
      next = work;
      if (handle !== null) return;
      handle = raf(() => {
        handle = null;
        const w = next;
        next = null;
        w?.();
      });
    },
    cancel() {
      if (handle !== null) caf(handle);
      handle = null;
      next = null;
    },
    get pending() {
      return handle !== null;
    },
  };
}

export interface AdaptiveOptions {
  raf?: (cb: () => void) => number;
  caf?: (id: number) => void;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /** Share of the main thread redraws may take: after a draw of d ms, the next waits d × (1/share − 1). */
  share?: number;
}

/**
 * A frame scheduler that also backs off when drawing is slow: with many
 * points streaming, a redraw every frame would starve input handling, so the
 * gap after a draw grows with what the draw cost (at most `share` of the time).
 */
export function createAdaptiveScheduler(opts: AdaptiveOptions = {}): FrameScheduler {
  const frame = createFrameScheduler(opts.raf, opts.caf);
  const now = opts.now ?? (() => performance.now());
  const setTimer = opts.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clearTimer = opts.clearTimer ?? ((h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const share = opts.share ?? 0.3;
  let timer: unknown = null;
  let readyAt = 0;
  let next: (() => void) | null = null;

  const run = (): void => {
    const w = next;
    next = null;
    if (!w) return;
    const t0 = now();
    try {
      w();
    } finally {
      const cost = now() - t0;
      readyAt = now() + cost * (1 / share - 1);
    }
  };

  return {
    request(work) {
      next = work;
      if (timer !== null || frame.pending) return;
      const wait = readyAt - now();
      if (wait <= 0) {
        frame.request(run);
        return;
      }
      timer = setTimer(() => {
        timer = null;
        frame.request(run);
      }, wait);
    },
    cancel() {
      if (timer !== null) clearTimer(timer);
      timer = null;
      next = null;
      frame.cancel();
    },
    get pending() {
      return timer !== null || frame.pending;
    },
  };
}

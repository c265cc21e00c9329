import { describe, expect, it } from 'vitest';
import { createAdaptiveScheduler, createFrameScheduler } from '../../../renderer/src/charts/frame-scheduler.js';

describe('createFrameScheduler', () => {
  it('runs many requests of one frame once, with the latest work', () => {
    const frames: (() => void)[] = [];
    const s = createFrameScheduler((cb) => frames.push(cb), () => undefined);
    const done: number[] = [];
    for (let i = 0; i < 5; i++) s.request(() => done.push(i));
    expect(frames).toHaveLength(1);
    expect(s.pending).toBe(true);
    frames[0]!();
    expect(done).toEqual([4]);
    s.request(() => done.push(9));
    expect(frames).toHaveLength(2);
    frames[1]!();
    expect(done).toEqual([4, 9]);
  });

  it('cancel drops the pending work', () => {
    const frames: (() => void)[] = [];
    let cancelled = 0;
    const s = createFrameScheduler((cb) => frames.push(cb), () => cancelled++);
    let ran = false;
    s.request(() => (ran = true));
    s.cancel();
    expect(cancelled).toBe(1);
    expect(s.pending).toBe(false);
    frames[0]!();
    expect(ran).toBe(false);
  });
});

describe('createAdaptiveScheduler', () => {
  it('waits after a slow draw in proportion to its cost', () => {
    let t = 0;
    const frames: (() => void)[] = [];
    const timers: { fn: () => void; ms: number }[] = [];
    const s = createAdaptiveScheduler({
      raf: (cb) => frames.push(cb),
      caf: () => undefined,
      now: () => t,
      setTimer: (fn, ms) => timers.push({ fn, ms }),
      clearTimer: () => undefined,
      share: 0.25,
    });
    s.request(() => (t += 10)); // a draw that costs 10 ms
    frames.shift()!();
    expect(t).toBe(10);
    s.request(() => (t += 1));
    s.request(() => (t += 2)); // replaces the previous request
    expect(frames).toHaveLength(0);
    expect(timers.map((x) => x.ms)).toEqual([30]); // 10 × (1/0.25 − 1)
    timers[0]!.fn();
    frames.shift()!();
    expect(t).toBe(12);
  });
});

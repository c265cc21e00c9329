import { describe, expect, it } from 'vitest';
import { eta, formatDuration, ProgressRenderer, renderProgress, type ProgressState } from '../../../main/cli/progress.js';

const ESC = '\x1b';

function states(): ProgressState[] {
  return [
    { label: 'GD', step: 1200, totalSteps: 3000, loss: 3.1e-5, elapsedMs: 12_000 },
    { label: 'Nesterov (k-1)/(k+2)', step: 0, totalSteps: 3000, loss: null, elapsedMs: 0 },
    { label: 'HB', step: 3000, totalSteps: 3000, loss: 1e-11, elapsedMs: 20_000, status: 'finished' },
  ];
}

describe('renderProgress', () => {
  it('one line per run with label, bar, step/total, percent, loss and ETA', () => {
    const lines = renderProgress(states(), 100);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^GD +\[#+\.+\] +1200\/3000 +40% +loss 3\.10e-5 +ETA 18s$/);
    expect(lines[1]).toMatch(/^Nesterov \(k-1\)\/\(k\+2\) \[\.+\] +0\/3000 +0% +loss -- +ETA --$/);
    expect(lines[2]).toMatch(/^HB +\[#+\] +3000\/3000 +100% +loss 1\.00e-11 +finished$/);
    // Bars start in the same column and have the same width.
    const bars = lines.map((l) => [l.indexOf('['), l.indexOf(']')]);
    expect(new Set(bars.map((b) => b.join()))).toHaveProperty('size', 1);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(100);
    expect(lines.join('')).not.toContain(ESC);
  });

  it('the bar fills in proportion', () => {
    const [line] = renderProgress([{ label: 'a', step: 25, totalSteps: 100, loss: 1, elapsedMs: 5000 }], 60);
    const bar = line!.slice(line!.indexOf('[') + 1, line!.indexOf(']'));
    const filled = bar.split('').filter((c) => c === '#').length;
    expect(filled).toBe(Math.round(bar.length / 4));
  });

  it('never exceeds a narrow width', () => {
    for (const width of [20, 40, 50]) for (const l of renderProgress(states(), width)) expect(l.length).toBeLessThanOrEqual(width);
  });

  it('ETA is -- before any step or the first second, then elapsed * remaining / done', () => {
    expect(eta({ step: 0, totalSteps: 100, loss: null, elapsedMs: 5000 })).toBe('--');
    expect(eta({ step: 10, totalSteps: 100, loss: null, elapsedMs: 500 })).toBe('--');
    expect(eta({ step: 10, totalSteps: 100, loss: null, elapsedMs: 10_000 })).toBe('1m30s');
    expect(eta({ step: 100, totalSteps: 100, loss: null, elapsedMs: 10_000 })).toBe('0s');
    expect(formatDuration(3 * 3600_000 + 5 * 60_000)).toBe('3h05m');
  });

  it('shows NaN and Inf losses as such', () => {
    const [line] = renderProgress([{ label: 'x', step: 5, totalSteps: 10, loss: NaN, elapsedMs: 0 }], 80);
    expect(line).toContain('loss NaN');
  });
});

class FakeStream {
  chunks: string[] = [];
  constructor(
    readonly isTTY: boolean,
    readonly columns = 90,
  ) {}
  write(text: string): boolean {
    this.chunks.push(text);
    return true;
  }
  get text(): string {
    return this.chunks.join('');
  }
}

describe('ProgressRenderer on a TTY', () => {
  it('redraws in place with cursor-up, at most every 100 ms, and always on a final status', () => {
    const stream = new FakeStream(true);
    let t = 0;
    const r = new ProgressRenderer({ stream, now: () => t });
    const base = { totalSteps: 100, loss: 1, elapsedMs: 0 };
    r.update('a', { label: 'A', step: 0, ...base });
    expect(stream.chunks).toHaveLength(1);
    r.update('b', { label: 'B', step: 0, ...base });
    t = 50;
    r.update('a', { label: 'A', step: 5, ...base });
    expect(stream.chunks).toHaveLength(1); // throttled
    t = 120;
    r.update('a', { label: 'A', step: 6, ...base });
    expect(stream.chunks).toHaveLength(2);
    expect(stream.chunks[1]!.startsWith(`${ESC}[1A`)).toBe(true); // up over the one line drawn before
    expect(stream.chunks[1]!.split('\n').filter(Boolean)).toHaveLength(2);
    t = 130;
    r.update('b', { label: 'B', step: 100, ...base, status: 'diverged' });
    expect(stream.chunks).toHaveLength(3);
    expect(stream.chunks[2]!.startsWith(`${ESC}[2A`)).toBe(true);
    expect(stream.chunks[2]).toContain('diverged');
    r.flush(); // nothing new
    expect(stream.chunks).toHaveLength(3);
    // Lines fit the terminal so cursor-up counts stay right.
    for (const line of stream.text.split('\n')) expect(line.replace(/\r\x1b\[2K|\x1b\[\d+A/g, '').length).toBeLessThan(90);
  });

  it('log() writes above the block and redraws it', () => {
    const stream = new FakeStream(true);
    const r = new ProgressRenderer({ stream, now: () => 0 });
    r.update('a', { label: 'A', step: 1, totalSteps: 2, loss: 1, elapsedMs: 0 });
    r.log('warning: x');
    expect(stream.chunks[1]).toBe(`${ESC}[1A\r${ESC}[2Kwarning: x\n`);
    expect(stream.chunks[2]).toMatch(/^\r\x1b\[2KA \[/);
  });
});

describe('ProgressRenderer off a TTY', () => {
  it('prints plain lines, one per run at most every 5 s, plus the final one, and no escape codes', () => {
    const stream = new FakeStream(false);
    let t = 0;
    const r = new ProgressRenderer({ stream, now: () => t });
    const base = { totalSteps: 100, loss: 0.5, elapsedMs: 0 };
    for (t = 0; t <= 12_000; t += 100) {
      r.update('a', { label: 'A', step: t / 200, ...base });
      r.update('b', { label: 'B', step: t / 200, ...base });
    }
    // Each run: t = 0, 5000, 10000.
    expect(stream.chunks).toHaveLength(6);
    r.update('a', { label: 'A', step: 100, ...base, status: 'finished' });
    expect(stream.chunks).toHaveLength(7);
    r.update('a', { label: 'A', step: 100, ...base, status: 'finished' });
    r.flush(); // B's latest state is printed; A's final line is not repeated
    expect(stream.chunks).toHaveLength(8);
    expect(stream.chunks.filter((c) => c.startsWith('A ') && c.includes('finished'))).toHaveLength(1);
    expect(stream.text).not.toContain(ESC);
    for (const c of stream.chunks) expect(c.endsWith('\n')).toBe(true);
  });
});

/**
 * Large data through the real workbench (browser mode, real host, Chromium):
 *
 *  - a finished run of 1,000,000 recorded points, written straight into the
 *    data folder through RunStore before the server starts, opens in Compare
 *    and zooms without stalling: the chart draws a few thousand LTTB-thinned
 *    points per series, says so under the chart, and shows more detail after
 *    zooming to 1% of the range;
 *  - 8 runs streaming at once (workers raised to 8 in the header) leave the
 *    page responsive: animation-frame gaps stay short and the views switch fast.
 *
 * Bounds are generous (a 2-core machine); the measured numbers are printed.
 */
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { RunStore } from '../../main/store/index.js';
import { expandExperiment, experimentSchema } from '../../core/spec/index.js';
import type { MetricRecord, RunResult } from '../../core/run/types.js';
import { startLabServer, type LabServer } from './lab-server.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = fileURLToPath(new URL('../../test-results/e2e/', import.meta.url));
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const POINTS = 1_000_000;
const BATCH = 20_000;
const LABEL = 'Million';
const CHART = '[data-chart="compare loss"]';

/** Deterministic noise (mulberry32), so every run of the test draws the same curve. */
function noise(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A finished run of POINTS records (loss = exp(-k / 2e5) with ±10% noise, and grad_norm), in `dir`. */
function seedMillionPointRun(dir: string): void {
  const store = RunStore.open(dir);
  try {
    const e = experimentSchema.parse({
      version: 1,
      name: 'Million points',
      seed: 1,
      data: { kind: 'gaussian', n: 8, d: 4 },
      model: { hidden: [16] },
      train: { steps: POINTS },
      optimizers: [{ label: LABEL, kind: 'gd', lr: 0.1 }],
    });
    const experimentId = store.createExperiment({ name: e.name, spec: e });
    const [runId] = store.createRuns(experimentId, expandExperiment(e));
    store.markRunning(runId!);
    const rand = noise(7);
    let loss = 1;
    for (let first = 0; first < POINTS; first += BATCH) {
      const records = new Array<MetricRecord>(BATCH);
      for (let i = 0; i < BATCH; i++) {
        const step = first + i;
        loss = Math.exp(-step / 2e5) * (1 + 0.2 * (rand() - 0.5));
        records[i] = { step, time_ms: step * 0.01, loss, grad_norm: Math.sqrt(loss) * (1 + 0.1 * rand()) };
      }
      store.appendMetrics(runId!, records);
    }
    const result: RunResult = {
      status: 'finished',
      steps: POINTS - 1,
      finalLoss: loss,
      stepsToTarget: null,
      rate: { kind: 'linear', rho: Math.exp(-1 / 2e5), exponent: null, r2: 0.99 },
      wallMs: POINTS * 0.01,
      reason: null,
      environment: { backend: 'cpu', tfjs: '4.22.0', simd: null, node: process.version, lab: '0.1.0', dataSha256: null },
    };
    store.finishRun(runId!, result);
  } finally {
    store.close();
  }
}

/** 8 runs (8 seeds) that would take far longer than the test: they stream until cancelled. */
const STREAMING = {
  version: 1,
  name: 'Eight streaming',
  seed: 3,
  data: { kind: 'gaussian', n: 16, d: 8 },
  model: { hidden: [32] },
  loss: { kind: 'mse', reduction: 'mean' },
  train: { steps: 10_000_000, record: { every: 1 } },
  optimizers: [{ label: 'HB', kind: 'heavy-ball', lr: 0.001, momentum: 0.9 }],
  seeds: 8,
};

interface Thinned {
  shown: number;
  total: number;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

describe.skipIf(!existsSync(CHROMIUM))('large data end to end (browser mode)', () => {
  let server: LabServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const measured: Record<string, string> = {};

  async function shot(name: string): Promise<void> {
    await page.screenshot({ path: join(SHOTS, `${name}.png`) });
  }

  async function thinnedNote(): Promise<Thinned | null> {
    const notes = await page.locator(`${CHART} .note`).allInnerTexts();
    const m = notes.map((n) => /thinned: showing ([\d,]+) of ([\d,]+) points/.exec(n)).find((x) => x !== null);
    return m ? { shown: Number(m[1]!.replace(/,/g, '')), total: Number(m[2]!.replace(/,/g, '')) } : null;
  }

  /** The x range in view (`data-zoom`) and the range the drawn detail covers (`data-window`). */
  async function ranges(): Promise<{ zoom: number[]; window: number[]; drawn: number }> {
    return page.locator(CHART).evaluate((el) => ({
      zoom: (el.getAttribute('data-zoom') ?? '').split(' ').map(Number),
      window: (el.getAttribute('data-window') ?? '').split(' ').map(Number),
      drawn: Number(el.getAttribute('data-drawn')),
    }));
  }

  /** Animation-frame gaps (ms) in the page while `during` runs. */
  async function frameGaps(during: () => Promise<void>): Promise<number[]> {
    await page.evaluate(() => {
      const w = window as unknown as { gaps: number[]; gapsOn: boolean };
      w.gaps = [];
      w.gapsOn = true;
      let last = performance.now();
      const tick = (t: number): void => {
        w.gaps.push(t - last);
        last = t;
        if (w.gapsOn) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await during();
    return page.evaluate(() => {
      const w = window as unknown as { gaps: number[]; gapsOn: boolean };
      w.gapsOn = false;
      return w.gaps;
    });
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const dataDir = mkdtempSync(join(tmpdir(), 'lab-e2e-large-'));
    const t0 = performance.now();
    seedMillionPointRun(dataDir);
    measured['seed 1e6 points'] = `${(performance.now() - t0).toFixed(0)} ms`;
    server = await startLabServer(2, dataDir);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    page = await browser.newPage({ viewport: { width: 1400, height: 950 } });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(server.url);
    await page.getByText('browser mode · connected').waitFor();
  });

  afterAll(async () => {
    console.log(`large data:\n${Object.entries(measured).map(([k, v]) => `  ${k}: ${v}`).join('\n')}`);
    await browser?.close();
    await server?.stop();
  });

  it('opens a run of 1,000,000 points in Compare, thinned, and says so', async () => {
    await page.click('nav >> text=Runs');
    await page.check(`input[aria-label="Select ${LABEL}"]`);
    let openMs = 0;
    const gaps = await frameGaps(async () => {
      const t0 = Date.now();
      await page.click('button:has-text("Compare selected")');
      await page.waitForFunction(
        ([sel, n]) => Number(document.querySelector(sel as string)?.getAttribute('data-points')) === n,
        [CHART, POINTS] as const,
        { timeout: 30_000, polling: 'raf' },
      );
      // Two more frames: the drawing is on screen.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      openMs = Date.now() - t0;
    });
    measured['open (select to drawn)'] = `${openMs} ms`;
    // Most of it is the host reading and sending 32 MB of columns (in step ranges, a few replies); the page is busy at most one frame gap at a time.
    measured['longest frame gap while opening'] = `${Math.max(...gaps).toFixed(0)} ms`;
    // Measured 4.4-5.6 s here on a quiet machine, 8.8 s with a load average of 9: the bound leaves room for a busy CI machine.
    expect(openMs).toBeLessThan(15_000);
    expect(Math.max(...gaps)).toBeLessThan(2_500);

    const note = await thinnedNote();
    expect(note).not.toBeNull();
    expect(note!.total).toBe(POINTS);
    expect(note!.shown).toBeGreaterThan(200);
    expect(note!.shown).toBeLessThanOrEqual(4_000);
    const { drawn, zoom } = await ranges();
    measured['points handed to ECharts (full range)'] = String(drawn);
    expect(drawn).toBeLessThanOrEqual(12_000);
    expect(zoom[0]).toBe(0);
    expect(zoom[1]).toBe(POINTS - 1);
    await shot('large-open');
  });

  it('zooms to 1% of the range: the redraw is quick and shows more detail', async () => {
    const before = (await thinnedNote())!;
    const box = (await page.locator(`${CHART} .chart`).boundingBox())!;
    // The slider spans the plot (grid left 72 px, right 24 px), 16 px tall, 8 px above the bottom.
    const left = box.x + 72;
    const width = box.width - 72 - 24;
    const y = box.y + box.height - 16;
    // A slider handle is a few px wide and sits about where the window ends: find it by the cursor ECharts shows on it.
    const cursorAt = async (x: number): Promise<string> => {
      await page.mouse.move(x, y);
      return page.locator(`${CHART} .chart > div`).first().evaluate((el) => (el as HTMLElement).style.cursor);
    };
    const handleNear = async (x: number): Promise<number> => {
      const hits: number[] = [];
      for (let dx = -8; dx <= 8; dx++) if ((await cursorAt(x + dx)) === 'ew-resize') hits.push(x + dx);
      expect(hits.length, `a slider handle near x = ${x}`).toBeGreaterThan(0);
      return hits[Math.floor(hits.length / 2)]!;
    };
    /** Drags the handle at the window's end `edge` to `to` (handles move with the mouse). */
    const drag = async (edge: number, to: number): Promise<void> => {
      const from = await handleNear(edge);
      await page.mouse.move(from, y);
      await page.mouse.down();
      await page.mouse.move(from + (to - edge), y, { steps: 12 });
      await page.mouse.up();
    };
    let zoomMs = 0;
    // The right end to 50.5%, then the left one to 49.5%.
    await drag(left + width, left + 0.505 * width);
    // ECharts throttles the slider's moves, so the last one lands a frame or more after mouseup: wait for it.
    await expect.poll(async () => (await ranges()).zoom[1], { timeout: 5_000 }).toBeLessThan(0.52 * POINTS);
    expect((await ranges()).zoom[0]).toBe(0);
    const handle = await handleNear(left);
    const gaps = await frameGaps(async () => {
      await page.mouse.move(handle, y);
      await page.mouse.down();
      await page.mouse.move(handle + 0.495 * width, y, { steps: 12 });
      await page.mouse.up();
      const t0 = Date.now();
      await page.waitForFunction(
        (sel) => {
          const el = document.querySelector(sel);
          const zoom = el?.getAttribute('data-zoom');
          return !!zoom && zoom === el?.getAttribute('data-window') && Number(zoom.split(' ')[0]) > 0;
        },
        CHART,
        { timeout: 10_000, polling: 'raf' },
      );
      zoomMs = Date.now() - t0;
    });
    measured['zoom redraw (last input to re-thinned drawing)'] = `${zoomMs} ms`;
    measured['frame gaps while zooming'] = `p95 ${percentile(gaps, 95).toFixed(0)} ms, max ${Math.max(...gaps).toFixed(0)} ms`;
    expect(zoomMs).toBeLessThan(2_000);
    expect(percentile(gaps, 95)).toBeLessThan(250);

    const { zoom, drawn } = await ranges();
    const span = zoom[1]! - zoom[0]!;
    expect(zoom[0]).toBeGreaterThan(0.45 * POINTS);
    expect(zoom[1]).toBeLessThan(0.55 * POINTS);
    expect(span).toBeGreaterThan(0.003 * POINTS);
    expect(span).toBeLessThan(0.03 * POINTS);
    expect(drawn).toBeLessThanOrEqual(12_000);
    // The points in view: either all of them, or a thinned few thousand of the ~10,000 there.
    const after = await thinnedNote();
    const shownAfter = after?.shown ?? span;
    expect(after?.total ?? span).toBeLessThan(0.05 * POINTS);
    expect(shownAfter).toBeLessThanOrEqual(4_000);
    // More detail: points per step in view grew many times over.
    const densityBefore = before.shown / POINTS;
    const densityAfter = shownAfter / span;
    measured['points shown (full range -> 1%)'] = `${before.shown} of ${before.total} -> ${shownAfter} of ${after?.total ?? 'all'} (${(densityAfter / densityBefore).toFixed(0)}x denser)`;
    expect(densityAfter).toBeGreaterThan(20 * densityBefore);
    await shot('large-zoomed');
  });

  it('keeps the zoom window in detail when the x axis changes to wall time and back', async () => {
    /** Until the window starts within [min, max] and the drawing's detail covers it. */
    const settled = (min: number, max: number): Promise<unknown> =>
      page.waitForFunction(
        ([sel, lo, hi]) => {
          const el = document.querySelector(sel as string);
          const zoom = el?.getAttribute('data-zoom');
          const from = Number(zoom?.split(' ')[0]);
          return !!zoom && zoom === el?.getAttribute('data-window') && from >= (lo as number) && from <= (hi as number);
        },
        [CHART, min, max] as const,
        { timeout: 10_000, polling: 'raf' },
      );
    // time_ms = step / 100: the same window is about 4.95 s to 5.05 s.
    await page.selectOption('#x-mode', 'time');
    await settled(4.4, 5.6);
    expect((await ranges()).zoom[1]).toBeLessThan(5.6);
    expect((await thinnedNote())?.total ?? 0).toBeLessThan(0.05 * POINTS);
    await page.selectOption('#x-mode', 'step');
    await settled(0.44 * POINTS, 0.56 * POINTS);
  });

  it('keeps the page responsive while 8 runs stream at once', async () => {
    // Let all 8 train at the same time.
    const workers = page.locator('header input.workers');
    // The field shows the host's count once app.info answers; typing before that would be overwritten.
    await expect.poll(() => workers.inputValue()).toBe('2');
    await workers.fill('8');
    await workers.press('Tab');
    await expect.poll(() => workers.inputValue()).toBe('8');

    await page.click('nav >> text=Design');
    await page.click('.design button:has-text("New")');
    await page.click('.seg button:has-text("JSON")');
    await page.fill('.design textarea', JSON.stringify(STREAMING, null, 2));
    await expect(page.locator('button.run').innerText()).resolves.toMatch(/Run 8 runs/);
    await page.click('button.run');
    await page.locator('.live .run-row').nth(7).waitFor();
    // Eight workers load TensorFlow.js at once: on 2 cores that takes a while.
    await page.waitForFunction(() => document.querySelectorAll('.live .run-row.running').length === 8, null, { timeout: 60_000 });
    // Measure once they stream in earnest (the first steps of eight fresh workers are slow).
    await page.waitForFunction(() => Number(document.querySelector('[data-chart="live loss"]')?.getAttribute('data-points')) > 4_000, null, { timeout: 60_000 });

    const pointsAt = (): Promise<number> => page.locator('[data-chart="live loss"]').evaluate((el) => Number(el.getAttribute('data-points')));
    const p0 = await pointsAt();
    const gaps = await frameGaps(() => page.waitForTimeout(5_000));
    const p1 = await pointsAt();
    measured['8 runs streaming: frame gaps over 5 s'] = `p95 ${percentile(gaps, 95).toFixed(0)} ms, max ${Math.max(...gaps).toFixed(0)} ms, ${gaps.length} frames`;
    measured['8 runs streaming: live loss points'] = `${p0} -> ${p1} in 5 s`;
    expect(await page.locator('.live .run-row.running').count()).toBe(8);
    expect(p1).toBeGreaterThan(p0);
    expect(percentile(gaps, 95)).toBeLessThan(250);
    await shot('large-streaming');

    // Switching views stays quick while they stream: click to the next frame with the view on it, timed in the page.
    const switches: string[] = [];
    for (const [nav, root] of [
      ['Runs', '.runs-view'],
      ['Compare', '.compare'],
      ['Live', '.live'],
      ['Design', '.design'],
      ['Live', '.live'],
    ] as const) {
      const ms = await page.evaluate(
        async ([label, sel]) => {
          const button = [...document.querySelectorAll<HTMLButtonElement>('nav button')].find((b) => b.textContent?.includes(label));
          const t0 = performance.now();
          button!.click();
          while (!document.querySelector(sel)) await new Promise((r) => requestAnimationFrame(r));
          await new Promise((r) => requestAnimationFrame(r));
          return performance.now() - t0;
        },
        [nav, root] as const,
      );
      switches.push(`${nav} ${ms.toFixed(0)} ms`);
      expect(ms, `switching to ${nav}`).toBeLessThan(1_000);
    }
    measured['view switches while streaming'] = switches.join(', ');

    await page.click('.live .group button:has-text("Cancel experiment")');
    await page.waitForFunction(() => document.querySelectorAll('.live .run-row.running, .live .run-row.queued').length === 0, null, { timeout: 30_000 });
    expect(await page.locator('.live .run-row.cancelled').count()).toBe(8);
  });

  it('logged no errors in the page', () => {
    expect(errors).toEqual([]);
  });
});

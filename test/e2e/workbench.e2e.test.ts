/**
 * The acceptance walk through the real workbench (browser mode, real host,
 * real training): design from a preset, run it, watch the live chart grow,
 * reload and find the runs in the library, compare Heavy Ball with Nesterov,
 * export CSV (rows checked) and PNG (size checked), and see an invalid field
 * block Run. A screenshot of each view goes to test-results/e2e/.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startLabServer, type LabServer } from './lab-server.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const SHOTS = fileURLToPath(new URL('../../test-results/e2e/', import.meta.url));

// The Heavy Ball vs Nesterov preset, shrunk through the form so it trains in seconds.
const PRESET = 'heavy-ball-vs-nesterov';
const STEPS = 400;
const EVERY = 10;
const HIDDEN = 256;
const LABELS = ['GD', 'HB', 'NAG'];

/** Rows a run records: step 0, every `EVERY`-th step, and the last step (a target may stop it early). */
function recordedRows(lastStep: number): number {
  return Math.floor(lastStep / EVERY) + 1 + (lastStep % EVERY === 0 ? 0 : 1);
}

/** The data points drawn by the chart panel named `chart` (ChartPanel's data-points). */
async function chartPoints(page: Page, chart: string): Promise<number> {
  return Number(await page.locator(`[data-chart="${chart}"]`).first().getAttribute('data-points'));
}

describe.skipIf(!existsSync(CHROMIUM))('workbench end to end (browser mode)', () => {
  let server: LabServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  /** Final step of each run, by label, as the live view reported it. */
  const lastStep = new Map<string, number>();

  async function shot(name: string): Promise<void> {
    await page.screenshot({ path: join(SHOTS, `${name}.png`) });
  }

  async function setField(id: string, value: string): Promise<void> {
    await page.fill(id, value);
    await page.press(id, 'Tab');
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startLabServer();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    page = await browser.newPage({ viewport: { width: 1400, height: 950 }, acceptDownloads: true });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(server.url);
    await page.getByText('browser mode · connected').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('designs the experiment from the Heavy Ball vs Nesterov preset, through the form', async () => {
    await page.selectOption('select[aria-label="Load a paper preset"]', PRESET);
    await expect(page.inputValue('#field-name')).resolves.toMatch(/^Heavy Ball vs Nesterov/);
    expect(await page.locator('[data-section="optimizers"] .card strong').allInnerTexts()).toEqual(LABELS.map((l, i) => `${i + 1}. ${l}`));
    await expect(page.inputValue('#field-model-hidden')).resolves.toBe('2048');

    await setField('#field-model-hidden', String(HIDDEN));
    await setField('#field-train-steps', String(STEPS));
    await expect(page.inputValue('#field-model-hidden')).resolves.toBe(String(HIDDEN));
    await expect(page.inputValue('#field-train-steps')).resolves.toBe(String(STEPS));
    await expect(page.inputValue('#field-train-record-every')).resolves.toBe(String(EVERY));
    // The JSON the form edits is the experiment file: check the edits landed there.
    await page.click('.seg button:has-text("JSON")');
    const json = JSON.parse(await page.inputValue('.design textarea')) as { model: { hidden: number[] }; train: { steps: number } };
    expect(json.model.hidden).toEqual([HIDDEN]);
    expect(json.train.steps).toBe(STEPS);
    await page.click('.seg button:has-text("Form")');

    const run = page.locator('button.run');
    expect(await run.isDisabled()).toBe(false);
    await expect(run.innerText()).resolves.toMatch(/Run 3 runs/);
    await shot('design');
  });

  it('runs it, and the live chart gains points while the runs train', async () => {
    // Record every redraw of the live loss chart, from before Run on.
    await page.evaluate(() => {
      const seen: number[] = [];
      (window as unknown as { livePoints: number[] }).livePoints = seen;
      new MutationObserver((changes) => {
        for (const c of changes) {
          const el = c.target as HTMLElement;
          if (el.dataset.chart === 'live loss') seen.push(Number(el.dataset.points));
        }
      }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-points'] });
    });
    await page.click('button.run');
    await page.locator('.live .run-row').nth(2).waitFor();
    expect(await page.locator('.live .run-row .name').allInnerTexts()).toEqual(LABELS.map((l) => `${l} seed 7`));

    // Mid-run: the chart has some points, and later more.
    await page.waitForFunction(() => ((window as unknown as { livePoints: number[] }).livePoints.at(-1) ?? 0) > 0);
    await shot('live');
    await page.waitForFunction(() => document.querySelectorAll('.live .run-row.finished, .live .run-row.diverged, .live .run-row.failed').length === 3, null, { timeout: 60_000 });
    for (const row of await page.locator('.live .run-row').all()) await expect(row.locator('.badge').innerText()).resolves.toBe('finished');

    for (const row of await page.locator('.live .run-row').all()) {
      const label = (await row.locator('.name').innerText()).split(' ')[0]!;
      const [done, total] = (await row.locator('.step').innerText()).split('/').map((s) => Number(s.replace(/[^0-9]/g, '')));
      expect(total).toBe(STEPS);
      expect(done).toBeGreaterThan(0);
      expect(done).toBeLessThanOrEqual(STEPS);
      lastStep.set(label, done!);
    }
    // The final drawing holds every recorded loss of the three runs; on the way it grew step by step.
    const expected = LABELS.reduce((n, l) => n + recordedRows(lastStep.get(l)!), 0);
    await page.waitForFunction((n) => Number(document.querySelector('[data-chart="live loss"]')?.getAttribute('data-points')) === n, expected);
    const seen = await page.evaluate(() => (window as unknown as { livePoints: number[] }).livePoints);
    const growth = seen.filter((v, i) => v > 0 && v !== seen[i - 1]);
    expect(growth.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < growth.length; i++) expect(growth[i]).toBeGreaterThan(growth[i - 1]!);
    expect(growth.at(-1)).toBe(expected);
    expect(growth[0]).toBeLessThan(expected);
    await shot('live-finished');
  });

  it('keeps the runs across a reload: they are in the Runs library', async () => {
    await page.reload();
    await page.getByText('browser mode · connected').waitFor();
    await page.click('nav >> text=Runs');
    const rows = page.locator('.runs-view tbody tr:not(.details-row)');
    await rows.nth(2).waitFor();
    expect(await rows.count()).toBe(3);
    const names = await page.locator('.runs-view tbody .name-text').allInnerTexts();
    expect([...names].sort()).toEqual(LABELS);
    expect(await page.locator('.runs-view tbody td.exp').allInnerTexts()).toEqual(Array(3).fill(expect.stringMatching(/^Heavy Ball vs Nesterov/)));
    expect(await page.locator('.runs-view tbody .badge').allInnerTexts()).toEqual(['finished', 'finished', 'finished']);
    await shot('runs');
  });

  it('compares Heavy Ball with Nesterov: both curves, and only the settings that differ', async () => {
    await page.check('input[aria-label="Select HB"]');
    await page.check('input[aria-label="Select NAG"]');
    await page.click('button:has-text("Compare selected")');
    await page.locator('.compare canvas').first().waitFor();
    const summaryRuns = page.locator('.summary tbody .run-name');
    await summaryRuns.nth(1).waitFor();
    expect(await summaryRuns.allInnerTexts()).toEqual(['HB', 'NAG']);
    const headers = await page.locator('.summary th').allInnerTexts();
    expect(headers).toEqual(expect.arrayContaining(['optimizer.kind', 'optimizer.momentum']));
    expect(headers).not.toContain('data.n');
    expect(headers).not.toContain('model.hidden');
    // The loss panel draws every recorded point of both runs.
    const expected = recordedRows(lastStep.get('HB')!) + recordedRows(lastStep.get('NAG')!);
    await page.waitForFunction((n) => Number(document.querySelector('.compare [data-chart]')?.getAttribute('data-points')) === n, expected);
    await shot('compare');
  });

  it('exports the comparison as CSV: the SPEC.md header and one row per recorded step per run', async () => {
    const download = page.waitForEvent('download');
    await page.click('.compare button:has-text("Export CSV")');
    const text = readFileSync(await (await download).path(), 'utf8');
    const lines = text.split('\r\n').filter((l) => l !== '');
    const header = lines[0]!.split(',');
    expect(header.slice(0, 7)).toEqual(['run', 'label', 'optimizer', 'seed', 'step', 'time_ms', 'loss']);
    expect(header).toEqual(expect.arrayContaining(['grad_norm', 'dist_init', 'pl_ratio']));
    const rows = lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [header[i]!, v])));
    for (const [label, optimizer] of [['HB', 'heavy-ball'], ['NAG', 'nesterov']] as const) {
      const mine = rows.filter((r) => r.label === label);
      expect(mine).toHaveLength(recordedRows(lastStep.get(label)!));
      expect(new Set(mine.map((r) => r.optimizer))).toEqual(new Set([optimizer]));
      expect(new Set(mine.map((r) => r.seed))).toEqual(new Set(['7']));
      expect(mine[0]!.step).toBe('0');
      expect(Number(mine.at(-1)!.step)).toBe(lastStep.get(label));
      for (const r of mine) expect(Number.isFinite(Number(r.loss)) && r.loss !== '').toBe(true);
    }
    expect(rows).toHaveLength(rows.filter((r) => r.label === 'HB' || r.label === 'NAG').length);
  });

  it('exports a chart as a PNG at 2x the size it has on screen', async () => {
    const panel = page.locator('.compare .chart-panel').first();
    const css = await panel.locator('.chart').evaluate((el) => ({ width: el.clientWidth, height: el.clientHeight }));
    await panel.locator('summary:has-text("Export figure")').click();
    await panel.locator('select[aria-label="PNG scale"]').selectOption('2');
    const download = page.waitForEvent('download');
    await panel.locator('.export-menu button:has-text("PNG")').click();
    const png = readFileSync(await (await download).path());
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) }).toEqual({ width: 2 * css.width, height: 2 * css.height });
    writeFileSync(join(SHOTS, 'figure-2x.png'), png);
    await page.keyboard.press('Escape');
  });

  it('exports the same chart as SVG: vector paths, the axis titles and the legend', async () => {
    const panel = page.locator('.compare .chart-panel').first();
    await panel.locator('summary:has-text("Export figure")').click();
    const download = page.waitForEvent('download');
    await panel.locator('.export-menu button:has-text("SVG")').click();
    const svg = readFileSync(await (await download).path(), 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    // The curves are paths, not an embedded bitmap.
    expect(svg).not.toContain('<image');
    expect((svg.match(/<path /g) ?? []).length).toBeGreaterThan(10);
    for (const text of ['step', 'loss', 'HB', 'NAG']) expect(svg).toContain(`>${text}`);
    writeFileSync(join(SHOTS, 'figure.svg'), svg);
    await page.keyboard.press('Escape');
  });

  it('blocks Run while a field is invalid, with the message at that field', async () => {
    await page.click('nav >> text=Design');
    await page.selectOption('select[aria-label="Load a paper preset"]', PRESET);
    const run = page.locator('button.run');
    expect(await run.isDisabled()).toBe(false);

    // A hidden layer of width 0.
    await setField('#field-model-hidden', '0');
    const hidden = page.locator('.field:has(#field-model-hidden)');
    await expect(hidden.getAttribute('class')).resolves.toMatch(/invalid/);
    await expect(hidden.locator('.problem').innerText()).resolves.toMatch(/item 1: .*>=\s*1/);
    expect(await run.isDisabled()).toBe(true);

    // A step size of 0 for Heavy Ball.
    const lr = page.locator('[data-section="optimizers"] .card').nth(1).locator('.choice:has(#field-optimizers-1-lr)');
    await lr.locator('input[aria-label="Learning rate"]').fill('0');
    await lr.locator('input[aria-label="Learning rate"]').press('Tab');
    await expect(lr.locator('.problem').innerText()).resolves.toMatch(/>\s*0/);
    await expect(page.locator('.design .bad').innerText()).resolves.toBe('2 problems');
    expect(await run.isDisabled()).toBe(true);
    await hidden.scrollIntoViewIfNeeded();
    await shot('invalid-field');
    await lr.scrollIntoViewIfNeeded();
    await shot('invalid-field-lr');

    await setField('#field-model-hidden', String(HIDDEN));
    await lr.locator('input[aria-label="Learning rate"]').fill('0.2');
    await lr.locator('input[aria-label="Learning rate"]').press('Tab');
    expect(await run.isDisabled()).toBe(false);
  });

  // Beyond the acceptance walk: the library's own edits, on the run the comparison did not use.
  it('renames, tags, filters and deletes a run in the library', async () => {
    await page.click('nav >> text=Runs');
    await page.click('button.name:has-text("GD")');
    await page.fill('.details input[placeholder="GD"]', 'Gradient descent, narrow');
    await page.fill('.details input[placeholder^="comma-separated"]', 'fig2');
    await page.click('text=Save changes');
    await page.getByText('Gradient descent, narrow').first().waitFor();
    await page.selectOption('select[aria-label="Tag"]', 'fig2');
    expect(await page.locator('.runs-view tbody tr:not(.details-row)').count()).toBe(1);
    await page.click('.runs-view button:has-text("Reset")');
    await page.click('text=Delete…');
    await page.click('.details button.danger.solid');
    await page.waitForFunction(() => document.querySelectorAll('.runs-view tbody tr:not(.details-row)').length === 2);
    expect([...(await page.locator('.runs-view tbody .name-text').allInnerTexts())].sort()).toEqual(['HB', 'NAG']);
  });

  it('logged no errors in the page', () => {
    expect(errors).toEqual([]);
  });
});

/**
 * The workbench against the real host: design (inline validation), run,
 * watch it live, find it in the library, edit it, compare, export.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startLabServer, type LabServer } from './lab-server.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

describe.skipIf(!existsSync(CHROMIUM))('workbench end to end (browser mode)', () => {
  let server: LabServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    server = await startLabServer();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    page = await browser.newPage({ viewport: { width: 1400, height: 950 }, acceptDownloads: true });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(server.url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('connects over the WebSocket and shows the host', async () => {
    await page.getByText('browser mode · connected').waitFor();
    await expect(page.locator('.app-header').innerText()).resolves.toMatch(/backend (tensorflow|wasm|cpu)/);
  });

  it('validates the draft inline and keeps Run disabled while invalid', async () => {
    await page.selectOption('select[aria-label="Load a paper preset"]', 'heavy-ball-vs-nesterov');
    await page.fill('#field-data-n', 'lots');
    await page.press('#field-data-n', 'Tab');
    await expect(page.locator('.field.invalid .problem').first().innerText()).resolves.toMatch(/number/);
    expect(await page.locator('button.run').isDisabled()).toBe(true);
    await page.fill('#field-data-n', '16');
    await page.press('#field-data-n', 'Tab');
    expect(await page.locator('button.run').isDisabled()).toBe(false);
  });

  it('runs the experiment and streams it into the live view', async () => {
    // Small enough to train in seconds on any backend.
    await page.fill('#field-model-hidden', '64');
    await page.press('#field-model-hidden', 'Tab');
    await page.fill('#field-train-steps', '300');
    await page.press('#field-train-steps', 'Tab');
    await page.keyboard.press('Control+Enter');
    await page.locator('.live .run-row').nth(2).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.run-row.finished, .run-row.diverged').length === 3, null, { timeout: 180_000 });
    expect(await page.locator('.live canvas').count()).toBeGreaterThan(0);
  });

  it('keeps every run in the library: rename, tag, filter', async () => {
    await page.click('nav >> text=Runs');
    await page.locator('.runs-view tbody tr').nth(2).waitFor();
    await page.click('button.name:has-text("HB")');
    await page.fill('.details input[placeholder="HB"]', 'Heavy Ball, wide');
    await page.fill('.details input[placeholder^="comma-separated"]', 'fig2');
    await page.click('text=Save changes');
    await page.getByText('Heavy Ball, wide').first().waitFor();
    await page.selectOption('select[aria-label="Tag"]', 'fig2');
    expect(await page.locator('.runs-view tbody tr:not(.details-row)').count()).toBe(1);
    await page.click('button:has-text("Reset")');
  });

  it('compares runs with only the differing settings, and exports CSV and a figure', async () => {
    await page.click('th.check input');
    await page.click('text=Compare selected');
    await page.locator('.compare canvas').first().waitFor();
    const headers = await page.locator('.summary th').allInnerTexts();
    expect(headers).toContain('optimizer.kind');
    expect(headers).not.toContain('data.n');

    const csv = page.waitForEvent('download');
    await page.click('.compare button:has-text("Export CSV")');
    const csvPath = await (await csv).path();
    expect(readFileSync(csvPath, 'utf8').split(/\r?\n/)[0]).toMatch(/^run,label,optimizer,seed,step,/);

    await page.click('summary:has-text("Export figure")');
    const png = page.waitForEvent('download');
    await page.click('.export-menu button:has-text("PNG")');
    const pngBytes = readFileSync(await (await png).path());
    expect([...pngBytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('deletes a run after confirming', async () => {
    await page.click('nav >> text=Runs');
    await page.click('button.name >> nth=0');
    await page.click('text=Delete…');
    await page.click('.details button.danger.solid');
    await page.waitForFunction(() => document.querySelectorAll('.runs-view tbody tr:not(.details-row)').length === 2);
  });

  it('logged no errors in the page', () => {
    expect(errors).toEqual([]);
  });
});

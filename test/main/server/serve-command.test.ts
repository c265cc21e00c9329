/** `npm run serve` end to end, with the real lab services (run store, worker pool) in a temporary data folder. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { runServe } from '../../../main/server/serve-command.js';
import { httpGet, openSocket } from './http-client.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

function collect(stream: PassThrough): () => string {
  let text = '';
  stream.on('data', (c: Buffer) => (text += c.toString('utf8')));
  return () => text;
}

describe('runServe', () => {
  it('prints exactly the URL on stdout, serves the contract, and closes cleanly when stopped', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'lab-serve-'));
    dirs.push(dataDir);
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const out = collect(stdout);
    const err = collect(stderr);
    let stop!: () => void;
    const stopSignal = new Promise<void>((resolve) => (stop = resolve));
    const exit = runServe({ port: 0, dataDir, workers: 1, open: false, build: false }, { stdout, stderr, stopSignal });

    while (!out().includes('\n')) await new Promise((r) => setTimeout(r, 20));
    const lines = out().split('\n').filter((l) => l.length > 0);
    expect(lines).toHaveLength(1);
    const url = new URL(lines[0]!);
    expect(url.hostname).toBe('127.0.0.1');
    const token = url.searchParams.get('token')!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const port = Number(url.port);

    expect((await httpGet(port, '/')).status).toBe(401);
    const page = await httpGet(port, `/?token=${token}`);
    expect(page.status).toBe(302);

    const socket = await openSocket(port, { path: `/ws?token=${token}` });
    expect(await socket.call({ id: 1, method: 'runs.list', params: {} })).toEqual({ id: 1, ok: true, result: [] });
    expect(await socket.call({ id: 2, method: 'experiments.list', params: {} })).toEqual({ id: 2, ok: true, result: [] });
    // Browser mode cannot show a save dialog: the renderer downloads instead.
    expect(await socket.call({ id: 3, method: 'export.save', params: { defaultName: 'a.csv', data: 'x', encoding: 'utf8' } })).toMatchObject({
      id: 3,
      ok: false,
      error: { code: 'unsupported' },
    });

    stop();
    expect(await exit).toBe(0);
    await socket.closeCode;
    expect(err()).toContain(dataDir);
    expect(out().trim()).toBe(lines[0]);
    await expect(httpGet(port, '/')).rejects.toThrow();
  });
});

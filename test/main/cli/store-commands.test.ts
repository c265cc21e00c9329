/**
 * The CLI on the run store: `lab run` trains through the lab service into a
 * temporary --data-dir, and `list`, `show` and `export` read it back.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../../main/cli/run-command.js';
import { exportCommand, listCommand, showCommand } from '../../../main/cli/store-commands.js';
import { DATABASE_FILE, RunStore } from '../../../main/store/index.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

function io(dataDir: string): { stdout: Capture; stderr: Capture; dataDir: string } {
  return { stdout: new Capture(), stderr: new Capture(), dataDir };
}

const EXPERIMENT = {
  version: 1,
  name: 'store commands',
  seed: 4,
  data: { kind: 'gaussian', n: 8, d: 3 },
  model: { hidden: [4] },
  train: { steps: 100, record: { every: 10 } },
  optimizers: [
    { label: 'GD', kind: 'gd', lr: 0.01 },
    { label: 'HB', kind: 'heavy-ball', lr: 0.01, momentum: 0.5 },
    { label: 'BLOWUP', kind: 'gd', lr: 50 },
  ],
  metrics: ['loss', 'grad_norm'],
};

interface Summary {
  experiment: { id: string; name: string };
  runs: { id: string; label: string; status: string; finalLoss: number | null; backend: string | null; steps: number }[];
}

let root: string;
let dataDir: string;
let summary: Summary;
let runCsv: string;
let runErr: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'lab-cli-store-'));
  dataDir = join(root, 'data');
  writeFileSync(join(root, 'exp.json'), JSON.stringify(EXPERIMENT));
  const out = io(dataDir);
  const code = await runCommand({ ...out, file: join(root, 'exp.json'), json: true, csv: join(root, 'all.csv'), workers: 2 });
  runErr = out.stderr.text;
  expect(code, runErr).toBe(0);
  summary = JSON.parse(out.stdout.text) as Summary;
  runCsv = readFileSync(join(root, 'all.csv'), 'utf8');
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('lab run into the store', () => {
  it('stores the experiment and its runs under the ids the summary prints', () => {
    const store = RunStore.open(dataDir);
    try {
      expect(store.listExperiments().map((e) => e.id)).toEqual([summary.experiment.id]);
      const runs = store.listRuns();
      expect(runs.map((r) => r.id)).toEqual(summary.runs.map((r) => r.id));
      expect(runs.map((r) => [r.label, r.status])).toEqual([
        ['GD', 'finished'],
        ['HB', 'finished'],
        ['BLOWUP', 'diverged'],
      ]);
      // The store keeps the diverged run's non-finite final loss; JSON says null.
      expect(Number.isFinite(runs[2]!.finalLoss)).toBe(false);
      expect(summary.runs[2]!.finalLoss).toBeNull();
      expect(summary.runs.map((r) => r.backend)).toEqual(runs.map((r) => r.environment!.backend));
      expect(store.getExperiment(summary.experiment.id).sourcePath).toBe(join(root, 'exp.json'));
    } finally {
      store.close();
    }
    expect(runErr).toMatch(/^engine: /m);
    expect(runErr).toContain('BLOWUP: diverged: loss became');
    expect(runErr).toContain('wrote ');
  });

  it('writes the CSV from the stored records: one row per recorded step per run', () => {
    const lines = runCsv.split('\r\n');
    expect(lines[0]).toBe('run,label,optimizer,seed,step,time_ms,loss,grad_norm');
    const gd = lines.filter((l) => l.startsWith(`${summary.runs[0]!.id},GD,gd,4,`));
    expect(gd.map((l) => Number(l.split(',')[4]))).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    expect(lines.at(-1)).toBe('');
  });

  it('refuses a bad CSV data file with exit code 2, one line per problem, before storing anything', async () => {
    const dir = join(root, 'bad');
    writeFileSync(join(root, 'bad.json'), JSON.stringify({ ...EXPERIMENT, data: { kind: 'csv', path: 'missing.csv' } }));
    const out = io(dir);
    const code = await runCommand({ ...out, file: join(root, 'bad.json'), json: false, csv: null });
    expect(code).toBe(2);
    expect(out.stderr.text).toMatch(/: 1 problem\ndata\.path: .*missing\.csv.*file not found\n$/);
    expect(out.stdout.text).toBe('');
    const list = io(dir);
    await listCommand(list);
    expect(list.stdout.text).toBe(`data dir: ${dir} (0 runs)\n`);
  });
});

describe('lab list, show and export', () => {
  it('lists every run with its id prefix, and says where the data is', async () => {
    const out = io(dataDir);
    expect(await listCommand(out)).toBe(0);
    const lines = out.stdout.text.trimEnd().split('\n');
    expect(lines[0]).toBe(`data dir: ${dataDir} (3 runs)`);
    expect(lines[1]).toMatch(/^id\s+experiment\s+label\s+optimizer\s+seed\s+status\s+final loss\s+rate\s+created$/);
    expect(lines).toHaveLength(2 + 1 + 3);
    summary.runs.forEach((r, i) => {
      expect(lines[3 + i]!.startsWith(`${r.id.slice(0, 8)}  store commands  ${r.label}`)).toBe(true);
      expect(lines[3 + i]).toContain(r.status);
    });
    expect(lines[5]).toMatch(/\s(NaN|Inf)\s/);
  });

  it('shows one run by a unique id prefix, spec and environment included', async () => {
    const run = summary.runs[1]!;
    const out = io(dataDir);
    expect(await showCommand({ ...out, run: run.id.slice(0, 6) })).toBe(0);
    const text = out.stdout.text;
    expect(text).toContain(`run         ${run.id}\n`);
    expect(text).toContain(`experiment  store commands (${summary.experiment.id})\n`);
    expect(text).toContain('optimizer   heavy-ball\n');
    expect(text).toContain('status      finished\n');
    expect(text).toContain('metrics     11 records, steps 0..100: loss, grad_norm\n');
    expect(text).toMatch(/\n {2}backend {3}(wasm|cpu|tensorflow)/);
    expect(text).toContain('"momentum": 0.5');
    expect(text).toContain(`file        ${join(root, 'exp.json')}\n`);
  });

  it('exports one run as CSV, the same rows as `run --csv` wrote for it', async () => {
    const run = summary.runs[0]!;
    const out = io(dataDir);
    const file = join(root, 'one.csv');
    expect(await exportCommand({ ...out, run: run.id.slice(0, 8), csv: file })).toBe(0);
    const exported = readFileSync(file, 'utf8').split('\r\n');
    const fromRun = runCsv.split('\r\n');
    expect(exported[0]).toBe(fromRun[0]);
    expect(exported.slice(1, -1)).toEqual(fromRun.filter((l) => l.startsWith(`${run.id},`)));
    expect(out.stderr.text).toBe(`wrote 11 rows of run ${run.id} to ${file}\n`);
  });

  it('answers exit code 1 with a message for an unknown run or a folder without a store', async () => {
    const unknown = io(dataDir);
    expect(await showCommand({ ...unknown, run: 'zzzz' })).toBe(1);
    expect(unknown.stderr.text).toBe('lab: no run has an id starting with "zzzz"\n');
    const exp = io(dataDir);
    expect(await exportCommand({ ...exp, run: 'zzzz', csv: join(root, 'never.csv') })).toBe(1);
    expect(existsSync(join(root, 'never.csv'))).toBe(false);

    const empty = join(root, 'empty');
    const list = io(empty);
    expect(await listCommand(list)).toBe(0);
    expect(list.stdout.text).toBe(`data dir: ${empty} (no runs yet)\n`);
    expect(existsSync(join(empty, DATABASE_FILE))).toBe(false);
    const show = io(empty);
    expect(await showCommand({ ...show, run: 'abc' })).toBe(1);
    expect(show.stderr.text).toContain('no runs stored in');
  });

  it('wires the commands in the real `lab` entry point', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'main/cli/lab.ts', 'list', '--data-dir', dataDir], {
      cwd: REPO,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe(`data dir: ${dataDir} (3 runs)`);
    expect(result.stdout).toContain(summary.runs[2]!.id.slice(0, 8));
  });
});

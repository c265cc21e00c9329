/**
 * `lab run FILE.json` end to end: the real CLI in a child process (node
 * --import tsx main/cli/lab.ts, from the repository root) on tiny experiment
 * files in a temporary folder. Checks the exit codes, the table, the exact
 * `--json` summary of SPEC.md, the `--csv` file, and the one-line-per-problem
 * messages for invalid input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run the CLI with these arguments from the repository root; `watch` sees stderr as it grows. */
function lab(args: readonly string[], watch?: (stderr: string, child: ChildProcess) => void): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'main/cli/lab.ts', ...args], {
      cwd: REPO,
      // Runs are stored: keep them in the temporary folder, never in the app's own.
      env: { ...process.env, NO_COLOR: '1', LAB_DATA_DIR: join(dir, 'store') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      stderr += c;
      watch?.(stderr, child);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let dir: string;
const file = (name: string): string => join(dir, name);
async function writeJson(name: string, value: unknown): Promise<string> {
  await writeFile(file(name), JSON.stringify(value, null, 2));
  return file(name);
}

/** Two optimizers times two seeds, 20 steps recorded every 5: four runs, five records each. */
const TINY = {
  version: 1,
  name: 'tiny CLI experiment',
  seed: 3,
  data: { kind: 'gaussian', n: 16, d: 4, normalize: 'sphere', target: { kind: 'linear', noise: 0 } },
  model: { hidden: [8], activation: 'relu' },
  loss: { kind: 'mse', reduction: 'sum' },
  train: { steps: 20, record: { every: 5 } },
  optimizers: [
    { label: 'GD', kind: 'gd', lr: 0.02 },
    { label: 'HB, fast', kind: 'heavy-ball', lr: 0.02, momentum: 0.5 },
  ],
  seeds: 2,
  metrics: ['loss', 'grad_norm'],
};

const RUN_KEYS = ['id', 'label', 'optimizer', 'seed', 'status', 'steps', 'finalLoss', 'stepsToTarget', 'rate', 'backend', 'wallMs'];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lab-run-command-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Split the problem report: the heading line, then one `path: message` line per problem. */
function problemLines(stderr: string): { heading: string; problems: string[] } {
  const lines = stderr.split('\n').filter((l) => l.trim() !== '');
  return { heading: lines[0] ?? '', problems: lines.slice(1) };
}

describe('lab run', () => {
  it('a valid file: exit 0, a summary table on stdout, progress and the engine on stderr', async () => {
    const path = await writeJson('tiny.json', TINY);
    const out = await lab(['run', path]);
    expect(out.code, out.stderr).toBe(0);
    const lines = out.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^label\s+optimizer\s+status\s+steps\s+final loss\s+to target\s+rate\s+wall$/);
    expect(lines[1]).toMatch(/^[- ]+$/);
    const rows = lines.slice(2);
    expect(rows).toHaveLength(4);
    expect(rows.map((r) => r.split(/\s{2,}/)[0])).toEqual(['GD', 'GD', 'HB, fast', 'HB, fast']);
    for (const row of rows) expect(row).toMatch(/\s(gd|heavy-ball)\s+finished\s+20\s/);
    expect(out.stdout).not.toContain('{');
    expect(out.stderr).toMatch(/^engine: (tensorflow|wasm|cpu)/m);
  });

  it('--json prints exactly the SPEC.md summary; --csv writes every record of every run', async () => {
    const path = await writeJson('tiny-json.json', TINY);
    const csvPath = file('out.csv');
    const out = await lab(['run', path, '--json', '--csv', csvPath]);
    expect(out.code, out.stderr).toBe(0);

    // stdout is the summary and nothing else.
    const summary = JSON.parse(out.stdout) as {
      experiment: Record<string, unknown>;
      runs: Record<string, unknown>[];
    };
    expect(Object.keys(summary)).toEqual(['experiment', 'runs']);
    expect(Object.keys(summary.experiment)).toEqual(['id', 'name']);
    expect(summary.experiment.name).toBe(TINY.name);
    expect(summary.experiment.id).toMatch(/\S/);
    expect(summary.runs).toHaveLength(4);
    for (const r of summary.runs) {
      expect(Object.keys(r)).toEqual(RUN_KEYS);
      expect(Object.keys(r.rate as object)).toEqual(['kind', 'rho', 'exponent', 'r2']);
      expect(['linear', 'sublinear', 'undetermined']).toContain((r.rate as { kind: string }).kind);
      expect(r.status).toBe('finished');
      expect(r.steps).toBe(20);
      expect(r.stepsToTarget).toBeNull();
      expect(r.finalLoss).toBeTypeOf('number');
      expect(['tensorflow', 'wasm', 'cpu']).toContain(r.backend);
      expect(r.wallMs).toBeGreaterThan(0);
    }
    expect(summary.runs.map((r) => r.label)).toEqual(['GD', 'GD', 'HB, fast', 'HB, fast']);
    expect(summary.runs.map((r) => r.optimizer)).toEqual(['gd', 'gd', 'heavy-ball', 'heavy-ball']);
    expect(summary.runs.map((r) => r.seed)).toEqual([3, 4, 3, 4]);
    const ids = summary.runs.map((r) => r.id as string);
    expect(new Set(ids).size).toBe(4);
    // The table still goes to stderr for people.
    expect(out.stderr).toMatch(/^label\s+optimizer\s+status/m);

    // The CSV: RFC 4180 lines, the fixed leading columns, one row per record.
    const text = await readFile(csvPath, 'utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    const lines = text.slice(0, -2).split('\r\n');
    expect(lines[0]).toBe('run,label,optimizer,seed,step,time_ms,loss,grad_norm');
    const rows = lines.slice(1).map((l) => {
      // The label "HB, fast" is quoted; no other field holds a comma.
      const m = /^([^,]+),("(?:[^"]|"")*"|[^,]*),([^,]+),([^,]+),(.*)$/.exec(l);
      expect(m, l).not.toBeNull();
      const [run, label, optimizer, seed, rest] = m!.slice(1) as [string, string, string, string, string];
      const [step, time, loss, grad] = rest.split(',').map(Number) as [number, number, number, number];
      return { run, label, optimizer, seed: Number(seed), step, time, loss, grad };
    });
    expect(rows).toHaveLength(4 * 5);
    for (const [k, r] of summary.runs.entries()) {
      const mine = rows.filter((row) => row.run === ids[k]);
      expect(mine.map((row) => row.step)).toEqual([0, 5, 10, 15, 20]);
      for (const row of mine) {
        expect(row.label).toBe(r.label === 'HB, fast' ? '"HB, fast"' : r.label);
        expect(row.optimizer).toBe(r.optimizer);
        expect(row.seed).toBe(r.seed);
        expect(Number.isFinite(row.loss) && Number.isFinite(row.grad) && row.time >= 0).toBe(true);
      }
      // Full precision: the last row's loss is the summary's finalLoss, exactly.
      expect(mine[mine.length - 1]!.loss).toBe(r.finalLoss);
    }
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(out.stderr).toContain('wrote 20 rows');
  });

  it('a diverged run is a result: exit 0, status diverged, with a relative CSV data path and a sweep', async () => {
    const rows = ['x1,x2,y', '0.5,1,1', '-1,0.25,-0.5', '0.75,-0.5,0.25', '1,1,2', '-0.5,-1,-1.5'];
    await writeFile(file('points.csv'), rows.join('\n') + '\n');
    const path = await writeJson('diverge.json', {
      version: 1,
      name: 'diverge',
      seed: 1,
      data: { kind: 'csv', path: 'points.csv' },
      model: { hidden: [] },
      train: { steps: 200 },
      optimizers: [{ label: 'GD', kind: 'gd', lr: 0.01 }],
      sweep: { lr: [0.01, 1e6] },
    });
    const out = await lab(['run', path, '--json']);
    expect(out.code, out.stderr).toBe(0);
    const summary = JSON.parse(out.stdout) as { runs: { label: string; status: string; steps: number; finalLoss: number | null }[] };
    expect(summary.runs.map((r) => r.label)).toEqual(['GD lr=0.01', 'GD lr=1000000']);
    expect(summary.runs.map((r) => r.status)).toEqual(['finished', 'diverged']);
    expect(summary.runs[0]!.steps).toBe(200);
    expect(summary.runs[1]!.steps).toBeLessThan(200);
    // JSON has no NaN or Infinity: a non-finite final loss is null.
    const f = summary.runs[1]!.finalLoss;
    expect(f === null || Number.isFinite(f)).toBe(true);
    expect(out.stderr).toMatch(/GD lr=1000000: diverged: loss became (NaN|infinite)/);
  });
});

describe('lab run: interrupted or unable to write', () => {
  it('Ctrl-C cancels the runs, still prints the summary, and exits 1', async () => {
    const path = await writeJson('long.json', { ...TINY, seeds: 1, train: { steps: 1_000_000, record: { every: 1000 } } });
    let sent = false;
    let sentAt = 0;
    const out = await lab(['run', path, '--json'], (stderr, child) => {
      // Interrupt once the first run reports steps done (not just its start at 0).
      if (!sent && /\b[1-9]\d*\/1000000\b/.test(stderr)) {
        sent = true;
        sentAt = performance.now();
        child.kill('SIGINT');
      }
    });
    expect(sent).toBe(true);
    // The loop yields every batch (100 ms): the interrupt is seen at once, not after a million steps.
    expect(performance.now() - sentAt).toBeLessThan(10_000);
    expect(out.code, out.stderr).toBe(1);
    const summary = JSON.parse(out.stdout) as { runs: { label: string; status: string; steps: number }[] };
    expect(summary.runs.map((r) => [r.label, r.status])).toEqual([
      ['GD', 'cancelled'],
      ['HB, fast', 'cancelled'],
    ]);
    // Runs train side by side in workers: at least the one that reported progress has taken steps.
    expect(summary.runs.some((r) => r.steps > 0)).toBe(true);
    for (const r of summary.runs) expect(r.steps).toBeLessThan(1_000_000);
  });

  it('a --csv path that cannot be written fails before any training, exit 1', async () => {
    const path = await writeJson('tiny-nodir.json', { ...TINY, seeds: 1 });
    const out = await lab(['run', path, '--json', '--csv', file('no-such-folder/out.csv')]);
    expect(out.code, out.stderr).toBe(1);
    expect(out.stdout).toBe('');
    expect(out.stderr).toMatch(/no-such-folder\/out\.csv/);
    expect(out.stderr).not.toContain('engine:');
  });
});

describe.concurrent('lab run: invalid input', () => {
  it('an invalid file: exit 2, one line per problem naming its path, nothing on stdout', async () => {
    const path = await writeJson('invalid.json', {
      version: 1,
      data: { kind: 'gaussian', n: -3, d: 4, colour: 'blue' },
      model: { hidden: [4], activation: 'swish' },
      train: { steps: 0 },
      optimizers: [{ kind: 'gd', lr: -1 }],
    });
    const out = await lab(['run', path]);
    expect(out.code, out.stderr).toBe(2);
    expect(out.stdout).toBe('');
    const { heading, problems } = problemLines(out.stderr);
    expect(heading).toBe(`${path}: 5 problems`);
    expect(problems).toHaveLength(5);
    const byPath = new Map(problems.map((l) => [l.slice(0, l.indexOf(': ')), l.slice(l.indexOf(': ') + 2)]));
    expect([...byPath.keys()].sort()).toEqual(['data.colour', 'data.n', 'model.activation', 'optimizers[0].lr', 'train.steps']);
    expect(byPath.get('data.colour')).toMatch(/unknown field/);
    expect(byPath.get('model.activation')).toContain('relu'); // says what is allowed
    expect(byPath.get('data.n')).toMatch(/>=\s*1/);
    expect(byPath.get('optimizers[0].lr')).toMatch(/>\s*0/);
    expect(out.stderr).not.toContain('engine:'); // nothing was trained
  });

  it('a cross-field problem is reported the same way', async () => {
    const path = await writeJson('cross.json', { ...TINY, metrics: ['loss', 'accuracy'], train: { steps: 5, batch: 99 } });
    const out = await lab(['run', path]);
    expect(out.code, out.stderr).toBe(2);
    const { heading, problems } = problemLines(out.stderr);
    expect(heading).toBe(`${path}: 2 problems`);
    expect(problems.map((l) => l.split(': ')[0]).sort()).toEqual(['metrics', 'train.batch']);
  });

  it('invalid JSON: exit 2', async () => {
    await writeFile(file('broken.json'), '{ "version": 1, ');
    const out = await lab(['run', file('broken.json')]);
    expect(out.code, out.stderr).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
    expect(out.stderr).toContain('broken.json: not valid JSON');
  });

  it('a CSV data file with a ragged row: exit 2, naming data.path and the line', async () => {
    await writeFile(file('ragged.csv'), 'a,b,y\n1,2,3\n4,5\n7,8,9\n');
    const path = await writeJson('ragged.json', {
      version: 1,
      data: { kind: 'csv', path: 'ragged.csv' },
      model: { hidden: [4] },
      train: { steps: 3 },
      optimizers: [{ kind: 'gd', lr: 0.01 }],
    });
    const out = await lab(['run', path, '--json']);
    expect(out.code, out.stderr).toBe(2);
    expect(out.stdout).toBe('');
    const { heading, problems } = problemLines(out.stderr);
    expect(heading).toMatch(/ragged\.json: 1 problem$/);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^data\.path: .*ragged\.csv.*line 3/);
  });

  it('a missing file and an unknown flag: exit 1', async () => {
    const [missing, flag] = await Promise.all([lab(['run', file('nope.json')]), lab(['run', file('tiny.json'), '--bogus'])]);
    expect(missing.code, missing.stderr).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain('nope.json');
    expect(missing.stderr).toContain('ENOENT');
    expect(flag.code, flag.stderr).toBe(1);
    expect(flag.stdout).toBe('');
    expect(flag.stderr).toContain('unknown option --bogus');
    expect(flag.stderr).not.toContain('engine:');
  });
});

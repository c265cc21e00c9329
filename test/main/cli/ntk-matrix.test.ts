/**
 * `lab run FILE.json --ntk-matrix OUT.json` through the lab service and real
 * worker processes (in process, as store-commands.test.ts), plus one run of
 * the real CLI for the flag's wiring. Checks, for every run:
 *  - H0 equals ntkGram computed here, independently of the worker, on the
 *    same spec and seed: data from loadDataset, theta_0 from core/nn/init;
 *  - HT equals ntkGram at theta_T of the same run trained here with trainRun
 *    (its onEnd hook), and differs from H0: training moved the kernel;
 *  - both are exactly symmetric, n x n, with steps [0, T] and T the run's steps;
 *  - lambda holds the ascending eigenvalues of core/ntk/spectrum for each;
 *  - the file is written atomically (no OUT.json.tmp is left);
 * and that a multi-output model (cross-entropy) is refused before any
 * training with exit 2 and a problem at path `--ntk-matrix`.
 *
 * The same experiment records the `theory` metric, so the summary's `theory`
 * object is checked here against core/theory/bounds on the written H0's
 * spectrum: theory.rho = rateBounds(...).rho for the run's own optimizer,
 * theory.hbOptimal = heavyBallOptimum(...) for every run.
 *
 * Tolerances: H0 is the same float32 computation on the same weights
 * (1e-6 of max|H|, for a different summation order in another process);
 * HT follows 40 float32 training steps in two processes (1e-4 of max|H|).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initEngine } from '../../../core/engine/backend.js';
import { loadDataset } from '../../../core/data/index.js';
import { outputCount } from '../../../core/loss/losses.js';
import { architecture, paramSlots } from '../../../core/nn/architecture.js';
import { initialWeights } from '../../../core/nn/init.js';
import { ntkGram } from '../../../core/ntk/gram.js';
import { symmetricEigenvalues } from '../../../core/ntk/spectrum.js';
import { trainRun } from '../../../core/run/train.js';
import { expandExperiment, formatProblems, validateExperiment, type RunSpec } from '../../../core/spec/index.js';
import { heavyBallOptimum, rateBounds } from '../../../core/theory/bounds.js';
import { runCommand } from '../../../main/cli/run-command.js';
import type { NtkMatrixJson } from '../../../main/cli/ntk-matrix.js';
import type { SummaryJson } from '../../../main/cli/summary-table.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

const EXPERIMENT = {
  version: 1,
  name: 'ntk matrix',
  seed: 9,
  data: { kind: 'gaussian', n: 10, d: 4, normalize: 'sphere', target: { kind: 'linear', noise: 0 } },
  model: { hidden: [16], activation: 'relu', parameterization: 'ntk', trainable: 'hidden' },
  loss: { kind: 'mse', reduction: 'sum' },
  train: { steps: 40, record: { every: 10 } },
  optimizers: [
    { label: 'GD', kind: 'gd', lr: 0.5 },
    { label: 'HB', kind: 'heavy-ball', lr: 0.5, momentum: 0.5 },
  ],
  metrics: ['loss', 'theory'],
};

let root: string;
let specs: RunSpec[];
let code: number;
let stderr: string;
let summary: SummaryJson;
let written: NtkMatrixJson;

beforeAll(async () => {
  await initEngine();
  root = mkdtempSync(join(tmpdir(), 'lab-ntk-matrix-'));
  writeFileSync(join(root, 'exp.json'), JSON.stringify(EXPERIMENT));
  const v = validateExperiment(EXPERIMENT);
  if (!v.ok) throw new Error(formatProblems(v.problems));
  specs = expandExperiment(v.value);
  const out = { stdout: new Capture(), stderr: new Capture() };
  code = await runCommand({
    ...out,
    file: join(root, 'exp.json'),
    json: true,
    csv: null,
    ntkMatrix: join(root, 'ntk.json'),
    dataDir: join(root, 'data'),
    workers: 2,
  });
  stderr = out.stderr.text;
  summary = JSON.parse(out.stdout.text) as SummaryJson;
  written = JSON.parse(readFileSync(join(root, 'ntk.json'), 'utf8')) as NtkMatrixJson;
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

/** The spec a written run came from. */
function specOf(label: string, seed: number): RunSpec {
  const spec = specs.find((s) => s.label === label && s.seed === seed);
  if (!spec) throw new Error(`no spec for ${label} seed ${seed}`);
  return spec;
}

/** H at theta_0, from scratch: the run's data and the init's weights. */
function independentH0(spec: RunSpec): Float64Array {
  const data = loadDataset(spec.data, spec.seed, { baseDir: root, loss: spec.loss.kind });
  const arch = architecture(spec.model, data.d, outputCount(spec.loss, data.classes));
  const slots = paramSlots(arch);
  const params = initialWeights(arch, spec.model.init, spec.seed).map((w, i) => tf.tensor(w, slots[i]!.shape));
  const x = tf.tensor2d(data.train.x, [data.train.n, data.d]);
  try {
    return ntkGram(arch, params, x);
  } finally {
    tf.dispose([...params, x]);
  }
}

/** H at theta_T of the same run, trained here. */
async function independentHT(spec: RunSpec): Promise<{ h: Float64Array; steps: number }> {
  const grams: Float64Array[] = [];
  const result = await trainRun(spec, { baseDir: root, onEnd: (end) => void grams.push(ntkGram(end.arch, end.params, end.objective.xTrain)) });
  expect(grams).toHaveLength(1);
  return { h: grams[0]!, steps: result.steps };
}

function flat(m: (number | null)[][]): Float64Array {
  return Float64Array.from(m.flat(), (v) => v ?? Number.NaN);
}

function maxAbs(a: Float64Array): number {
  return a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
}

function maxDiff(a: Float64Array, b: Float64Array): number {
  return a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);
}

describe('lab run --ntk-matrix', () => {
  it('writes one entry per run, atomically, in the documented shape', () => {
    expect(code, stderr).toBe(0);
    expect(Object.keys(written)).toEqual(['experiment', 'runs']);
    expect(written.experiment).toEqual(summary.experiment);
    expect(written.runs.map((r) => [r.id, r.label, r.seed])).toEqual(summary.runs.map((r) => [r.id, r.label, r.seed]));
    for (const r of written.runs) {
      expect(Object.keys(r)).toEqual(['id', 'label', 'seed', 'n', 'steps', 'H0', 'HT', 'lambda']);
      expect(r.n).toBe(10);
      expect(r.steps).toEqual([0, summary.runs.find((s) => s.id === r.id)!.steps]);
      for (const h of [r.H0!, r.HT!]) {
        expect(h).toHaveLength(10);
        for (const row of h) expect(row).toHaveLength(10);
      }
    }
    expect(readdirSync(root).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(stderr).toContain('wrote the NTK matrices of 2 runs');
  });

  it('H0 equals ntkGram on the init weights, HT that of the same run trained here; both symmetric; HT moved', async () => {
    for (const r of written.runs) {
      const spec = specOf(r.label, r.seed);
      const h0 = flat(r.H0!);
      const hT = flat(r.HT!);
      const want0 = independentH0(spec);
      expect(maxDiff(h0, want0), r.label).toBeLessThanOrEqual(1e-6 * maxAbs(want0));
      const wantT = await independentHT(spec);
      expect(r.steps).toEqual([0, wantT.steps]);
      expect(maxDiff(hT, wantT.h), r.label).toBeLessThanOrEqual(1e-4 * maxAbs(wantT.h));
      for (let i = 0; i < 10; i++) {
        for (let j = 0; j < 10; j++) {
          expect(r.H0![i]![j]).toBe(r.H0![j]![i]);
          expect(r.HT![i]![j]).toBe(r.HT![j]![i]);
        }
      }
      // |HT - H0|_F / |H0|_F: width 16 is far from the kernel regime, so the kernel moves visibly.
      const drift = Math.hypot(...hT.map((v, i) => v - h0[i]!)) / Math.hypot(...h0);
      expect(drift, r.label).toBeGreaterThan(1e-3);
    }
  });

  it('lambda holds the ascending eigenvalues of each written matrix (core/ntk/spectrum)', () => {
    for (const r of written.runs) {
      expect(r.lambda.H0).toEqual(Array.from(symmetricEigenvalues(flat(r.H0!), 10)));
      expect(r.lambda.HT).toEqual(Array.from(symmetricEigenvalues(flat(r.HT!), 10)));
      const l = r.lambda.H0!;
      expect(l.every((v, i) => i === 0 || v >= l[i - 1]!)).toBe(true);
    }
  });

  it('the summary adds a theory object: rho for the run\'s optimizer and Polyak\'s optimum, both from H0', () => {
    for (const run of summary.runs) {
      const spec = specOf(run.label, run.seed);
      const spectrum = { values: written.runs.find((r) => r.id === run.id)!.lambda.H0! };
      expect(Object.keys(run)).toEqual([
        ...['id', 'label', 'optimizer', 'seed', 'status', 'steps', 'finalLoss', 'stepsToTarget', 'rate', 'backend', 'wallMs'],
        'theory',
      ]);
      const want = rateBounds(spectrum, spec.optimizer, 'sum').rho!;
      expect(Math.abs(run.theory!.rho! - want) / want, run.label).toBeLessThan(1e-9);
      const best = heavyBallOptimum(spectrum, 'sum')!;
      const got = run.theory!.hbOptimal!;
      expect(Math.abs(got.lr - best.lr) / best.lr).toBeLessThan(1e-9);
      expect(Math.abs(got.beta - best.beta) / best.beta).toBeLessThan(1e-9);
      expect(got.rho).toBe(got.beta);
    }
    // The table (on stderr with --json) shows the column, and a note for the heavy-ball run.
    expect(stderr).toMatch(/^label\s+optimizer\s+status\s+steps\s+final loss\s+to target\s+rate\s+theory rho\s+wall$/m);
    expect(stderr).toMatch(/^HB: heavy-ball optimum on H_0 \(Polyak\): lr\*=\S+ beta\*=0\.\d+ rho\*=0\.\d+$/m);
    expect(stderr).not.toMatch(/^GD: heavy-ball optimum/m);
  });

  it('refuses a multi-output model (cross-entropy) before training: exit 2, path --ntk-matrix', async () => {
    const file = join(root, 'ce.json');
    writeFileSync(
      file,
      JSON.stringify({
        ...EXPERIMENT,
        data: { kind: 'gaussian', n: 10, d: 4, target: { kind: 'linear-sign' } },
        loss: { kind: 'cross-entropy' },
        metrics: ['loss'],
      }),
    );
    const out = { stdout: new Capture(), stderr: new Capture() };
    const dataDir = join(root, 'ce-data');
    const exit = await runCommand({ ...out, file, json: false, csv: null, ntkMatrix: join(root, 'ce-ntk.json'), dataDir });
    expect(exit).toBe(2);
    const lines = out.stderr.text.trim().split('\n');
    expect(lines[0]).toBe(`${file}: 1 problem`);
    expect(lines[1]).toMatch(/^--ntk-matrix: .*scalar-output.*cross-entropy.*multi-output/);
    expect(lines).toHaveLength(2);
    expect(out.stdout.text).toBe('');
    expect(existsSync(join(root, 'ce-ntk.json'))).toBe(false);
    expect(existsSync(dataDir)).toBe(false); // nothing was stored, let alone trained
  });

  it('the real CLI passes the flag through (lab.ts)', async () => {
    const file = join(root, 'cli.json');
    writeFileSync(file, JSON.stringify({ ...EXPERIMENT, optimizers: [EXPERIMENT.optimizers[0]], train: { steps: 5 }, metrics: ['loss'] }));
    const target = join(root, 'cli-ntk.json');
    const exit = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'main/cli/lab.ts', 'run', file, '--ntk-matrix', target], {
        cwd: REPO,
        env: { ...process.env, NO_COLOR: '1', LAB_DATA_DIR: join(root, 'cli-data') },
        stdio: ['ignore', 'ignore', 'ignore'],
      });
      child.on('error', reject);
      child.on('close', resolve);
    });
    expect(exit).toBe(0);
    const json = JSON.parse(readFileSync(target, 'utf8')) as NtkMatrixJson;
    expect(json.runs).toHaveLength(1);
    expect(json.runs[0]!.steps).toEqual([0, 5]);
    const want0 = independentH0(specs[0]!);
    expect(maxDiff(flat(json.runs[0]!.H0!), want0)).toBeLessThanOrEqual(1e-6 * maxAbs(want0));
  });
});

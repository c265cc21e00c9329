import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { INTERRUPTED_REASON, RunStore, StoreError } from '../../../main/store/index.js';
import { ENV, experiment, result, runSpecs, tempDir } from './fixtures/experiment.js';

const dirs: string[] = [];
const stores: RunStore[] = [];
function openStore(dir = tempDir()): RunStore {
  if (!dirs.includes(dir)) dirs.push(dir);
  const store = RunStore.open(dir);
  stores.push(store);
  return store;
}
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function storeError(fn: () => unknown): StoreError {
  try {
    fn();
  } catch (e) {
    if (e instanceof StoreError) return e;
    throw e;
  }
  throw new Error('expected a StoreError');
}

/** An experiment with its four runs (2 optimizers x 2 seeds). */
function seeded(store: RunStore, name = 'HB vs NAG') {
  const spec = experiment(name);
  const experimentId = store.createExperiment({ name, spec, sourcePath: '/tmp/hb.json' });
  const specs = runSpecs(spec);
  const runIds = store.createRuns(experimentId, specs);
  return { spec, specs, experimentId, runIds };
}

describe('RunStore: experiments and runs', () => {
  it('creates the folder and a WAL database with foreign keys on', () => {
    const dir = join(tempDir(), 'nested', 'data');
    dirs.push(dir);
    const store = openStore(dir);
    expect(store.file).toBe(join(dir, 'lab.sqlite'));
    const raw = new Database(store.file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('round-trips an experiment and its runs', () => {
    const store = openStore();
    const { spec, specs, experimentId, runIds } = seeded(store);
    expect(runIds).toHaveLength(4);
    expect(new Set(runIds).size).toBe(4);

    const e = store.getExperiment(experimentId);
    expect(e).toMatchObject({ id: experimentId, name: 'HB vs NAG', sourcePath: '/tmp/hb.json', runCount: 4 });
    expect(e.spec).toEqual(spec);
    expect(store.listExperiments()).toEqual([
      { id: experimentId, name: 'HB vs NAG', sourcePath: '/tmp/hb.json', createdAt: e.createdAt, runCount: 4 },
    ]);

    const runs = store.listRuns();
    expect(runs.map((r) => r.id)).toEqual(runIds);
    const first = store.getRun(runIds[0]!);
    expect(first).toMatchObject({
      experimentId,
      experimentName: 'HB vs NAG',
      label: 'HB',
      name: null,
      optimizer: 'heavy-ball',
      seed: 7,
      replicate: 0,
      status: 'queued',
      reason: null,
      environment: null,
      startedAt: null,
      finishedAt: null,
      steps: null,
      finalLoss: null,
      rate: null,
      note: '',
      tags: [],
    });
    expect(first.spec).toEqual(specs[0]);
    expect(store.getRun(runIds[3]!)).toMatchObject({ label: 'NAG', optimizer: 'nesterov', seed: 8, replicate: 1 });
  });

  it('walks a run through its lifecycle and keeps the summary', () => {
    const store = openStore();
    const { runIds } = seeded(store);
    const id = runIds[0]!;
    expect(store.markRunning(id, ENV)).toBe(true);
    const running = store.getRun(id);
    expect(running.status).toBe('running');
    expect(running.environment).toEqual(ENV);
    expect(running.startedAt).toBeTypeOf('number');

    expect(store.finishRun(id, result())).toBe(true);
    const done = store.getRun(id);
    expect(done).toMatchObject({
      status: 'finished',
      steps: 100,
      finalLoss: 3.1e-11,
      stepsToTarget: 42,
      rate: { kind: 'linear', rho: 0.981, exponent: null, r2: 0.999 },
      wallMs: 1234.5,
      reason: null,
      environment: ENV,
    });
    expect(done.finishedAt).toBeGreaterThanOrEqual(done.startedAt!);

    // A late result or a second start after the run ended changes nothing.
    expect(store.markRunning(id)).toBe(false);
    expect(store.failRun(id, 'cancelled', 'too late')).toBe(false);
    expect(store.getRun(id).status).toBe('finished');
  });

  it('keeps a diverged run\'s NaN and infinite values as such', () => {
    const store = openStore();
    const { runIds } = seeded(store);
    store.markRunning(runIds[0]!);
    store.finishRun(
      runIds[0]!,
      result({ status: 'diverged', finalLoss: NaN, reason: 'loss became NaN at step 17', rate: { kind: 'undetermined', rho: NaN, exponent: Infinity, r2: null } }),
    );
    store.finishRun(runIds[1]!, result({ status: 'diverged', finalLoss: Infinity }));
    const a = store.getRun(runIds[0]!);
    expect(a.finalLoss).toBeNaN();
    expect(a.reason).toBe('loss became NaN at step 17');
    expect(a.rate).toEqual({ kind: 'undetermined', rho: NaN, exponent: Infinity, r2: null });
    expect(store.getRun(runIds[1]!).finalLoss).toBe(Infinity);
  });

  it('fails and cancels runs with a reason', () => {
    const store = openStore();
    const { runIds } = seeded(store);
    expect(store.failRun(runIds[0]!, 'cancelled', 'cancelled by the user')).toBe(true);
    store.markRunning(runIds[1]!);
    expect(store.failRun(runIds[1]!, 'failed', 'worker exited with code 1')).toBe(true);
    expect(store.getRun(runIds[0]!)).toMatchObject({ status: 'cancelled', reason: 'cancelled by the user' });
    expect(store.getRun(runIds[1]!)).toMatchObject({ status: 'failed', reason: 'worker exited with code 1' });
    expect(store.getRun(runIds[1]!).finishedAt).toBeTypeOf('number');
  });

  it('renames, tags and annotates runs', () => {
    const store = openStore();
    const { runIds } = seeded(store);
    const id = runIds[2]!;
    store.renameRun(id, '  NAG, seed 7  ');
    expect(store.setTags(id, ['ntk', ' wide ', 'ntk', '', 'baseline'])).toEqual(['baseline', 'ntk', 'wide']);
    store.setNote(id, 'sublinear, as predicted\nsee fig. 3');
    expect(store.getRun(id)).toMatchObject({
      name: 'NAG, seed 7',
      tags: ['baseline', 'ntk', 'wide'],
      note: 'sublinear, as predicted\nsee fig. 3',
    });
    store.setTags(id, ['wide']);
    store.renameRun(id, '  ');
    expect(store.getRun(id)).toMatchObject({ name: null, tags: ['wide'] });
  });

  it('filters runs by experiment, status, tag and search text', () => {
    const store = openStore();
    const a = seeded(store, 'HB vs NAG');
    const b = seeded(store, 'Positive init');
    store.markRunning(a.runIds[0]!);
    store.finishRun(b.runIds[1]!, result());
    store.setTags(b.runIds[3]!, ['Figure-2']);
    store.renameRun(a.runIds[1]!, 'my_best 100%');

    expect(store.listRuns({ experimentId: b.experimentId }).map((r) => r.id)).toEqual(b.runIds);
    expect(store.listRuns({ status: 'running' }).map((r) => r.id)).toEqual([a.runIds[0]]);
    expect(store.listRuns({ status: ['running', 'finished'] }).map((r) => r.id)).toEqual([a.runIds[0], b.runIds[1]]);
    expect(store.listRuns({ tag: 'Figure-2' }).map((r) => r.id)).toEqual([b.runIds[3]]);
    expect(store.listRuns({ tag: 'figure-2' })).toEqual([]);
    // Search: label, optimizer kind, experiment name, tag, name (with LIKE's special characters taken literally), id prefix.
    expect(store.listRuns({ search: 'nag' })).toHaveLength(6); // 4 labelled NAG, plus the HB runs of "HB vs NAG"
    expect(store.listRuns({ search: 'nesterov' })).toHaveLength(4);
    expect(store.listRuns({ search: 'heavy' })).toHaveLength(4);
    expect(store.listRuns({ search: 'positive' }).map((r) => r.id)).toEqual(b.runIds);
    expect(store.listRuns({ search: 'figure' }).map((r) => r.id)).toEqual([b.runIds[3]]);
    expect(store.listRuns({ search: '100%' }).map((r) => r.id)).toEqual([a.runIds[1]]);
    expect(store.listRuns({ search: 'y_b' }).map((r) => r.id)).toEqual([a.runIds[1]]);
    expect(store.listRuns({ search: 'y%b' })).toEqual([]);
    expect(store.listRuns({ search: a.runIds[2]!.slice(0, 13) }).map((r) => r.id)).toEqual([a.runIds[2]]);
    expect(store.listRuns({ experimentId: a.experimentId, search: 'heavy', status: 'queued' }).map((r) => r.id)).toEqual([
      a.runIds[1],
    ]);
  });

  it('resolves run ids from a unique prefix, like git', () => {
    const store = openStore();
    const e = experiment('many', 10);
    const experimentId = store.createExperiment({ name: e.name, spec: e });
    const ids = store.createRuns(experimentId, runSpecs(e)); // 20 runs: two share a first hex digit
    const id = ids[5]!;
    expect(store.resolveRunId(id)).toBe(id);
    expect(store.resolveRunId(id.slice(0, 12).toUpperCase())).toBe(id);
    expect(store.resolveRunId(` ${id.slice(0, 12)} `)).toBe(id);

    const byFirst = new Map<string, string[]>();
    for (const x of ids) byFirst.set(x[0]!, [...(byFirst.get(x[0]!) ?? []), x]);
    const [shared] = [...byFirst.entries()].find(([, v]) => v.length > 1)!;
    const ambiguous = storeError(() => store.resolveRunId(shared));
    expect(ambiguous.code).toBe('ambiguous');
    expect(ambiguous.message).toMatch(new RegExp(`run id "${shared}" is ambiguous: .*give more characters`));

    const unknown = storeError(() => store.resolveRunId('zz'));
    expect(unknown.code).toBe('not-found');
    expect(unknown.message).toContain('no run has an id starting with "zz"');
    expect(storeError(() => store.resolveRunId('%')).code).toBe('not-found');
    expect(storeError(() => store.resolveRunId('  ')).code).toBe('invalid');
  });

  it('names the unknown id in errors', () => {
    const store = openStore();
    for (const fn of [
      () => store.getRun('nope'),
      () => store.markRunning('nope'),
      () => store.appendMetrics('nope', [{ step: 0, time_ms: 0 }]),
      () => store.getMetrics('nope'),
      () => store.renameRun('nope', 'x'),
      () => store.setTags('nope', ['x']),
      () => store.deleteRun('nope'),
      () => store.getExperiment('nope'),
      () => store.createRuns('nope', runSpecs()),
    ]) {
      const err = storeError(fn);
      expect(err.code).toBe('not-found');
      expect(err.message).toContain('nope');
    }
  });

  it('deletes runs and experiments with everything that hangs off them', () => {
    const store = openStore();
    const a = seeded(store, 'a');
    const b = seeded(store, 'b');
    for (const id of [...a.runIds, ...b.runIds]) {
      store.failRun(id, 'cancelled', 'test');
      store.appendMetrics(id, [{ step: 0, time_ms: 0, loss: 1 }]);
      store.setTags(id, ['t']);
    }
    expect(storeError(() => store.deleteRun(store.createRuns(a.experimentId, a.specs.slice(0, 1))[0]!)).message).toMatch(
      /is queued; cancel it before deleting it/,
    );
    expect(storeError(() => store.deleteExperiment(a.experimentId)).message).toMatch(/1 queued or running run/);
    const extra = store.listRuns({ experimentId: a.experimentId, status: 'queued' })[0]!.id;
    store.failRun(extra, 'cancelled', 'test');

    store.deleteRun(a.runIds[0]!);
    expect(storeError(() => store.getRun(a.runIds[0]!)).code).toBe('not-found');
    store.deleteExperiment(b.experimentId);
    expect(store.listExperiments().map((e) => e.name)).toEqual(['a']);
    expect(store.listRuns().map((r) => r.id)).toEqual([...a.runIds.slice(1), extra]);

    const raw = new Database(store.file, { readonly: true });
    const count = (table: string) => (raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect(count('runs')).toBe(4);
    expect(count('run_tags')).toBe(3);
    expect(count('metric_chunks')).toBe(3);
    raw.close();
  });

  it('keeps everything across close and reopen', () => {
    const dir = tempDir();
    dirs.push(dir);
    const first = RunStore.open(dir);
    const { runIds } = seeded(first);
    first.markRunning(runIds[0]!, ENV);
    first.appendMetrics(runIds[0]!, [{ step: 0, time_ms: 1, loss: 2 }]);
    first.finishRun(runIds[0]!, result());
    first.setTags(runIds[0]!, ['kept']);
    const before = first.getRun(runIds[0]!);
    first.close();
    first.close(); // harmless

    const second = openStore(dir);
    expect(second.getRun(runIds[0]!)).toEqual(before);
    expect(second.getMetrics(runIds[0]!).columns.loss).toEqual(new Float64Array([2]));
  });
});

describe('RunStore: runs whose process is gone', () => {
  it('marks its own queued and running runs interrupted on close', () => {
    const dir = tempDir();
    dirs.push(dir);
    const store = RunStore.open(dir);
    const { runIds } = seeded(store);
    store.markRunning(runIds[0]!);
    store.finishRun(runIds[1]!, result());
    store.close();

    const again = openStore(dir);
    expect(again.interruptedOnOpen).toEqual([]);
    const status = again.listRuns().map((r) => [r.status, r.reason]);
    expect(status).toEqual([
      ['interrupted', INTERRUPTED_REASON],
      ['finished', null],
      ['interrupted', INTERRUPTED_REASON],
      ['interrupted', INTERRUPTED_REASON],
    ]);
    expect(again.getRun(runIds[0]!).finishedAt).toBeNull();
  });

  it('leaves the runs of another open store alone (the app and the CLI share a folder)', () => {
    const dir = tempDir();
    const app = openStore(dir);
    const { runIds } = seeded(app);
    app.markRunning(runIds[0]!);

    const cli = openStore(dir);
    expect(cli.interruptedOnOpen).toEqual([]);
    expect(cli.getRun(runIds[0]!).status).toBe('running');
    expect(cli.getRun(runIds[1]!).status).toBe('queued');
    cli.close();
    // The CLI closing does not interrupt the app's runs either.
    expect(app.getRun(runIds[0]!).status).toBe('running');
    app.appendMetrics(runIds[0]!, [{ step: 0, time_ms: 0 }]);
    expect(app.finishRun(runIds[0]!, result())).toBe(true);
  });

  it('interrupts runs whose owner process no longer exists', () => {
    const dir = tempDir();
    const store = openStore(dir);
    const { runIds } = seeded(store);
    store.markRunning(runIds[0]!);
    // Pretend another process on this host owned these runs and died: a pid that cannot exist.
    const raw = new Database(store.file);
    raw.prepare('UPDATE runs SET owner_pid = ?, owner_session = ? WHERE id IN (?, ?)').run(2 ** 30, 'gone', runIds[0], runIds[1]);
    // ...and one owned by a process on another machine (a copied folder).
    raw.prepare("UPDATE runs SET owner_host = 'elsewhere', owner_pid = ? WHERE id = ?").run(process.pid, runIds[2]);
    raw.close();

    const other = openStore(dir);
    expect([...other.interruptedOnOpen].sort()).toEqual([runIds[0], runIds[1], runIds[2]].sort());
    expect(other.listRuns().map((r) => r.status)).toEqual(['interrupted', 'interrupted', 'interrupted', 'queued']);
  });
});

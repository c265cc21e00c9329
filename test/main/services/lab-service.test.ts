/**
 * The lab service, handler by handler, with real workers training tiny runs:
 * start stores and queues, metric batches land in the store and in events,
 * and every read, edit, export and error goes through the contract's shapes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeSeries, recordsOfSeries } from '../../../core/contract/series-codec.js';
import type { EventMessage, EventName, EventPayload } from '../../../core/contract/events.js';
import { csvExportParts, csvText } from '../../../main/services/index.js';
import { RunStore } from '../../../main/store/index.js';
import { faultLauncher } from '../pool/helpers.js';
import { labError, openLab, tinyExperiment, type Lab } from './helpers.js';

let lab: Lab | null = null;
afterEach(async () => {
  await lab?.close();
  lab = null;
});

function eventsOf<E extends EventName>(log: readonly EventMessage[], event: E): EventPayload<E>[] {
  return log.filter((m) => m.event === event).map((m) => m.payload as EventPayload<E>);
}

describe('experiments.start and the runs it makes', () => {
  it('stores, queues and trains every run, streaming metrics into the store and the events', async () => {
    lab = await openLab();
    const l = lab;
    const sourcePath = join(l.dir, 'exp.json');
    const started = await l.call('experiments.start', { spec: tinyExperiment(), sourcePath });
    expect(started.runIds).toHaveLength(2);
    await l.settled(started.runIds);

    // State events: queued first, then running, then finished, each with the store's listing.
    for (const id of started.runIds) {
      const states = eventsOf(l.log, 'run.state').filter((s) => s.id === id).map((s) => s.status);
      expect(states).toEqual(['queued', 'running', 'finished']);
    }
    // Every batch pushed was stored, and nothing else: the store's series equals the events' concatenation.
    for (const id of started.runIds) {
      const batches = eventsOf(l.log, 'run.metrics').filter((m) => m.runId === id);
      expect(batches.length).toBeGreaterThan(1);
      const pushed = batches.flatMap((b) => recordsOfSeries(decodeSeries(b.series)));
      expect(pushed.map((r) => r.step)).toEqual(Array.from({ length: 41 }, (_, i) => i * 3));
      const stored = recordsOfSeries(decodeSeries(await l.call('runs.metrics', { runId: id })));
      expect(stored).toEqual(pushed);
      expect(eventsOf(l.log, 'run.progress').some((p) => p.runId === id)).toBe(true);
    }

    const run = await l.call('runs.get', { runId: started.runIds[0]! });
    expect(run).toMatchObject({ experimentId: started.experimentId, experimentName: 'service test', label: 'GD', optimizer: 'gd', seed: 11, status: 'finished', steps: 120 });
    expect(run.environment).toMatchObject({ lab: '0.1.0', dataSha256: null });
    expect(run.spec).toMatchObject({ label: 'GD', seed: 11, train: { steps: 120 } });
    expect(run.finalLoss).toBeGreaterThan(0);

    // Columns and step ranges.
    const some = decodeSeries(await l.call('runs.metrics', { runId: run.id, columns: ['loss'], fromStep: 30, toStep: 60 }));
    expect(Array.from(some.steps)).toEqual([30, 33, 36, 39, 42, 45, 48, 51, 54, 57, 60]);
    expect(Object.keys(some.columns)).toEqual(['loss']);

    expect(await l.call('experiments.list', {})).toEqual([
      { id: started.experimentId, name: 'service test', sourcePath, createdAt: expect.any(Number), runCount: 2 },
    ]);
    const exp = await l.call('experiments.get', { experimentId: started.experimentId });
    expect(exp).toMatchObject({ id: started.experimentId, name: 'service test', sourcePath });
    expect(exp.spec).toMatchObject({ seeds: 1, loss: { kind: 'mse', reduction: 'sum' } });

    expect((await l.call('runs.list', {})).map((r) => r.id)).toEqual(started.runIds);
    expect((await l.call('runs.list', { experimentId: started.experimentId, status: 'finished' })).length).toBe(2);
    expect(await l.call('runs.list', { status: ['failed', 'queued'] })).toEqual([]);
    expect((await l.call('runs.list', { search: 'HB' })).map((r) => r.label)).toEqual(['HB']);

    // CSV: SPEC.md's columns, the same text as the CLI's writer produces.
    const csv = await l.call('export.csv', { runIds: started.runIds });
    expect(csv.filename).toBe('service-test.csv');
    const lines = csv.csv.split('\r\n');
    expect(lines[0]).toBe('run,label,optimizer,seed,step,time_ms,loss,grad_norm');
    expect(lines[1]).toMatch(new RegExp(`^${run.id},GD,gd,11,0,`));
    expect(lines.length).toBe(1 + 2 * 41 + 1);
    expect(csv.csv).toBe(csvText(csvExportParts(l.service.store, started.runIds)));
    expect((await l.call('export.csv', { runIds: [run.id] })).filename).toBe(`GD-${run.id.slice(0, 8)}.csv`);

    // A re-run: a new experiment with that one run, the same spec and seed, and a note saying where it came from.
    const again = await l.call('runs.rerun', { runId: run.id });
    expect(again.runIds).toHaveLength(1);
    await l.settled(again.runIds);
    const rerun = await l.call('runs.get', { runId: again.runIds[0]! });
    expect(rerun).toMatchObject({ experimentName: 'service test (re-run)', label: 'GD', seed: 11, status: 'finished', steps: 120 });
    expect(rerun.spec).toEqual(run.spec);
    expect(rerun.note).toBe(`Re-run of run ${run.id} (service test, GD).`);
    // Same spec and seed on the same backend: the same trajectory.
    const a = await l.call('runs.metrics', { runId: run.id, columns: ['loss'] });
    const b = await l.call('runs.metrics', { runId: rerun.id, columns: ['loss'] });
    expect(b.columns).toEqual(a.columns);
  });

  it('refuses an invalid experiment with its problems and stores nothing', async () => {
    lab = await openLab();
    const bad = tinyExperiment({ seed: -1, optimizers: [{ kind: 'gd', lr: 0 }], extra: true });
    const err = await labError(lab.call('experiments.start', { spec: bad }));
    expect(err.code).toBe('invalid_experiment');
    expect(err.problems!.map((p) => p.path).sort()).toEqual(['extra', 'optimizers[0].lr', 'seed']);
    expect(err.toEnvelope()).toMatchObject({ code: 'invalid_experiment', problems: expect.any(Array) });

    expect(await lab.call('experiments.validate', { spec: bad })).toMatchObject({ ok: false, problems: expect.any(Array) });
    expect(await lab.call('experiments.validate', { spec: tinyExperiment({ seeds: 2 }) })).toEqual({
      ok: true,
      runs: [
        { label: 'GD', optimizer: 'gd', seed: 11 },
        { label: 'GD', optimizer: 'gd', seed: 12 },
        { label: 'HB', optimizer: 'heavy-ball', seed: 11 },
        { label: 'HB', optimizer: 'heavy-ball', seed: 12 },
      ],
    });

    // A data file problem is found before anything is stored: relative to the experiment file's folder.
    writeFileSync(join(lab.dir, 'data.csv'), 'x,y\n1,2\n3,oops\n');
    const csvSpec = tinyExperiment({ data: { kind: 'csv', path: 'data.csv' } });
    const missing = await labError(lab.call('experiments.start', { spec: csvSpec, sourcePath: join(lab.dir, 'sub', 'exp.json') }));
    expect(missing.code).toBe('invalid_experiment');
    expect(missing.problems![0]!.path).toBe('data.path');
    expect(missing.problems![0]!.message).toContain('file not found');
    const malformed = await labError(lab.call('experiments.start', { spec: csvSpec, sourcePath: join(lab.dir, 'exp.json') }));
    expect(malformed.code).toBe('invalid_experiment');
    expect(malformed.problems!.length).toBeGreaterThan(0);

    expect(await lab.call('experiments.list', {})).toEqual([]);
    expect(lab.log).toEqual([]);
  });

  it('answers not_found for unknown ids in every method that takes one', async () => {
    lab = await openLab();
    const l = lab;
    const nobody = '00000000-0000-0000-0000-000000000000';
    const calls: Promise<unknown>[] = [
      l.call('experiments.cancel', { experimentId: nobody }),
      l.call('experiments.get', { experimentId: nobody }),
      l.call('experiments.delete', { experimentId: nobody }),
      l.call('runs.get', { runId: nobody }),
      l.call('runs.metrics', { runId: nobody }),
      l.call('runs.cancel', { runId: nobody }),
      l.call('runs.delete', { runId: nobody }),
      l.call('runs.rename', { runId: nobody, name: 'x' }),
      l.call('runs.tag', { runId: nobody, tags: ['a'] }),
      l.call('runs.note', { runId: nobody, note: 'n' }),
      l.call('runs.rerun', { runId: nobody }),
      l.call('export.csv', { runIds: [nobody] }),
    ];
    for (const p of calls) {
      const err = await labError(p);
      expect(err.code).toBe('not_found');
      expect(err.message).toContain(nobody);
    }
    expect(l.log).toEqual([]);
  });
});

describe('editing, cancelling and the app', () => {
  it('renames, tags, notes and deletes, announcing each change; refuses to delete live runs', async () => {
    lab = await openLab({ launcher: faultLauncher(), workers: 1, cancelGraceMs: 300 });
    const l = lab;
    // `hang` workers report once and then never finish: the runs stay live until cancelled.
    const spec = tinyExperiment({ optimizers: [{ label: 'hang', kind: 'gd', lr: 0.1 }], seeds: 3 });
    const { experimentId, runIds } = await l.call('experiments.start', { spec });
    const [first, second, third] = runIds as [string, string, string];

    expect(await l.call('runs.rename', { runId: second, name: '  my run ' })).toEqual({ ok: true });
    expect(await l.call('runs.tag', { runId: second, tags: ['b', 'a', 'b'] })).toEqual({ ok: true });
    expect(await l.call('runs.note', { runId: second, note: 'why' })).toEqual({ ok: true });
    expect(await l.call('runs.get', { runId: second })).toMatchObject({ name: 'my run', tags: ['a', 'b'], note: 'why' });
    expect((await l.call('runs.list', { tag: 'a' })).map((r) => r.id)).toEqual([second]);
    expect(eventsOf(l.log, 'runs.changed')).toEqual([{ runIds: [second] }, { runIds: [second] }, { runIds: [second] }]);

    const live = await labError(l.call('runs.delete', { runId: second }));
    expect(live.code).toBe('store');
    expect(live.message).toContain('cancel it before deleting it');
    expect((await labError(l.call('experiments.delete', { experimentId }))).code).toBe('store');

    // A queued run is cancelled at once; the running one is stopped (here: killed after the grace period).
    expect(await l.call('runs.cancel', { runId: third })).toEqual({ cancelled: true });
    expect((await l.call('runs.get', { runId: third })).status).toBe('cancelled');
    expect(await l.call('runs.cancel', { runId: third })).toEqual({ cancelled: false });
    expect(await l.call('experiments.cancel', { experimentId })).toEqual({ cancelled: 2 });
    await l.settled(runIds);
    const statuses = (await l.call('runs.list', { experimentId })).map((r) => [r.status, r.reason]);
    expect(statuses).toEqual([
      ['cancelled', 'cancelled by the user; the worker did not stop within 0.3 s and was killed'],
      ['cancelled', 'cancelled by the user before it started'],
      ['cancelled', 'cancelled by the user before it started'],
    ]);
    expect(first).toBe(runIds[0]);

    expect(await l.call('runs.delete', { runId: second })).toEqual({ deleted: true });
    expect((await l.call('runs.list', {})).length).toBe(2);
    expect(await l.call('experiments.delete', { experimentId })).toEqual({ deleted: true });
    expect(await l.call('runs.list', {})).toEqual([]);
    expect(eventsOf(l.log, 'runs.changed').slice(-2)).toEqual([{ runIds: [second] }, { runIds: [first, third] }]);
  });

  it('marks a run failed with the reason when its worker crashes, and runs the next one', async () => {
    lab = await openLab({ launcher: faultLauncher(), workers: 1 });
    const spec = tinyExperiment({ optimizers: [{ label: 'crash', kind: 'gd', lr: 0.1 }, { label: 'fake', kind: 'gd', lr: 0.1 }] });
    const { runIds } = await lab.call('experiments.start', { spec });
    await lab.settled(runIds);
    const [crashed, fine] = await Promise.all(runIds.map((runId) => lab!.call('runs.get', { runId })));
    expect(crashed).toMatchObject({ status: 'failed', finishedAt: expect.any(Number) });
    expect(crashed!.reason).toContain('the worker process exited with code 3 before the run ended (fault-worker: about to crash)');
    expect(fine).toMatchObject({ status: 'finished', steps: 10, environment: { backend: 'cpu' } });
    const last = eventsOf(lab.log, 'run.state').filter((s) => s.id === crashed!.id).at(-1);
    expect(last).toMatchObject({ status: 'failed', reason: crashed!.reason });
  });

  it('reports the app and changes the number of workers', async () => {
    lab = await openLab({ workers: 3 });
    expect(await lab.call('app.info', {})).toEqual({
      version: '0.1.0',
      host: 'browser',
      backend: 'cpu',
      tfjs: '4.22.0',
      node: process.version,
      electron: null,
      dataDir: lab.dir,
      workers: 3,
      fallbacks: ['tensorflow: not installed'],
    });
    expect(await lab.call('app.setWorkers', { workers: 5 })).toEqual({ workers: 5 });
    expect(lab.service.pool.size).toBe(5);
    expect((await lab.call('app.info', {})).workers).toBe(5);
    const save = await labError(lab.call('export.save', { defaultName: 'a.csv', data: 'x', encoding: 'utf8' }));
    expect(save.code).toBe('unsupported');
  });

  it('on close stops running runs (cancelled) and leaves queued ones interrupted', async () => {
    lab = await openLab({ workers: 1, cancelGraceMs: 10_000 });
    const l = lab;
    const spec = tinyExperiment({ train: { steps: 1_000_000, record: { every: 1000 } } });
    const { runIds } = await l.call('experiments.start', { spec });
    const [running, queued] = runIds as [string, string];
    const deadline = Date.now() + 30_000;
    while (!eventsOf(l.log, 'run.progress').some((p) => p.runId === running && p.step > 0)) {
      if (Date.now() > deadline) throw new Error('the run never made progress');
      await new Promise((r) => setTimeout(r, 50));
    }
    await l.service.close();
    await expect(l.call('runs.list', {})).rejects.toMatchObject({ code: 'unsupported' });

    const store = RunStore.open(l.dir);
    try {
      expect(store.getRun(running)).toMatchObject({ status: 'cancelled', reason: 'stopped because the lab was closed' });
      expect(store.getRun(running).steps).toBeGreaterThan(0);
      expect(store.getRun(queued)).toMatchObject({ status: 'interrupted', reason: 'stopped because the lab was closed before it started' });
      expect(store.getMetrics(running).steps.length).toBeGreaterThan(0);
    } finally {
      store.close();
    }
  });
});

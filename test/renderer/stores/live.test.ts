import { describe, expect, it } from 'vitest';
import { useLiveStore } from '../../../renderer/src/stores/live.js';
import { settle, tinySpec, withFakeClient } from './helpers.js';

describe('live store', () => {
  it('tracks started runs and appends metric batches into typed columns', async () => {
    const client = withFakeClient({ recordsPerTick: 3 });
    const s = useLiveStore();
    s.connect();
    await settle();
    const { runIds } = await client.invoke('experiments.start', { spec: tinySpec });
    await settle();
    expect(s.list.map((r) => r.listing.status)).toEqual(['running', 'running']);
    const v0 = s.version;
    client.host.tick();
    client.host.tick();
    const series = s.seriesOf(runIds[0]!)!;
    expect(series.length).toBe(6);
    expect([...series.steps]).toEqual([0, 10, 20, 30, 40, 50]);
    expect(series.column('loss')).toBeInstanceOf(Float64Array);
    expect(s.version).toBeGreaterThan(v0);
    expect(s.runs[runIds[0]!]!.progress).toMatchObject({ step: 50, totalSteps: 100 });
    client.host.runAll();
    await settle();
    expect(s.seriesOf(runIds[0]!)!.length).toBe(11);
    expect(s.activeCount).toBe(0);
  });

  it('backfills a run it joins mid-way (reload) without doubling rows', async () => {
    const client = withFakeClient({ recordsPerTick: 4 });
    const { runIds } = await client.invoke('experiments.start', { spec: tinySpec });
    client.host.tick(); // 4 records streamed before this window subscribed
    const s = useLiveStore();
    s.connect();
    await settle();
    expect(s.list).toHaveLength(2);
    client.host.tick();
    await settle();
    const steps = [...s.seriesOf(runIds[0]!)!.steps];
    expect(steps).toEqual([0, 10, 20, 30, 40, 50, 60, 70]);
  });

  it('cancels a run and a whole experiment', async () => {
    const client = withFakeClient({ workers: 1 });
    const s = useLiveStore();
    s.connect();
    const { experimentId, runIds } = await client.invoke('experiments.start', { spec: { ...tinySpec, seeds: 2 } });
    await settle();
    await s.cancelRun(runIds[0]!);
    await settle();
    expect(s.runs[runIds[0]!]!.listing.status).toBe('cancelled');
    expect(s.latestActiveExperiment?.id).toBe(experimentId);
    await s.cancelExperiment(experimentId);
    await settle();
    expect(s.activeCount).toBe(0);
    s.clearEnded();
    expect(s.list).toEqual([]);
  });

  it('shows why a run diverged', async () => {
    const client = withFakeClient();
    const s = useLiveStore();
    s.connect();
    await client.invoke('experiments.start', {
      spec: { ...tinySpec, optimizers: [{ label: 'big', kind: 'gd', lr: 3 }], train: { steps: 2000, record: { every: 10 } } },
    });
    client.host.runAll();
    await settle();
    const run = s.list[0]!.listing;
    expect(run.status).toBe('diverged');
    expect(run.reason).toMatch(/Infinity/);
  });
});

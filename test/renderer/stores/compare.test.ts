import { describe, expect, it } from 'vitest';
import { useCompareStore, uniqueNames } from '../../../renderer/src/stores/compare.js';
import { useRunsStore } from '../../../renderer/src/stores/runs.js';
import { settle, tinySpec, withFakeClient } from './helpers.js';

describe('compare store', () => {
  it('loads the selected runs’ metrics and specs, and diffs only what differs', async () => {
    const client = withFakeClient();
    const runs = useRunsStore();
    runs.connect();
    const s = useCompareStore();
    s.connect();
    const { runIds } = await client.invoke('experiments.start', { spec: { ...tinySpec, seeds: 2, metrics: ['loss', 'grad_norm', 'theory'] } });
    client.host.runAll();
    await settle();
    s.select(runIds);
    await settle();
    expect(s.runs).toHaveLength(4);
    expect(s.runs[0]!.columns.loss).toBeInstanceOf(Float64Array);
    expect(s.availableMetrics).toEqual(['loss', 'grad_norm']);
    expect(s.theoryAvailable.size).toBe(4);
    expect(s.differences.map((d) => d.path)).toEqual(['optimizer.kind', 'optimizer.momentum', 'seed']);
    // Replicates share a group; GD and HB do not.
    expect(new Set(s.runs.map((r) => r.groupKey)).size).toBe(2);
    expect(s.runs.map((r) => r.name)).toEqual(['GD · seed 1', 'GD · seed 2', 'HB · seed 1', 'HB · seed 2']);
  });

  it('drops a deleted run from the comparison', async () => {
    const client = withFakeClient();
    const runs = useRunsStore();
    runs.connect();
    const s = useCompareStore();
    const { runIds } = await client.invoke('experiments.start', { spec: tinySpec });
    client.host.runAll();
    await settle();
    s.select(runIds);
    await runs.remove(runIds[0]!);
    await settle();
    expect(s.selected).toEqual([runIds[1]]);
  });

  it('keeps names unique: label, then seed, then experiment', () => {
    const l = (id: string, label: string, seed: number, experimentName: string) =>
      ({ id, label, seed, experimentName, name: null }) as Parameters<typeof uniqueNames>[0][number];
    const names = uniqueNames([l('a', 'GD', 1, 'E1'), l('b', 'GD', 2, 'E1'), l('c', 'GD', 1, 'E2'), l('d', 'HB', 1, 'E1')]);
    expect([...names.values()]).toEqual(['E1 / GD · seed 1', 'GD · seed 2', 'E2 / GD · seed 1', 'HB']);
  });
});

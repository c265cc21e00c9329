import { describe, expect, it } from 'vitest';
import { useRunsStore } from '../../../renderer/src/stores/runs.js';
import { settle, tinySpec, withFakeClient } from './helpers.js';

describe('runs store', () => {
  it('loads the library and follows run.state events', async () => {
    const client = withFakeClient();
    const s = useRunsStore();
    s.connect();
    await settle();
    expect(s.runs).toEqual([]);
    await client.invoke('experiments.start', { spec: tinySpec });
    await settle();
    expect(s.runs.map((r) => r.status).sort()).toEqual(['running', 'running']);
    client.host.runAll();
    await settle();
    expect(s.runs.every((r) => r.status === 'finished')).toBe(true);
    expect(s.runs.every((r) => r.finalLoss !== null)).toBe(true);
  });

  it('filters and sorts locally', async () => {
    const client = withFakeClient();
    const s = useRunsStore();
    s.connect();
    await client.invoke('experiments.start', { spec: tinySpec });
    client.host.runAll();
    await settle();
    s.query.optimizer = 'heavy-ball';
    expect(s.visible.map((r) => r.label)).toEqual(['HB']);
    s.resetQuery();
    s.query.search = 'gd tiny';
    expect(s.visible.map((r) => r.label)).toEqual(['GD']);
    s.resetQuery();
    s.setSort('finalLoss');
    const losses = s.visible.map((r) => r.finalLoss!);
    expect(losses).toEqual([...losses].sort((a, b) => a - b));
  });

  it('renames, tags, notes and deletes through the host, refreshing the list', async () => {
    const client = withFakeClient();
    const s = useRunsStore();
    s.connect();
    const { runIds } = await client.invoke('experiments.start', { spec: tinySpec });
    client.host.runAll();
    await settle();
    const id = runIds[0]!;
    expect(await s.rename(id, '  wide GD ')).toBe(true);
    expect(await s.setTags(id, ['paper', ' fig2 ', 'paper', ''])).toBe(true);
    expect(await s.setNote(id, 'the baseline')).toBe(true);
    const r = s.byId.get(id)!;
    expect([r.name, r.tags, r.note]).toEqual(['wide GD', ['paper', 'fig2'], 'the baseline']);
    expect(s.tags).toEqual(['fig2', 'paper']);
    s.query.tag = 'paper';
    expect(s.visible.map((x) => x.id)).toEqual([id]);
    expect(await s.remove(id)).toBe(true);
    expect(s.byId.has(id)).toBe(false);
  });

  it('shows a failed edit in the run’s row', async () => {
    withFakeClient();
    const s = useRunsStore();
    expect(await s.rename('missing', 'x')).toBe(false);
    expect(s.rowErrors.missing).toMatch(/no run missing/);
  });

  it('re-runs a run as a new experiment', async () => {
    const client = withFakeClient();
    const s = useRunsStore();
    s.connect();
    const { runIds } = await client.invoke('experiments.start', { spec: tinySpec });
    client.host.runAll();
    const again = await s.rerun(runIds[1]!);
    expect(again?.runIds).toHaveLength(1);
    await settle();
    expect(s.runs).toHaveLength(3);
  });
});

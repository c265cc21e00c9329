import { describe, expect, it } from 'vitest';
import { useExperimentsStore } from '../../../renderer/src/stores/experiments.js';
import { settle, tinySpec, withFakeClient } from './helpers.js';

describe('experiments store', () => {
  it('starts from a valid blank draft', () => {
    withFakeClient();
    const s = useExperimentsStore();
    expect(s.valid).toBe(true);
    expect(s.runCount).toBe(1);
  });

  it('validates locally on every edit, with problems by dotted path', () => {
    withFakeClient();
    const s = useExperimentsStore();
    s.setField(['optimizers', 0, 'lr'], -1);
    s.setField(['data', 'n'], 'ten');
    expect(s.valid).toBe(false);
    expect(s.problemsByPath.get('optimizers[0].lr')?.[0]).toMatch(/must be > 0/);
    expect(s.problemsByPath.has('data.n')).toBe(true);
    s.setField(['optimizers', 0, 'lr'], 0.1);
    s.setField(['data', 'n'], undefined); // back to the default
    expect(s.valid).toBe(true);
  });

  it('names unknown fields and cross-field problems', () => {
    withFakeClient();
    const s = useExperimentsStore();
    s.openText(JSON.stringify({ ...tinySpec, data: { ...tinySpec.data, extra: 1 } }), 'x.json');
    expect(s.problemsByPath.get('data.extra')?.[0]).toMatch(/unknown field/);
    s.openText(JSON.stringify({ ...tinySpec, loss: { kind: 'logistic' } }), 'x.json');
    expect(s.problemsByPath.has('loss.kind')).toBe(true);
  });

  it('counts the runs Run would start and starts them on the host', async () => {
    const client = withFakeClient();
    const s = useExperimentsStore();
    s.replaceDraft({ ...tinySpec, seeds: 2 });
    expect(s.runCount).toBe(4);
    const started = await s.run();
    expect(started?.runIds).toHaveLength(4);
    expect(client.host.runs.size).toBe(4);
  });

  it('keeps Run from starting an invalid draft', async () => {
    const client = withFakeClient();
    const s = useExperimentsStore();
    s.setField(['optimizers'], []);
    expect(await s.run()).toBeNull();
    expect(client.calls.some((c) => c.method === 'experiments.start')).toBe(false);
  });

  it('shows the host’s problems when the host refuses', async () => {
    const client = withFakeClient();
    const s = useExperimentsStore();
    // A host that knows more than the local check (e.g. a CSV file that is not there).
    client.host.handlers['experiments.start'] = async () => {
      const { LabError } = await import('../../../core/contract/errors.js');
      throw new LabError('invalid_experiment', '1 problem', undefined, [{ path: 'data.path', message: 'no such file' }]);
    };
    expect(await s.run()).toBeNull();
    expect(s.problemsByPath.get('data.path')).toEqual(['no such file']);
    expect(s.runError).toMatch(/refused/);
    s.setField(['name'], 'edited');
    await settle();
    expect(s.problemsByPath.has('data.path')).toBe(false);
  });

  it('loads presets from examples/, and reports a file that is not JSON', () => {
    withFakeClient();
    const s = useExperimentsStore();
    expect(s.presets.length).toBeGreaterThanOrEqual(2);
    s.loadPreset(s.presets.find((p) => p.id === 'heavy-ball-vs-nesterov')!.id);
    expect(s.valid).toBe(true);
    expect(s.runCount).toBe(3);
    expect(s.openText('{ nope', 'bad.json')).toBe(false);
    expect(s.fileError).toMatch(/bad.json is not JSON/);
    expect(s.runCount).toBe(3); // the draft survived
  });

  it('adds, duplicates and removes optimizers with unique labels', () => {
    withFakeClient();
    const s = useExperimentsStore();
    s.addOptimizer('nesterov');
    s.duplicateOptimizer(1);
    const labels = (s.draft.optimizers as { label: string }[]).map((o) => o.label);
    expect(labels).toEqual(['GD', 'NESTEROV', 'NESTEROV copy']);
    expect(s.valid).toBe(true);
    s.removeOptimizer(0);
    expect((s.draft.optimizers as unknown[]).length).toBe(2);
  });

  it('saves through export.save, downloading where the host cannot (browser mode)', async () => {
    withFakeClient();
    const s = useExperimentsStore();
    await s.save();
    expect(s.saveMessage).toBe('Downloaded untitled-experiment.json');
  });

  it('duplicates a stored experiment into the designer', async () => {
    const client = withFakeClient();
    const s = useExperimentsStore();
    const { experimentId } = await client.invoke('experiments.start', { spec: tinySpec });
    s.newDraft();
    expect(await s.duplicateExperiment(experimentId)).toBe(true);
    expect(s.draft.name).toBe('tiny (copy)');
    expect((s.draft.optimizers as unknown[]).length).toBe(2);
    expect(s.valid).toBe(true);
  });

  it('applies JSON typed in the JSON view, refusing what does not parse', () => {
    withFakeClient();
    const s = useExperimentsStore();
    expect(s.applyJson('[1]')).toMatch(/object/);
    expect(s.applyJson('{')).not.toBeNull();
    expect(s.applyJson(JSON.stringify(tinySpec))).toBeNull();
    expect(s.runCount).toBe(2);
  });
});

import { describe, expect, it } from 'vitest';
import { useSettingsStore } from '../../../renderer/src/stores/settings.js';
import { useExportsStore } from '../../../renderer/src/stores/exports.js';
import { settle, tinySpec, withFakeClient } from './helpers.js';

describe('settings store', () => {
  it('loads the host info and sets the worker count', async () => {
    withFakeClient();
    const s = useSettingsStore();
    await s.loadInfo();
    expect(s.info?.host).toBe('browser');
    expect(s.workers).toBe(2);
    await s.setWorkers(4);
    expect(s.workers).toBe(4);
    await s.setWorkers(0); // refused by the contract's schema
    expect(s.workersError).toMatch(/workers/);
  });

  it('toggles the theme', () => {
    withFakeClient();
    const s = useSettingsStore();
    const before = s.theme;
    s.toggleTheme();
    expect(s.theme).not.toBe(before);
  });
});

describe('exports store', () => {
  it('exports CSV of runs (a download where the host has no save dialog)', async () => {
    const client = withFakeClient();
    const { runIds } = await client.invoke('experiments.start', { spec: tinySpec });
    client.host.runAll();
    const s = useExportsStore();
    await s.exportCsv(runIds);
    await settle();
    expect(s.error).toBeNull();
    expect(s.message).toBe('Downloaded runs.csv');
    const csv = await client.invoke('export.csv', { runIds });
    expect(csv.csv.split('\r\n')[0]).toBe('run,label,optimizer,seed,step,time_ms,loss,grad_norm');
  });
});

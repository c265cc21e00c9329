import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { LabClient } from '../../../renderer/src/client/lab-client.js';
import { useClientStore } from '../../../renderer/src/stores/client.js';
import { useExportsStore } from '../../../renderer/src/stores/exports.js';

/** A host with a save dialog that saves everything to /tmp. */
function desktopClient(): LabClient {
  return {
    kind: 'electron',
    invoke: (async (method: string, params: { defaultName?: string }) => {
      if (method === 'export.save') return { saved: true, path: `/tmp/${params.defaultName}` };
      throw new Error(`unexpected ${method}`);
    }) as LabClient['invoke'],
    on: () => () => undefined,
    onConnection: () => () => undefined,
    close: () => undefined,
  };
}

describe('exports store', () => {
  afterEach(() => vi.useRealTimers());

  it('says where a figure went, then lets the note fade so it does not follow the user around', async () => {
    vi.useFakeTimers();
    setActivePinia(createPinia());
    useClientStore().attach(desktopClient());
    const exportsStore = useExportsStore();
    await exportsStore.saveFigure('compare-loss.png', 'iVBORw0KGgo=', 'png');
    expect(exportsStore.message).toBe('Saved to /tmp/compare-loss.png');
    expect(exportsStore.error).toBeNull();
    vi.advanceTimersByTime(10_000);
    expect(exportsStore.message).toBeNull();
  });
});

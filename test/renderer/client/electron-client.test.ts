import { describe, expect, it } from 'vitest';
import { ElectronClient } from '../../../renderer/src/client/electron-client.js';
import { LabClientError } from '../../../renderer/src/client/lab-client.js';
import type { LabBridge } from '../../../core/contract/wire.js';
import type { EventMessage } from '../../../core/contract/events.js';

function bridge(reply: unknown): { bridge: LabBridge; push: (m: unknown) => void; calls: unknown[][] } {
  let listener: ((m: EventMessage) => void) | null = null;
  const calls: unknown[][] = [];
  return {
    calls,
    push: (m) => listener?.(m as EventMessage),
    bridge: {
      invoke: async (method, params) => {
        calls.push([method, params]);
        return reply as never;
      },
      onEvent: (l) => {
        listener = l;
        return () => (listener = null);
      },
      platform: { host: 'electron', os: 'linux', versions: { electron: '45', chrome: '140', node: '22' } },
    },
  };
}

describe('ElectronClient', () => {
  it('passes method and params to window.lab and unwraps the reply', async () => {
    const b = bridge({ ok: true, result: { workers: 3 } });
    const c = new ElectronClient(b.bridge);
    await expect(c.invoke('app.setWorkers', { workers: 3 })).resolves.toEqual({ workers: 3 });
    expect(b.calls).toEqual([['app.setWorkers', { workers: 3 }]]);
  });

  it('throws the envelope of a failed reply', async () => {
    const c = new ElectronClient(bridge({ ok: false, error: { code: 'unsupported', message: 'no' } }).bridge);
    const err = (await c.invoke('export.save', { defaultName: 'a', data: 'x', encoding: 'utf8' }).catch((e: unknown) => e)) as LabClientError;
    expect(err.code).toBe('unsupported');
  });

  it('fans out events', () => {
    const b = bridge({ ok: true, result: {} });
    const c = new ElectronClient(b.bridge);
    const got: unknown[] = [];
    const off = c.on('runs.changed', (p) => got.push(p.runIds));
    b.push({ event: 'runs.changed', payload: { runIds: ['a'] } });
    off();
    b.push({ event: 'runs.changed', payload: { runIds: ['b'] } });
    expect(got).toEqual([['a']]);
  });
});

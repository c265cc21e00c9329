/** A fresh Pinia with the fake client attached, for store tests without a DOM. */
import { createPinia, setActivePinia } from 'pinia';
import { FakeClient } from '../../../renderer/src/client/fake/fake-client.js';
import { useClientStore } from '../../../renderer/src/stores/client.js';

export function withFakeClient(opts: ConstructorParameters<typeof FakeClient>[0] = {}): FakeClient {
  setActivePinia(createPinia());
  const client = new FakeClient({ now: () => Date.UTC(2026, 0, 15, 12), ...opts });
  useClientStore().attach(client);
  return client;
}

/** Let pending promises (store actions awaiting the fake host) settle. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 0));
}

export const tinySpec = {
  version: 1,
  name: 'tiny',
  seed: 1,
  data: { kind: 'gaussian', n: 8, d: 4 },
  model: { hidden: [16] },
  train: { steps: 100, record: { every: 10 } },
  optimizers: [
    { label: 'GD', kind: 'gd', lr: 0.2 },
    { label: 'HB', kind: 'heavy-ball', lr: 0.2, momentum: 0.9 },
  ],
  metrics: ['loss', 'grad_norm'],
};

/** A HostServices double: two real methods, the rest refuse; events are emitted by the test. */
import { LabError, methods, type EventMessage, type Handlers, type MethodName } from '../../../core/contract/index.js';
import type { HostServices } from '../../../main/services/host-services.js';

export interface FakeServices extends HostServices {
  emit(message: EventMessage): void;
  listenerCount(): number;
  closed: boolean;
}

export function fakeServices(): FakeServices {
  const refuse = Object.fromEntries(
    (Object.keys(methods) as MethodName[]).map((name) => [
      name,
      async () => {
        throw new LabError('unsupported', `${name} is not in the fake`);
      },
    ]),
  ) as unknown as Handlers;
  const handlers: Handlers = {
    ...refuse,
    'app.info': async () => ({
      version: '0.0.0-test',
      host: 'browser',
      backend: 'cpu',
      tfjs: '4.22.0',
      node: process.versions.node,
      electron: null,
      dataDir: '/tmp/lab-test',
      workers: 2,
      fallbacks: [],
    }),
    'runs.rename': async ({ runId, name }) => {
      if (runId === 'missing') throw new LabError('not_found', `no run ${runId}`);
      void name;
      return { ok: true as const };
    },
  };
  const listeners = new Set<(message: EventMessage) => void>();
  const services: FakeServices = {
    handlers,
    closed: false,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(message) {
      for (const l of listeners) l(message);
    },
    listenerCount: () => listeners.size,
    async close() {
      services.closed = true;
    },
  };
  return services;
}

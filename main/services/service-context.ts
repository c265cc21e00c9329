/** What the handlers of every domain share. */
import type { WorkerPool } from '../pool/worker-pool.js';
import type { RunStore } from '../store/index.js';
import type { EventHub } from './event-hub.js';
import type { RunLifecycle } from './run-lifecycle.js';

export interface ServiceContext {
  store: RunStore;
  pool: WorkerPool;
  events: EventHub;
  lifecycle: RunLifecycle;
  dataDir: string;
}

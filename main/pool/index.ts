/** The worker pool's public surface. */
export { WorkerPool, DEFAULT_HEARTBEAT_MS, DEFAULT_CANCEL_GRACE_MS, DEFAULT_EXIT_GRACE_MS, type WorkerPoolOptions } from './worker-pool.js';
export type { NtkMatrices, PoolEvents, PoolStateEvent, RunOutcome } from './pool-events.js';
export type { WorkerHandle, WorkerLauncher } from './launcher.js';
export { nodeLauncher, type NodeLauncherOptions } from './node-launcher.js';
export { electronLauncher, type ElectronLauncherOptions } from './electron-launcher.js';

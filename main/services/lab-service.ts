/**
 * The lab's services behind every host: the contract's handlers as plain
 * functions over the run store and the worker pool, and the event stream.
 * Electron, browser mode and the CLI each create one and reach it their way.
 */
import { LabError } from '../../core/contract/errors.js';
import type { Handlers, MethodName } from '../../core/contract/methods.js';
import { initEngine, type EngineInfo } from '../../core/engine/backend.js';
import type { WorkerLauncher } from '../pool/launcher.js';
import { WorkerPool } from '../pool/worker-pool.js';
import type { PoolEvents } from '../pool/pool-events.js';
import { RunStore } from '../store/index.js';
import { appHandlers } from './app-handlers.js';
import { EventHub } from './event-hub.js';
import { experimentHandlers } from './experiment-handlers.js';
import { exportHandlers } from './export-handlers.js';
import type { HostServices } from './host-services.js';
import { toLabError } from './lab-errors.js';
import { RunLifecycle } from './run-lifecycle.js';
import { runHandlers } from './run-handlers.js';
import type { ServiceContext } from './service-context.js';

export interface HostServicesOptions {
  /** The data folder (main/store's resolveDataDir). */
  dataDir: string;
  launcher: WorkerLauncher;
  host: 'electron' | 'browser';
  /** Runs at once; default os.availableParallelism(). */
  workers?: number;
  electronVersion?: string | null;
  /** Pool timing (tests shorten them); see WorkerPoolOptions. */
  heartbeatMs?: number;
  cancelGraceMs?: number;
  batchMs?: number;
  /** Have every run's worker send its NTK Gram at theta_0 and at the end (see LabService.onNtkMatrix). */
  ntkMatrix?: boolean;
  /** For app.info before any worker has reported (default: initEngine in this process, on first call). */
  probeEngine?: () => Promise<EngineInfo>;
  /** Errors no caller is waiting for (a listener that threw, a store write after a worker message). */
  onError?: (err: unknown) => void;
}

/** HostServices plus what in-process hosts (the CLI) may use directly. */
export interface LabService extends HostServices {
  readonly store: RunStore;
  readonly pool: WorkerPool;
  readonly dataDir: string;
  /**
   * A run's NTK Gram at theta_0 and at its end, before the run ends (only
   * with the `ntkMatrix` option); returns the unsubscribe function. Not on the
   * contract: a matrix per run is for in-process hosts (`lab run --ntk-matrix`).
   */
  onNtkMatrix(listener: (e: PoolEvents['ntk']) => void): () => void;
}

const CLOSE_REASON = 'stopped because the lab was closed';

function openStore(dataDir: string): RunStore {
  try {
    return RunStore.open(dataDir);
  } catch (err) {
    throw toLabError(err);
  }
}

export async function createLabService(options: HostServicesOptions): Promise<LabService> {
  const onError = options.onError ?? ((err: unknown) => console.error('lab service:', err));
  const store = openStore(options.dataDir);
  const pool = new WorkerPool({
    launcher: options.launcher,
    ...(options.workers !== undefined ? { size: options.workers } : {}),
    ...(options.heartbeatMs !== undefined ? { heartbeatMs: options.heartbeatMs } : {}),
    ...(options.cancelGraceMs !== undefined ? { cancelGraceMs: options.cancelGraceMs } : {}),
    ...(options.batchMs !== undefined ? { batchMs: options.batchMs } : {}),
    ...(options.ntkMatrix !== undefined ? { ntkMatrix: options.ntkMatrix } : {}),
    onError,
  });
  const events = new EventHub(onError);
  const lifecycle = new RunLifecycle(store, pool, events, onError);
  const ctx: ServiceContext = { store, pool, events, lifecycle, dataDir: options.dataDir };

  let closing: Promise<void> | null = null;
  const all: Handlers = {
    ...experimentHandlers(ctx),
    ...runHandlers(ctx),
    ...exportHandlers(ctx),
    ...appHandlers(ctx, {
      host: options.host,
      electronVersion: options.electronVersion ?? process.versions.electron ?? null,
      probeEngine: options.probeEngine ?? (() => initEngine()),
    }),
  };
  // Once closing, the store is going away: refuse rather than half-work.
  const handlers = Object.fromEntries(
    (Object.keys(all) as MethodName[]).map((name) => [
      name,
      (params: never) => {
        if (closing !== null) return Promise.reject(new LabError('unsupported', 'the lab is shutting down'));
        return (all[name] as (p: never) => Promise<unknown>)(params);
      },
    ]),
  ) as unknown as Handlers;

  return {
    handlers,
    store,
    pool,
    dataDir: options.dataDir,
    onEvent: (listener) => events.subscribe(listener),
    onNtkMatrix: (listener) => pool.on('ntk', listener),
    close() {
      closing ??= (async () => {
        // Running runs stop with their partial result (cancelled); queued ones end interrupted.
        await pool.close(CLOSE_REASON);
        store.close();
      })();
      return closing;
    },
  };
}

export async function createHostServices(options: HostServicesOptions): Promise<HostServices> {
  return createLabService(options);
}

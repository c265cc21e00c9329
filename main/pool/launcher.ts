/**
 * How the pool starts a worker process, whatever the host: a launcher makes
 * one process per run and hands back a small handle. Node hosts (the CLI,
 * browser mode, tests) fork with child_process; Electron uses utilityProcess.
 */
import type { HostToWorker } from '../../core/contract/worker.js';

export interface WorkerHandle {
  /** Best effort: a message to a process that has gone is dropped. */
  send(message: HostToWorker): void;
  /** Every message the worker sends, unvalidated (the pool validates). */
  onMessage(listener: (raw: unknown) => void): void;
  /** Called once, after the process ended and its last messages were delivered. */
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  /** Ends the process now. */
  kill(): void;
  /** The end of what the process wrote to stdout and stderr, to explain a crash. */
  output(): string;
}

export interface WorkerLauncher {
  /** Start one worker process; throws when it cannot. */
  launch(): WorkerHandle;
}

export { nodeLauncher, type NodeLauncherOptions } from './node-launcher.js';
export { electronLauncher, type ElectronLauncherOptions } from './electron-launcher.js';

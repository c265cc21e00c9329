/**
 * Workers as Electron utility processes. Electron is imported only when this
 * launcher is created, so Node hosts (CLI, browser mode) never load it.
 * `modulePath` is the built worker-main.js (electron-vite emits it as its own entry).
 */
import type { UtilityProcess } from 'electron';
import type { HostToWorker } from '../../core/contract/worker.js';
import type { WorkerHandle, WorkerLauncher } from './launcher.js';
import { OutputTail } from './output-tail.js';

export interface ElectronLauncherOptions {
  modulePath: string;
  env?: NodeJS.ProcessEnv;
  /** Shown in the OS task manager and Electron's process metrics. */
  serviceName?: string;
}

class ElectronWorkerHandle implements WorkerHandle {
  private readonly tail = new OutputTail();
  private exited = false;

  constructor(private readonly child: UtilityProcess) {
    this.tail.follow(child.stdout);
    this.tail.follow(child.stderr);
    child.once('exit', () => {
      this.exited = true;
    });
  }

  send(message: HostToWorker): void {
    if (this.exited) return;
    try {
      this.child.postMessage(message);
    } catch {
      // Gone meanwhile: the exit handler reports it.
    }
  }

  onMessage(listener: (raw: unknown) => void): void {
    this.child.on('message', (raw: unknown) => listener(raw));
  }

  onExit(listener: (code: number | null, signal: string | null) => void): void {
    // Electron reports only the exit code; a killed process reads as a non-zero code.
    // Defer a turn so messages delivered with the exit are handled first.
    this.child.once('exit', (code: number) => setImmediate(() => listener(code, null)));
  }

  kill(): void {
    if (!this.exited) this.child.kill();
  }

  output(): string {
    return this.tail.toString();
  }
}

export async function electronLauncher(options: ElectronLauncherOptions): Promise<WorkerLauncher> {
  const { utilityProcess } = await import('electron');
  return {
    launch() {
      const child = utilityProcess.fork(options.modulePath, [], {
        stdio: 'pipe',
        serviceName: options.serviceName ?? 'Convergence Lab worker',
        ...(options.env ? { env: options.env } : {}),
      });
      return new ElectronWorkerHandle(child);
    },
  };
}

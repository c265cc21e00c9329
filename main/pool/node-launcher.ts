/**
 * Workers as Node child processes (`child_process.fork`). Run from the
 * TypeScript sources (tests, `npm run lab`), a worker loads tsx as its
 * loader; from built JavaScript it runs plain.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { HostToWorker } from '../../core/contract/worker.js';
import type { WorkerHandle, WorkerLauncher } from './launcher.js';
import { OutputTail } from './output-tail.js';

export interface NodeLauncherOptions {
  /** The worker entry; default worker-main next to this file (.ts from sources, .js when built). */
  modulePath?: string;
  /** Node flags for the worker; default: the tsx loader for a .ts entry, none otherwise. */
  execArgv?: string[];
  env?: NodeJS.ProcessEnv;
}

const fromSources = /\.[cm]?ts$/.test(new URL(import.meta.url).pathname);

function defaultModulePath(): string {
  return fileURLToPath(new URL(`./worker-main.${fromSources ? 'ts' : 'js'}`, import.meta.url));
}

/** `--import tsx` by absolute URL: a bare `tsx` resolves against the cwd, which may be anywhere. */
function tsxExecArgv(): string[] {
  const loader = createRequire(import.meta.url).resolve('tsx');
  return ['--import', pathToFileURL(loader).href];
}

class NodeWorkerHandle implements WorkerHandle {
  private readonly tail = new OutputTail();

  constructor(private readonly child: ChildProcess) {
    this.tail.follow(child.stdout);
    this.tail.follow(child.stderr);
    // Without a listener an 'error' event (a failed send, a failed kill) would throw in the host.
    child.on('error', (err) => this.tail.append(`\n[host] ${err.message}\n`));
  }

  send(message: HostToWorker): void {
    if (!this.child.connected) return;
    try {
      this.child.send(message);
    } catch {
      // The channel closed meanwhile: the exit handler will report it.
    }
  }

  onMessage(listener: (raw: unknown) => void): void {
    this.child.on('message', (raw: unknown) => listener(raw));
  }

  onExit(listener: (code: number | null, signal: string | null) => void): void {
    // 'close' rather than 'exit': it comes after the IPC channel closed, so after the last message.
    this.child.once('close', (code: number | null, signal: NodeJS.Signals | null) => listener(code, signal));
  }

  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }

  output(): string {
    return this.tail.toString();
  }
}

export function nodeLauncher(options: NodeLauncherOptions = {}): WorkerLauncher {
  const modulePath = options.modulePath ?? defaultModulePath();
  const execArgv = options.execArgv ?? (/\.[cm]?ts$/.test(modulePath) ? tsxExecArgv() : []);
  return {
    launch() {
      const child = fork(modulePath, [], {
        execArgv,
        env: options.env ?? process.env,
        // Piped, never inherited: a worker's banner on stdout must not mix into `lab run --json`.
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        serialization: 'json',
      });
      return new NodeWorkerHandle(child);
    },
  };
}

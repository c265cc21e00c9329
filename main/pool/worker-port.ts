/**
 * The worker's end of the channel to the host, the same under Node's
 * `child_process.fork` (process.send / 'message') and Electron's
 * `utilityProcess` (process.parentPort), so one worker file serves both.
 */
import type { WorkerToHost } from '../../core/contract/worker.js';

export interface WorkerPort {
  /** Resolves once the message has left this process (as far as the channel can tell). */
  send(message: WorkerToHost): Promise<void>;
  onMessage(listener: (raw: unknown) => void): void;
  /** The host went away (Node only: Electron ends its utility processes itself). */
  onDisconnect(listener: () => void): void;
  /** End this process once everything sent is out. */
  exit(code: number): void;
}

/** What this file needs of Electron's `process.parentPort` (typed here: the worker never imports electron). */
interface ElectronParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
}

function electronPort(parent: ElectronParentPort): WorkerPort {
  return {
    send(message) {
      parent.postMessage(message);
      return Promise.resolve();
    },
    onMessage(listener) {
      parent.on('message', (event) => listener(event.data));
    },
    onDisconnect() {
      // Electron kills a utility process whose parent is gone.
    },
    exit(code) {
      // postMessage has no completion callback: give the last message a moment to leave.
      setTimeout(() => process.exit(code), 100);
    },
  };
}

function nodePort(): WorkerPort {
  const send = process.send!.bind(process);
  let last: Promise<void> = Promise.resolve();
  return {
    send(message) {
      last = new Promise<void>((resolve) => {
        try {
          send(message, undefined, {}, () => resolve());
        } catch {
          resolve(); // the channel is closed: the host is gone, nothing to wait for
        }
      });
      return last;
    },
    onMessage(listener) {
      process.on('message', (raw: unknown) => listener(raw));
    },
    onDisconnect(listener) {
      process.on('disconnect', listener);
    },
    exit(code) {
      // Messages leave in order: once the last one is out, all are.
      void last.then(() => process.exit(code));
    },
  };
}

/** The port of this process; throws when it was not started as a worker. */
export function openParentPort(): WorkerPort {
  const parent = (process as unknown as { parentPort?: ElectronParentPort | null }).parentPort;
  if (parent) return electronPort(parent);
  if (typeof process.send === 'function') return nodePort();
  throw new Error('this is a worker process: start it through the worker pool (no IPC channel found)');
}

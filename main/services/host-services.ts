/**
 * What every transport (Electron IPC, browser-mode WebSocket, tests) is given:
 * the contract's handlers and the event stream. The services behind it (run
 * store, worker pool, export) do not know how they are reached.
 */
import type { EventMessage, Handlers } from '../../core/contract/index.js';

export interface HostServices {
  handlers: Handlers;
  /** Subscribe to pushed events; returns the unsubscribe function. */
  onEvent(listener: (message: EventMessage) => void): () => void;
  /** Cancel running work, wait for workers to exit, close the store. */
  close(): Promise<void>;
}

/**
 * The contract over IPC: one handler on INVOKE_CHANNEL, which checks the
 * sender frame and answers through dispatch (which validates the method and
 * its params), and events pushed on EVENT_CHANNEL. Always a Reply, never a
 * throw: Electron would turn a throw into an opaque "Error invoking remote method".
 */
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { dispatch, type EventMessage, type Handlers, type Reply } from '../../core/contract/index.js';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './ipc-channels.js';
import { isTrustedSender, type SenderFacts } from './sender-check.js';

export interface IpcBridgeOptions {
  ipcMain: IpcMain;
  /** The lab's window now (macOS may close and reopen it). */
  window: () => BrowserWindow | null;
  handlers: Handlers;
  origins: readonly string[];
  log: (line: string) => void;
}

export function senderFacts(event: IpcMainInvokeEvent, window: BrowserWindow | null): SenderFacts {
  const contents = window !== null && !window.isDestroyed() ? window.webContents : null;
  const frame = event.senderFrame;
  return {
    frameUrl: frame?.url ?? null,
    isMainFrame: contents !== null && frame !== null && frame === contents.mainFrame,
    isOurWindow: contents !== null && event.sender === contents,
  };
}

/** Registers the invoke handler; returns what removes it. */
export function serveIpc(options: IpcBridgeOptions): () => void {
  options.ipcMain.handle(INVOKE_CHANNEL, async (event: IpcMainInvokeEvent, method: unknown, params: unknown): Promise<Reply> => {
    if (!isTrustedSender(senderFacts(event, options.window()), options.origins)) {
      options.log(`refused an IPC call from ${event.senderFrame?.url ?? 'a closed frame'}`);
      return { ok: false, error: { code: 'unsupported', message: 'this page may not use the lab' } };
    }
    return dispatch(options.handlers, method, params);
  });
  return () => options.ipcMain.removeHandler(INVOKE_CHANNEL);
}

/** Sends an event to the window's main frame, if it is there. */
export function pushEvent(window: BrowserWindow | null, message: EventMessage): void {
  if (window === null || window.isDestroyed() || window.webContents.isDestroyed()) return;
  window.webContents.send(EVENT_CHANNEL, message);
}

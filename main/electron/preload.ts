/**
 * The sandboxed preload: exposes `window.lab` (core/contract/wire.ts's
 * LabBridge) and nothing else — no ipcRenderer, no generic send. It imports
 * only 'electron' and constants, as sandboxed preloads require.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { EventMessage, LabBridge, Reply } from '../../core/contract/index.js';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './ipc-channels.js';

const bridge: LabBridge = {
  invoke: (method: string, params?: unknown): Promise<Reply> => ipcRenderer.invoke(INVOKE_CHANNEL, method, params) as Promise<Reply>,
  onEvent(listener: (message: EventMessage) => void): () => void {
    // The IPC event object (with its sender) never reaches the page.
    const relay = (_event: IpcRendererEvent, message: EventMessage): void => listener(message);
    ipcRenderer.on(EVENT_CHANNEL, relay);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, relay);
    };
  },
  platform: {
    host: 'electron',
    os: process.platform,
    versions: { electron: process.versions.electron, chrome: process.versions.chrome, node: process.versions.node },
  },
};

contextBridge.exposeInMainWorld('lab', bridge);

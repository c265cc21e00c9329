/**
 * Which client this window uses, decided once at startup: `?fake=1` → the
 * in-memory demo host; `window.lab` present → Electron; otherwise the
 * browser-mode WebSocket on the page's own origin.
 */
import { WIRE_SOCKET_PATH } from '../../../core/contract/wire.js';
import type { LabClient } from './lab-client.js';
import { ElectronClient } from './electron-client.js';
import { socketUrlOf, WebSocketClient } from './websocket-client.js';

export async function pickClient(win: Window): Promise<LabClient> {
  const query = new URLSearchParams(win.location.search);
  if (query.has('fake')) {
    // Loaded on demand: the demo host never ships in the main chunk's hot path.
    const { FakeClient } = await import('./fake/fake-client.js');
    const { seedDemo } = await import('./fake/demo-data.js');
    const client = new FakeClient({ tickMs: 100, workers: 2 });
    if (query.get('fake') !== 'empty') await seedDemo(client);
    return client;
  }
  if (win.lab) return new ElectronClient(win.lab);
  return new WebSocketClient({ url: socketUrlOf(win.location, WIRE_SOCKET_PATH) });
}

import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { EventMessage, Reply } from '../../../core/contract/index.js';
import { pushEvent, serveIpc } from '../../../main/electron/ipc-bridge.js';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../../main/electron/ipc-channels.js';
import { fakeServices } from '../server/fake-services.js';

type InvokeHandler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<Reply>;

/** Just enough of Electron's objects to drive the bridge. */
function fakes() {
  const handlers = new Map<string, InvokeHandler>();
  const ipcMain = {
    handle: (channel: string, fn: InvokeHandler) => handlers.set(channel, fn),
    removeHandler: (channel: string) => handlers.delete(channel),
  };
  const mainFrame = { url: 'lab://app/index.html' };
  const send = vi.fn();
  const webContents = { mainFrame, send, isDestroyed: () => false };
  const window = { isDestroyed: () => false, webContents };
  const otherContents = { mainFrame: { url: 'lab://app/index.html' } };
  return { handlers, ipcMain, mainFrame, webContents, window, send, otherContents };
}

function event(sender: unknown, senderFrame: { url: string } | null): IpcMainInvokeEvent {
  return { sender, senderFrame } as unknown as IpcMainInvokeEvent;
}

function setup() {
  const f = fakes();
  const log = vi.fn();
  const stop = serveIpc({
    ipcMain: f.ipcMain as unknown as IpcMain,
    window: () => f.window as unknown as BrowserWindow,
    handlers: fakeServices().handlers,
    origins: ['lab://app'],
    log,
  });
  const invoke = f.handlers.get(INVOKE_CHANNEL)!;
  return { ...f, log, stop, invoke };
}

describe('serveIpc', () => {
  it('registers only the invoke channel and removes it on stop', () => {
    const s = setup();
    expect([...s.handlers.keys()]).toEqual([INVOKE_CHANNEL]);
    s.stop();
    expect(s.handlers.size).toBe(0);
  });

  it('answers our main frame through dispatch', async () => {
    const s = setup();
    const reply = await s.invoke(event(s.webContents, s.mainFrame), 'app.info', {});
    expect(reply).toMatchObject({ ok: true, result: { version: '0.0.0-test' } });
  });

  it('validates like every transport: unknown methods, bad params, handler errors become envelopes', async () => {
    const s = setup();
    const from = event(s.webContents, s.mainFrame);
    expect(await s.invoke(from, 'fs.readFile', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await s.invoke(from, 42, {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await s.invoke(from, 'runs.rename', { runId: 'r' })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(await s.invoke(from, 'runs.rename', { runId: 'missing', name: null })).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'no run missing' },
    });
  });

  it('refuses a sub-frame, another window, a gone frame or a foreign page, and logs it', async () => {
    const s = setup();
    const refused = { ok: false, error: { code: 'unsupported' } };
    expect(await s.invoke(event(s.webContents, { url: 'lab://app/index.html' }), 'app.info', {})).toMatchObject(refused);
    expect(await s.invoke(event(s.otherContents, s.otherContents.mainFrame), 'app.info', {})).toMatchObject(refused);
    expect(await s.invoke(event(s.webContents, null), 'app.info', {})).toMatchObject(refused);
    s.mainFrame.url = 'https://evil.example/';
    expect(await s.invoke(event(s.webContents, s.mainFrame), 'app.info', {})).toMatchObject(refused);
    expect(s.log).toHaveBeenCalledTimes(4);
  });

  it('refuses everything once the window is gone', async () => {
    const f = fakes();
    serveIpc({ ipcMain: f.ipcMain as unknown as IpcMain, window: () => null, handlers: fakeServices().handlers, origins: ['lab://app'], log: () => {} });
    const reply = await f.handlers.get(INVOKE_CHANNEL)!(event(f.webContents, f.mainFrame), 'app.info', {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'unsupported' } });
  });
});

describe('pushEvent', () => {
  const message: EventMessage = { event: 'runs.changed', payload: { runIds: ['a'] } };

  it('sends events on the event channel to the window', () => {
    const f = fakes();
    pushEvent(f.window as unknown as BrowserWindow, message);
    expect(f.send).toHaveBeenCalledWith(EVENT_CHANNEL, message);
  });

  it('drops events when there is no live window', () => {
    const f = fakes();
    pushEvent(null, message);
    pushEvent({ ...f.window, isDestroyed: () => true } as unknown as BrowserWindow, message);
    expect(f.send).not.toHaveBeenCalled();
  });
});

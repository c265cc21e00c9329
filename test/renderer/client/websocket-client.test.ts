import { describe, expect, it } from 'vitest';
import { socketUrlOf, WebSocketClient, type SocketLike } from '../../../renderer/src/client/websocket-client.js';
import { LabClientError, type ConnectionState } from '../../../renderer/src/client/lab-client.js';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: string[] = [];
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  send(data: string): void {
    this.sent.push(data);
  }
  close(): void {
    this.drop();
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop(): void {
    this.readyState = 3;
    this.onclose?.({});
  }
  reply(frame: unknown): void {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
}

function setup() {
  const sockets: FakeSocket[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const client = new WebSocketClient({
    url: 'ws://127.0.0.1:1/ws',
    createSocket: () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s;
    },
    setTimer: (fn, ms) => timers.push({ fn, ms }),
    clearTimer: () => undefined,
    backoff: { initialMs: 100, maxMs: 1000, jitter: 0 },
  });
  return { client, sockets, timers };
}

const info = { version: '0.1.0', host: 'browser', backend: 'wasm', tfjs: '4.22.0', node: '20', electron: null, dataDir: '/d', workers: 2, fallbacks: [] };

describe('WebSocketClient', () => {
  it('sends { id, method, params } once open and resolves with the checked result', async () => {
    const { client, sockets } = setup();
    const p = client.invoke('app.info', {});
    expect(sockets[0]!.sent).toEqual([]); // queued until open
    sockets[0]!.open();
    const frame = JSON.parse(sockets[0]!.sent[0]!) as { id: number; method: string; params: unknown };
    expect(frame).toEqual({ id: frame.id, method: 'app.info', params: {} });
    sockets[0]!.reply({ id: frame.id, ok: true, result: info });
    await expect(p).resolves.toEqual(info);
  });

  it('rejects with a LabClientError carrying the host’s envelope', async () => {
    const { client, sockets } = setup();
    sockets[0]!.open();
    const p = client.invoke('runs.get', { runId: 'nope' });
    const { id } = JSON.parse(sockets[0]!.sent[0]!) as { id: number };
    sockets[0]!.reply({ id, ok: false, error: { code: 'not_found', message: 'no run nope', path: 'runId' } });
    const err = await p.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LabClientError);
    expect((err as LabClientError).envelope).toEqual({ code: 'not_found', message: 'no run nope', path: 'runId' });
    expect((err as LabClientError).transport).toBe(false);
  });

  it('rejects a result that breaks the contract', async () => {
    const { client, sockets } = setup();
    sockets[0]!.open();
    const p = client.invoke('app.setWorkers', { workers: 2 });
    const { id } = JSON.parse(sockets[0]!.sent[0]!) as { id: number };
    sockets[0]!.reply({ id, ok: true, result: { workers: 'two' } });
    await expect(p).rejects.toThrow(/unexpected result/);
  });

  it('rejects requests in flight on disconnect, then reconnects with back-off', async () => {
    const { client, sockets, timers } = setup();
    const states: ConnectionState[] = [];
    client.onConnection((s) => states.push(s));
    sockets[0]!.open();
    const p = client.invoke('app.info', {});
    sockets[0]!.drop();
    const err = (await p.catch((e: unknown) => e)) as LabClientError;
    expect(err.transport).toBe(true);
    expect(err.message).toMatch(/lost/);
    expect(timers.map((t) => t.ms)).toEqual([100]);
    timers[0]!.fn();
    expect(sockets).toHaveLength(2);
    sockets[1]!.drop();
    expect(timers.map((t) => t.ms)).toEqual([100, 200]);
    timers[1]!.fn();
    sockets[2]!.open();
    expect(states).toEqual(['connecting', 'open', 'connecting', 'open']);
  });

  it('delivers pushed events that match the contract, drops the rest', () => {
    const { client, sockets } = setup();
    sockets[0]!.open();
    const got: unknown[] = [];
    client.on('runs.changed', (p) => got.push(p));
    sockets[0]!.reply({ event: 'runs.changed', payload: { runIds: ['r1'] } });
    sockets[0]!.reply({ event: 'runs.changed', payload: { runIds: 'r1' } });
    sockets[0]!.reply({ event: 'nonsense', payload: {} });
    expect(got).toEqual([{ runIds: ['r1'] }]);
  });

  it('builds the same-origin socket URL', () => {
    expect(socketUrlOf({ protocol: 'http:', host: '127.0.0.1:8123' }, '/ws')).toBe('ws://127.0.0.1:8123/ws');
    expect(socketUrlOf({ protocol: 'https:', host: 'lab.example' }, '/ws')).toBe('wss://lab.example/ws');
  });
});

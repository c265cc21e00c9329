/** Raw HTTP and WebSocket helpers: node:http sends paths and Host headers exactly as given (fetch would normalise them). */
import { request } from 'node:http';
import WebSocket from 'ws';

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function httpGet(port: number, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

export interface SocketOptions {
  path?: string;
  headers?: Record<string, string>;
  origin?: string;
}

/** Opens a socket; rejects with the HTTP status when the upgrade is refused. */
export function openSocket(port: number, options: SocketOptions = {}): Promise<Messages> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${options.path ?? '/ws'}`, {
      headers: options.headers ?? {},
      ...(options.origin !== undefined ? { origin: options.origin } : {}),
    });
    const messages = new Messages(ws);
    ws.once('open', () => resolve(messages));
    ws.once('unexpected-response', (_req, res) => {
      reject(new Error(`refused ${res.statusCode}`));
      ws.terminate();
    });
    ws.once('error', reject);
  });
}

/** Frames a socket receives, awaited in order. */
export class Messages {
  private readonly queue: unknown[] = [];
  private readonly waiting: ((value: unknown) => void)[] = [];
  closeCode: Promise<number>;

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const value: unknown = JSON.parse(String(data));
      const waiter = this.waiting.shift();
      if (waiter) waiter(value);
      else this.queue.push(value);
    });
    this.closeCode = new Promise((resolve) => ws.on('close', (code) => resolve(code)));
  }

  next(): Promise<unknown> {
    if (this.queue.length > 0) return Promise.resolve(this.queue.shift());
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  send(value: unknown): void {
    this.ws.send(typeof value === 'string' ? value : JSON.stringify(value));
  }

  async call(value: unknown): Promise<unknown> {
    this.send(value);
    return this.next();
  }

  close(): void {
    this.ws.close();
  }
}

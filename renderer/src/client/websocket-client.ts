/**
 * The contract over the browser-mode WebSocket (core/contract/wire.ts): JSON
 * frames `{ id, method, params }` out, replies and pushed events in. The
 * access token travels in the host's HttpOnly cookie. A lost connection
 * rejects every request in flight and reconnects with back-off.
 */
import type { MethodName, Params, Result } from '../../../core/contract/methods.js';
import type { EventName, EventPayload } from '../../../core/contract/events.js';
import { replyFrameSchema } from '../../../core/contract/wire.js';
import { LabClientError, type ConnectionState, type LabClient } from './lab-client.js';
import { EventHub, parseEventMessage } from './event-hub.js';
import { resultOfReply } from './reply.js';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.js';

/** The part of the DOM WebSocket this client uses (a fake in tests). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
}

export interface WebSocketClientOptions {
  url: string;
  createSocket?: (url: string) => SocketLike;
  backoff?: BackoffOptions;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

interface Pending {
  method: MethodName;
  frame: string;
  sent: boolean;
  resolve: (value: unknown) => void;
  reject: (err: LabClientError) => void;
}

const OPEN = 1;

export class WebSocketClient implements LabClient {
  readonly kind = 'websocket' as const;
  private readonly hub = new EventHub();
  private readonly pending = new Map<number, Pending>();
  private readonly connectionListeners = new Set<(s: ConnectionState) => void>();
  private socket: SocketLike | null = null;
  private state: ConnectionState = 'connecting';
  private nextId = 1;
  private attempt = 0;
  private timer: unknown = null;
  private closed = false;

  constructor(private readonly opts: WebSocketClientOptions) {
    this.connect();
  }

  invoke<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>> {
    if (this.closed) return Promise.reject(this.transportError(method, 'the client is closed'));
    const id = this.nextId++;
    const frame = JSON.stringify({ id, method, params });
    return new Promise<Result<M>>((resolve, reject) => {
      const p: Pending = {
        method,
        frame,
        sent: false,
        resolve: (reply) => {
          try {
            resolve(resultOfReply(method, reply));
          } catch (err) {
            reject(err);
          }
        },
        reject,
      };
      this.pending.set(id, p);
      // While (re)connecting the request waits; it is sent on open.
      if (this.socket?.readyState === OPEN) this.send(p);
    });
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    return this.hub.on(event, listener);
  }

  onConnection(listener: (state: ConnectionState) => void): () => void {
    this.connectionListeners.add(listener);
    listener(this.state);
    return () => {
      this.connectionListeners.delete(listener);
    };
  }

  close(): void {
    this.closed = true;
    if (this.timer !== null) (this.opts.clearTimer ?? clearTimeout)(this.timer as ReturnType<typeof setTimeout>);
    this.socket?.close(1000, 'closed by the renderer');
    this.failAll('the client is closed');
    this.setState('closed');
  }

  private connect(): void {
    this.setState('connecting');
    const create = this.opts.createSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
    let socket: SocketLike;
    try {
      socket = create(this.opts.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      this.setState('open');
      for (const p of this.pending.values()) if (!p.sent) this.send(p);
    };
    socket.onmessage = (ev) => this.receive(ev.data);
    socket.onerror = () => undefined; // onclose follows and does the work
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.failAll('the connection to the lab host was lost');
      if (!this.closed) this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    this.setState('connecting');
    const delay = backoffDelay(this.attempt++, this.opts.backoff ?? DEFAULT_BACKOFF);
    this.timer = (this.opts.setTimer ?? setTimeout)(() => {
      this.timer = null;
      if (!this.closed) this.connect();
    }, delay);
  }

  private send(p: Pending): void {
    try {
      this.socket?.send(p.frame);
      p.sent = true;
    } catch {
      // The socket is closing: onclose rejects it.
    }
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let raw: unknown;
    try {
      raw = JSON.parse(data);
    } catch {
      console.warn('the host sent a frame that is not JSON');
      return;
    }
    if (raw !== null && typeof raw === 'object' && 'event' in raw) {
      const message = parseEventMessage(raw);
      if (message) this.hub.emit(message);
      return;
    }
    const reply = replyFrameSchema.safeParse(raw);
    if (!reply.success || reply.data.id === null) {
      console.warn('the host sent a reply that answers no request', raw);
      return;
    }
    const p = this.pending.get(reply.data.id);
    if (!p) return;
    this.pending.delete(reply.data.id);
    p.resolve(reply.data);
  }

  /** Requests sent on a lost socket cannot be answered any more; queued ones fail too so no caller hangs. */
  private failAll(message: string): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(this.transportError(p.method, message));
  }

  private transportError(method: string, message: string): LabClientError {
    return new LabClientError({ code: 'internal', message: `${method}: ${message}` }, method, true);
  }

  private setState(s: ConnectionState): void {
    if (this.state === s) return;
    this.state = s;
    for (const l of [...this.connectionListeners]) l(s);
  }
}

/** ws(s)://same-host/ws: the page and the socket share the origin, so the auth cookie goes along. */
export function socketUrlOf(location: { protocol: string; host: string }, path: string): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${path}`;
}

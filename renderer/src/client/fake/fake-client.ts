/** A LabClient over an in-memory FakeHost: tests drive it with `host.tick()`, demo mode with a timer. */
import type { MethodName, Params, Result } from '../../../../core/contract/methods.js';
import type { EventName, EventPayload } from '../../../../core/contract/events.js';
import { plainJson, type ConnectionState, type LabClient } from '../lab-client.js';
import { EventHub } from '../event-hub.js';
import { resultOfReply } from '../reply.js';
import { FakeHost, type FakeHostOptions } from './fake-host.js';

export interface FakeClientOptions extends FakeHostOptions {
  /** Advance running runs every this many ms (demo mode); tests leave it off and call host.tick(). */
  tickMs?: number;
}

export class FakeClient implements LabClient {
  readonly kind = 'fake' as const;
  readonly host: FakeHost;
  private readonly hub = new EventHub();
  private readonly timer: ReturnType<typeof setInterval> | null;
  /** Every call, for tests that check what a store asked for. */
  readonly calls: { method: MethodName; params: unknown }[] = [];

  constructor(opts: FakeClientOptions = {}) {
    this.host = new FakeHost(opts);
    // structuredClone mimics the trip over a real transport: listeners never share objects with the host.
    this.host.onEvent((m) => this.hub.emit(structuredClone(m)));
    this.timer = opts.tickMs ? setInterval(() => this.host.tick(), opts.tickMs) : null;
  }

  async invoke<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>> {
    const plain = plainJson(params);
    this.calls.push({ method, params: plain });
    const reply = await this.host.call(method, plain);
    return resultOfReply(method, structuredClone(reply));
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    return this.hub.on(event, listener);
  }

  onConnection(listener: (state: ConnectionState) => void): () => void {
    listener('open');
    return () => undefined;
  }

  close(): void {
    if (this.timer !== null) clearInterval(this.timer);
  }
}

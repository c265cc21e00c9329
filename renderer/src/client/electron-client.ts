/** The contract over Electron's preload bridge (`window.lab`). */
import type { MethodName, Params, Result } from '../../../core/contract/methods.js';
import type { EventName, EventPayload } from '../../../core/contract/events.js';
import type { LabBridge } from '../../../core/contract/wire.js';
import { LabClientError, plainJson, type ConnectionState, type LabClient } from './lab-client.js';
import { EventHub, parseEventMessage } from './event-hub.js';
import { resultOfReply } from './reply.js';

export class ElectronClient implements LabClient {
  readonly kind = 'electron' as const;
  private readonly hub = new EventHub();
  private readonly unsubscribe: () => void;

  constructor(private readonly bridge: LabBridge) {
    this.unsubscribe = bridge.onEvent((raw) => {
      const message = parseEventMessage(raw);
      if (message) this.hub.emit(message);
    });
  }

  async invoke<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>> {
    let reply: unknown;
    try {
      reply = await this.bridge.invoke(method, plainJson(params));
    } catch (err) {
      // IPC itself failed (main process gone, handler threw outside the contract).
      const message = err instanceof Error ? err.message : String(err);
      throw new LabClientError({ code: 'internal', message: `${method}: ${message}` }, method, true);
    }
    return resultOfReply(method, reply);
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    return this.hub.on(event, listener);
  }

  onConnection(listener: (state: ConnectionState) => void): () => void {
    // IPC is up for as long as the window lives.
    listener('open');
    return () => undefined;
  }

  close(): void {
    this.unsubscribe();
  }
}

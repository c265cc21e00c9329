/**
 * The renderer's only way to the host: the contract's methods and events,
 * whatever the transport (Electron preload bridge, WebSocket, in-memory fake).
 * Only stores hold a LabClient.
 */
import type { MethodName, Params, Result } from '../../../core/contract/methods.js';
import type { EventName, EventPayload } from '../../../core/contract/events.js';
import type { ErrorEnvelope } from '../../../core/contract/errors.js';

export type { MethodName, Params, Result, EventName, EventPayload, ErrorEnvelope };

export type ClientKind = 'electron' | 'websocket' | 'fake';
/** `connecting` also covers the back-off between reconnect attempts. */
export type ConnectionState = 'connecting' | 'open' | 'closed';

export interface LabClient {
  readonly kind: ClientKind;
  /** Resolves with the method's result; rejects with a LabClientError. */
  invoke<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>>;
  /** Subscribe to one host event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** Connection changes (called at once with the current state). */
  onConnection(listener: (state: ConnectionState) => void): () => void;
  close(): void;
}

/**
 * What a failed call rejects with: the host's ErrorEnvelope, or one made up
 * here when the transport failed (`transport: true`, e.g. the socket closed).
 */
export class LabClientError extends Error {
  constructor(
    readonly envelope: ErrorEnvelope,
    readonly method: string,
    readonly transport = false,
  ) {
    super(envelope.message);
    this.name = 'LabClientError';
  }

  get code(): ErrorEnvelope['code'] {
    return this.envelope.code;
  }
}

/** A readable line for any rejection a store catches. */
export function errorMessage(err: unknown): string {
  if (err instanceof LabClientError) {
    const path = err.envelope.path ? ` (${err.envelope.path})` : '';
    return `${err.message}${path}`;
  }
  return err instanceof Error ? err.message : String(err);
}

/**
 * A plain JSON copy of params: Vue proxies cannot cross contextBridge or
 * structuredClone, and params are JSON on every transport anyway.
 */
export function plainJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** Typed fan-out of host events to listeners; shared by every client. */
import { events, type EventMessage, type EventName, type EventPayload } from '../../../core/contract/events.js';

type AnyListener = (payload: unknown) => void;

export class EventHub {
  private readonly listeners = new Map<EventName, Set<AnyListener>>();

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    const l = listener as AnyListener;
    set.add(l);
    return () => {
      set.delete(l);
    };
  }

  emit(message: EventMessage): void {
    const set = this.listeners.get(message.event);
    if (!set) return;
    for (const l of [...set]) {
      try {
        l(message.payload);
      } catch (err) {
        // One broken listener must not starve the others of events.
        console.error(`listener of ${message.event} failed`, err);
      }
    }
  }
}

/**
 * A raw `{ event, payload }` from the host, checked against the contract.
 * Returns null (and warns) for anything else: a bad event is dropped, never trusted.
 */
export function parseEventMessage(raw: unknown): EventMessage | null {
  if (raw === null || typeof raw !== 'object') return null;
  const { event, payload } = raw as { event?: unknown; payload?: unknown };
  if (typeof event !== 'string' || !Object.prototype.hasOwnProperty.call(events, event)) {
    console.warn('dropped an unknown host event', event);
    return null;
  }
  const name = event as EventName;
  const parsed = events[name].safeParse(payload);
  if (!parsed.success) {
    console.warn(`dropped a malformed ${name} event`, parsed.error.issues[0]);
    return null;
  }
  return { event: name, payload: parsed.data } as EventMessage;
}

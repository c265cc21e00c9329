/** Fan-out of pushed events to every transport subscribed; a failing listener does not stop the others. */
import type { EventMessage, EventName, EventPayload } from '../../core/contract/events.js';

export class EventHub {
  private readonly listeners = new Set<(message: EventMessage) => void>();

  constructor(private readonly onError: (err: unknown) => void) {}

  subscribe(listener: (message: EventMessage) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const message = { event, payload } as EventMessage;
    for (const listener of [...this.listeners]) {
      try {
        listener(message);
      } catch (err) {
        this.onError(err);
      }
    }
  }
}

import type { EventName } from '../../src-shared/contract/names';
import type { EventPayload } from '../../src-shared/contract/events';

export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** The core's push channel; each host forwards what it hears to its renderers. */
export interface EventBus {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** Hears every event; returns the unsubscribe function. */
  listen(listener: EventListener): () => void;
}

export function createEventBus(onListenerError: (error: unknown) => void = () => {}): EventBus {
  const listeners = new Set<EventListener>();
  return {
    emit(event, payload) {
      for (const listener of listeners) {
        try {
          listener(event, payload);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

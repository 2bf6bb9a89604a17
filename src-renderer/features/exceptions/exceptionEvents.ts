/**
 * The core events after which the exceptions may have changed: an order (holds, payments, supplier answers), the
 * outbox (a message went dead or through) or a tracking round. Bursts (a sync touching twenty parcels) fold into one
 * call of the listener.
 */
import { subscribe } from '../../api/client';

export const EXCEPTIONS_REFRESH_DELAY_MS = 300;

/** Calls `listener` once, a little after the last of a burst of events; returns the unsubscribe. */
export function watchExceptionSources(listener: () => void, delayMs: number = EXCEPTIONS_REFRESH_DELAY_MS): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const later = () => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      listener();
    }, delayMs);
  };
  const offs = [subscribe('orders.changed', later), subscribe('outbox.changed', later), subscribe('tracking.changed', later)];
  return () => {
    if (timer !== null) clearTimeout(timer);
    for (const off of offs) off();
  };
}

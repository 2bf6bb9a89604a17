/**
 * The outbox summary behind the shell's indicator. Read once at start and again after the core says something
 * was queued or settled (`outbox.changed`) or an order changed; bursts of events (a send of five POs, a retry
 * sweep) are folded into one read.
 */
import { create } from 'zustand';
import type { OutboxSummary } from '../../../src-shared/domain/outbox';
import { invoke, subscribe } from '../../api/client';

export const OUTBOX_REFRESH_DELAY_MS = 300;

interface OutboxState {
  summary: OutboxSummary | null;
  load(): Promise<void>;
  /** The person says the network is back: everything waiting out a back-off is tried now. */
  retryNow(): Promise<void>;
}

let request = 0;

export const useOutbox = create<OutboxState>()((set) => ({
  summary: null,
  async load() {
    const mine = ++request;
    try {
      const summary = await invoke('outbox.summary', {});
      if (mine === request) set({ summary });
    } catch {
      // The indicator is a hint: on failure it keeps what it showed (the connection banner speaks for the desk).
    }
  },
  async retryNow() {
    const mine = ++request;
    try {
      const summary = await invoke('outbox.retryNow', {});
      if (mine === request) set({ summary });
    } catch {
      // As for load(): the next event brings the truth.
    }
  },
}));

/** Subscribes the indicator to the core's events; returns the unsubscribe. */
export function watchOutbox(delayMs: number = OUTBOX_REFRESH_DELAY_MS): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const later = () => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void useOutbox.getState().load();
    }, delayMs);
  };
  void useOutbox.getState().load();
  const offOutbox = subscribe('outbox.changed', later);
  const offOrders = subscribe('orders.changed', later);
  return () => {
    if (timer !== null) clearTimeout(timer);
    offOutbox();
    offOrders();
  };
}

/** The sidebar's Exceptions badge: `exceptions.count`, read at start and again after the events that can change it. */
import { create } from 'zustand';
import { invoke } from '../../api/client';
import { watchExceptionSources } from './exceptionEvents';

interface ExceptionCountState {
  /** null until the first answer. */
  count: number | null;
  load(): Promise<void>;
}

let request = 0;

export const useExceptionCount = create<ExceptionCountState>()((set) => ({
  count: null,
  async load() {
    const mine = ++request;
    try {
      const { count } = await invoke('exceptions.count', {});
      if (mine === request) set({ count });
    } catch {
      // The badge is a hint: on failure it keeps what it showed (the connection banner speaks for the desk).
    }
  },
}));

/** Reads the count now and after every change that may move it; returns the unsubscribe. */
export function watchExceptionCount(): () => void {
  void useExceptionCount.getState().load();
  return watchExceptionSources(() => void useExceptionCount.getState().load());
}

/**
 * The background tracking sync as the exceptions screen shows it: when it last ran, its last error, whether a round
 * is running, and "Sync now". Read when the screen opens and again on `tracking.changed` (a round started or ended).
 */
import { create } from 'zustand';
import type { TrackingSyncStatus } from '../../../src-shared/domain/exceptions';
import { errorMessage, invoke, subscribe } from '../../api/client';

interface TrackingSyncState {
  status: TrackingSyncStatus | null;
  /** Reading the status failed. */
  loadError: string | null;
  /** "Sync now" was pressed and its call has not answered yet. */
  starting: boolean;
  /** "Sync now" itself failed (the round's own trouble is status.lastError). */
  syncError: string | null;
  load(): Promise<void>;
  syncNow(): Promise<void>;
}

// Numbered so an older read never overwrites a newer answer (a status read sent before Sync now answered).
let request = 0;

export const useTrackingSync = create<TrackingSyncState>()((set, get) => ({
  status: null,
  loadError: null,
  starting: false,
  syncError: null,
  async load() {
    const mine = ++request;
    try {
      const status = await invoke('tracking.status', {});
      if (mine === request) set({ status, loadError: null });
    } catch (error) {
      if (mine === request) set({ loadError: errorMessage(error) });
    }
  },
  async syncNow() {
    if (get().starting || get().status?.running) return;
    set({ starting: true, syncError: null });
    const mine = ++request;
    try {
      const status = await invoke('tracking.syncNow', {});
      if (mine === request) set({ status, loadError: null });
    } catch (error) {
      set({ syncError: errorMessage(error) });
    } finally {
      set({ starting: false });
    }
  },
}));

/** While the screen shows the status: read it now and on every `tracking.changed`; returns the unsubscribe. */
export function watchTrackingSync(): () => void {
  useTrackingSync.setState({ syncError: null });
  void useTrackingSync.getState().load();
  return subscribe('tracking.changed', () => void useTrackingSync.getState().load());
}

/**
 * The shop's settings as the whole window knows them: the margin threshold under which margins show in red, whether a
 * Stripe key is stored (the Take payment choices), and the rest for the Settings screen. Reloaded on settings.changed.
 */
import { create } from 'zustand';
import type { DeskSettings, ProcedureInput } from '../../../src-shared/contract/procedures';
import { ApiCallError, errorMessage, invoke } from '../../api/client';

interface SettingsState {
  settings: DeskSettings | null;
  error: string | null;
  saving: boolean;
  load(): Promise<void>;
  /** Saves the settings given (others keep theirs); resolves to an error message (field-level or not), or null when saved. */
  update(settings: ProcedureInput<'settings.update'>): Promise<string | null>;
}

export const useSettings = create<SettingsState>()((set, get) => ({
  settings: null,
  error: null,
  saving: false,
  async load() {
    try {
      set({ settings: await invoke('settings.get', {}), error: null });
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },
  async update(settings) {
    if (get().saving) return 'Still saving the previous change.';
    set({ saving: true });
    try {
      set({ settings: await invoke('settings.update', settings), saving: false, error: null });
      return null;
    } catch (error) {
      set({ saving: false });
      return error instanceof ApiCallError ? error.message : errorMessage(error);
    }
  },
}));

export function useMarginThreshold(): number | null {
  return useSettings((s) => s.settings?.marginThresholdPercent ?? null);
}

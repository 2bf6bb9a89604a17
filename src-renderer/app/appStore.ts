import { create } from 'zustand';
import type { AppInfo } from '../../src-shared/contract/procedures';
import { ApiCallError, errorMessage, invoke } from '../api/client';

type Connection = 'checking' | 'ok' | 'unauthorized' | 'unreachable' | 'error';

interface AppState {
  connection: Connection;
  info: AppInfo | null;
  message: string | null;
  helpOpen: boolean;
  checkConnection(): Promise<void>;
  setHelpOpen(open: boolean): void;
}

export const useApp = create<AppState>()((set) => ({
  connection: 'checking',
  info: null,
  message: null,
  helpOpen: false,
  async checkConnection() {
    try {
      const info = await invoke('app.info', {});
      set({ connection: 'ok', info, message: null });
    } catch (error) {
      const code = error instanceof ApiCallError ? error.code : 'internal';
      set({
        connection: code === 'unauthorized' ? 'unauthorized' : code === 'unreachable' ? 'unreachable' : 'error',
        message: errorMessage(error),
      });
    }
  },
  setHelpOpen: (helpOpen) => set({ helpOpen }),
}));

/** Moves focus to the search box in the top bar. */
export function focusSearch(): void {
  const input = document.getElementById('global-search') as HTMLInputElement | null;
  input?.focus();
  input?.select();
}

import { create } from 'zustand';
import type { EventPayload } from '../../../src-shared/contract/events';
import { errorMessage, invoke, subscribe } from '../../api/client';

type Progress = EventPayload<'demo.progress'>;

interface DemoState {
  loading: boolean;
  progress: Progress | null;
  error: string | null;
  /**
   * Fills an empty desk with a demo shop (the core's default number of orders). `afterLoad` runs before
   * the progress disappears (the list fetching its first rows), so the empty state never flashes back.
   */
  load(afterLoad?: () => Promise<void>): Promise<boolean>;
}

export const useDemo = create<DemoState>()((set, get) => ({
  loading: false,
  progress: null,
  error: null,
  async load(afterLoad) {
    if (get().loading) return false;
    set({ loading: true, error: null, progress: { done: 0, total: 0, finished: false } });
    try {
      await invoke('demo.load', {});
      await afterLoad?.().catch(() => undefined);
      set({ loading: false, progress: null });
      return true;
    } catch (error) {
      set({ loading: false, progress: null, error: errorMessage(error) });
      return false;
    }
  },
}));

/** Progress comes as events (also when another window started the load). */
export function watchDemoProgress(): () => void {
  return subscribe('demo.progress', (progress) => {
    if (progress.finished) {
      useDemo.setState((s) => ({ progress: s.loading ? progress : null }));
    } else {
      useDemo.setState({ progress });
    }
  });
}

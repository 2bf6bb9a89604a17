/**
 * What every form screen (order, supplier, product) does the same way: load or reset when the route's id
 * changes, ask before leaving with unsaved changes, put the cursor in the first field that needs fixing, and
 * Ctrl/Cmd+S saves (Ctrl/Cmd+Enter submits where the form has a submit). The keys work while typing, not while
 * a dialog is open.
 */
import { useEffect, useLayoutEffect, useRef } from 'react';
import { useRouter } from './router';

export interface FormScreenOptions {
  /** The route's id (undefined for a new item); `load` runs again whenever it changes. */
  id: number | undefined;
  load(id: number | undefined): void;
  isDirty(): boolean;
  /** The store's counter, bumped to ask for focus on the first invalid field (or the summary). */
  focusRequest: number;
  save(): Promise<void>;
  submit?: () => Promise<void>;
}

export function useFormScreen(options: FormScreenOptions) {
  const formRef = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const latest = useRef(options);
  latest.current = options;
  const { id, focusRequest } = options;

  // Load (or reset) when the route changes, before the first paint so old values never flash.
  useLayoutEffect(() => {
    latest.current.load(id);
  }, [id]);

  // Ask before leaving with unsaved changes.
  useEffect(() => {
    const { setBlocker } = useRouter.getState();
    setBlocker(() => latest.current.isDirty());
    return () => setBlocker(null);
  }, []);

  // After a failed check, put the cursor in the first field that needs fixing.
  useEffect(() => {
    if (focusRequest === 0) return;
    const first = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (first) first.focus();
    else summaryRef.current?.focus();
  }, [focusRequest]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || document.querySelector('dialog[open]')) return;
      const { save, submit } = latest.current;
      if (event.key === 's' || event.key === 'S') {
        event.preventDefault();
        void save();
      } else if (event.key === 'Enter' && submit) {
        event.preventDefault();
        void submit();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return { formRef, summaryRef };
}

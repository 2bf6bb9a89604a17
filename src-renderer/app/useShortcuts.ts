import { useEffect, useRef } from 'react';
import { isTypingTarget } from '../components/format';
import { focusSearch, useApp } from './appStore';
import { navigate, paths } from './router';

/**
 * A screen's own single keys (the Needs review queue's j/k/o/r/Enter, the Exceptions inbox's j/k/Enter). Asked before the app-wide keys, under the
 * same rules: never while typing in a field, never while a dialog is open, never with Ctrl/Cmd/Alt. Returns true
 * when it used the key. The most recently mounted screen is asked first.
 */
export type ScreenKeyHandler = (event: KeyboardEvent) => boolean;
const screenHandlers: ScreenKeyHandler[] = [];

/** Registers a screen's keys while it is mounted (see ScreenKeyHandler); list them in HelpDialog too. */
export function useScreenKeys(handler: ScreenKeyHandler): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    const registered: ScreenKeyHandler = (event) => latest.current(event);
    screenHandlers.unshift(registered);
    return () => {
      const index = screenHandlers.indexOf(registered);
      if (index >= 0) screenHandlers.splice(index, 1);
    };
  }, []);
}

/** A focused button or link keeps Enter and Space for itself. */
export function isActivatableTarget(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest('button, a[href], summary, [role="tab"], [role="checkbox"]') !== null;
}

/**
 * App-wide keys: `n` new order, `/` or Ctrl/Cmd+K search (`/` prefers a screen's own `[data-search-local]` box), `?` help,
 * plus whatever the current screen registered with useScreenKeys. Single keys are ignored while
 * typing in a field or while a dialog is open (Escape there is the dialog's own).
 */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const dialogOpen = document.querySelector('dialog[open]') !== null;
      if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'k') {
        if (dialogOpen) return;
        event.preventDefault();
        focusSearch();
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey || dialogOpen || isTypingTarget(event.target)) return;
      for (const handler of [...screenHandlers]) {
        if (handler(event)) {
          event.preventDefault();
          return;
        }
      }
      switch (event.key) {
        case 'n':
          event.preventDefault();
          navigate(paths.newOrder());
          break;
        case '/': {
          event.preventDefault();
          // A screen with its own search box (Products) takes `/` there; Ctrl/Cmd+K stays the orders search.
          const local = document.querySelector<HTMLInputElement>('[data-search-local]');
          if (local) {
            local.focus();
            local.select();
          } else {
            focusSearch();
          }
          break;
        }
        case '?':
          event.preventDefault();
          useApp.getState().setHelpOpen(true);
          break;
        default:
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

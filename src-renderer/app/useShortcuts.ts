import { useEffect } from 'react';
import { isTypingTarget } from '../components/format';
import { focusSearch, useApp } from './appStore';
import { navigate, paths } from './router';

/**
 * App-wide keys: `n` new order, `/` or Ctrl/Cmd+K search (`/` prefers a screen's own `[data-search-local]` box), `?` help. Single keys are ignored while
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

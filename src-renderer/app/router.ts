/**
 * A tiny hash router: the route lives in `location.hash` (#/orders, #/orders/new, #/orders/42, #/orders/42/edit,
 * #/review, #/exceptions, #/suppliers, #/suppliers/new, #/suppliers/7, #/products, #/products/new, #/products/3, #/settings),
 * so it survives reloads and works from file:// under Electron. A screen with unsaved work registers a
 * blocker; leaving it then asks first (see LeaveDialog), whether the user clicked a link or pressed Back.
 */
import type { MouseEvent } from 'react';
import { create } from 'zustand';

export type Route =
  | { name: 'orders' }
  | { name: 'new' }
  | { name: 'order'; id: number }
  | { name: 'edit'; id: number }
  | { name: 'suppliers' }
  | { name: 'newSupplier' }
  | { name: 'supplier'; id: number }
  | { name: 'products' }
  | { name: 'newProduct' }
  | { name: 'product'; id: number }
  | { name: 'review' }
  | { name: 'exceptions' }
  | { name: 'settings' }
  | { name: 'notFound'; path: string };

export const paths = {
  orders: () => '#/orders',
  newOrder: () => '#/orders/new',
  order: (id: number) => `#/orders/${id}`,
  editOrder: (id: number) => `#/orders/${id}/edit`,
  suppliers: () => '#/suppliers',
  newSupplier: () => '#/suppliers/new',
  supplier: (id: number) => `#/suppliers/${id}`,
  products: () => '#/products',
  newProduct: () => '#/products/new',
  product: (id: number) => `#/products/${id}`,
  review: () => '#/review',
  exceptions: () => '#/exceptions',
  settings: () => '#/settings',
};

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '');
  if (path === '' || path === '/' || path === '/orders' || !path.startsWith('/')) return { name: 'orders' };
  if (path === '/orders/new') return { name: 'new' };
  const match = /^\/orders\/(\d{1,15})(\/edit)?$/.exec(path);
  if (match) {
    const id = Number(match[1]);
    if (id > 0) return match[2] ? { name: 'edit', id } : { name: 'order', id };
  }
  if (path === '/review') return { name: 'review' };
  if (path === '/exceptions') return { name: 'exceptions' };
  if (path === '/settings') return { name: 'settings' };
  if (path === '/suppliers') return { name: 'suppliers' };
  if (path === '/suppliers/new') return { name: 'newSupplier' };
  if (path === '/products') return { name: 'products' };
  if (path === '/products/new') return { name: 'newProduct' };
  const item = /^\/(suppliers|products)\/(\d{1,15})$/.exec(path);
  if (item) {
    const id = Number(item[2]);
    if (id > 0) return item[1] === 'suppliers' ? { name: 'supplier', id } : { name: 'product', id };
  }
  return { name: 'notFound', path };
}

interface RouterState {
  route: Route;
  hash: string;
  /** A navigation held back by a blocker, waiting for the user to confirm. */
  pending: string | null;
  blocker: (() => boolean) | null;
  setBlocker(blocker: (() => boolean) | null): void;
  confirmLeave(): void;
  cancelLeave(): void;
}

export const useRouter = create<RouterState>()((set, get) => ({
  route: parseHash(window.location.hash),
  hash: window.location.hash,
  pending: null,
  blocker: null,
  setBlocker: (blocker) => set({ blocker }),
  confirmLeave() {
    const target = get().pending;
    set({ pending: null, blocker: null });
    if (target !== null) go(target, false);
  },
  cancelLeave: () => set({ pending: null }),
}));

function apply(hash: string): void {
  useRouter.setState({ route: parseHash(hash), hash });
}

function go(hash: string, replace: boolean): void {
  const url = `${window.location.pathname}${window.location.search}${hash}`;
  if (replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  apply(hash);
}

/** Go to a route. Asks first when the current screen has unsaved changes (unless `force`). */
export function navigate(hash: string, options: { replace?: boolean; force?: boolean } = {}): void {
  const state = useRouter.getState();
  if (hash === state.hash) return;
  if (!options.force && state.blocker?.()) {
    useRouter.setState({ pending: hash });
    return;
  }
  if (options.force) useRouter.setState({ blocker: null });
  go(hash, options.replace ?? false);
}

let started = false;
/** Starts listening to the address bar; call once, after the api client has taken its token from the hash. */
export function startRouter(): void {
  if (started) return;
  started = true;
  const initial = window.location.hash;
  const normalized = initial.startsWith('#/') ? initial : paths.orders();
  if (normalized !== initial) window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}${normalized}`);
  apply(normalized);

  window.addEventListener('hashchange', () => {
    const next = window.location.hash;
    const state = useRouter.getState();
    if (next === state.hash) return;
    if (state.blocker?.()) {
      // Put the address back (without a new history entry) and ask.
      window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}${state.hash}`);
      useRouter.setState({ pending: next });
      return;
    }
    apply(next);
  });

  window.addEventListener('beforeunload', (event) => {
    if (useRouter.getState().blocker?.()) {
      event.preventDefault();
      // Older engines need returnValue set to show the prompt.
      event.returnValue = '';
    }
  });
}

/** For <a href> links: lets the router (and its blocker) handle plain clicks. */
export function linkHandler(hash: string, options: { replace?: boolean } = {}) {
  return (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(hash, options);
  };
}

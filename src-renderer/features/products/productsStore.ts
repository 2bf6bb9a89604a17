/**
 * The Products list (search + pages of PAGE_SIZE products with their variants) and a small cache of the
 * products seen, so a product page opens at once from the list and after a save.
 */
import { create } from 'zustand';
import type { ProductView } from '../../../src-shared/domain/catalog';
import { ApiCallError, errorMessage, invoke } from '../../api/client';

export const PRODUCTS_PAGE_SIZE = 25;
export const PRODUCT_SEARCH_DEBOUNCE_MS = 200;

interface ProductsState {
  searchText: string;
  search: string;
  offset: number;
  rows: ProductView[] | null;
  total: number | null;
  loading: boolean;
  error: string | null;
  setSearchText(text: string): void;
  applySearchNow(): void;
  setOffset(offset: number): void;
  load(): Promise<void>;
}

const cache = new Map<number, ProductView>();
const io = { request: 0, timer: undefined as ReturnType<typeof setTimeout> | undefined, mounted: false, stale: false };

export function rememberProduct(product: ProductView): void {
  cache.set(product.id, product);
}

export const useProducts = create<ProductsState>()((set, get) => ({
  searchText: '',
  search: '',
  offset: 0,
  rows: null,
  total: null,
  loading: false,
  error: null,
  setSearchText(text) {
    set({ searchText: text });
    clearTimeout(io.timer);
    io.timer = setTimeout(() => get().applySearchNow(), PRODUCT_SEARCH_DEBOUNCE_MS);
  },
  applySearchNow() {
    clearTimeout(io.timer);
    const search = get().searchText.trim();
    if (search === get().search) return;
    set({ search, offset: 0 });
    void get().load();
  },
  setOffset(offset) {
    set({ offset: Math.max(0, offset) });
    void get().load();
  },
  async load() {
    const mine = ++io.request;
    const { search, offset } = get();
    set({ loading: true });
    try {
      const page = await invoke('catalog.listProducts', { search, offset, limit: PRODUCTS_PAGE_SIZE });
      if (mine !== io.request) return;
      for (const product of page.rows) rememberProduct(product);
      // A page past the end (products removed elsewhere): go back to the last page that has rows.
      if (page.rows.length === 0 && offset > 0 && page.total > 0) {
        set({ offset: Math.floor((page.total - 1) / PRODUCTS_PAGE_SIZE) * PRODUCTS_PAGE_SIZE });
        void get().load();
        return;
      }
      set({ rows: page.rows, total: page.total, loading: false, error: null });
    } catch (error) {
      if (mine === io.request) set({ loading: false, error: errorMessage(error) });
    }
  },
}));

export function productsListMounted(mounted: boolean): void {
  io.mounted = mounted;
  if (mounted && (io.stale || useProducts.getState().rows === null)) void useProducts.getState().load();
  if (mounted) io.stale = false;
}

/** On `catalog.changed`: refresh the list if it is on screen, else when it next shows. */
export function productsChanged(): void {
  if (io.mounted) void useProducts.getState().load();
  else io.stale = true;
}

/** One product by id: from the cache unless `fresh`, else from the core (a reload on its page). */
export async function fetchProduct(id: number, options: { fresh?: boolean } = {}): Promise<ProductView | null> {
  if (!options.fresh) {
    const cached = cache.get(id);
    if (cached) return cached;
  }
  try {
    const product = await invoke('catalog.getProduct', { id });
    rememberProduct(product);
    return product;
  } catch (error) {
    if (error instanceof ApiCallError && error.code === 'not_found') return null;
    throw error;
  }
}

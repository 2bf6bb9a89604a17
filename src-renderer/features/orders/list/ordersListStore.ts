/**
 * The orders list as a sparse, paged window over the whole result set: `total` comes with the first page,
 * pages of PAGE_SIZE rows are fetched by offset only when the virtualized list shows them, at most
 * MAX_IN_FLIGHT at a time and always for what is on screen *now* (a fast scroll does not queue every page
 * it passed). A refresh keeps showing the old rows while the visible pages are fetched again.
 */
import { create } from 'zustand';
import type { OrderSummary, StageCounts } from '../../../../src-shared/domain/order';
import type { Stage } from '../../../../src-shared/domain/stage';
import { errorMessage, invoke } from '../../../api/client';

export const PAGE_SIZE = 100;
const MAX_IN_FLIGHT = 2;
const MAX_CACHED_PAGES = 200;
export const SEARCH_DEBOUNCE_MS = 200;

interface CachedPage {
  rows: OrderSummary[];
  /** The query generation this page was fetched for; older pages are shown but fetched again. */
  generation: number;
}

interface OrdersListState {
  stage: Stage | null;
  /** What is typed in the search box. */
  searchText: string;
  /** The search actually applied (searchText after the debounce). */
  search: string;
  total: number | null;
  pages: ReadonlyMap<number, CachedPage>;
  error: string | null;
  counts: StageCounts | null;
  countsError: string | null;
  /** Index of the highlighted row (keyboard selection), or -1. */
  selected: number;

  setStage(stage: Stage | null): void;
  setSearchText(text: string): void;
  /** Applies the typed search now (Enter in the box) instead of after the debounce. */
  applySearchNow(): void;
  clearFilters(): void;
  showRange(firstIndex: number, lastIndex: number): void;
  refresh(): void;
  retry(): void;
  select(index: number): void;
  loadCounts(): Promise<void>;
  rowAt(index: number): OrderSummary | undefined;
}

/** Not state anyone renders: bookkeeping for requests. */
const io = {
  generation: 0,
  inFlight: new Set<number>(),
  wanted: [0, 0] as [number, number],
  searchTimer: undefined as ReturnType<typeof setTimeout> | undefined,
  countsRequest: 0,
  /** Where the list was scrolled, so coming back from an order puts the user where they were. */
  scrollOffset: 0,
  mounted: false,
  stale: false,
  refreshTimer: undefined as ReturnType<typeof setTimeout> | undefined,
  /** While the view jumps far (scrollbar drag), fetch only once it settles. */
  jumpTimer: undefined as ReturnType<typeof setTimeout> | undefined,
};

const JUMP_SETTLE_MS = 80;

const REFRESH_COALESCE_MS = 250;

/**
 * Called for every `orders.changed`: refreshes soon if the list is on screen, else when it next shows. The stage
 * counts are refreshed either way: the sidebar shows how many orders need review on every screen.
 */
export function ordersChanged(): void {
  if (!io.mounted) io.stale = true;
  if (io.refreshTimer !== undefined) return;
  io.refreshTimer = setTimeout(() => {
    io.refreshTimer = undefined;
    if (io.mounted) useOrdersList.getState().refresh();
    else void useOrdersList.getState().loadCounts();
  }, REFRESH_COALESCE_MS);
}

/** The list screen tells the store when it is on screen. */
export function listMounted(mounted: boolean): void {
  io.mounted = mounted;
  if (!mounted) return;
  const state = useOrdersList.getState();
  if (state.total === null && state.pages.size === 0) {
    state.showRange(0, 0);
    void state.loadCounts();
  } else if (io.stale || state.counts === null) {
    state.refresh();
  }
  io.stale = false;
}

export function savedScrollOffset(): number {
  return io.scrollOffset;
}
export function saveScrollOffset(offset: number): void {
  io.scrollOffset = offset;
}

export const useOrdersList = create<OrdersListState>()((set, get) => {
  /** A different question: forget the rows (they answer the old one) and start from the top. */
  const restart = () => {
    io.generation += 1;
    io.inFlight.clear();
    io.wanted = [0, 0];
    io.scrollOffset = 0;
    set({ pages: new Map(), total: null, error: null, selected: -1 });
    pump();
  };

  const pump = () => {
    const { pages } = get();
    const [first, last] = io.wanted;
    // Closest to the top of the viewport first.
    for (let page = first; page <= last && io.inFlight.size < MAX_IN_FLIGHT; page += 1) {
      const cached = pages.get(page);
      if ((!cached || cached.generation !== io.generation) && !io.inFlight.has(page)) void load(page);
    }
  };

  const load = async (page: number) => {
    const generation = io.generation;
    io.inFlight.add(page);
    const { stage, search } = get();
    try {
      const result = await invoke('orders.list', {
        ...(stage ? { stage } : {}), search, offset: page * PAGE_SIZE, limit: PAGE_SIZE,
      });
      if (generation !== io.generation) return;
      const pages = new Map(get().pages);
      pages.set(page, { rows: result.rows, generation });
      evict(pages);
      set({ pages, total: result.total, error: null });
    } catch (error) {
      if (generation === io.generation) set({ error: errorMessage(error) });
      return;
    } finally {
      if (generation === io.generation) io.inFlight.delete(page);
    }
    pump();
  };

  const evict = (pages: Map<number, CachedPage>) => {
    if (pages.size <= MAX_CACHED_PAGES) return;
    const [first, last] = io.wanted;
    const distance = (p: number) => (p < first ? first - p : p > last ? p - last : 0);
    const byDistance = [...pages.keys()].sort((a, b) => distance(b) - distance(a));
    for (const page of byDistance.slice(0, pages.size - MAX_CACHED_PAGES)) pages.delete(page);
  };

  return {
    stage: null,
    searchText: '',
    search: '',
    total: null,
    pages: new Map(),
    error: null,
    counts: null,
    countsError: null,
    selected: -1,

    setStage(stage) {
      if (stage === get().stage) return;
      set({ stage });
      restart();
    },
    setSearchText(text) {
      set({ searchText: text });
      clearTimeout(io.searchTimer);
      io.searchTimer = setTimeout(() => get().applySearchNow(), SEARCH_DEBOUNCE_MS);
    },
    applySearchNow() {
      clearTimeout(io.searchTimer);
      const search = get().searchText.trim();
      if (search === get().search) return;
      set({ search });
      restart();
    },
    clearFilters() {
      clearTimeout(io.searchTimer);
      set({ stage: null, searchText: '', search: '' });
      restart();
    },
    showRange(firstIndex, lastIndex) {
      const first = Math.max(0, Math.floor(firstIndex / PAGE_SIZE));
      const last = Math.max(first, Math.floor(Math.max(lastIndex, 0) / PAGE_SIZE));
      const [oldFirst, oldLast] = io.wanted;
      io.wanted = [first, last];
      clearTimeout(io.jumpTimer);
      // Scrolling by wheel or keys moves a page or so at a time: fetch now. A far jump may be one step
      // of a scrollbar drag: wait until it settles rather than fetch every page it passes.
      const far = first > oldLast + 1 || last < oldFirst - 1;
      if (far && get().total !== null) io.jumpTimer = setTimeout(pump, JUMP_SETTLE_MS);
      else pump();
    },
    refresh() {
      // Same question, newer answer: keep the rows on screen until their fresh copies arrive.
      io.generation += 1;
      io.inFlight.clear();
      pump();
      void get().loadCounts();
    },
    retry() {
      set({ error: null });
      if (get().total === null) restart();
      else get().refresh();
    },
    select(index) {
      const total = get().total ?? 0;
      if (total === 0) {
        set({ selected: -1 });
        return;
      }
      set({ selected: Math.min(Math.max(index, 0), total - 1) });
    },
    async loadCounts() {
      const request = ++io.countsRequest;
      try {
        const counts = await invoke('orders.stageCounts', {});
        if (request === io.countsRequest) set({ counts, countsError: null });
      } catch (error) {
        if (request === io.countsRequest) set({ countsError: errorMessage(error) });
      }
    },
    rowAt(index) {
      const page = get().pages.get(Math.floor(index / PAGE_SIZE));
      return page?.rows[index % PAGE_SIZE];
    },
  };
});


/** Moves keyboard focus into the orders table (from the search box), selecting the first row if none is. */
export function focusOrdersTable(): boolean {
  const table = document.querySelector<HTMLElement>('[data-testid="orders-table"]');
  if (!table) return false;
  table.focus();
  return true;
}

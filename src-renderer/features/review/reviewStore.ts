/**
 * The Needs review queue: the orders in stage needs_review (failed checks or open holds), one selected at a
 * time with its full detail beside the list. Resolving or re-running the selected order moves the selection
 * to the next one, so a person can walk the queue with the keyboard.
 */
import { create } from 'zustand';
import type { OrderDetail, OrderSummary } from '../../../src-shared/domain/order';
import { MAX_PAGE } from '../../../src-shared/schemas/orders-procedures';
import { errorMessage, invoke } from '../../api/client';
import type { ReviewItem } from '../processing/checkModel';
import { resolveReviewItems } from '../processing/resolve';
import type { ResolveOutcome } from '../processing/ResolveDialog';

interface ReviewState {
  rows: OrderSummary[];
  /** How many orders need review in all (the list shows at most MAX_PAGE). */
  total: number | null;
  error: string | null;
  selectedId: number | null;
  detail: OrderDetail | null;
  detailError: string | null;
  busy: 'resolve' | 'rerun' | null;
  notice: string | null;
  actionError: string | null;

  load(prefer?: { id: number | null; index: number }): Promise<void>;
  select(id: number): void;
  /** Moves the selection down (+1) or up (-1). */
  move(delta: number): void;
  resolve(note: string, items: ReviewItem[]): Promise<ResolveOutcome>;
  rerun(): Promise<void>;
}

let listRequest = 0;
let detailRequest = 0;

const io = {
  mounted: false,
  refreshTimer: undefined as ReturnType<typeof setTimeout> | undefined,
  changedIds: [] as number[] | 'all',
};

/** `orders.changed` while the queue is on screen: fetch it again soon (several changes, one fetch). */
export function reviewQueueChanged(ids: readonly number[]): void {
  if (!io.mounted) return;
  io.changedIds = io.changedIds === 'all' || ids.length === 0 ? 'all' : [...io.changedIds, ...ids];
  if (io.refreshTimer !== undefined) return;
  io.refreshTimer = setTimeout(() => {
    io.refreshTimer = undefined;
    const changed = io.changedIds;
    io.changedIds = [];
    const { selectedId, busy } = useReview.getState();
    // The queue's own action reloads when it is done.
    if (busy) return;
    void useReview.getState().load();
    if (selectedId !== null && (changed === 'all' || changed.includes(selectedId))) void loadDetail(selectedId);
  }, 250);
}

export function reviewMounted(mounted: boolean): void {
  io.mounted = mounted;
  if (mounted) {
    useReview.setState({ notice: null, actionError: null });
    void useReview.getState().load();
  }
}

async function loadDetail(id: number): Promise<void> {
  const mine = ++detailRequest;
  try {
    const detail = await invoke('orders.get', { id });
    if (mine === detailRequest && useReview.getState().selectedId === id) useReview.setState({ detail, detailError: null });
  } catch (error) {
    if (mine === detailRequest && useReview.getState().selectedId === id) useReview.setState({ detailError: errorMessage(error) });
  }
}

/** An action's answer for the selected order: shown, and older reads still on their way are ignored. */
function showDetail(order: OrderDetail): { detail?: OrderDetail } {
  if (useReview.getState().selectedId !== order.id) return {};
  detailRequest += 1;
  return { detail: order };
}

export const useReview = create<ReviewState>()((set, get) => {
  const choose = (id: number | null) => {
    const same = id === get().selectedId;
    set({ selectedId: id, ...(same ? {} : { detail: null, detailError: null }) });
    if (id !== null) void loadDetail(id);
  };

  return {
    rows: [],
    total: null,
    error: null,
    selectedId: null,
    detail: null,
    detailError: null,
    busy: null,
    notice: null,
    actionError: null,

    async load(prefer) {
      const mine = ++listRequest;
      try {
        const page = await invoke('orders.list', { stage: 'needs_review', offset: 0, limit: MAX_PAGE });
        if (mine !== listRequest) return;
        const rows = page.rows;
        const before = get();
        const wanted = prefer ? prefer.id : before.selectedId;
        let next: OrderSummary | undefined = rows.find((r) => r.id === wanted);
        if (!next && rows.length > 0) {
          // The wanted order left the queue: stay at the same place in the list.
          const oldIndex = prefer?.index ?? before.rows.findIndex((r) => r.id === before.selectedId);
          next = rows[Math.min(Math.max(oldIndex, 0), rows.length - 1)];
        }
        set({ rows, total: page.total, error: null });
        if ((next?.id ?? null) !== get().selectedId || (next && !get().detail)) choose(next?.id ?? null);
      } catch (error) {
        if (mine === listRequest) set({ error: errorMessage(error) });
      }
    },

    select(id) {
      if (id !== get().selectedId) set({ notice: null, actionError: null });
      choose(id);
    },

    move(delta) {
      const { rows, selectedId } = get();
      if (rows.length === 0) return;
      const index = rows.findIndex((r) => r.id === selectedId);
      const target = rows[Math.min(Math.max(index < 0 ? 0 : index + delta, 0), rows.length - 1)];
      if (target) get().select(target.id);
    },

    async resolve(note, items) {
      const { selectedId, rows, busy } = get();
      if (selectedId === null || busy) return { ok: false, message: 'Another action is still running.' };
      set({ busy: 'resolve', notice: null, actionError: null });
      const index = rows.findIndex((r) => r.id === selectedId);
      const number = rows[index]?.number ?? get().detail?.number ?? '';
      const result = await resolveReviewItems(selectedId, note, items);
      if (!result.ok) {
        set({ busy: null, ...(result.order ? showDetail(result.order) : {}) });
        return { ok: false, message: result.message, field: result.field };
      }
      const stillInReview = result.order.stage === 'needs_review';
      const following = rows[index + 1];
      const nextId = following?.id ?? (stillInReview ? selectedId : rows[index - 1]?.id ?? null);
      const nextNumber = rows.find((r) => r.id === nextId)?.number;
      set({
        busy: null,
        ...showDetail(result.order),
        notice: `${number} ${stillInReview ? 'still needs review (something is left open)' : 'resolved'}.`
          + (nextId !== null && nextId !== selectedId && nextNumber ? ` Next: ${nextNumber}.` : nextId === null ? ' Nothing else needs review.' : ''),
      });
      await get().load({ id: nextId, index: Math.max(0, stillInReview ? index + 1 : index) });
      return { ok: true };
    },

    async rerun() {
      const { selectedId, rows, busy } = get();
      if (selectedId === null || busy) return;
      set({ busy: 'rerun', notice: null, actionError: null });
      const index = rows.findIndex((r) => r.id === selectedId);
      const number = rows[index]?.number ?? '';
      try {
        const order = await invoke('verification.run', { orderId: selectedId });
        const still = order.stage === 'needs_review';
        set({
          busy: null,
          ...showDetail(order),
          notice: still ? `Checks run again on ${number}: it still needs review.` : `Checks run again on ${number}: nothing is failing now.`,
        });
        await get().load({ id: still ? selectedId : rows[index + 1]?.id ?? rows[index - 1]?.id ?? null, index });
      } catch (error) {
        set({ busy: null, actionError: errorMessage(error) });
      }
    },
  };
});

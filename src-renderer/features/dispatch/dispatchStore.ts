/**
 * What the supplier-orders panel shares with the rest of the order page: the send dialog (opened from the
 * panel, or from the next-step panel after preparing the drafts), the preview being looked at, and which PO
 * action is running (for its button's words).
 *
 * Changes go through the order page's own store (`useOrderDetail.act`), so they keep its ordering of answers
 * and its one-action-at-a-time rule, and the page shows the order they answer with.
 */
import { create } from 'zustand';
import type { ProcedureInput } from '../../../src-shared/contract/procedures';
import type { OrderDetail } from '../../../src-shared/domain/order';
import type { PoPreview } from '../../../src-shared/domain/supplier-orders';
import { errorMessage, invoke } from '../../api/client';
import { useOrderDetail, type ActionOutcome, type OrderAction } from '../orders/detail/orderDetailStore';
import { draftsOf } from './poModel';

/** The PO procedures that answer with the order. */
export type PoProcedure = Extract<OrderAction, `supplierOrders.${string}` | 'outbox.retry'>;

export type PoWork = 'prepare' | 'send' | 'answer' | 'refresh' | 'resolveUnknown' | 'retry' | 'reroute' | 'withdraw';

export type PreviewState =
  | { poId: number; status: 'loading' }
  | { poId: number; status: 'ready'; preview: PoPreview }
  | { poId: number; status: 'failed'; message: string };

interface DispatchState {
  /** The order whose send dialog is open, if any. */
  sendOrderId: number | null;
  preview: PreviewState | null;
  working: { work: PoWork; poId: number | null } | null;

  openSend(orderId: number): void;
  closeSend(): void;
  /** The next step's "Send to suppliers…": makes (or brings up to date) the drafts, then asks to send them. */
  prepareAndOpenSend(orderId: number): Promise<ActionOutcome>;
  openPreview(poId: number): Promise<void>;
  closePreview(): void;
  /** One PO procedure on the open order; `notice` words its success above the page. */
  run<N extends PoProcedure>(work: PoWork, poId: number | null, name: N, input: ProcedureInput<N>, options?: {
    notice?: (order: OrderDetail) => string | null;
    /** A button without a dialog shows its failure above the page; a dialog shows it itself. */
    showError?: boolean;
  }): Promise<ActionOutcome>;
}

let previewRequest = 0;

export const useDispatch = create<DispatchState>()((set, get) => ({
  sendOrderId: null,
  preview: null,
  working: null,

  openSend: (orderId) => set({ sendOrderId: orderId }),
  closeSend: () => set({ sendOrderId: null }),

  async prepareAndOpenSend(orderId) {
    const result = await get().run('prepare', null, 'supplierOrders.prepare', { orderId }, {
      showError: true,
      notice: (order) => (draftsOf(order).length === 0 ? 'Nothing to send: every item already has a purchase order.' : null),
    });
    if (result.ok && draftsOf(result.order).length > 0) set({ sendOrderId: orderId });
    return result;
  },

  async openPreview(poId) {
    const mine = ++previewRequest;
    set({ preview: { poId, status: 'loading' } });
    try {
      const preview = await invoke('supplierOrders.preview', { poId });
      if (mine === previewRequest) set({ preview: { poId, status: 'ready', preview } });
    } catch (error) {
      if (mine === previewRequest) set({ preview: { poId, status: 'failed', message: errorMessage(error) } });
    }
  },

  closePreview() {
    previewRequest += 1;
    set({ preview: null });
  },

  async run(work, poId, name, input, options = {}) {
    set({ working: { work, poId } });
    try {
      // The order page's store has no busy kind of its own for supplier orders: 'retry' (an outbox action, like
      // these) only locks the page's other buttons; the words on this feature's buttons come from `working`.
      return await useOrderDetail.getState().act('retry', name, input, options);
    } finally {
      set({ working: null });
    }
  },
}));

/** Whether a given PO action is the one running (for "Checking…", "Sending…"). */
export function isWorking(working: DispatchState['working'], work: PoWork, poId: number | null = null): boolean {
  return working !== null && working.work === work && (poId === null || working.poId === poId);
}

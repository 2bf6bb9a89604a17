/**
 * Which parcel or e-mail action is running on the order page (for its button's words). Changes go through the
 * order page's own store (`useOrderDetail.act`), so they keep its ordering of answers and its
 * one-action-at-a-time rule, as the supplier-orders panel does.
 */
import { create } from 'zustand';
import type { ProcedureInput } from '../../../src-shared/contract/procedures';
import type { OrderDetail } from '../../../src-shared/domain/order';
import { useOrderDetail, type ActionOutcome, type OrderAction } from '../orders/detail/orderDetailStore';

export type FulfillmentProcedure = Extract<OrderAction, `shipments.${string}` | 'outbox.retry'>;

export type FulfillmentWork = 'add' | 'checkNow' | 'recordStatus' | 'markHandled' | 'retry';

interface Working {
  work: FulfillmentWork;
  /** The shipment, PO or outbox row it is about. */
  target: number;
}

interface FulfillmentState {
  working: Working | null;
  run<N extends FulfillmentProcedure>(work: FulfillmentWork, target: number, name: N, input: ProcedureInput<N>, options?: {
    notice?: (order: OrderDetail) => string | null;
    /** A button without a dialog shows its failure above the page; a dialog shows it itself. */
    showError?: boolean;
  }): Promise<ActionOutcome>;
}

export const useFulfillment = create<FulfillmentState>()((set) => ({
  working: null,

  async run(work, target, name, input, options = {}) {
    set({ working: { work, target } });
    try {
      // 'retry' is the order page's busy kind for outbox-backed work: it locks the page's other buttons only.
      return await useOrderDetail.getState().act('retry', name, input, options);
    } finally {
      set({ working: null });
    }
  },
}));

export function isWorking(working: Working | null, work: FulfillmentWork, target: number): boolean {
  return working !== null && working.work === work && working.target === target;
}

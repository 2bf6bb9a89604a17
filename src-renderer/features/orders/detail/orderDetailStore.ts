import { create } from 'zustand';
import type { ProcedureName } from '../../../../src-shared/contract/names';
import type { ProcedureInput, ProcedureOutput } from '../../../../src-shared/contract/procedures';
import type { OrderDetail } from '../../../../src-shared/domain/order';
import { ApiCallError, errorMessage, invoke } from '../../../api/client';

/** The procedures that change one order and answer with it (checks, holds, payments, the outbox). */
export type OrderAction = {
  [N in ProcedureName]: ProcedureOutput<N> extends OrderDetail ? N : never
}[ProcedureName];

/** What a dialog's confirm gets back: done, or the message (and the input field it is about, if any). */
export type ActionOutcome = { ok: true; order: OrderDetail } | { ok: false; message: string; field?: string | undefined };

type Busy = 'submit' | 'cancel' | 'supplier' | 'checks' | 'override' | 'hold' | 'payment' | 'retry';

interface ActionError {
  message: string;
  /** The draft field the core complained about, when submitting an incomplete draft. */
  field?: string | undefined;
}

interface OrderDetailState {
  id: number | null;
  order: OrderDetail | null;
  loading: boolean;
  loadError: string | null;
  busy: Busy | null;
  actionError: ActionError | null;
  notice: string | null;

  open(id: number): Promise<void>;
  reload(): Promise<void>;
  submit(): Promise<boolean>;
  cancel(reason: string): Promise<{ ok: true } | { ok: false; message: string; field?: string | undefined }>;
  /** A person overrides routing for one line; the reason goes on the timeline. */
  setLineSupplier(lineId: number, supplierId: number, reason: string): Promise<{ ok: true } | { ok: false; message: string; field?: string | undefined }>;
  /**
   * Runs one processing procedure on the open order and shows its answer. `notice` words the result; with
   * `showError` a failure lands above the page (buttons without a dialog), else only the caller gets it (dialogs).
   */
  act<N extends OrderAction>(busy: Busy, name: N, input: ProcedureInput<N>, options?: {
    notice?: (order: OrderDetail) => string | null;
    showError?: boolean;
  }): Promise<ActionOutcome>;
  dismissMessages(): void;
}

/**
 * Every read or change of the open order takes a number when it is *sent*; an answer is shown only if no later
 * one was sent meanwhile. A change's own answer can arrive after a reload that the core's `orders.changed`
 * started (the core announces before it answers, and background work such as a capture settles at any time):
 * that reload was sent later, so it is at least as new, and the change's answer must not overwrite it.
 */
let request = 0;

export const useOrderDetail = create<OrderDetailState>()((set, get) => {
  /** A change's answer, unless a read sent after it is on its way (or back) with something at least as new. */
  const latest = (mine: number, order: OrderDetail): { order?: OrderDetail } => (mine === request && get().id === order.id ? { order } : {});

  return {
    id: null,
    order: null,
    loading: false,
    loadError: null,
    busy: null,
    actionError: null,
    notice: null,

    async open(id) {
      const same = get().id === id;
      set({ id, loading: true, loadError: null, ...(same ? {} : { order: null, actionError: null, notice: null, busy: null }) });
      await get().reload();
    },

    async reload() {
      const id = get().id;
      if (id === null) return;
      const mine = ++request;
      try {
        const order = await invoke('orders.get', { id });
        if (mine === request && get().id === id) set({ order, loading: false, loadError: null });
      } catch (error) {
        if (mine === request && get().id === id) set({ loading: false, loadError: errorMessage(error) });
      }
    },

    async submit() {
      const id = get().id;
      if (id === null || get().busy) return false;
      set({ busy: 'submit', actionError: null, notice: null });
      const mine = ++request;
      try {
        const order = await invoke('orders.submit', { id });
        set({ ...latest(mine, order), busy: null, notice: `Order ${order.number} submitted.` });
        return true;
      } catch (error) {
        set({ busy: null, actionError: { message: errorMessage(error), field: error instanceof ApiCallError ? error.field : undefined } });
        return false;
      }
    },

    async cancel(reason) {
      const id = get().id;
      if (id === null || get().busy) return { ok: false, message: 'Another action is still running.' };
      set({ busy: 'cancel', actionError: null, notice: null });
      const mine = ++request;
      try {
        const order = await invoke('orders.cancel', { id, reason });
        set({ ...latest(mine, order), busy: null, notice: `Order ${order.number} cancelled.` });
        return { ok: true };
      } catch (error) {
        set({ busy: null });
        return { ok: false, message: errorMessage(error), field: error instanceof ApiCallError ? error.field : undefined };
      }
    },

    async setLineSupplier(lineId, supplierId, reason) {
      const id = get().id;
      if (id === null || get().busy) return { ok: false, message: 'Another action is still running.' };
      set({ busy: 'supplier', actionError: null, notice: null });
      const mine = ++request;
      try {
        const order = await invoke('orders.setLineSupplier', { orderId: id, lineId, supplierId, reason });
        const line = order.lines.find((l) => l.id === lineId);
        set({ ...latest(mine, order), busy: null, notice: line?.supplier ? `“${line.title}” now goes to ${line.supplier.name}.` : 'Supplier changed.' });
        return { ok: true };
      } catch (error) {
        set({ busy: null });
        return { ok: false, message: errorMessage(error), field: error instanceof ApiCallError ? error.field : undefined };
      }
    },

    async act(busy, name, input, options = {}) {
      const id = get().id;
      if (id === null || get().busy) return { ok: false, message: 'Another action is still running.' };
      set({ busy, actionError: null, notice: null });
      const mine = ++request;
      try {
        const order = await invoke(name, input) as OrderDetail;
        // The answer is for the open order unless the user moved on meanwhile.
        if (get().id === order.id) set({ ...latest(mine, order), busy: null, notice: options.notice?.(order) ?? null });
        else set({ busy: null });
        return { ok: true, order };
      } catch (error) {
        const message = errorMessage(error);
        const field = error instanceof ApiCallError ? error.field : undefined;
        set({ busy: null, ...(options.showError ? { actionError: { message } } : {}) });
        return { ok: false, message, field };
      }
    },

    dismissMessages: () => set({ actionError: null, notice: null }),
  };
});

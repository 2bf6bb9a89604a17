import { create } from 'zustand';
import type { OrderDetail } from '../../../../src-shared/domain/order';
import { ApiCallError, errorMessage, invoke } from '../../../api/client';

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
  busy: 'submit' | 'cancel' | 'supplier' | null;
  actionError: ActionError | null;
  notice: string | null;

  open(id: number): Promise<void>;
  reload(): Promise<void>;
  submit(): Promise<boolean>;
  cancel(reason: string): Promise<{ ok: true } | { ok: false; message: string; field?: string | undefined }>;
  /** A person overrides routing for one line; the reason goes on the timeline. */
  setLineSupplier(lineId: number, supplierId: number, reason: string): Promise<{ ok: true } | { ok: false; message: string; field?: string | undefined }>;
  dismissMessages(): void;
}

let request = 0;

export const useOrderDetail = create<OrderDetailState>()((set, get) => ({
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
    try {
      const order = await invoke('orders.submit', { id });
      ++request;
      set({ order, busy: null, notice: `Order ${order.number} submitted.` });
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
    try {
      const order = await invoke('orders.cancel', { id, reason });
      ++request;
      set({ order, busy: null, notice: `Order ${order.number} cancelled.` });
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
    try {
      const order = await invoke('orders.setLineSupplier', { orderId: id, lineId, supplierId, reason });
      ++request;
      const line = order.lines.find((l) => l.id === lineId);
      set({ order, busy: null, notice: line?.supplier ? `“${line.title}” now goes to ${line.supplier.name}.` : 'Supplier changed.' });
      return { ok: true };
    } catch (error) {
      set({ busy: null });
      return { ok: false, message: errorMessage(error), field: error instanceof ApiCallError ? error.field : undefined };
    }
  },

  dismissMessages: () => set({ actionError: null, notice: null }),
}));

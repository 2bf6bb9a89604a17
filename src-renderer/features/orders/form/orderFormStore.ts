/**
 * The one order form open at a time (new order or edit draft): its values, its errors and its actions.
 * Saving checks the values with the same schema the core uses, then sends them; server errors that name
 * a field land beside that field, others show above the form.
 */
import { create } from 'zustand';
import type { VariantOption } from '../../../../src-shared/domain/catalog';
import type { OrderDetail } from '../../../../src-shared/domain/order';
import type { ValidationMode } from '../../../../src-shared/schemas/order-input';
import { errorMessage, invoke } from '../../../api/client';
import { saveFailed } from '../../../app/formSave';
import {
  applyVariantPick, checkValues, contentKey, emptyLine, emptyOrder, formPath, isFormPath, valuesFromOrder, type FieldErrors, type OrderFormValues,
} from './orderFormModel';

type Status = 'idle' | 'loading' | 'ready' | 'saving' | 'notDraft' | 'loadFailed';

interface OrderFormState {
  orderId: number | null;
  orderNumber: string | null;
  status: Status;
  values: OrderFormValues;
  savedKey: string;
  errors: FieldErrors;
  /** Which check the errors came from; once set, errors are re-checked live as the person types. */
  checkedAs: ValidationMode | null;
  formError: string | null;
  /** Bumped to ask the screen to move focus to the first invalid field. */
  focusRequest: number;

  startNew(): void;
  startEdit(id: number): Promise<void>;
  /** Asks the next startEdit to show what submitting would complain about (from "Fix in the draft"). */
  checkOnNextLoad(mode: ValidationMode): void;
  setField(path: string, value: string): void;
  /** Links line `index` to a catalog variant: fills title, SKU and (same currency) unit price. */
  pickVariant(index: number, option: VariantOption): void;
  /** Makes the line a free-text line again (its text stays). */
  unlinkVariant(index: number): void;
  /** Per line key: why the picked variant's price was not filled in. */
  priceNotes: Record<number, string>;
  addLine(): void;
  removeLine(index: number): void;
  /** Saves a draft or submits; resolves to the saved order, or null when something needs fixing. */
  save(mode: ValidationMode): Promise<OrderDetail | null>;
  isDirty(): boolean;
}

/** Sets `customer.name`, `shippingAddress.city`, `lines.2.quantity`, `currency`, … immutably. */
function withField(values: OrderFormValues, path: string, value: string): OrderFormValues {
  const [head, second, third] = path.split('.');
  switch (head) {
    case 'customer':
      return { ...values, customer: { ...values.customer, [second as keyof OrderFormValues['customer']]: value } };
    case 'shippingAddress':
      return { ...values, shippingAddress: { ...values.shippingAddress, [second as keyof OrderFormValues['shippingAddress']]: value } };
    case 'lines': {
      const index = Number(second);
      return { ...values, lines: values.lines.map((l, i) => (i === index ? { ...l, [third as string]: value } : l)) };
    }
    case 'currency':
    case 'shippingCharge':
    case 'notes':
      return { ...values, [head]: value };
    default:
      return values;
  }
}

function withoutKey(notes: Record<number, string>, key: number | undefined): Record<number, string> {
  const next = { ...notes };
  if (key !== undefined) delete next[key];
  return next;
}

let loadRequest = 0;
let pendingCheck: ValidationMode | null = null;

export const useOrderForm = create<OrderFormState>()((set, get) => {
  const recheck = (values: OrderFormValues) => {
    const mode = get().checkedAs;
    return mode ? checkValues(values, mode).errors : get().errors;
  };

  return {
    orderId: null,
    orderNumber: null,
    status: 'idle',
    values: emptyOrder(),
    savedKey: contentKey(emptyOrder()),
    errors: {},
    checkedAs: null,
    formError: null,
    focusRequest: 0,
    priceNotes: {},

    startNew() {
      loadRequest += 1;
      const values = emptyOrder();
      set({ orderId: null, orderNumber: null, status: 'ready', values, savedKey: contentKey(values), errors: {}, checkedAs: null, formError: null, priceNotes: {} });
    },

    async startEdit(id) {
      const request = ++loadRequest;
      set({ orderId: id, orderNumber: null, status: 'loading', errors: {}, checkedAs: null, formError: null, priceNotes: {} });
      try {
        const order = await invoke('orders.get', { id });
        if (request !== loadRequest) return;
        if (order.stage !== 'draft') {
          set({ status: 'notDraft', orderNumber: order.number });
          return;
        }
        const values = valuesFromOrder(order);
        set({ status: 'ready', orderNumber: order.number, values, savedKey: contentKey(values) });
        const check = pendingCheck;
        pendingCheck = null;
        if (check) {
          const { errors } = checkValues(values, check);
          set((s) => ({ errors, checkedAs: check, focusRequest: s.focusRequest + 1 }));
        }
      } catch (error) {
        if (request === loadRequest) set({ status: 'loadFailed', formError: errorMessage(error) });
      }
    },

    checkOnNextLoad(mode) {
      pendingCheck = mode;
    },

    setField(path, value) {
      const before = get().values;
      const values = withField(before, path, value);
      // A price typed by hand, or another currency, answers the "catalog price is in …" note.
      let priceNotes = get().priceNotes;
      const priceOf = /^lines\.(\d+)\.unitPrice$/.exec(path);
      if (path === 'currency') priceNotes = {};
      else if (priceOf) priceNotes = withoutKey(priceNotes, before.lines[Number(priceOf[1])]?.key);
      set({ values, errors: recheck(values), priceNotes });
    },

    pickVariant(index, option) {
      const current = get().values;
      const line = current.lines[index];
      if (!line) return;
      const picked = applyVariantPick(current, index, option);
      const priceNotes = picked.values.currency !== current.currency ? {} : withoutKey(get().priceNotes, line.key);
      if (picked.note) priceNotes[line.key] = picked.note;
      set({ values: picked.values, errors: recheck(picked.values), priceNotes });
    },

    unlinkVariant(index) {
      const current = get().values;
      const line = current.lines[index];
      if (!line) return;
      const values = { ...current, lines: current.lines.map((l, i) => (i === index ? { ...l, variantId: null } : l)) };
      set({ values, errors: recheck(values), priceNotes: withoutKey(get().priceNotes, line.key) });
    },

    addLine() {
      const values = { ...get().values, lines: [...get().values.lines, emptyLine()] };
      set({ values, errors: recheck(values) });
    },

    removeLine(index) {
      const values = { ...get().values, lines: get().values.lines.filter((_, i) => i !== index) };
      set({ values, errors: recheck(values) });
    },

    async save(mode) {
      const { values, orderId, status } = get();
      if (status === 'saving' || status !== 'ready') return null;
      const checked = checkValues(values, mode);
      if (!checked.ok) {
        set((s) => ({ errors: checked.errors, checkedAs: mode, formError: null, focusRequest: s.focusRequest + 1 }));
        return null;
      }
      set({ status: 'saving', errors: {}, checkedAs: mode, formError: null });
      const order = checked.built.input;
      try {
        // One call each way: submitting an edited draft saves its fields and submits in one transaction.
        const saved = orderId === null
          ? await invoke('orders.create', mode === 'submit' ? { submit: true, order } : { submit: false, order })
          : mode === 'submit'
            ? await invoke('orders.submit', { id: orderId, order })
            : await invoke('orders.updateDraft', { id: orderId, order });
        set({ status: 'ready', orderId: saved.id, orderNumber: saved.number, savedKey: contentKey(values) });
        return saved;
      } catch (error) {
        set(saveFailed(error, (field) => {
          const path = formPath(field, checked.built.lineIndex);
          return isFormPath(path, values) ? path : null;
        }));
        return null;
      }
    },

    isDirty() {
      const { status, values, savedKey } = get();
      return (status === 'ready' || status === 'saving') && contentKey(values) !== savedKey;
    },
  };
});

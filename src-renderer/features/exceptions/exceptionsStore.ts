/**
 * The exceptions inbox: `exceptions.list`, one row selected (j/k), a filter by kind, and each row's one action.
 * After an action the list and the sidebar badge are read again and the cursor stays at the same place, so the
 * next item is under it.
 */
import { create } from 'zustand';
import type { ExceptionItem, ExceptionKind } from '../../../src-shared/domain/exceptions';
import { ApiCallError, errorMessage, invoke } from '../../api/client';
import type { NoteOutcome } from '../processing/NoteDialog';
import { useExceptionCount } from './exceptionCountStore';
import { doneNotice, keepSelection, moveSelection, visibleExceptions, type ExceptionCall } from './exceptionsModel';

interface ExceptionsState {
  items: ExceptionItem[];
  /** How many in all (the list may hold fewer); null until the first answer. */
  total: number | null;
  /** How many in all per kind, for the filter chips. */
  byKind: Partial<Record<ExceptionKind, number>>;
  error: string | null;
  kind: ExceptionKind | null;
  selectedKey: string | null;
  /** The key of the item whose action is on its way. */
  busyKey: string | null;
  notice: string | null;
  actionError: string | null;

  load(): Promise<void>;
  setKind(kind: ExceptionKind | null): void;
  select(key: string): void;
  move(delta: number): void;
  /** Runs an item's call; the outcome goes to the dialog that asked (or to `actionError` when none did). */
  run(item: ExceptionItem, call: ExceptionCall, options?: { fromDialog?: boolean }): Promise<NoteOutcome>;
  /** A row's action could not even be started (e.g. an id missing): shown like a failed call. */
  fail(message: string): void;
}

let listRequest = 0;

function send(call: ExceptionCall): Promise<unknown> {
  switch (call.name) {
    case 'holds.release': return invoke(call.name, call.input);
    case 'supplierOrders.reroute': return invoke(call.name, call.input);
    case 'outbox.retry': return invoke(call.name, call.input);
    case 'shipments.markHandled': return invoke(call.name, call.input);
    case 'payments.capture': return invoke(call.name, call.input);
  }
}

export const useExceptions = create<ExceptionsState>()((set, get) => ({
  items: [],
  total: null,
  byKind: {},
  error: null,
  kind: null,
  selectedKey: null,
  busyKey: null,
  notice: null,
  actionError: null,

  async load() {
    const mine = ++listRequest;
    try {
      const list = await invoke('exceptions.list', {});
      if (mine !== listRequest) return;
      const before = get();
      const oldRows = visibleExceptions(before.items, before.kind);
      const oldIndex = oldRows.findIndex((row) => row.key === before.selectedKey);
      // A kind filter whose last item went away would leave an empty screen that looks like "nothing to do".
      const kind = before.kind !== null && list.items.some((item) => item.kind === before.kind) ? before.kind : null;
      const rows = visibleExceptions(list.items, kind);
      set({ items: list.items, total: list.total, byKind: list.byKind, error: null, kind, selectedKey: keepSelection(rows, before.selectedKey, oldIndex) });
    } catch (error) {
      if (mine === listRequest) set({ error: errorMessage(error) });
    }
  },

  setKind(kind) {
    const rows = visibleExceptions(get().items, kind);
    const selectedKey = rows.some((row) => row.key === get().selectedKey) ? get().selectedKey : rows[0]?.key ?? null;
    set({ kind, selectedKey });
  },

  select(key) {
    if (key !== get().selectedKey) set({ selectedKey: key, notice: null, actionError: null });
  },

  move(delta) {
    const { items, kind, selectedKey } = get();
    const next = moveSelection(visibleExceptions(items, kind), selectedKey, delta);
    if (next !== null) get().select(next);
  },

  async run(item, call, options = {}) {
    if (get().busyKey !== null) return { ok: false, message: 'Another action is still running.' };
    set({ busyKey: item.key, notice: null, actionError: null, selectedKey: item.key });
    try {
      await send(call);
      set({ busyKey: null, notice: doneNotice(item, call) });
      void useExceptionCount.getState().load();
      await get().load();
      return { ok: true };
    } catch (error) {
      const message = errorMessage(error);
      const field = error instanceof ApiCallError ? error.field : undefined;
      set({ busyKey: null, actionError: options.fromDialog ? null : message });
      // The item may have been dealt with elsewhere meanwhile: the list says what is left.
      void get().load();
      return { ok: false, message, field };
    }
  },

  fail(message) {
    set({ notice: null, actionError: message });
  },
}));

/** Opening the screen: fresh messages and a fresh list. */
export function exceptionsMounted(): void {
  useExceptions.setState({ notice: null, actionError: null });
  void useExceptions.getState().load();
}

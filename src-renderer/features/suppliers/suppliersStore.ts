/**
 * The suppliers, as the list screen and the pickers (offer dialog, change-supplier dialog) see them.
 * A shop has tens of suppliers, not thousands: one call fetches them all.
 */
import { create } from 'zustand';
import type { SupplierSummary } from '../../../src-shared/domain/catalog';
import { errorMessage, invoke } from '../../api/client';

interface SuppliersState {
  suppliers: SupplierSummary[] | null;
  loading: boolean;
  error: string | null;
  load(): Promise<void>;
}

let request = 0;
let stale = true;

export const useSuppliers = create<SuppliersState>()((set) => ({
  suppliers: null,
  loading: false,
  error: null,
  async load() {
    const mine = ++request;
    stale = false;
    set({ loading: true });
    try {
      const suppliers = await invoke('suppliers.list', {});
      if (mine === request) set({ suppliers, loading: false, error: null });
    } catch (error) {
      if (mine === request) set({ loading: false, error: errorMessage(error) });
    }
  },
}));

/** Loads the list unless it is fresh (for pickers opened often). */
export function ensureSuppliers(): void {
  if (stale || useSuppliers.getState().suppliers === null) void useSuppliers.getState().load();
}

/** On `catalog.changed`: reload now if anyone shows the list, else on next use. */
export function suppliersChanged(): void {
  if (useSuppliers.getState().suppliers === null) return;
  stale = true;
  void useSuppliers.getState().load();
}

/**
 * The one supplier form open at a time (new supplier or an existing one). Saving checks with the core's
 * schema, sends one `suppliers.save`, and then forgets any credential typed: the page never holds a stored
 * credential, only whether one exists.
 */
import { create } from 'zustand';
import type { SupplierDetail } from '../../../src-shared/domain/catalog';
import { errorMessage, invoke } from '../../api/client';
import { saveFailed } from '../../app/formSave';
import type { FieldErrors } from '../../components/formErrors';
import {
  checkSupplier, contentKey, emptySupplier, noSecretChanges, secretsDirty, supplierFormPath, valuesFromSupplier,
  type SecretChange, type SecretChanges, type SecretName, type SupplierFormValues,
} from './supplierFormModel';

type Status = 'idle' | 'loading' | 'ready' | 'saving' | 'loadFailed';

interface SupplierFormState {
  id: number | null;
  status: Status;
  detail: SupplierDetail | null;
  values: SupplierFormValues;
  savedKey: string;
  secrets: SecretChanges;
  errors: FieldErrors;
  checked: boolean;
  formError: string | null;
  notice: string | null;
  focusRequest: number;

  startNew(): void;
  open(id: number): Promise<void>;
  /** Fresh data from the core (after a feed run changed counts or the last-feed time); keeps unsaved edits. */
  refreshDetail(): Promise<void>;
  setField<K extends keyof SupplierFormValues>(field: K, value: SupplierFormValues[K]): void;
  setSecret(name: SecretName, change: SecretChange): void;
  save(): Promise<SupplierDetail | null>;
  isDirty(): boolean;
}

let loadRequest = 0;

export const useSupplierForm = create<SupplierFormState>()((set, get) => {
  const recheck = (values: SupplierFormValues, secrets: SecretChanges) =>
    (get().checked ? checkSupplier(values, secrets, get().id).errors : get().errors);

  return {
    id: null,
    status: 'idle',
    detail: null,
    values: emptySupplier(),
    savedKey: contentKey(emptySupplier()),
    secrets: noSecretChanges(),
    errors: {},
    checked: false,
    formError: null,
    notice: null,
    focusRequest: 0,

    startNew() {
      loadRequest += 1;
      const values = emptySupplier();
      set({ id: null, status: 'ready', detail: null, values, savedKey: contentKey(values), secrets: noSecretChanges(), errors: {}, checked: false, formError: null, notice: null });
    },

    async open(id) {
      const mine = ++loadRequest;
      set({ id, status: 'loading', detail: null, secrets: noSecretChanges(), errors: {}, checked: false, formError: null, notice: null });
      try {
        const detail = await invoke('suppliers.get', { id });
        if (mine !== loadRequest) return;
        const values = valuesFromSupplier(detail);
        set({ status: 'ready', detail, values, savedKey: contentKey(values) });
      } catch (error) {
        if (mine === loadRequest) set({ status: 'loadFailed', formError: errorMessage(error) });
      }
    },

    async refreshDetail() {
      const { id } = get();
      if (id === null) return;
      const mine = loadRequest;
      try {
        const detail = await invoke('suppliers.get', { id });
        if (mine !== loadRequest || get().id !== id) return;
        if (get().isDirty()) {
          set({ detail });
        } else {
          const values = valuesFromSupplier(detail);
          set({ detail, values, savedKey: contentKey(values) });
        }
      } catch {
        // The page still shows what it had; the next action reports the problem.
      }
    },

    setField(field, value) {
      const values = { ...get().values, [field]: value };
      set({ values, errors: recheck(values, get().secrets), notice: null });
    },

    setSecret(name, change) {
      const secrets = { ...get().secrets, [name]: change };
      set({ secrets, errors: recheck(get().values, secrets), notice: null });
    },

    async save() {
      const { values, secrets, id, status } = get();
      if (status !== 'ready') return null;
      const checked = checkSupplier(values, secrets, id);
      if (!checked.ok) {
        set((s) => ({ errors: checked.errors, checked: true, formError: null, notice: null, focusRequest: s.focusRequest + 1 }));
        return null;
      }
      set({ status: 'saving', errors: {}, checked: true, formError: null, notice: null });
      try {
        const detail = await invoke('suppliers.save', checked.input);
        const saved = valuesFromSupplier(detail);
        // Typed credentials are dropped here: they went to the core and are never read back.
        set({
          id: detail.id, status: 'ready', detail, values: saved, savedKey: contentKey(saved), secrets: noSecretChanges(),
          checked: false, notice: `${detail.name} saved.`,
        });
        return detail;
      } catch (error) {
        set(saveFailed(error, (field) => supplierFormPath(field, values.channel)));
        return null;
      }
    },

    isDirty() {
      const { status, values, savedKey, secrets } = get();
      return (status === 'ready' || status === 'saving') && (contentKey(values) !== savedKey || secretsDirty(secrets));
    },
  };
});

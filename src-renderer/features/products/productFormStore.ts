/**
 * The product page: the product with its variants as an editable form, and the saved product (with its
 * offers per supplier) it came from. Offers are saved one at a time, apart from the form.
 */
import { create } from 'zustand';
import type { ProductView } from '../../../src-shared/domain/catalog';
import { ApiCallError, errorMessage, invoke } from '../../api/client';
import { saveFailed } from '../../app/formSave';
import { withoutPrefix, type FieldErrors } from '../../components/formErrors';
import {
  checkProduct, contentKey, emptyProduct, emptyVariant, isProductFormPath, valuesFromProduct, type ProductFormValues, type VariantValues,
} from './productFormModel';
import { fetchProduct, rememberProduct } from './productsStore';
import type { SaveOfferInput } from './offerModel';

type Status = 'idle' | 'loading' | 'ready' | 'saving' | 'loadFailed' | 'notFound';

interface ProductFormState {
  id: number | null;
  status: Status;
  product: ProductView | null;
  values: ProductFormValues;
  savedKey: string;
  errors: FieldErrors;
  checked: boolean;
  formError: string | null;
  notice: string | null;
  focusRequest: number;

  startNew(): void;
  open(id: number): Promise<void>;
  /** Fresh copy after `catalog.changed` (offers moved by a feed); keeps unsaved edits of the form. */
  refresh(): Promise<void>;
  setProductField(field: keyof ProductFormValues['product'], value: string): void;
  setVariantField(index: number, field: Exclude<keyof VariantValues, 'key' | 'id'>, value: string): void;
  addVariant(): void;
  removeVariant(index: number): void;
  save(): Promise<ProductView | null>;
  saveOffer(input: SaveOfferInput): Promise<{ ok: true } | { ok: false; message: string; field?: string | undefined }>;
  isDirty(): boolean;
}

let loadRequest = 0;

export const useProductForm = create<ProductFormState>()((set, get) => {
  const recheck = (values: ProductFormValues) => (get().checked ? checkProduct(values, get().id).errors : get().errors);
  const change = (values: ProductFormValues) => set({ values, errors: recheck(values), notice: null });
  const adopt = (product: ProductView, notice: string | null) => {
    rememberProduct(product);
    const values = valuesFromProduct(product);
    set({ id: product.id, product, values, savedKey: contentKey(values), status: 'ready', errors: {}, checked: false, notice });
  };

  return {
    id: null,
    status: 'idle',
    product: null,
    values: emptyProduct(),
    savedKey: contentKey(emptyProduct()),
    errors: {},
    checked: false,
    formError: null,
    notice: null,
    focusRequest: 0,

    startNew() {
      loadRequest += 1;
      const values = emptyProduct();
      set({ id: null, status: 'ready', product: null, values, savedKey: contentKey(values), errors: {}, checked: false, formError: null, notice: null });
    },

    async open(id) {
      const mine = ++loadRequest;
      set({ id, status: 'loading', product: null, errors: {}, checked: false, formError: null, notice: null });
      try {
        const product = await fetchProduct(id);
        if (mine !== loadRequest) return;
        if (!product) set({ status: 'notFound' });
        else adopt(product, null);
      } catch (error) {
        if (mine === loadRequest) set({ status: 'loadFailed', formError: errorMessage(error) });
      }
    },

    async refresh() {
      const { id } = get();
      if (id === null) return;
      const mine = loadRequest;
      try {
        const product = await fetchProduct(id, { fresh: true });
        if (mine !== loadRequest || get().id !== id || !product) return;
        if (get().isDirty()) set({ product });
        else adopt(product, get().notice);
      } catch {
        // Keep what is shown; the next action reports a problem.
      }
    },

    setProductField(field, value) {
      const values = get().values;
      change({ ...values, product: { ...values.product, [field]: value } });
    },

    setVariantField(index, field, value) {
      const values = get().values;
      change({ ...values, variants: values.variants.map((v, i) => (i === index ? { ...v, [field]: value } : v)) });
    },

    addVariant() {
      const values = get().values;
      const last = values.variants[values.variants.length - 1];
      change({ ...values, variants: [...values.variants, emptyVariant(last?.currency)] });
    },

    removeVariant(index) {
      const values = get().values;
      change({ ...values, variants: values.variants.filter((_, i) => i !== index) });
    },

    async save() {
      const { values, id, status } = get();
      if (status !== 'ready') return null;
      const checked = checkProduct(values, id);
      if (!checked.ok) {
        set((s) => ({ errors: checked.errors, checked: true, formError: null, notice: null, focusRequest: s.focusRequest + 1 }));
        return null;
      }
      set({ status: 'saving', errors: {}, checked: true, formError: null, notice: null });
      try {
        const product = await invoke('catalog.saveProduct', checked.input);
        adopt(product, `${product.title} saved.`);
        return product;
      } catch (error) {
        set(saveFailed(error, (field) => {
          const path = withoutPrefix(field, 'input');
          return isProductFormPath(path, values) ? path : null;
        }));
        return null;
      }
    },

    async saveOffer(input) {
      try {
        const product = await invoke('catalog.saveOffer', input);
        rememberProduct(product);
        // The form's unsaved edits stay; the offers shown come from the fresh copy.
        if (get().isDirty()) set({ product });
        else adopt(product, null);
        return { ok: true };
      } catch (error) {
        return { ok: false, message: errorMessage(error), field: error instanceof ApiCallError ? error.field : undefined };
      }
    },

    isDirty() {
      const { status, values, savedKey } = get();
      return (status === 'ready' || status === 'saving') && contentKey(values) !== savedKey;
    },
  };
});

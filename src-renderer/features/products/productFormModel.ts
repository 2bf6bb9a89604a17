/**
 * The product form (a product and its variants): typed text in, `catalog.saveProduct` input out, checked
 * with the core's `saveProductInput`. Prices are read per variant currency with parseMoneyInput.
 */
import type { z } from 'zod';
import type { ProcedureInput } from '../../../src-shared/contract/procedures';
import type { LifeStage, ProductView, Species } from '../../../src-shared/domain/catalog';
import { isCurrencyCode, minorToDecimalString, parseMoneyInput } from '../../../src-shared/domain/money';
import { saveProductInput } from '../../../src-shared/schemas/catalog-procedures';
import { errorsFromIssues, readNumber, type FieldErrors } from '../../components/formErrors';

export interface VariantValues {
  /** Stable React key; not sent. */
  key: number;
  /** The saved variant's id, null for one added in this form. */
  id: number | null;
  sku: string;
  title: string;
  size: string;
  weightG: string;
  flavour: string;
  retailPrice: string;
  currency: string;
}

export interface ProductFormValues {
  product: { title: string; brand: string; species: Species | ''; lifeStage: LifeStage };
  variants: VariantValues[];
}

export type SaveProductInput = ProcedureInput<'catalog.saveProduct'>;
export const DEFAULT_PRODUCT_CURRENCY = 'USD';

let nextKey = 1;
export function emptyVariant(currency = DEFAULT_PRODUCT_CURRENCY): VariantValues {
  return { key: nextKey++, id: null, sku: '', title: '', size: '', weightG: '', flavour: '', retailPrice: '', currency };
}

export function emptyProduct(currency = DEFAULT_PRODUCT_CURRENCY): ProductFormValues {
  return { product: { title: '', brand: '', species: '', lifeStage: 'all' }, variants: [emptyVariant(currency)] };
}

export function valuesFromProduct(p: ProductView): ProductFormValues {
  return {
    product: { title: p.title, brand: p.brand, species: p.species, lifeStage: p.lifeStage },
    variants: p.variants.map((v) => ({
      key: nextKey++, id: v.id, sku: v.sku, title: v.title, size: v.size, weightG: v.weightG === null ? '' : String(v.weightG),
      flavour: v.flavour, retailPrice: minorToDecimalString(v.retailPrice.amount, v.retailPrice.currency), currency: v.retailPrice.currency,
    })),
  };
}

export function contentKey(values: ProductFormValues): string {
  return JSON.stringify({ ...values, variants: values.variants.map(({ key: _key, ...rest }) => rest) });
}

/** Whether the form shows a field for this path (`product.title`, `variants.2.sku`, `variants`). */
export function isProductFormPath(path: string, values: ProductFormValues): boolean {
  if (path === 'variants') return true;
  const [head, second, third, extra] = path.split('.');
  if (extra !== undefined || second === undefined) return false;
  if (head === 'product') return third === undefined && Object.hasOwn(values.product, second);
  if (head === 'variants' && third !== undefined && /^\d+$/.test(second)) {
    const variant = values.variants[Number(second)];
    return variant !== undefined && third !== 'key' && third !== 'id' && Object.hasOwn(variant, third);
  }
  return false;
}

export interface CheckedProduct {
  ok: boolean;
  errors: FieldErrors;
  input: SaveProductInput;
}

export function checkProduct(values: ProductFormValues, id: number | null): CheckedProduct {
  const errors: FieldErrors = {};
  const variants = values.variants.map((v, i) => {
    let retailPrice = 0;
    if (isCurrencyCode(v.currency)) {
      const parsed = parseMoneyInput(v.retailPrice, v.currency);
      if (parsed.ok) retailPrice = parsed.amount;
      else errors[`variants.${i}.retailPrice`] = `Retail price ${parsed.reason}`;
    }
    const weight = readNumber(v.weightG);
    return {
      ...(v.id !== null ? { id: v.id } : {}),
      sku: v.sku, title: v.title, size: v.size, flavour: v.flavour, currency: v.currency, retailPrice,
      weightG: weight === undefined ? null : weight,
    };
  });
  const input: SaveProductInput = {
    ...(id !== null ? { id } : {}),
    product: { ...values.product, species: values.product.species as Species },
    variants,
  };
  const result = saveProductInput.safeParse(input);
  const all = result.success ? errors
    : errorsFromIssues((result.error as z.ZodError).issues, (p) => (isProductFormPath(p, values) ? p : null), errors);
  // Two variants with one SKU: the core refuses it too, but here the message can say which rows.
  const seen = new Map<string, number>();
  values.variants.forEach((v, i) => {
    const sku = v.sku.trim();
    if (sku === '') return;
    const first = seen.get(sku);
    if (first !== undefined && !(`variants.${i}.sku` in all)) all[`variants.${i}.sku`] = `Variant ${first + 1} already has SKU “${v.sku.trim()}”`;
    else seen.set(sku, i);
  });
  return { ok: Object.keys(all).length === 0, errors: all, input };
}

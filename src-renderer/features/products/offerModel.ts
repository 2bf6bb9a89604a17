/** The offer form (one supplier's offer for one variant), checked with the core's `saveOfferInput`. */
import type { z } from 'zod';
import type { ProcedureInput } from '../../../src-shared/contract/procedures';
import type { OfferView } from '../../../src-shared/domain/catalog';
import { isCurrencyCode, minorToDecimalString, parseMoneyInput } from '../../../src-shared/domain/money';
import { saveOfferInput } from '../../../src-shared/schemas/catalog-procedures';
import { errorsFromIssues, readNumber, type FieldErrors } from '../../components/formErrors';

export interface OfferFormValues {
  supplierId: string;
  supplierSku: string;
  cost: string;
  stock: string;
  leadTimeDays: string;
  priority: string;
}

export type SaveOfferInput = ProcedureInput<'catalog.saveOffer'>;
const FIELDS = new Set(['supplierId', 'supplierSku', 'cost', 'stock', 'leadTimeDays', 'priority']);

/** A new offer comes after the variant's existing ones in routing order. */
export function emptyOffer(existing: readonly OfferView[]): OfferFormValues {
  const priority = existing.reduce((max, o) => Math.max(max, o.priority), 0) + 1;
  return { supplierId: '', supplierSku: '', cost: '', stock: '0', leadTimeDays: '', priority: String(priority) };
}

export function valuesFromOffer(o: OfferView): OfferFormValues {
  return {
    supplierId: String(o.supplierId), supplierSku: o.supplierSku, cost: minorToDecimalString(o.cost.amount, o.cost.currency),
    stock: String(o.stock), leadTimeDays: o.leadTimeDays === null ? '' : String(o.leadTimeDays), priority: String(o.priority),
  };
}

export function offerFormPath(path: string): string | null {
  const field = path.split('.')[0] ?? '';
  return FIELDS.has(field) ? field : null;
}

/** `currency` is the chosen supplier's: offers are costed in it. */
export function checkOffer(values: OfferFormValues, variantId: number, currency: string | undefined): { ok: boolean; errors: FieldErrors; input: SaveOfferInput } {
  const errors: FieldErrors = {};
  if (values.supplierId === '') errors.supplierId = 'Choose the supplier';
  let cost = 0;
  if (currency && isCurrencyCode(currency)) {
    const parsed = parseMoneyInput(values.cost, currency);
    if (parsed.ok) cost = parsed.amount;
    else errors.cost = `Cost ${parsed.reason}`;
  }
  if (values.stock.trim() === '') errors.stock = 'Enter the stock (0 if the supplier has none)';
  if (values.priority.trim() === '') errors.priority = 'Enter the priority (1 is tried first)';
  const lead = readNumber(values.leadTimeDays);
  // The schema's own messages for this field are zod's defaults; say it in words here.
  if (lead !== undefined && !(Number.isInteger(lead) && lead >= 0 && lead <= 365)) errors.leadTimeDays = 'Lead time must be whole days from 0 to 365 (or empty for the supplier’s)';
  const input: SaveOfferInput = {
    variantId,
    supplierId: Number(values.supplierId),
    supplierSku: values.supplierSku,
    cost,
    stock: readNumber(values.stock) as number,
    leadTimeDays: lead === undefined ? null : lead,
    priority: readNumber(values.priority) as number,
  };
  const result = saveOfferInput.safeParse(input);
  const all = result.success ? errors : errorsFromIssues((result.error as z.ZodError).issues, offerFormPath, errors);
  return { ok: Object.keys(all).length === 0, errors: all, input };
}

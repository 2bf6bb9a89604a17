/**
 * The order form's values are what the person typed (text), turned into the contract's OrderInput only
 * when checked or sent. Every rule comes from src-shared: the zod schemas (draft or submit) give the
 * per-field messages, parseMoneyInput reads prices, and the totals come from computeTotals.
 */
import type { z } from 'zod';
import { formatMoney, isCurrencyCode, minorToDecimalString, parseMoneyInput, type Money, type ParseMoneyResult } from '../../../../src-shared/domain/money';
import type { VariantOption } from '../../../../src-shared/domain/catalog';
import type { OrderDetail } from '../../../../src-shared/domain/order';
import { computeTotals, type OrderTotals, type TotalsInput } from '../../../../src-shared/domain/order-totals';
import { draftOrderInput, submittedOrderInput, type OrderInput, type ValidationMode } from '../../../../src-shared/schemas/order-input';
import { lineTitleFor } from '../../catalog/catalogModel';

export interface LineValues {
  /** Stable React key; not sent. */
  key: number;
  title: string;
  sku: string;
  quantity: string;
  unitPrice: string;
  /** The catalog variant picked for this line (not text: set by the picker, cleared by its ×), or null for a free-text line. */
  variantId: number | null;
}

export interface OrderFormValues {
  customer: { name: string; email: string; phone: string };
  shippingAddress: { line1: string; line2: string; city: string; region: string; postcode: string; country: string };
  currency: string;
  lines: LineValues[];
  shippingCharge: string;
  notes: string;
}

/** Dotted input path → message, e.g. `lines.0.unitPrice` → "Unit price must be a number such as 12.50". */
export type FieldErrors = Record<string, string>;

export const DEFAULT_CURRENCY = 'USD';

let nextLineKey = 1;
export function emptyLine(): LineValues {
  return { key: nextLineKey++, title: '', sku: '', quantity: '1', unitPrice: '', variantId: null };
}

export function emptyOrder(): OrderFormValues {
  return {
    customer: { name: '', email: '', phone: '' },
    shippingAddress: { line1: '', line2: '', city: '', region: '', postcode: '', country: '' },
    currency: DEFAULT_CURRENCY,
    lines: [emptyLine()],
    shippingCharge: '',
    notes: '',
  };
}

export function valuesFromOrder(order: OrderDetail): OrderFormValues {
  const money = (amount: number) => minorToDecimalString(amount, order.currency);
  return {
    customer: { ...order.customer },
    shippingAddress: { ...order.shippingAddress },
    currency: order.currency,
    // A draft saved without lines opens with one empty line to fill in (blank lines are not saved).
    lines: order.lines.length === 0 ? [emptyLine()] : order.lines.map((l) => ({
      key: nextLineKey++, title: l.title, sku: l.sku, quantity: String(l.quantity), unitPrice: money(l.unitPrice.amount), variantId: l.variantId ?? null,
    })),
    shippingCharge: order.shippingCharge.amount === 0 ? '' : money(order.shippingCharge.amount),
    notes: order.notes,
  };
}

/** Values compared for "unsaved changes" (line keys are not content). */
export function contentKey(values: OrderFormValues): string {
  return JSON.stringify({ ...values, lines: values.lines.map(({ key: _key, ...rest }) => rest) });
}

function parseQuantity(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  // Number() so "2.5" reaches the schema as 2.5 ("must be a whole number") and "abc" as NaN ("must be a number").
  return Number(trimmed);
}

const isBlankLine = (l: LineValues) => l.variantId === null && l.title.trim() === '' && l.sku.trim() === '' && l.unitPrice.trim() === '';

/** Reads a typed amount; a currency the desk does not know leaves it unread (the schema names the currency). */
function readMoney(text: string, currency: string): ParseMoneyResult | null {
  return isCurrencyCode(currency) ? parseMoneyInput(text, currency) : null;
}

export interface BuiltInput {
  input: OrderInput;
  /** Errors found while reading the text (prices), before the schema runs. */
  parseErrors: FieldErrors;
  /** Index in `input.lines` → index in the form's lines (blank lines are left out of drafts). */
  lineIndex: number[];
}

/** Turns the typed values into the contract's input. Blank lines are dropped from a draft, not from a submit. */
export function buildInput(values: OrderFormValues, mode: ValidationMode): BuiltInput {
  const parseErrors: FieldErrors = {};
  const lineIndex: number[] = [];
  const lines: OrderInput['lines'] = [];
  values.lines.forEach((line, formIndex) => {
    if (mode === 'draft' && isBlankLine(line)) return;
    const price = readMoney(line.unitPrice, values.currency);
    if (price && !price.ok) parseErrors[`lines.${formIndex}.unitPrice`] = `Unit price ${price.reason}`;
    lineIndex.push(formIndex);
    lines.push({
      title: line.title,
      sku: line.sku,
      quantity: parseQuantity(line.quantity) as number,
      // An unreadable price already has its message; 0 lets the rest of the schema (postcode, phone) still run.
      unitPrice: price?.ok ? price.amount : 0,
      variantId: line.variantId,
    });
  });
  let shippingCharge = 0;
  if (values.shippingCharge.trim() !== '') {
    const parsed = readMoney(values.shippingCharge, values.currency);
    if (parsed?.ok) shippingCharge = parsed.amount;
    else if (parsed) parseErrors.shippingCharge = `Shipping charge ${parsed.reason}`;
  }
  return {
    input: {
      customer: { ...values.customer },
      shippingAddress: { ...values.shippingAddress },
      currency: values.currency,
      lines,
      shippingCharge,
      notes: values.notes,
    },
    parseErrors,
    lineIndex,
  };
}

/**
 * Maps an input path (from the schema, or from the server: `order.lines.0.title`) to the form's path,
 * undoing the draft's line skipping. A line index the input did not have maps to the list as a whole.
 */
export function formPath(path: readonly PropertyKey[] | string, lineIndex: readonly number[]): string {
  const parts = (typeof path === 'string' ? path.split('.') : path.map(String)).filter((p) => p !== '');
  if (parts[0] === 'order') parts.shift();
  if (parts[0] === 'lines' && parts[1] !== undefined && /^\d+$/.test(parts[1])) {
    const mapped = lineIndex[Number(parts[1])];
    if (mapped === undefined) return 'lines';
    parts[1] = String(mapped);
  }
  return parts.join('.');
}

export interface Checked {
  ok: boolean;
  errors: FieldErrors;
  built: BuiltInput;
}

/** Runs the same schema the dispatcher runs (draft or submit) and collects one message per field. */
export function checkValues(values: OrderFormValues, mode: ValidationMode): Checked {
  const built = buildInput(values, mode);
  const schema = mode === 'submit' ? submittedOrderInput : draftOrderInput;
  const result = schema.safeParse(built.input);
  const errors: FieldErrors = { ...built.parseErrors };
  if (!result.success) {
    for (const issue of (result.error as z.ZodError).issues) {
      const path = formPath(issue.path, built.lineIndex);
      // A price that could not be read already has a better message than "must be a number".
      const key = isFormPath(path, values) ? path : '_form';
      if (!(key in errors)) errors[key] = issue.message;
    }
  }
  return { ok: Object.keys(errors).length === 0, errors, built };
}

export interface Totals {
  /** null where a line's quantity or price cannot be read yet. */
  lineTotals: (Money | null)[];
  subtotal: Money | null;
  shipping: Money | null;
  total: Money | null;
}

/** Totals, or null where they are not whole safe integers (amounts far beyond what the schema accepts). */
function totalsOrNull(input: TotalsInput): OrderTotals | null {
  try {
    return computeTotals(input);
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}

/** Live totals for what is typed so far; unreadable parts show as unknown (—) rather than as zero. */
export function liveTotals(values: OrderFormValues): Totals {
  const currency = values.currency;
  const unknown = values.lines.map(() => null);
  if (!isCurrencyCode(currency)) return { lineTotals: unknown, subtotal: null, shipping: null, total: null };

  // Only whole, safe, non-negative quantities and readable prices reach computeTotals.
  const readable = values.lines.map((line) => {
    const price = parseMoneyInput(line.unitPrice, currency);
    const quantity = parseQuantity(line.quantity);
    if (!price.ok || quantity === undefined || !Number.isSafeInteger(quantity) || quantity < 0) return null;
    return { quantity, unitPrice: price.amount };
  });
  const lineTotals = readable.map((line) => (line ? totalsOrNull({ currency, shippingCharge: 0, lines: [line] })?.lineTotals[0] ?? null : null));

  let shipping: Money | null = { amount: 0, currency };
  if (values.shippingCharge.trim() !== '') {
    const parsed = parseMoneyInput(values.shippingCharge, currency);
    shipping = parsed.ok ? { amount: parsed.amount, currency } : null;
  }

  // A line without a price yet adds nothing; a price or quantity that cannot be read makes the sum unknown.
  const counted = readable.filter((_, i) => values.lines[i]?.unitPrice.trim() !== '');
  const known = counted.filter((line): line is NonNullable<typeof line> => line !== null);
  if (known.length !== counted.length) return { lineTotals, subtotal: null, shipping, total: null };
  const withShipping = shipping ? totalsOrNull({ currency, shippingCharge: shipping.amount, lines: known }) : null;
  const subtotal = withShipping?.subtotal ?? totalsOrNull({ currency, shippingCharge: 0, lines: known })?.subtotal ?? null;
  return { lineTotals, subtotal, shipping, total: withShipping?.total ?? null };
}

/**
 * Whether the form has a place to show an error for this path (others go above the form): a text field
 * the values hold (`customer.name`, `lines.2.unitPrice`, … — derived from the values, so a line that is
 * not on screen has no place) or the lines list itself. test/unit/renderer-order-form-model.test.ts walks
 * the schema to prove the values have exactly the schema's fields.
 */
export function isFormPath(path: string, values: OrderFormValues): boolean {
  if (path === 'lines') return true;
  let node: unknown = values;
  for (const part of path.split('.')) {
    if (typeof node !== 'object' || node === null) return false;
    if (Array.isArray(node)) {
      if (!/^\d+$/.test(part)) return false;
      node = node[Number(part)];
    } else {
      if (!Object.hasOwn(node, part)) return false;
      node = (node as Record<string, unknown>)[part];
    }
  }
  // Leaves are text; a line's `key` (a number) is React's and its `variantId` the picker's, not fields.
  return typeof node === 'string';
}

/**
 * Picking a catalog variant for line `index`: title, SKU and variant; the price when it is in the order's
 * currency. While nothing in the order has a price yet, the order takes the variant's currency first (no typed
 * amount changes meaning). `note` says what happened to the price when it is not plain.
 */
export function applyVariantPick(values: OrderFormValues, index: number, option: VariantOption): { values: OrderFormValues; note: string | null } {
  const line = values.lines[index];
  if (!line) return { values, note: null };
  const nothingPriced = values.lines.every((l) => l.unitPrice.trim() === '') && values.shippingCharge.trim() === '';
  const catalogCurrency = option.retailPrice.currency;
  const switchCurrency = catalogCurrency !== values.currency && nothingPriced && isCurrencyCode(catalogCurrency);
  const currency = switchCurrency ? catalogCurrency : values.currency;
  const picked = lineFromVariant(line, option, currency);
  const note = switchCurrency ? `The order is now in ${currency}, the catalog price’s currency.`
    : picked.priceSkipped ? `The catalog price is ${formatMoney(option.retailPrice)}; enter this order’s price in ${values.currency}.`
      : null;
  return { values: { ...values, currency, lines: values.lines.map((l, i) => (i === index ? picked.line : l)) }, note };
}

/** What picking a catalog variant does to a line: title, SKU and variant; the price only when it is in the order's currency. */
export function lineFromVariant(line: LineValues, option: VariantOption, orderCurrency: string): { line: LineValues; priceSkipped: boolean } {
  const samePrice = option.retailPrice.currency === orderCurrency && isCurrencyCode(orderCurrency);
  return {
    line: {
      ...line,
      title: lineTitleFor(option),
      sku: option.sku,
      variantId: option.id,
      unitPrice: samePrice ? minorToDecimalString(option.retailPrice.amount, orderCurrency) : line.unitPrice,
    },
    priceSkipped: !samePrice,
  };
}

/**
 * The rows of one order in Shopify's orders export → an ImportedOrder, or every reason it cannot be imported.
 * Shopify writes one row per line item; the order's own columns are filled on its first row only, later rows repeat
 * Name (and Email) and carry their Lineitem columns. Money is a decimal string in the order's Currency.
 */
import type {
  ImportedAddress, ImportedOrderLine, StorefrontFulfillmentState, StorefrontPaymentState,
} from '../../../src-shared/domain/storefront-orders';
import type { OrderRowGroup } from './group-order-rows';
import type { OrderFileColumns } from './order-file-columns';
import { OrderProblems } from './order-problems';
import {
  Invalid, readCountry, readCurrency, readDateTime, readMoney, readMoneyOrZero, readQuantity, readTags, withoutExcelApostrophe,
} from './order-values';
import type { BuiltOrder } from './read-order-file';

const PAYMENT_STATES: ReadonlySet<string> = new Set<StorefrontPaymentState>([
  'paid', 'pending', 'authorized', 'partially_paid', 'partially_refunded', 'refunded', 'voided',
]);

/**
 * Shopify's order Fulfillment Status → how far Shopify got. pending (a fulfillment requested from a fulfillment
 * service, nothing shipped yet) is still unfulfilled; restocked (the items went back to stock, nothing shipped) too.
 */
const FULFILLMENT_STATES: Readonly<Record<string, StorefrontFulfillmentState>> = {
  fulfilled: 'fulfilled', partial: 'partial', unfulfilled: 'unfulfilled', pending: 'unfulfilled', restocked: 'unfulfilled',
};

/** Newer exports have Payment ID and Payment References beside the older Payment Reference; the first filled one wins. */
const PAYMENT_REFERENCE_COLUMNS = ['Payment Reference', 'Payment ID', 'Payment References'] as const;

export function buildShopifyOrder(group: OrderRowGroup, columns: OrderFileColumns): BuiltOrder {
  const number = group.key;
  const first = group.rows[0];
  if (first === undefined) return { ok: false, problems: [] };
  const cell = columns.reader(first.cells);
  const problems = new OrderProblems(number, columns);

  const currencyText = cell('Currency');
  const currency = problems.take(first.line, 'Currency', currencyText, (text) => (text === ''
    ? new Invalid('but the first row of an order must name its currency')
    : readCurrency(text)));
  problems.refuseOtherCurrencies(group, 'Currency', currency, { emptyRepeatsFirst: true });

  const lines: ImportedOrderLine[] = [];
  for (const row of group.rows) {
    const rowCell = columns.reader(row.cells);
    const title = rowCell('Lineitem name');
    if (title === '') problems.refuse(row.line, 'Lineitem name', '', '');
    const quantity = problems.take(row.line, 'Lineitem quantity', rowCell('Lineitem quantity'), readQuantity);
    const unitPrice = currency === undefined
      ? undefined
      : problems.take(row.line, 'Lineitem price', rowCell('Lineitem price'), (text) => readMoney(text, currency));
    if (quantity !== undefined && unitPrice !== undefined) lines.push({ title, sku: rowCell('Lineitem sku'), quantity, unitPrice });
  }

  const amount = (column: string) => (currency === undefined
    ? undefined
    : problems.take(first.line, column, cell(column), (text) => readMoneyOrZero(text, currency)));
  const subtotal = amount('Subtotal');
  const shippingCharge = amount('Shipping');
  const taxes = amount('Taxes');
  const discount = amount('Discount Amount');
  const total = currency === undefined ? undefined : problems.take(first.line, 'Total', cell('Total'), (text) => readMoney(text, currency));

  const date = (column: string) => {
    const text = cell(column);
    return text === '' ? null : (problems.take(first.line, column, text, readDateTime) ?? null);
  };
  const createdAt = date('Created at');
  const paidAt = date('Paid at');
  const cancelledAt = date('Cancelled at');

  const shipping = readShippingAddress(cell, (column, value, problem) => problems.refuse(first.line, column, value, problem));
  const billingCountry = problems.billingCountry(first.line, 'Billing Country', cell('Billing Country'));
  const notes = problems.notes(first.line, 'Notes', columns.multiline(first.cells, 'Notes'), 'Shopify');

  if (problems.refusals.length > 0 || currency === undefined || subtotal === undefined || shippingCharge === undefined || taxes === undefined
    || discount === undefined || total === undefined || shipping === undefined) {
    return { ok: false, problems: problems.refusals };
  }
  const status = cell('Financial Status').toLowerCase();
  // An export without the column (or an empty cell) says nothing: absent, not a guess.
  const fulfillment = cell('Fulfillment Status').toLowerCase();
  const fulfillmentState = Object.hasOwn(FULFILLMENT_STATES, fulfillment) ? FULFILLMENT_STATES[fulfillment] : undefined;
  return {
    ok: true,
    notices: problems.notices,
    order: {
      source: 'shopify',
      externalId: cell('Id') || number,
      number,
      createdAt,
      currency,
      customer: {
        name: cell('Billing Name') || cell('Shipping Name'),
        email: cell('Email'),
        phone: withoutExcelApostrophe(cell('Phone') || cell('Billing Phone') || cell('Shipping Phone')),
      },
      shipping,
      billingCountry,
      lines,
      subtotal,
      shippingCharge,
      taxes,
      discount,
      total,
      paymentState: PAYMENT_STATES.has(status) ? (status as StorefrontPaymentState) : 'unknown',
      paidAt,
      paymentReference: PAYMENT_REFERENCE_COLUMNS.map((column) => cell(column)).find((value) => value !== '') ?? '',
      cancelledAt,
      notes,
      tags: readTags(cell('Tags')),
      riskLevel: cell('Risk Level').toLowerCase(),
      ...(fulfillmentState === undefined ? {} : { fulfillmentState }),
    },
  };
}

const SHIPPING_COLUMNS = [
  'Shipping Name', 'Shipping Street', 'Shipping Address1', 'Shipping Address2', 'Shipping Company', 'Shipping City', 'Shipping Zip',
  'Shipping Province', 'Shipping Province Name', 'Shipping Country', 'Shipping Phone',
] as const;

/**
 * null when every Shipping address column is empty (a digital item, a pickup); undefined when the country is not a
 * country code: an order that is to be shipped somewhere the desk cannot name is refused, not guessed.
 */
function readShippingAddress(
  cell: (column: string) => string,
  refuse: (column: string, value: string, problem: string) => void,
): ImportedAddress | null | undefined {
  if (SHIPPING_COLUMNS.every((column) => cell(column) === '')) return null;
  const country = readCountry(cell('Shipping Country'));
  if (country instanceof Invalid) {
    refuse('Shipping Country', cell('Shipping Country'), country.problem);
    return undefined;
  }
  const line1 = cell('Shipping Address1');
  return {
    name: cell('Shipping Name'),
    // Shipping Street is Address1 and Address2 joined: a file cut down to it still has a street.
    line1: line1 || cell('Shipping Street'),
    line2: line1 ? cell('Shipping Address2') : '',
    city: cell('Shipping City'),
    region: cell('Shipping Province') || cell('Shipping Province Name'),
    postcode: withoutExcelApostrophe(cell('Shipping Zip')),
    country,
    phone: withoutExcelApostrophe(cell('Shipping Phone')),
  };
}

/**
 * The rows of one order in the WooCommerce Customer / Order / Coupon Export extension's “Default - One Row per
 * Item” CSV → an ImportedOrder. That layout repeats the order's columns on every row and adds the item_* columns;
 * column names are the extension's keys (order_id, order_currency, item_sku, …). Money is a decimal string with a
 * dot, as WooCommerce formats it, in order_currency.
 */
import type { ImportedAddress, ImportedOrderLine, StorefrontPaymentState } from '../../../src-shared/domain/storefront-orders';
import type { OrderRowGroup } from './group-order-rows';
import type { OrderFileColumns } from './order-file-columns';
import { OrderProblems } from './order-problems';
import type { BuiltOrder } from './read-order-file';
import { Invalid, readCountry, readCurrency, readDateTime, readMoney, readMoneyOrZero, readQuantity } from './order-values';

/**
 * WooCommerce's order statuses → the storefront payment state. processing: paid, waiting to be shipped; on-hold:
 * waiting for a payment to be confirmed (bank transfer); pending: checkout not paid; failed: the payment failed.
 */
const PAYMENT_STATE_BY_STATUS: Readonly<Record<string, StorefrontPaymentState>> = {
  processing: 'paid', completed: 'paid', 'on-hold': 'pending', pending: 'pending', refunded: 'refunded', cancelled: 'voided',
};

export function buildWooCommerceOrder(group: OrderRowGroup, columns: OrderFileColumns): BuiltOrder {
  const number = group.key;
  const first = group.rows[0];
  if (first === undefined) return { ok: false, problems: [] };
  const cell = columns.reader(first.cells);
  const shownNumber = cell('order_number_formatted') || cell('order_number') || number;
  const problems = new OrderProblems(shownNumber, columns);

  const currencyText = cell('order_currency');
  const currency = problems.take(first.line, 'order_currency', currencyText, (text) => (text === ''
    ? new Invalid('but an order must name its currency')
    : readCurrency(text)));
  problems.refuseOtherCurrencies(group, 'order_currency', currency, { emptyRepeatsFirst: false });

  const lines: ImportedOrderLine[] = [];
  let subtotal: number | undefined = 0;
  for (const row of group.rows) {
    const rowCell = columns.reader(row.cells);
    const title = rowCell('item_name');
    if (title === '') problems.refuse(row.line, 'item_name', '', '');
    const quantity = problems.take(row.line, 'item_quantity', rowCell('item_quantity'), readQuantity);
    // item_subtotal is the line before discounts and without tax, for all its units together.
    const lineSubtotal = currency === undefined
      ? undefined
      : problems.take(row.line, 'item_subtotal', rowCell('item_subtotal'), (text) => readMoney(text, currency));
    subtotal = subtotal === undefined || lineSubtotal === undefined ? undefined : subtotal + lineSubtotal;
    if (quantity === undefined || lineSubtotal === undefined) continue;
    const unitPrice = Math.round(lineSubtotal / quantity);
    if (unitPrice * quantity !== lineSubtotal) {
      problems.notice(row.line, `the line “${title}” costs ${rowCell('item_subtotal')} for ${quantity}, which is no whole amount per unit; `
        + 'the unit price was rounded, so the lines add up to a little more or less than the order\'s subtotal.');
    }
    lines.push({ title, sku: rowCell('item_sku'), quantity, unitPrice });
  }

  const amount = (column: string) => (currency === undefined
    ? undefined
    : problems.take(first.line, column, cell(column), (text) => readMoneyOrZero(text, currency)));
  const shippingCharge = amount('shipping_total');
  const taxes = amount('tax_total');
  const discount = amount('discount_total');
  const refunded = amount('refunded_total');
  const total = currency === undefined ? undefined : problems.take(first.line, 'order_total', cell('order_total'), (text) => readMoney(text, currency));

  const date = (column: string) => {
    const text = cell(column);
    return text === '' ? null : (problems.take(first.line, column, text, readDateTime) ?? null);
  };
  const createdAt = date('order_date');
  const status = cell('status').toLowerCase().replace(/^wc-/u, '');
  if (status === 'cancelled' && createdAt === null && cell('order_date') === '') {
    problems.refuse(first.line, 'order_date', '', 'but a cancelled order needs its date (the export gives no other date for the cancellation)');
  }
  // Not every version of the extension has these; an absent column reads as ''.
  const paidAt = date('paid_date');

  const shipping = readShippingAddress(cell, (column, value, problem) => problems.refuse(first.line, column, value, problem));
  const billingCountry = problems.billingCountry(first.line, 'billing_country', cell('billing_country'));
  const notes = problems.notes(first.line, 'customer_note', columns.multiline(first.cells, 'customer_note'), 'WooCommerce');

  if (problems.refusals.length > 0 || currency === undefined || subtotal === undefined || shippingCharge === undefined || taxes === undefined
    || discount === undefined || refunded === undefined || total === undefined || shipping === undefined) {
    return { ok: false, problems: problems.refusals };
  }
  let paymentState = PAYMENT_STATE_BY_STATUS[status] ?? 'unknown';
  if (paymentState === 'paid' && refunded > 0) paymentState = refunded >= total ? 'refunded' : 'partially_refunded';
  return {
    ok: true,
    notices: problems.notices,
    order: {
      source: 'woocommerce',
      externalId: number,
      number: shownNumber,
      createdAt,
      currency,
      customer: {
        name: cell('billing_full_name') || `${cell('billing_first_name')} ${cell('billing_last_name')}`.trim(),
        email: cell('billing_email'),
        phone: cell('billing_phone'),
      },
      shipping,
      billingCountry,
      lines,
      subtotal,
      shippingCharge,
      taxes,
      discount,
      total,
      paymentState,
      paidAt,
      paymentReference: cell('transaction_id'),
      // The export says that an order was cancelled, not when: the order's date is the closest it gives.
      cancelledAt: status === 'cancelled' ? createdAt : null,
      notes,
      tags: [],
      riskLevel: '',
      // completed: WooCommerce's “fulfilled and complete”; every other status (processing, on-hold…) means not shipped yet.
      fulfillmentState: status === 'completed' ? 'fulfilled' : 'unfulfilled',
    },
  };
}

const SHIPPING_COLUMNS = [
  'shipping_first_name', 'shipping_last_name', 'shipping_full_name', 'shipping_company', 'shipping_address_1', 'shipping_address_2',
  'shipping_postcode', 'shipping_city', 'shipping_state', 'shipping_state_code', 'shipping_country',
] as const;

/** null when every shipping column is empty (a virtual product); undefined when the country is not a country code. */
function readShippingAddress(
  cell: (column: string) => string,
  refuse: (column: string, value: string, problem: string) => void,
): ImportedAddress | null | undefined {
  if (SHIPPING_COLUMNS.every((column) => cell(column) === '')) return null;
  const country = readCountry(cell('shipping_country'));
  if (country instanceof Invalid) {
    refuse('shipping_country', cell('shipping_country'), country.problem);
    return undefined;
  }
  return {
    name: cell('shipping_full_name') || `${cell('shipping_first_name')} ${cell('shipping_last_name')}`.trim(),
    line1: cell('shipping_address_1'),
    line2: cell('shipping_address_2'),
    city: cell('shipping_city'),
    region: cell('shipping_state_code') || cell('shipping_state'),
    postcode: cell('shipping_postcode'),
    country,
    // WooCommerce 5.6 added a shipping phone; exports without the column read it as ''.
    phone: cell('shipping_phone'),
  };
}

/**
 * The desk's own order-lines.csv (export-orders.ts ORDER_LINE_EXPORT_COLUMNS) read back into ImportedOrders, so
 * "what the desk exports, re-imported, gives the same orders". One row per order line, every row carrying its
 * order's columns; the order's columns are read from its first row.
 *
 * The exporter put one apostrophe before every text cell that a spreadsheet could run as a formula, or that
 * already started with one (csv-cells.ts): restoreCsvText takes exactly that one off again, so "'=HYPERLINK(…)"
 * comes back as "=HYPERLINK(…)" and "''s-Hertogenbosch" as "'s-Hertogenbosch". (The Shopify reader's
 * withoutExcelApostrophe is a different rule, for Shopify's zips and phones, and would lose a real apostrophe.)
 * Number columns are written bare and read as they are.
 */
import type {
  ImportedAddress, ImportedOrderLine, StorefrontFulfillmentState, StorefrontPaymentState, StorefrontSource,
} from '../../../src-shared/domain/storefront-orders';
import type { FulfillmentStatus, PaymentStatus } from '../../../src-shared/domain/order-status';
import { restoreCsvText } from '../export/csv-cells';
import { DESK_REQUIRED_COLUMNS } from './detect-order-file';
import type { OrderRowGroup } from './group-order-rows';
import type { OrderFileColumns } from './order-file-columns';
import { OrderProblems } from './order-problems';
import { Invalid, readCountry, readCurrency, readDateTime, readMoney, readMoneyOrZero, readQuantity } from './order-values';
import type { BuiltOrder, OrderFileLayout } from './read-order-file';

/**
 * The desk's payment status → the storefront payment state the import understands. unpaid → unknown, not pending:
 * 'pending' says a payment is on its way (the import saves it as the desk's pending), while 'unknown' records no
 * payment and leaves the order unpaid (or paid when it costs nothing), which is exactly what the desk had.
 * expired → voided: the card authorization lapsed, nothing was taken and nothing can be captured any more (the
 * storefront states have no expired). authorized stays authorized: the desk's own Stripe authorization is not
 * carried by the file, so the import treats it as held elsewhere.
 */
export const DESK_PAYMENT_STATES: Readonly<Record<PaymentStatus, StorefrontPaymentState>> = {
  unpaid: 'unknown',
  pending: 'pending',
  authorized: 'authorized',
  partially_paid: 'partially_paid',
  paid: 'paid',
  partially_refunded: 'partially_refunded',
  refunded: 'refunded',
  voided: 'voided',
  expired: 'voided',
};

/**
 * The desk's fulfillment status → how far the storefront got. returned counts as fulfilled: it was shipped, and
 * re-importing it must not make it work to send again. in_progress (a supplier order out, nothing shipped yet) is
 * still unfulfilled.
 */
export const DESK_FULFILLMENT_STATES: Readonly<Record<FulfillmentStatus, StorefrontFulfillmentState>> = {
  unfulfilled: 'unfulfilled',
  in_progress: 'unfulfilled',
  partially_fulfilled: 'partial',
  fulfilled: 'fulfilled',
  delivered: 'fulfilled',
  returned: 'fulfilled',
};

const STOREFRONT_SOURCES: ReadonlySet<string> = new Set<StorefrontSource>(['shopify', 'woocommerce', 'csv']);
/** Orders the desk numbered itself: re-imported into the same desk they are found by that number. */
const DESK_NUMBERED_SOURCES: ReadonlySet<string> = new Set(['manual', 'demo']);

const SHIPPING_COLUMNS = ['ship_line1', 'ship_line2', 'ship_city', 'ship_region', 'ship_postcode', 'ship_country'] as const;

const HOW_TO_EXPORT = 'In PetDrop Desk, open Export and choose “Order lines”.';

export const DESK_ORDER_LAYOUT: OrderFileLayout = {
  label: 'a PetDrop Desk order lines export',
  howToExport: HOW_TO_EXPORT,
  keyColumn: 'order_number',
  requiredColumns: DESK_REQUIRED_COLUMNS,
  buildOrder: buildDeskOrder,
};

function lookup<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

export function buildDeskOrder(group: OrderRowGroup, columns: OrderFileColumns): BuiltOrder {
  const first = group.rows[0];
  if (first === undefined) return { ok: false, problems: [] };
  const raw = columns.reader(first.cells);
  const cell = (column: string) => restoreCsvText(raw(column));
  const orderNumber = restoreCsvText(group.key);
  const number = cell('storefront_number') || orderNumber;
  const problems = new OrderProblems(number, columns);

  const currency = problems.take(first.line, 'currency', raw('currency'), (text) => (text === ''
    ? new Invalid('but an order must name its currency')
    : readCurrency(text)));
  problems.refuseOtherCurrencies(group, 'currency', currency, { emptyRepeatsFirst: false });

  const lines: ImportedOrderLine[] = [];
  for (const row of group.rows) {
    const rowRaw = columns.reader(row.cells);
    const title = restoreCsvText(rowRaw('title'));
    if (title === '') problems.refuse(row.line, 'title', '', '');
    const quantity = problems.take(row.line, 'quantity', rowRaw('quantity'), readQuantity);
    const unitPrice = currency === undefined
      ? undefined
      : problems.take(row.line, 'unit_price', rowRaw('unit_price'), (text) => readMoney(text, currency));
    if (quantity !== undefined && unitPrice !== undefined) lines.push({ title, sku: restoreCsvText(rowRaw('sku')), quantity, unitPrice });
  }

  const amount = (column: string, read = readMoneyOrZero) => (currency === undefined
    ? undefined
    : problems.take(first.line, column, raw(column), (text) => read(text, currency)));
  const subtotal = amount('subtotal');
  const shippingCharge = amount('shipping');
  // Exports from before taxes and discounts were columns lack them: 0, as the order had none then.
  const taxes = amount('taxes');
  const discount = amount('discount');
  const total = amount('total', readMoney);

  const date = (column: string) => {
    const text = raw(column);
    return text === '' ? null : (problems.take(first.line, column, text, readDateTime) ?? null);
  };
  const createdAt = date('created_at');
  const cancelledAt = date('cancelled_at');

  const shipping = readShippingAddress(cell, (column, value, problem) => problems.refuse(first.line, column, value, problem));
  const billingCountry = problems.billingCountry(first.line, 'billing_country', cell('billing_country'));
  const notes = problems.notes(first.line, 'notes', restoreCsvText(columns.multiline(first.cells, 'notes')), 'the desk that exported it');

  const paymentStatus = raw('payment_status').toLowerCase();
  const paymentState = lookup(DESK_PAYMENT_STATES, paymentStatus);
  if (paymentState === undefined && paymentStatus !== '') {
    problems.notice(first.line, `the column ${problems.column('payment_status')} has “${paymentStatus}”, which is no payment status of the desk; `
      + 'the order was imported with its payment state unknown.');
  }
  const fulfillmentStatus = raw('fulfillment_status').toLowerCase();
  const fulfillmentState = lookup(DESK_FULFILLMENT_STATES, fulfillmentStatus);

  if (problems.refusals.length > 0 || currency === undefined || subtotal === undefined || shippingCharge === undefined || taxes === undefined
    || discount === undefined || total === undefined || shipping === undefined) {
    return { ok: false, problems: problems.refusals };
  }
  const exportedSource = cell('source');
  const customerName = cell('customer_name');
  return {
    ok: true,
    notices: problems.notices,
    order: {
      source: STOREFRONT_SOURCES.has(exportedSource) ? (exportedSource as StorefrontSource) : 'csv',
      externalId: cell('external_id') || orderNumber,
      number,
      createdAt,
      currency,
      customer: { name: customerName, email: cell('customer_email'), phone: cell('customer_phone') },
      shipping: shipping === null ? null : { ...shipping, name: customerName, phone: cell('customer_phone') },
      billingCountry,
      lines,
      subtotal,
      shippingCharge,
      taxes,
      discount,
      total,
      paymentState: paymentState ?? 'unknown',
      // The export has no payment date or reference (payments are their own rows in the desk).
      paidAt: null,
      paymentReference: '',
      cancelledAt,
      notes,
      tags: [],
      riskLevel: '',
      ...(fulfillmentState === undefined ? {} : { fulfillmentState }),
      ...(DESK_NUMBERED_SOURCES.has(exportedSource) ? { deskNumber: orderNumber } : {}),
    },
  };
}

/**
 * null when every ship_* column is empty. The desk keeps no separate recipient: the address goes to the customer
 * (name and phone are filled in by the caller).
 */
function readShippingAddress(
  cell: (column: string) => string,
  refuse: (column: string, value: string, problem: string) => void,
): Omit<ImportedAddress, 'name' | 'phone'> | null | undefined {
  if (SHIPPING_COLUMNS.every((column) => cell(column) === '')) return null;
  const country = readCountry(cell('ship_country'));
  if (country instanceof Invalid) {
    refuse('ship_country', cell('ship_country'), country.problem);
    return undefined;
  }
  return {
    line1: cell('ship_line1'),
    line2: cell('ship_line2'),
    city: cell('ship_city'),
    region: cell('ship_region'),
    postcode: cell('ship_postcode'),
    country,
  };
}

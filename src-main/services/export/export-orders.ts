/**
 * The orders export for the shop's accountant, in two files that join on order_number: one row per order
 * (orders.csv) and one row per order line carrying its order's columns too (order-lines.csv, the file the desk
 * reads back as orders: storefront-import/desk-order.ts). Both are written so the desk can read them back
 * (issue 7: "what the desk exports, re-imported, gives the same orders"): ISO 8601 UTC times, money as a
 * decimal in the currency's own minor-unit digits with the ISO 4217 code in `currency` beside it, ISO 3166
 * country codes, the storefront's source + external id (the natural key), and stable snake_case headers.
 *
 * Rows are read in pages by keyset on (created_at, id), oldest first, each page one short query: between two
 * pages the connection is free for the desk's other calls (an open better-sqlite3 iterator would keep it busy
 * for the whole export), and a row is never skipped or repeated when orders are added meanwhile, because
 * neither key of an existing order changes. The export is therefore not one snapshot: an order whose status
 * changes while the export runs shows the state its page read.
 */
import { sql as sqlTag } from 'kysely';
import { minorToDecimalString } from '../../../src-shared/domain/money';
import { placeholder, type Sql } from '../../db/query';
import { csvChunks, type CsvColumn, type CsvOptions } from './csv-chunks';
import { rangeBounds, type ExportRange } from './export-range';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Before every order's (created_at, id): the first page's cursor. */
const START = { afterAt: Number.MIN_SAFE_INTEGER, afterId: 0 };

function ordersPageQuery(sql: Sql) {
  return sql.prepared('export.orders.page', () => sql.qb.selectFrom('orders')
    .select([
      'id', 'number', 'created_at', 'stage', 'payment_status', 'fulfillment_status', 'cancelled_at',
      'customer_name', 'customer_email', 'customer_phone',
      'ship_line1', 'ship_line2', 'ship_city', 'ship_region', 'ship_postcode', 'ship_country', 'billing_country',
      'currency', 'subtotal', 'shipping_charge', 'tax_total', 'discount_total', 'total', 'source', 'external_id', 'storefront_number', 'notes',
    ])
    .select((eb) => [
      eb.selectFrom('order_lines').select(eb.fn.countAll<number>().as('n'))
        .whereRef('order_lines.order_id', '=', 'orders.id').as('line_count'),
      // The same money amountDue counts (order-payment-state.ts): captured by payments that did not fail, refunds apart.
      eb.selectFrom('payments').select((p) => p.fn.coalesce(p.fn.sum<number>('amount_captured'), p.val(0)).as('n'))
        .whereRef('payments.order_id', '=', 'orders.id').where('payments.status', '!=', 'failed').as('amount_paid'),
      eb.selectFrom('payments').select((p) => p.fn.coalesce(p.fn.sum<number>('amount_refunded'), p.val(0)).as('n'))
        .whereRef('payments.order_id', '=', 'orders.id').where('payments.status', '!=', 'failed').as('amount_refunded'),
    ])
    .where('created_at', '>=', placeholder<number>('from'))
    .where('created_at', '<', placeholder<number>('to'))
    .where((eb) => eb(eb.refTuple('created_at', 'id'), '>', eb.tuple(placeholder<number>('afterAt'), placeholder<number>('afterId'))))
    .orderBy('created_at').orderBy('id')
    .limit(placeholder<number>('limit')));
}

export type OrderExportRow = ReturnType<ReturnType<typeof ordersPageQuery>['all']>[number];

/** Keyset pages of any query whose rows carry created_at and id, in that order. */
function* keysetPages<R extends { created_at: number; id: number }>(
  read: (values: Record<string, number>) => R[], range: ExportRange,
): Generator<R[], void, undefined> {
  const { from, to, pageSize } = rangeBounds(range);
  let cursor = START;
  for (;;) {
    const rows = read({ from, to, limit: pageSize, ...cursor });
    if (rows.length > 0) yield rows;
    const last = rows.at(-1);
    if (!last || rows.length < pageSize) return;
    cursor = { afterAt: last.created_at, afterId: last.id };
  }
}

/** The orders in the range, oldest first, one page at a time. */
export function orderExportPages(sql: Sql, range: ExportRange = {}): Generator<OrderExportRow[], void, undefined> {
  const query = ordersPageQuery(sql);
  return keysetPages((values) => query.all(values), range);
}

const text = <R>(header: string, value: (row: R) => string | null): CsvColumn<R> => ({ header, type: 'text', value });
const number = <R>(header: string, value: (row: R) => number | string | null): CsvColumn<R> => ({ header, type: 'number', value });
const money = <R extends { currency: string }>(header: string, amount: (row: R) => number): CsvColumn<R> =>
  number(header, (row) => minorToDecimalString(amount(row), row.currency));

export const ORDER_EXPORT_COLUMNS: readonly CsvColumn<OrderExportRow>[] = [
  text('order_number', (o) => o.number),
  text('created_at', (o) => iso(o.created_at)),
  text('stage', (o) => o.stage),
  text('payment_status', (o) => o.payment_status),
  text('fulfillment_status', (o) => o.fulfillment_status),
  text('cancelled_at', (o) => iso(o.cancelled_at)),
  text('customer_name', (o) => o.customer_name),
  text('customer_email', (o) => o.customer_email),
  text('customer_phone', (o) => o.customer_phone),
  text('ship_line1', (o) => o.ship_line1),
  text('ship_line2', (o) => o.ship_line2),
  text('ship_city', (o) => o.ship_city),
  text('ship_region', (o) => o.ship_region),
  text('ship_postcode', (o) => o.ship_postcode),
  text('ship_country', (o) => o.ship_country),
  text('billing_country', (o) => o.billing_country),
  text('currency', (o) => o.currency),
  money('subtotal', (o) => o.subtotal),
  money('shipping', (o) => o.shipping_charge),
  money('taxes', (o) => o.tax_total),
  money('discount', (o) => o.discount_total),
  money('total', (o) => o.total),
  money('amount_paid', (o) => o.amount_paid ?? 0),
  money('amount_refunded', (o) => o.amount_refunded ?? 0),
  text('source', (o) => o.source),
  text('external_id', (o) => o.external_id),
  text('storefront_number', (o) => o.storefront_number),
  number('line_count', (o) => o.line_count ?? 0),
  text('notes', (o) => o.notes),
];

/** orders.csv: the header, then one chunk per page of orders. */
export function exportOrdersCsv(sql: Sql, range: ExportRange = {}, options: CsvOptions = {}): Generator<string, void, undefined> {
  return csvChunks(ORDER_EXPORT_COLUMNS, orderExportPages(sql, range), options);
}

// ─── Order lines ───────────────────────────────────────────────────────────────────────────────

function orderKeysPageQuery(sql: Sql) {
  return sql.prepared('export.order-keys.page', () => sql.qb.selectFrom('orders').select(['id', 'created_at'])
    .where('created_at', '>=', placeholder<number>('from'))
    .where('created_at', '<', placeholder<number>('to'))
    .where((eb) => eb(eb.refTuple('created_at', 'id'), '>', eb.tuple(placeholder<number>('afterAt'), placeholder<number>('afterId'))))
    .orderBy('created_at').orderBy('id')
    .limit(placeholder<number>('limit')));
}

/**
 * The lines of a page of orders, passed as one JSON array so the statement is compiled once for any page size.
 * Each line carries its order's own columns too: the file is flat (an accountant pivots it, and the desk reads it
 * back as orders without needing orders.csv beside it).
 */
function linesOfOrdersQuery(sql: Sql) {
  return sql.prepared('export.order-lines.of-orders', () => sql.qb.selectFrom('order_lines')
    .innerJoin('orders', 'orders.id', 'order_lines.order_id')
    .leftJoin('suppliers', 'suppliers.id', 'order_lines.supplier_id')
    .select([
      'orders.number as order_number', 'orders.created_at', 'orders.cancelled_at', 'orders.payment_status', 'orders.fulfillment_status',
      'orders.customer_name', 'orders.customer_email', 'orders.customer_phone',
      'orders.ship_line1', 'orders.ship_line2', 'orders.ship_city', 'orders.ship_region', 'orders.ship_postcode', 'orders.ship_country',
      'orders.billing_country', 'orders.currency', 'orders.subtotal', 'orders.shipping_charge', 'orders.tax_total', 'orders.discount_total',
      'orders.total', 'orders.source', 'orders.external_id', 'orders.storefront_number', 'orders.notes',
      'order_lines.position', 'order_lines.sku', 'order_lines.title',
      'order_lines.quantity', 'order_lines.unit_price', 'order_lines.line_total', 'suppliers.name as supplier_name',
    ])
    .select((eb) => [
      // As in orders.csv (ordersPageQuery): captured by payments that did not fail, refunds apart.
      eb.selectFrom('payments').select((p) => p.fn.coalesce(p.fn.sum<number>('amount_captured'), p.val(0)).as('n'))
        .whereRef('payments.order_id', '=', 'orders.id').where('payments.status', '!=', 'failed').as('amount_paid'),
      eb.selectFrom('payments').select((p) => p.fn.coalesce(p.fn.sum<number>('amount_refunded'), p.val(0)).as('n'))
        .whereRef('payments.order_id', '=', 'orders.id').where('payments.status', '!=', 'failed').as('amount_refunded'),
    ])
    .where(sqlTag<boolean>`order_lines.order_id IN (SELECT value FROM json_each(${placeholder<string>('orderIds')}))`)
    .orderBy('orders.created_at').orderBy('orders.id').orderBy('order_lines.position'));
}

export type OrderLineExportRow = ReturnType<ReturnType<typeof linesOfOrdersQuery>['all']>[number];

/** The lines of the orders in the range, in the orders' order and each order's own line order. */
export function* orderLineExportPages(sql: Sql, range: ExportRange = {}): Generator<OrderLineExportRow[], void, undefined> {
  const keys = orderKeysPageQuery(sql);
  const lines = linesOfOrdersQuery(sql);
  for (const orders of keysetPages((values) => keys.all(values), range)) {
    yield lines.all({ orderIds: JSON.stringify(orders.map((o) => o.id)) });
  }
}

/**
 * One row per order line, the order's columns repeated on each (the same names and formats as orders.csv), then
 * the line's. storefront-import/desk-order.ts reads this file back into orders.
 */
export const ORDER_LINE_EXPORT_COLUMNS: readonly CsvColumn<OrderLineExportRow>[] = [
  text('order_number', (l) => l.order_number),
  text('created_at', (l) => iso(l.created_at)),
  text('cancelled_at', (l) => iso(l.cancelled_at)),
  text('payment_status', (l) => l.payment_status),
  text('fulfillment_status', (l) => l.fulfillment_status),
  text('customer_name', (l) => l.customer_name),
  text('customer_email', (l) => l.customer_email),
  text('customer_phone', (l) => l.customer_phone),
  text('ship_line1', (l) => l.ship_line1),
  text('ship_line2', (l) => l.ship_line2),
  text('ship_city', (l) => l.ship_city),
  text('ship_region', (l) => l.ship_region),
  text('ship_postcode', (l) => l.ship_postcode),
  text('ship_country', (l) => l.ship_country),
  text('billing_country', (l) => l.billing_country),
  text('currency', (l) => l.currency),
  money('subtotal', (l) => l.subtotal),
  money('shipping', (l) => l.shipping_charge),
  money('taxes', (l) => l.tax_total),
  money('discount', (l) => l.discount_total),
  money('total', (l) => l.total),
  money('amount_paid', (l) => l.amount_paid ?? 0),
  money('amount_refunded', (l) => l.amount_refunded ?? 0),
  text('source', (l) => l.source),
  text('external_id', (l) => l.external_id),
  text('storefront_number', (l) => l.storefront_number),
  text('notes', (l) => l.notes),
  // 1-based, as a person counts; the desk stores 0-based positions.
  number('line', (l) => l.position + 1),
  text('sku', (l) => l.sku),
  text('title', (l) => l.title),
  number('quantity', (l) => l.quantity),
  money('unit_price', (l) => l.unit_price),
  money('line_total', (l) => l.line_total),
  text('supplier', (l) => l.supplier_name),
];

/** order-lines.csv: the header, then one chunk per page of orders (all their lines). */
export function exportOrderLinesCsv(sql: Sql, range: ExportRange = {}, options: CsvOptions = {}): Generator<string, void, undefined> {
  return csvChunks(ORDER_LINE_EXPORT_COLUMNS, orderLineExportPages(sql, range), options);
}

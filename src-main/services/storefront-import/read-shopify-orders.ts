/**
 * Shopify's orders export (Orders › Export › CSV) → ImportedOrders, handed on one at a time as they complete.
 * The file layout is Shopify's documented one: one row per line item, rows of one order share Name (#1001) and
 * only its first row carries the order's own columns. See shopify-order.ts for the columns read.
 */
import { SHOPIFY_REQUIRED_COLUMNS } from './detect-order-file';
import { readOrderFile, type OrderFileLayout, type OrderFileReadResult, type OrderFileSink } from './read-order-file';
import { buildShopifyOrder } from './shopify-order';

export type { OrderFileReadResult, OrderFileSink } from './read-order-file';

const SHOPIFY_ORDERS_EXPORT: OrderFileLayout = {
  label: 'a Shopify orders export',
  howToExport: 'In Shopify, open Orders, choose Export, and pick “CSV for Excel, Numbers, or other spreadsheet programs”.',
  keyColumn: 'Name',
  requiredColumns: SHOPIFY_REQUIRED_COLUMNS,
  buildOrder: buildShopifyOrder,
};

/**
 * Calls sink.onOrder for each order as soon as its rows are read, sink.onProblem for each row or order it cannot
 * use. Throws a DeskError (invalid_input) with a sentence when the file is not a readable Shopify orders export.
 */
export function readShopifyOrders(bytes: Uint8Array, sink: OrderFileSink): OrderFileReadResult {
  return readOrderFile(bytes, SHOPIFY_ORDERS_EXPORT, sink);
}

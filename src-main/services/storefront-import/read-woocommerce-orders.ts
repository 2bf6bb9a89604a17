/**
 * WooCommerce orders → ImportedOrders, handed on one at a time as they complete.
 *
 * WooCommerce itself exports no orders with addresses (its Analytics › Orders download is a sales report), so the
 * file read here is the one from WooCommerce's own Customer / Order / Coupon Export extension (woocommerce.com,
 * by SkyVerge), in its “Default - One Row per Item” CSV format: one row per line item, the order's columns repeated
 * on every row, column names the extension's keys. Its “Default” format (one row per order, all items packed in
 * one line_items cell) is refused with a sentence saying which format to choose.
 */
import { WOOCOMMERCE_SIGNATURE_COLUMNS } from './detect-order-file';
import { readOrderFile, type OrderFileLayout, type OrderFileReadResult, type OrderFileSink } from './read-order-file';
import { buildWooCommerceOrder } from './woocommerce-order';

export type { OrderFileReadResult, OrderFileSink } from './read-order-file';

const HOW_TO_EXPORT = 'In WordPress, open WooCommerce › Export, choose Orders, and the output format “CSV” with “Default - One Row per Item”.';

const ITEM_COLUMNS = ['item_name', 'item_quantity', 'item_subtotal'] as const;

const WOOCOMMERCE_ORDERS_EXPORT: OrderFileLayout = {
  label: 'a WooCommerce orders export',
  howToExport: HOW_TO_EXPORT,
  keyColumn: 'order_id',
  requiredColumns: WOOCOMMERCE_SIGNATURE_COLUMNS,
  checkHeader: (columns) => {
    if (!columns.has('item_name') && columns.has('line_items')) {
      return 'This WooCommerce export has all items of an order packed into one “line_items” cell (the “Default” format), '
        + `which the desk does not take apart. ${HOW_TO_EXPORT}`;
    }
    const missing = columns.missing(ITEM_COLUMNS);
    return missing.length === 0
      ? undefined
      : `This is not a WooCommerce orders export: the header has no column ${missing.map((name) => `“${name}”`).join(', ')}. ${HOW_TO_EXPORT}`;
  },
  buildOrder: buildWooCommerceOrder,
};

/**
 * Calls sink.onOrder for each order as soon as its rows are read, sink.onProblem for each row or order it cannot
 * use. Throws a DeskError (invalid_input) with a sentence when the file is not a readable WooCommerce export in
 * the one-row-per-item format.
 */
export function readWooCommerceOrders(bytes: Uint8Array, sink: OrderFileSink): OrderFileReadResult {
  return readOrderFile(bytes, WOOCOMMERCE_ORDERS_EXPORT, sink);
}

/**
 * Which storefront wrote an orders file, from its header row alone, so the desk can read a known export without
 * asking and show the column mapping for anything else.
 */
import type { OrderFileKind } from '../../../src-shared/domain/storefront-import';
import { DeskError } from '../errors';
import { headerKey, readFeed } from '../feeds/parse-feed';
import { forOrderFile } from './read-order-file';

export type OrderFileFormat = OrderFileKind;

/** Columns every Shopify orders export has had (Orders › Export); the reader needs exactly these. */
export const SHOPIFY_REQUIRED_COLUMNS = [
  'Name', 'Financial Status', 'Currency', 'Total', 'Lineitem quantity', 'Lineitem name', 'Lineitem price',
] as const;

/**
 * Columns of the WooCommerce Customer / Order / Coupon Export extension's order formats (their keys, which the
 * extension documents as never changing). Both of its CSV layouts have these; which one it is comes from
 * item_name (one row per line item) or line_items (one row per order).
 */
export const WOOCOMMERCE_SIGNATURE_COLUMNS = ['order_id', 'order_number', 'order_date', 'order_currency', 'order_total'] as const;

/**
 * The desk's own order-lines.csv (export-orders.ts ORDER_LINE_EXPORT_COLUMNS): its order and line columns. An
 * order-lines file from before the export carried the order's columns lacks total and source, so it is not taken
 * for one (it cannot give back whole orders) and goes to the mapping instead.
 */
export const DESK_REQUIRED_COLUMNS = [
  'order_number', 'currency', 'total', 'source', 'external_id', 'line', 'title', 'quantity', 'unit_price',
] as const;

export function detectOrderFileFormat(headers: readonly string[]): OrderFileFormat {
  const keys = new Set(headers.map(headerKey));
  const hasAll = (names: readonly string[]) => names.every((name) => keys.has(headerKey(name)));
  if (hasAll(SHOPIFY_REQUIRED_COLUMNS)) return 'shopify';
  if (hasAll(WOOCOMMERCE_SIGNATURE_COLUMNS) && (keys.has('item_name') || keys.has('line_items'))) return 'woocommerce';
  if (hasAll(DESK_REQUIRED_COLUMNS)) return 'desk';
  return 'unknown';
}

/** Thrown through readFeed once the header is known: detection needs no rows. */
const HEADER_READ = Symbol('header read');

/**
 * The file's header and the format it shows, without reading its rows (for the import's first screen: a known
 * export is read as is, 'unknown' opens the mapping with these headers). Throws a DeskError (invalid_input, field
 * contentBase64) when the file has no readable header (not text, empty, a web page…).
 */
export function detectOrderFile(bytes: Uint8Array): { format: OrderFileFormat; headers: string[] } {
  let headers: string[] | undefined;
  try {
    const read = readFeed(bytes, {}, {
      header: (names) => {
        headers = names;
        throw HEADER_READ;
      },
      row: () => undefined,
    });
    if (!read.ok) throw new DeskError('invalid_input', forOrderFile(read.reason), 'contentBase64');
  } catch (error) {
    if (error !== HEADER_READ) throw error;
  }
  if (headers === undefined) throw new DeskError('invalid_input', 'The file has no header line with column names.', 'contentBase64');
  return { format: detectOrderFileFormat(headers), headers };
}

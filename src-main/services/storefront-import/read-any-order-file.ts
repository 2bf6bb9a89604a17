/**
 * The one entry the import worker calls: whatever orders file the person picked, read with the layout its header
 * shows (Shopify, WooCommerce, the desk's own order lines), or through the column mapping they chose for any other.
 */
import type { OrderColumnMapping } from '../../../src-shared/domain/storefront-import';
import type { ImportFormat } from '../../../src-shared/domain/storefront-orders';
import { DeskError } from '../errors';
import { DESK_ORDER_LAYOUT } from './desk-order';
import { detectOrderFile } from './detect-order-file';
import { mappedOrderLayout } from './mapped-order';
import { readOrderFile, type OrderFileReadResult, type OrderFileSink } from './read-order-file';
import { readShopifyOrders } from './read-shopify-orders';
import { readWooCommerceOrders } from './read-woocommerce-orders';

export interface OrderFileChoice {
  /** The columns the person chose; only read for a file that is not a known export. */
  mapping?: OrderColumnMapping;
  /** The shop's own currency, for a mapped file without a currency column. */
  defaultCurrency: string;
}

/**
 * Reads the file into `sink` (see readOrderFile) and says how it was read. Throws a DeskError (invalid_input): field
 * mapping when the file is not a known export and no mapping was chosen, or the mapping does not fit the file;
 * field contentBase64 when the file cannot be read at all.
 */
export function readAnyOrderFile(bytes: Uint8Array, choice: OrderFileChoice, sink: OrderFileSink): OrderFileReadResult & { format: ImportFormat } {
  const { format } = detectOrderFile(bytes);
  switch (format) {
    case 'shopify': return { ...readShopifyOrders(bytes, sink), format };
    case 'woocommerce': return { ...readWooCommerceOrders(bytes, sink), format };
    case 'desk': return { ...readOrderFile(bytes, DESK_ORDER_LAYOUT, sink), format };
    case 'unknown': {
      if (choice.mapping === undefined) {
        throw new DeskError('invalid_input', 'This file is not a Shopify, WooCommerce or PetDrop Desk export: choose which of its columns holds '
          + 'the order number, item name, quantity and price before importing it.', 'mapping');
      }
      return { ...readOrderFile(bytes, mappedOrderLayout(choice.mapping, choice.defaultCurrency), sink), format: 'mapped' };
    }
  }
}

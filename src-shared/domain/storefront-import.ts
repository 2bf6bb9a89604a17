/**
 * The storefront import as the screens see it (issue 7): what a picked file looks like before it is read, the
 * column mapping for a file the desk does not recognise, progress, and the report of a finished run.
 */
import type { ImportFormat, ImportRowProblem, ImportRunStatus } from './storefront-orders';

/** What the desk recognised a file as from its header; 'unknown' opens the column mapping. */
export type OrderFileKind = 'shopify' | 'woocommerce' | 'desk' | 'unknown';

export const ORDER_FILE_KIND_LABELS: Record<OrderFileKind, string> = {
  shopify: 'Shopify orders export',
  woocommerce: 'WooCommerce orders export',
  desk: 'PetDrop Desk order lines export',
  unknown: 'Not a known export: choose which column holds what',
};

/**
 * The fields an unknown file's columns can be mapped to. One row per order line; an order's own columns may be on
 * its first row only (as Shopify writes them) or on every row.
 */
export const ORDER_MAPPING_FIELDS = [
  'orderNumber', 'createdAt', 'currency', 'email', 'customerName', 'phone',
  'shipName', 'shipLine1', 'shipLine2', 'shipCity', 'shipRegion', 'shipPostcode', 'shipCountry', 'billingCountry',
  'lineTitle', 'lineSku', 'lineQuantity', 'linePrice',
  'shipping', 'taxes', 'discount', 'total', 'paymentState', 'paymentReference', 'cancelledAt', 'notes', 'tags',
] as const;
export type OrderMappingField = (typeof ORDER_MAPPING_FIELDS)[number];

/** Without these no order can be made; the rest default (currency: the shop's own, quantity: 1 is NOT assumed). */
export const REQUIRED_MAPPING_FIELDS: readonly OrderMappingField[] = ['orderNumber', 'lineTitle', 'lineQuantity', 'linePrice'];

export const ORDER_MAPPING_LABELS: Record<OrderMappingField, string> = {
  orderNumber: 'Order number',
  createdAt: 'Order date',
  currency: 'Currency',
  email: 'Customer e-mail',
  customerName: 'Customer name',
  phone: 'Customer phone',
  shipName: 'Ship to: name',
  shipLine1: 'Ship to: address line 1',
  shipLine2: 'Ship to: address line 2',
  shipCity: 'Ship to: city',
  shipRegion: 'Ship to: region / state',
  shipPostcode: 'Ship to: postcode',
  shipCountry: 'Ship to: country',
  billingCountry: 'Billing country',
  lineTitle: 'Item name',
  lineSku: 'Item SKU',
  lineQuantity: 'Item quantity',
  linePrice: 'Item unit price',
  shipping: 'Shipping charge',
  taxes: 'Taxes',
  discount: 'Discount',
  total: 'Order total',
  paymentState: 'Payment status (paid, pending, refunded…)',
  paymentReference: 'Payment reference',
  cancelledAt: 'Cancelled at',
  notes: 'Notes',
  tags: 'Tags',
};

/** Field → the header of the column that holds it (as the file spells it); a field left out is not in the file. */
export type OrderColumnMapping = Partial<Record<OrderMappingField, string>>;

/** The first look at a picked file: what it is, its columns, a few rows, and a guessed mapping for an unknown one. */
export interface OrderFilePreview {
  kind: OrderFileKind;
  headers: string[];
  /** The first rows' cells, for the mapping screen. */
  sampleRows: string[][];
  /** For an unknown file: columns whose header looks like a field (a guess the person confirms). */
  suggestedMapping: OrderColumnMapping;
  bytes: number;
}

export type ImportPhase = 'reading' | 'checking' | 'done';

export interface ImportProgress {
  phase: ImportPhase;
  /** reading: bytes read of the file's size; checking: imported orders checked of those to check. */
  done: number;
  total: number;
  ordersRead: number;
}

export interface ImportRunView {
  id: number;
  format: ImportFormat;
  fileName: string;
  status: ImportRunStatus;
  actor: string;
  startedAt: string;
  finishedAt: string;
  ordersRead: number;
  imported: number;
  updated: number;
  unchanged: number;
  /** Changed in the storefront after the desk sent it to a supplier: not altered; the difference is on its timeline. */
  heldBack: number;
  /** Orders not imported, and rows naming no order (each with its line and reason in problems). */
  rejected: number;
  problems: ImportRowProblem[];
  /** Every problem, also those past the ones kept in `problems`. */
  problemsTotal: number;
  message: string;
}

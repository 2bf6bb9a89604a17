/**
 * Orders as a storefront hands them over (issue 7): read from a Shopify or WooCommerce export file, or from the
 * Shopify Admin API, before the desk turns them into its own orders. Money in integer minor units of `currency`.
 * The storefront's id is the natural key (orders.source + orders.external_id, UNIQUE): a re-import finds it.
 */

export const STOREFRONT_SOURCES = ['shopify', 'woocommerce', 'csv'] as const;
export type StorefrontSource = (typeof STOREFRONT_SOURCES)[number];

/** The storefront's payment state, as far as the desk needs it (paid there → a manual payment with its reference). */
export const STOREFRONT_PAYMENT_STATES = [
  'paid', 'pending', 'authorized', 'partially_paid', 'partially_refunded', 'refunded', 'voided', 'unknown',
] as const;
export type StorefrontPaymentState = (typeof STOREFRONT_PAYMENT_STATES)[number];

/** How an import read its orders: a known export file, the desk's own export, a file read through a column mapping, or Shopify's API. */
export const IMPORT_FORMATS = ['shopify', 'woocommerce', 'desk', 'mapped', 'shopify_api'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** A run is written once it ends: every order in it, or (cancelled, failed) none of them. */
export const IMPORT_RUN_STATUSES = ['done', 'cancelled', 'failed'] as const;
export type ImportRunStatus = (typeof IMPORT_RUN_STATUSES)[number];

/** How far the storefront itself got with shipping the order: an order it already fulfilled is history, not work. */
export const STOREFRONT_FULFILLMENT_STATES = ['unfulfilled', 'partial', 'fulfilled'] as const;
export type StorefrontFulfillmentState = (typeof STOREFRONT_FULFILLMENT_STATES)[number];

export interface ImportedOrderLine {
  title: string;
  /** '' when the storefront line has no SKU (a custom item): the desk cannot route it to a supplier. */
  sku: string;
  quantity: number;
  /** Per unit, before discounts. */
  unitPrice: number;
}

export interface ImportedAddress {
  name: string;
  line1: string;
  line2: string;
  city: string;
  region: string;
  postcode: string;
  /** ISO 3166-1 alpha-2, upper case ('' when the storefront gave none). */
  country: string;
  phone: string;
}

export interface ImportedOrder {
  source: StorefrontSource;
  /** The storefront's own id (Shopify's numeric order id, WooCommerce's order id); falls back to the number. */
  externalId: string;
  /** As the shop and its customer know it: '#1001'. */
  number: string;
  /** ISO 8601; null when the file has no date. */
  createdAt: string | null;
  currency: string;
  customer: { name: string; email: string; phone: string };
  /** null: no shipping address (a digital item, a pickup): such an order cannot be sent to a supplier as is. */
  shipping: ImportedAddress | null;
  billingCountry: string;
  lines: ImportedOrderLine[];
  subtotal: number;
  shippingCharge: number;
  taxes: number;
  discount: number;
  total: number;
  paymentState: StorefrontPaymentState;
  /** When the storefront took the money (ISO), and its reference (gateway, transaction or order id). */
  paidAt: string | null;
  paymentReference: string;
  /** ISO when the storefront cancelled the order. */
  cancelledAt: string | null;
  notes: string;
  tags: string[];
  /** The storefront's fraud verdict when it gives one ('low', 'medium', 'high'), else ''. */
  riskLevel: string;
  /** When the storefront last changed the order (ISO; the API gives it, export files do not): a stale copy is skipped. */
  updatedAt?: string | null;
  /** Absent: unfulfilled. */
  fulfillmentState?: StorefrontFulfillmentState;
  /**
   * Only from the desk's own export of an order the desk numbered itself (typed in, source manual): re-imported into
   * the same desk it is found by this number instead of by a storefront id.
   */
  deskNumber?: string;
}

/** One order read from a file: the order, and where it started (the header is line 1). */
export interface ImportedOrderAt {
  line: number;
  order: ImportedOrder;
}

/** A row the reader could not use, with its line and a sentence naming the column and the reason. */
export interface ImportRowProblem {
  line: number;
  reason: string;
  /** The order the row belongs to as the file writes it ('#1001'), when the row names one: the report can group by it. */
  orderNumber?: string;
  /**
   * true: the order was still handed on and this says what the reader changed (a 5 MB note cut short, an unreadable
   * billing country left out). Absent: the row, or the whole order, was not imported.
   */
  kept?: true;
}

/**
 * A storefront's order (ImportedOrder) as the desk stores it: the orders row's columns, its lines, the payment the
 * storefront already took, and a fingerprint of the whole. Pure, so the import worker and the Shopify pull share
 * one rule, and the rule is tested without a database.
 */
import { createHash } from 'node:crypto';
import { derivePaymentStatus } from '../../../src-shared/domain/payments';
import type { FulfillmentStatus, PaymentStatus } from '../../../src-shared/domain/order-status';
import type { ImportedOrder, StorefrontSource } from '../../../src-shared/domain/storefront-orders';
import { foldName } from '../../../src-shared/domain/text';
import type { DbOrder, DbOrderLine } from '../../db/schema';

export const STOREFRONT_LABELS: Record<StorefrontSource, string> = { shopify: 'Shopify', woocommerce: 'WooCommerce', csv: 'an orders file' };

/** The columns of orders an import writes (the rest — number, stage, ids, times — are the writer's). */
export type ImportedOrderColumns = Pick<DbOrder, 'customer_name' | 'customer_name_key' | 'customer_email' | 'customer_phone'
  | 'ship_line1' | 'ship_line2' | 'ship_city' | 'ship_region' | 'ship_postcode' | 'ship_country' | 'currency' | 'subtotal'
  | 'shipping_charge' | 'total' | 'notes'> & {
  billing_country: string;
  tax_total: number;
  discount_total: number;
  storefront_number: string;
};

export type ImportedLineValues = Pick<DbOrderLine, 'title' | 'sku' | 'quantity' | 'unit_price' | 'line_total'>;

/** What the storefront says was paid: written as one manual payment "in the storefront" with its reference. */
export interface StorefrontPayment {
  captured: number;
  refunded: number;
  reference: string;
  /** ms; the storefront's payment time, else the order's. */
  at: number;
}

export interface ImportedOrderPlan {
  columns: ImportedOrderColumns;
  lines: ImportedLineValues[];
  /** null: the storefront took no money the desk can record (pending, authorized there, voided). */
  payment: StorefrontPayment | null;
  paymentStatus: PaymentStatus;
  fulfillmentStatus: FulfillmentStatus;
  createdAt: number;
  cancelledAt: number | null;
  /** Orders the storefront already shipped or cancelled are history: no routing, no checks. */
  needsChecks: boolean;
  fingerprint: string;
}

const toMs = (iso: string | null | undefined, fallback: number): number => {
  if (!iso) return fallback;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? fallback : ms;
};

/**
 * The desk keeps total = subtotal + shipping + taxes − discount (a CHECK). Storefronts disagree on what their
 * figures mean (Shopify's Subtotal is after discounts; prices may include tax, so Taxes is then only
 * informational), so the storefront's total is kept exactly and the taxes and discount are what makes it add up:
 * what the customer paid never changes on the way in.
 */
function balancedAdjustments(total: number, subtotal: number, shipping: number, discount: number): { tax: number; discount: number } {
  const added = total - (subtotal + shipping - discount);
  return added >= 0 ? { tax: added, discount } : { tax: 0, discount: discount - added };
}

function paymentOf(order: ImportedOrder, createdAt: number): { payment: StorefrontPayment | null; status: PaymentStatus } {
  const reference = order.paymentReference || `${STOREFRONT_LABELS[order.source]} order ${order.number}`;
  const at = toMs(order.paidAt, createdAt);
  const taken = (refunded: number): StorefrontPayment => ({ captured: order.total, refunded, reference, at });
  switch (order.paymentState) {
    // A partial refund's amount is not in the export: the money counts as taken, the timeline says a refund was made.
    case 'paid':
    case 'partially_refunded': {
      const payment = taken(0);
      return { payment, status: statusOf(payment, order.total) };
    }
    case 'refunded': {
      const payment = taken(order.total);
      return { payment, status: statusOf(payment, order.total) };
    }
    case 'voided':
      return { payment: null, status: 'voided' };
    // Held by the storefront's own payment provider: the desk neither captures it nor counts it as money in.
    case 'authorized':
    case 'pending':
      return { payment: null, status: 'pending' };
    case 'partially_paid':
      return { payment: null, status: 'partially_paid' };
    default:
      return { payment: null, status: order.total === 0 ? 'paid' : 'unpaid' };
  }
}

function statusOf(payment: StorefrontPayment, total: number): PaymentStatus {
  return derivePaymentStatus([{ status: 'captured', authorized: payment.captured, captured: payment.captured, refunded: payment.refunded }], total);
}

const FULFILLMENT: Record<NonNullable<ImportedOrder['fulfillmentState']>, FulfillmentStatus> = {
  unfulfilled: 'unfulfilled', partial: 'partially_fulfilled', fulfilled: 'fulfilled',
};

/** A stable digest of everything the storefront said about the order: equal digests, nothing to do. */
export function importedOrderFingerprint(order: ImportedOrder): string {
  // updatedAt changes with every touch in the storefront (a tag, a note by staff); the content decides.
  const { updatedAt: _updatedAt, ...content } = order;
  return createHash('sha256').update(JSON.stringify(content)).digest('base64url').slice(0, 32);
}

export function planImportedOrder(order: ImportedOrder, now: number): ImportedOrderPlan {
  const createdAt = toMs(order.createdAt, now);
  const lines = order.lines.map((line) => ({
    title: line.title, sku: line.sku, quantity: line.quantity, unit_price: line.unitPrice, line_total: line.quantity * line.unitPrice,
  }));
  const subtotal = lines.reduce((sum, line) => sum + line.line_total, 0);
  const { tax, discount } = balancedAdjustments(order.total, subtotal, order.shippingCharge, order.discount);
  const ship = order.shipping;
  const name = order.customer.name || ship?.name || order.customer.email || `${STOREFRONT_LABELS[order.source]} customer`;
  const { payment, status } = paymentOf(order, createdAt);
  const fulfillmentStatus = FULFILLMENT[order.fulfillmentState ?? 'unfulfilled'];
  const cancelledAt = order.cancelledAt ? toMs(order.cancelledAt, now) : null;
  return {
    columns: {
      customer_name: name,
      customer_name_key: foldName(name),
      customer_email: order.customer.email,
      customer_phone: order.customer.phone || ship?.phone || '',
      ship_line1: ship?.line1 ?? '',
      ship_line2: ship?.line2 ?? '',
      ship_city: ship?.city ?? '',
      ship_region: ship?.region ?? '',
      ship_postcode: ship?.postcode ?? '',
      ship_country: ship?.country ?? '',
      billing_country: order.billingCountry,
      currency: order.currency,
      subtotal,
      shipping_charge: order.shippingCharge,
      tax_total: tax,
      discount_total: discount,
      total: order.total,
      notes: order.notes,
      storefront_number: order.number,
    },
    lines,
    payment,
    paymentStatus: status,
    fulfillmentStatus,
    createdAt,
    cancelledAt,
    needsChecks: cancelledAt === null && fulfillmentStatus === 'unfulfilled',
    fingerprint: importedOrderFingerprint(order),
  };
}

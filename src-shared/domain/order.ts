import type { Hold, HoldReason } from './holds';
import type { NextStep } from './next-step';
import type { PaymentView } from './payments';
import type { Money } from './money';
import type { FulfillmentStatus, PaymentStatus } from './order-status';
import type { Stage } from './stage';
import type { SupplierOrderView } from './supplier-orders';
import type { ShipmentView } from './shipments';
import type { NotificationView } from './notifications';

/** What the UI sees of an order. Separate from the Db* row types on purpose. */
export interface OrderSummary {
  id: number;
  number: string;
  /** The storefront's own number ('#1001') for an imported order, else null. */
  storefrontNumber: string | null;
  stage: Stage;
  customerName: string;
  customerEmail: string;
  shipCountry: string;
  total: Money;
  lineCount: number;
  createdAt: string;
}

export interface OrderLine {
  id: number;
  title: string;
  sku: string;
  quantity: number;
  unitPrice: Money;
  lineTotal: Money;
  /** The catalog variant, or null for a free-text line. */
  variantId: number | null;
  /** The supplier routing chose (or a person set), or null if none is chosen yet. */
  supplier: { id: number; name: string } | null;
  /** Why this supplier, or why none: a sentence for the shop owner. */
  routingReason: string;
}

export interface TimelineEvent {
  id: number;
  at: string;
  actor: string;
  kind: string;
  message: string;
  reason: string | null;
}

/** One verification check's latest result on an order (DOMAIN.md Verification). */
export interface CheckView {
  code: string;
  outcome: 'pass' | 'warn' | 'fail';
  message: string;
  /** What the check looked at, for the "details" of the row. */
  data: Record<string, unknown>;
  holdReason: HoldReason | null;
  checkedAt: string;
  /** A person accepted this failure with a note. */
  override: { by: string; at: string; note: string } | null;
}

export interface OrderDetail {
  id: number;
  number: string;
  source: string;
  stage: Stage;
  paymentStatus: PaymentStatus;
  fulfillmentStatus: FulfillmentStatus;
  customer: { name: string; email: string; phone: string };
  shippingAddress: { line1: string; line2: string; city: string; region: string; postcode: string; country: string };
  currency: string;
  lines: OrderLine[];
  subtotal: Money;
  shippingCharge: Money;
  /** Taxes the storefront added on top of the prices (0 when prices include them, and for orders typed in). */
  taxTotal: Money;
  discountTotal: Money;
  total: Money;
  /** The storefront's own number ('#1001') for an imported order, else null. */
  storefrontNumber: string | null;
  notes: string;
  holds: Hold[];
  timeline: TimelineEvent[];
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  cancelledAt: string | null;
  /** Where the customer is billed, when the storefront said; '' means the same as shipping. */
  billingCountry: string;
  /** When the checks last ran; null before the first run. */
  verifiedAt: string | null;
  checks: CheckView[];
  payments: PaymentView[];
  /** What is still owed (captured money counts, refunds give it back). */
  amountDue: Money;
  /** Why a card capture may not happen now; empty when it may. */
  captureBlockers: string[];
  nextStep: NextStep;
  /** The purchase orders made from this order, oldest first (drafts included). */
  supplierOrders: SupplierOrderView[];
  /** The parcels of every supplier order, oldest first. */
  shipments: ShipmentView[];
  /** Customer e-mails queued or sent for this order, oldest first. */
  notifications: NotificationView[];
}

export interface OrderPage {
  rows: OrderSummary[];
  total: number;
  offset: number;
}

export type StageCounts = Record<Stage, number>;

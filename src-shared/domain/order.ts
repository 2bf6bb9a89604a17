import type { Hold } from './holds';
import type { Money } from './money';
import type { FulfillmentStatus, PaymentStatus } from './order-status';
import type { Stage } from './stage';

/** What the UI sees of an order. Separate from the Db* row types on purpose. */
export interface OrderSummary {
  id: number;
  number: string;
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
  total: Money;
  notes: string;
  holds: Hold[];
  timeline: TimelineEvent[];
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  cancelledAt: string | null;
}

export interface OrderPage {
  rows: OrderSummary[];
  total: number;
  offset: number;
}

export type StageCounts = Record<Stage, number>;

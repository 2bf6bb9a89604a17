import type { Money } from './money';
import type { OutboxStatus } from './outbox';
import type { PaymentStatus } from './order-status';

export const PAYMENT_PROVIDERS = ['manual', 'stripe'] as const;
export type PaymentProvider = (typeof PAYMENT_PROVIDERS)[number];
/** How the money came: manual methods are recorded by a person; `card` is always through Stripe. */
export const MANUAL_PAYMENT_METHODS = ['cash', 'bank_transfer', 'storefront'] as const;
export type ManualPaymentMethod = (typeof MANUAL_PAYMENT_METHODS)[number];
export type PaymentMethod = ManualPaymentMethod | 'card';

export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, string> = {
  cash: 'Cash', bank_transfer: 'Bank transfer', storefront: 'Paid in the storefront', card: 'Card (Stripe)',
};

/** One payment's own state; the order's payment_status is derived from all of them. */
export type PaymentRecordStatus = 'awaiting_customer' | 'authorized' | 'captured' | 'voided' | 'failed' | 'expired';

/** A capture, cancel or refund recorded and waiting in the outbox (or done, or needing a person). */
export interface PaymentAction {
  id: number;
  kind: 'capture' | 'cancel' | 'refund' | 'payment_link';
  amount: Money | null;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
}

export interface PaymentView {
  id: number;
  provider: PaymentProvider;
  method: PaymentMethod;
  reference: string;
  status: PaymentRecordStatus;
  authorized: Money;
  captured: Money;
  refunded: Money;
  stripePaymentIntentId: string | null;
  paymentLinkUrl: string | null;
  card: { brand: string; last4: string } | null;
  /** When a card authorization lapses; capture before then. */
  captureBefore: string | null;
  failureMessage: string | null;
  actions: PaymentAction[];
  createdAt: string;
}

/** A Stripe PaymentIntent's status as the desk's payment status (anything not yet paid waits for the customer). */
export function paymentStatusOfIntent(intentStatus: string): PaymentRecordStatus {
  if (intentStatus === 'requires_capture') return 'authorized';
  if (intentStatus === 'succeeded') return 'captured';
  if (intentStatus === 'canceled') return 'voided';
  return 'awaiting_customer';
}

/** What derivePaymentStatus needs of each payment. */
export interface PaymentAmounts {
  status: PaymentRecordStatus;
  authorized: number;
  captured: number;
  refunded: number;
}

/**
 * The order's payment axis (DOMAIN.md) from its payments, in the order's currency. Refunds are judged
 * against what was captured; "paid" means captured at least the order total. A payment link the
 * customer has not used yet makes the order `pending`.
 */
export function derivePaymentStatus(payments: readonly PaymentAmounts[], orderTotal: number): PaymentStatus {
  const live = payments.filter((p) => p.status !== 'failed');
  // Nothing to pay (a free replacement, a sample): paid as it stands.
  if (live.length === 0) return orderTotal === 0 ? 'paid' : 'unpaid';
  const captured = sum(live, (p) => p.captured);
  const refunded = sum(live, (p) => p.refunded);
  const authorization = live.some((p) => p.status === 'authorized');
  if (captured > 0) {
    // Everything taken was given back, and a new card payment waits: that one is what the order shows.
    if (refunded >= captured) return authorization ? 'authorized' : 'refunded';
    if (refunded > 0) return 'partially_refunded';
    return captured >= orderTotal ? 'paid' : 'partially_paid';
  }
  if (authorization) return 'authorized';
  if (live.some((p) => p.status === 'awaiting_customer')) return 'pending';
  if (live.every((p) => p.status === 'expired')) return 'expired';
  if (live.every((p) => p.status === 'voided' || p.status === 'expired')) return 'voided';
  return 'unpaid';
}

function sum<T>(items: readonly T[], pick: (item: T) => number): number {
  return items.reduce((total, item) => total + pick(item), 0);
}

export interface CaptureGateInputs {
  /** The verification checklist: every check passed, or its failures were overridden by a person. */
  verificationPassed: boolean;
  openHolds: number;
  /** The shop's setting: capture only once the suppliers have acknowledged the order (default on). */
  requireSupplierAck: boolean;
  suppliersAcknowledged: boolean;
}

/**
 * Why a capture may not be offered now, in words for the shop owner; empty when it may. Money is never
 * taken for an order that cannot be fulfilled: not before the checks pass, not while a hold is open, and
 * (by default) not before every supplier has said it will ship.
 */
export function captureBlockers(inputs: CaptureGateInputs): string[] {
  const blockers: string[] = [];
  if (!inputs.verificationPassed) blockers.push('The verification checks have not passed yet.');
  if (inputs.openHolds > 0) blockers.push(`The order has ${inputs.openHolds === 1 ? 'an open hold' : `${inputs.openHolds} open holds`}.`);
  if (inputs.requireSupplierAck && !inputs.suppliersAcknowledged) {
    blockers.push('The suppliers have not acknowledged the order yet (a shop setting; change it in Settings).');
  }
  return blockers;
}

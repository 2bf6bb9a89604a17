/**
 * The Stripe objects the simulator serves, in Stripe's wire shape (docs.stripe.com/api: the PaymentIntent,
 * Charge, Refund, PaymentMethod and Checkout Session objects), and the test cards that create them
 * (docs.stripe.com/testing: `pm_card_visa`, `pm_card_chargeDeclined`, ...).
 * Only the fields a shop's order desk can meet are filled; every field listed is one Stripe documents.
 */
import { randomBytes } from 'node:crypto';

export type Metadata = Record<string, string>;

export type PaymentIntentStatus =
  | 'requires_payment_method' | 'requires_confirmation' | 'requires_action' | 'processing'
  | 'requires_capture' | 'canceled' | 'succeeded';

export type CaptureMethod = 'automatic' | 'automatic_async' | 'manual';

export interface CardDetails {
  brand: string;
  last4: string;
  exp_month: number;
  exp_year: number;
  funding: 'credit' | 'debit' | 'prepaid' | 'unknown';
  country: string;
}

export interface PaymentMethodObject {
  id: string;
  object: 'payment_method';
  type: 'card';
  card: CardDetails;
  billing_details: { address: null; email: null; name: null; phone: null };
  created: number;
  customer: null;
  livemode: false;
  metadata: Metadata;
}

export interface ChargeObject {
  id: string;
  object: 'charge';
  amount: number;
  amount_captured: number;
  /** Includes an authorization released by a partial capture or a cancel, as Stripe reports it. */
  amount_refunded: number;
  balance_transaction: string | null;
  captured: boolean;
  created: number;
  currency: string;
  customer: null;
  description: string | null;
  failure_code: string | null;
  failure_message: string | null;
  livemode: false;
  metadata: Metadata;
  outcome: { network_status: string; reason: string | null; risk_level: string; seller_message: string; type: string };
  paid: boolean;
  payment_intent: string;
  payment_method: string;
  payment_method_details: { type: 'card'; card: CardDetails & { capture_before?: number } };
  refunded: boolean;
  status: 'succeeded' | 'failed';
}

export interface PaymentIntentObject {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_capturable: number;
  amount_received: number;
  canceled_at: number | null;
  cancellation_reason: string | null;
  capture_method: CaptureMethod;
  client_secret: string;
  confirmation_method: 'automatic';
  created: number;
  currency: string;
  customer: null;
  description: string | null;
  last_payment_error: Record<string, unknown> | null;
  /** An id, or the Charge object when expanded. */
  latest_charge: string | ChargeObject | null;
  livemode: false;
  metadata: Metadata;
  next_action: null;
  payment_method: string | PaymentMethodObject | null;
  payment_method_types: string[];
  receipt_email: string | null;
  statement_descriptor: string | null;
  status: PaymentIntentStatus;
}

export interface RefundObject {
  id: string;
  object: 'refund';
  amount: number;
  balance_transaction: string;
  charge: string | ChargeObject;
  created: number;
  currency: string;
  metadata: Metadata;
  payment_intent: string | PaymentIntentObject;
  reason: string | null;
  receipt_number: null;
  status: 'succeeded';
}

export interface CheckoutLineItem {
  name: string;
  unit_amount: number;
  quantity: number;
  currency: string;
}

export interface CheckoutSessionObject {
  id: string;
  object: 'checkout.session';
  amount_subtotal: number;
  amount_total: number;
  cancel_url: string | null;
  client_reference_id: string | null;
  created: number;
  currency: string;
  customer: null;
  customer_details: { email: string | null; name: string | null } | null;
  customer_email: string | null;
  expires_at: number;
  livemode: false;
  metadata: Metadata;
  mode: 'payment';
  payment_intent: string | PaymentIntentObject | null;
  payment_method_types: string[];
  /** `unpaid` until the funds are available: a manual-capture session stays `unpaid` after completion. */
  payment_status: 'paid' | 'unpaid' | 'no_payment_required';
  status: 'open' | 'complete' | 'expired';
  success_url: string | null;
  /** The hosted page; `null` once the session is complete or expired. */
  url: string | null;
}

export interface ListObject<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  url: string;
}

/** A test card: what `pm_card_*` resolves to, and how the issuer answers it. */
export interface TestCard {
  card: CardDetails;
  /** Absent: the issuer approves. */
  declineCode?: string;
}

const visa = (last4: string): CardDetails => ({ brand: 'visa', last4, exp_month: 12, exp_year: 2034, funding: 'credit', country: 'US' });

/**
 * Stripe's documented test payment methods (docs.stripe.com/testing#declined-payments). `pm_card_insufficientFunds`
 * is not Stripe's: it is the name our brief used, kept as an alias of `pm_card_chargeDeclinedInsufficientFunds`.
 */
export const TEST_PAYMENT_METHODS: Readonly<Record<string, TestCard>> = {
  pm_card_visa: { card: visa('4242') },
  pm_card_visa_debit: { card: { ...visa('5556'), funding: 'debit' } },
  pm_card_mastercard: { card: { brand: 'mastercard', last4: '4444', exp_month: 12, exp_year: 2034, funding: 'credit', country: 'US' } },
  pm_card_amex: { card: { brand: 'amex', last4: '8431', exp_month: 12, exp_year: 2034, funding: 'credit', country: 'US' } },
  pm_card_chargeDeclined: { card: visa('0002'), declineCode: 'generic_decline' },
  pm_card_chargeDeclinedInsufficientFunds: { card: visa('9995'), declineCode: 'insufficient_funds' },
  pm_card_insufficientFunds: { card: visa('9995'), declineCode: 'insufficient_funds' },
  pm_card_chargeDeclinedLostCard: { card: visa('9987'), declineCode: 'lost_card' },
  pm_card_chargeDeclinedStolenCard: { card: visa('9979'), declineCode: 'stolen_card' },
  pm_card_chargeDeclinedFraudulent: { card: visa('0019'), declineCode: 'fraudulent' },
  pm_card_chargeDeclinedExpiredCard: { card: visa('0069'), declineCode: 'expired_card' },
};

/** Short names for the hosted page and `completeCheckout` (what a tester "types" on Stripe's page). */
export const CHECKOUT_CARDS = {
  visa: 'pm_card_visa',
  mastercard: 'pm_card_mastercard',
  declined: 'pm_card_chargeDeclined',
  insufficient_funds: 'pm_card_chargeDeclinedInsufficientFunds',
  stolen_card: 'pm_card_chargeDeclinedStolenCard',
  lost_card: 'pm_card_chargeDeclinedLostCard',
} as const;
export type CheckoutCard = keyof typeof CHECKOUT_CARDS;

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Stripe-looking ids (`pi_3Q…`, 24 random characters after the prefix). */
export function newId(prefix: string, length = 24): string {
  const bytes = randomBytes(length);
  let text = '';
  for (const byte of bytes) text += BASE62[byte % 62];
  return `${prefix}${text}`;
}

export function newPaymentMethod(card: CardDetails, created: number): PaymentMethodObject {
  return {
    id: newId('pm_1'), object: 'payment_method', type: 'card', card: { ...card },
    billing_details: { address: null, email: null, name: null, phone: null },
    created, customer: null, livemode: false, metadata: {},
  };
}

export function newPaymentIntent(input: {
  amount: number; currency: string; captureMethod: CaptureMethod; created: number;
  metadata: Metadata; description: string | null; receiptEmail: string | null; statementDescriptor: string | null;
}): PaymentIntentObject {
  const id = newId('pi_3');
  return {
    id, object: 'payment_intent', amount: input.amount, amount_capturable: 0, amount_received: 0,
    canceled_at: null, cancellation_reason: null, capture_method: input.captureMethod,
    client_secret: `${id}_secret_${newId('', 25)}`, confirmation_method: 'automatic', created: input.created,
    currency: input.currency, customer: null, description: input.description, last_payment_error: null,
    latest_charge: null, livemode: false, metadata: { ...input.metadata }, next_action: null, payment_method: null,
    payment_method_types: ['card'], receipt_email: input.receiptEmail, statement_descriptor: input.statementDescriptor,
    status: 'requires_payment_method',
  };
}

export function newCharge(intent: PaymentIntentObject, paymentMethod: PaymentMethodObject, created: number, declineCode: string | undefined): ChargeObject {
  const declined = declineCode !== undefined;
  return {
    id: newId('ch_3'), object: 'charge', amount: intent.amount, amount_captured: 0, amount_refunded: 0,
    balance_transaction: null, captured: false, created, currency: intent.currency, customer: null,
    description: intent.description, failure_code: declined ? 'card_declined' : null,
    failure_message: declined ? 'Your card was declined.' : null, livemode: false, metadata: { ...intent.metadata },
    outcome: declined
      ? { network_status: 'declined_by_network', reason: declineCode, risk_level: 'normal', seller_message: 'The bank did not return any further details with this decline.', type: 'issuer_declined' }
      : { network_status: 'approved_by_network', reason: null, risk_level: 'normal', seller_message: 'Payment complete.', type: 'authorized' },
    paid: !declined, payment_intent: intent.id, payment_method: paymentMethod.id,
    payment_method_details: { type: 'card', card: { ...paymentMethod.card } },
    refunded: false, status: declined ? 'failed' : 'succeeded',
  };
}

export function listOf<T>(data: T[], hasMore: boolean, url: string): ListObject<T> {
  return { object: 'list', data, has_more: hasMore, url };
}

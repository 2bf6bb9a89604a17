/**
 * The simulated Stripe account's payments: PaymentIntents, their charges and refunds, and the money rules
 * between them, with no HTTP in sight (Checkout Sessions, which create intents, are in stripe-sim-checkout.ts).
 * Routes call it after checking parameters; tests call it directly through the control methods.
 *
 * The rules, as Stripe documents them:
 * - manual capture: confirm → `requires_capture` (the charge authorized, `captured: false`), capture of all or
 *   part → `succeeded` with `amount_received`; a partial capture releases the rest of the authorization,
 *   which Stripe reports as refunded on the charge (`amount_refunded`), so "unrefunded" is what was captured
 *   minus real refunds.
 * - the authorization lapses at the charge's `payment_method_details.card.capture_before`; the intent then
 *   becomes `canceled` with `cancellation_reason: 'automatic'` (docs.stripe.com/payments/place-a-hold-on-a-payment-method).
 *   The simulator applies that lazily, whenever the intent is read or acted on.
 * - a decline leaves the intent in `requires_payment_method` with `last_payment_error`, and a failed charge.
 */
import {
  cardDeclined, declineDetails, invalidParam, refused, resourceMissing, unexpectedState,
} from './stripe-sim-errors';
import {
  newCharge, newId, newPaymentIntent, newPaymentMethod, TEST_PAYMENT_METHODS,
  type CaptureMethod, type ChargeObject, type Metadata, type PaymentIntentObject, type PaymentMethodObject, type RefundObject,
} from './stripe-sim-objects';

/** One capture the simulator applied: what a test counts to prove "captured exactly once". */
export interface CaptureRecord {
  paymentIntent: string;
  charge: string;
  amount: number;
  /** The Idempotency-Key of the request that applied it (null for a capture without a key). */
  idempotencyKey: string | null;
  at: number;
}

/** A decline forced by failure injection instead of the card's own answer. */
export interface ForcedDecline {
  declineCode: string;
  message?: string;
  adviceCode?: string;
}

export const DEFAULT_CAPTURE_WINDOW_SECONDS = 7 * 24 * 60 * 60;
const CANCELABLE: ReadonlySet<string> = new Set(['requires_payment_method', 'requires_capture', 'requires_confirmation', 'requires_action', 'processing']);

/** `$12.34` for a message, the way Stripe words refund limits; other currencies as `12.34 EUR`. */
function formatAmount(amount: number, currency: string): string {
  const zeroDecimal = ['jpy', 'krw', 'vnd', 'clp', 'isk', 'ugx', 'xaf', 'xof'].includes(currency);
  const text = zeroDecimal ? String(amount) : (amount / 100).toFixed(2);
  return currency === 'usd' ? `$${text}` : `${text} ${currency.toUpperCase()}`;
}

export class StripeLedger {
  readonly intents = new Map<string, PaymentIntentObject>();
  readonly charges = new Map<string, ChargeObject>();
  readonly paymentMethods = new Map<string, PaymentMethodObject>();
  /** Newest last; lists answer newest first, as Stripe does. */
  readonly refunds: RefundObject[] = [];
  readonly captures: CaptureRecord[] = [];
  /** Which test card (`pm_card_*`) each created PaymentMethod came from, so a confirm knows the issuer's answer. */
  private readonly testCardOf = new Map<string, string>();

  constructor(
    private readonly now: () => number,
    private readonly captureWindowSeconds: number,
  ) {}

  // ---- PaymentIntents -------------------------------------------------------------------------

  createIntent(input: {
    amount: number; currency: string; captureMethod: CaptureMethod; metadata: Metadata; description: string | null;
    receiptEmail: string | null; statementDescriptor: string | null; paymentMethod: string | null; confirm: boolean;
    forcedDecline?: ForcedDecline;
  }): PaymentIntentObject {
    // An unknown payment method is a 404 before anything exists, as at Stripe.
    const method = input.paymentMethod === null ? null : this.resolvePaymentMethod(input.paymentMethod);
    const intent = newPaymentIntent({ ...input, created: this.now() });
    this.intents.set(intent.id, intent);
    if (method !== null) {
      intent.payment_method = method.id;
      intent.status = 'requires_confirmation';
      if (input.confirm) this.confirm(intent, method, input.forcedDecline);
    }
    return intent;
  }

  /** The intent with its lapse applied; 404 when there is none. */
  intent(id: string, param = 'intent'): PaymentIntentObject {
    const intent = this.intents.get(id);
    if (!intent) throw resourceMissing('payment_intent', id, param);
    this.lapseIfExpired(intent);
    return intent;
  }

  charge(id: string): ChargeObject | undefined {
    return this.charges.get(id);
  }

  capture(id: string, amountToCapture: number | undefined, idempotencyKey: string | null): PaymentIntentObject {
    const intent = this.intent(id);
    if (intent.status !== 'requires_capture') {
      throw unexpectedState(
        `This PaymentIntent could not be captured because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.`,
        structuredClone(intent),
      );
    }
    const amount = amountToCapture ?? intent.amount_capturable;
    if (amount > intent.amount_capturable) {
      throw refused(`The amount_to_capture (${amount}) must be less than or equal to the PaymentIntent's amount_capturable (${intent.amount_capturable}).`, {
        code: 'amount_too_large', param: 'amount_to_capture',
      });
    }
    const charge = this.latestCharge(intent);
    charge.captured = true;
    charge.amount_captured = amount;
    charge.amount_refunded += charge.amount - amount; // the released rest of the authorization
    charge.balance_transaction = newId('txn_3');
    intent.status = 'succeeded';
    intent.amount_capturable = 0;
    intent.amount_received = amount;
    this.captures.push({ paymentIntent: intent.id, charge: charge.id, amount, idempotencyKey, at: this.now() });
    return intent;
  }

  cancel(id: string, reason: string | null): PaymentIntentObject {
    const intent = this.intent(id);
    if (!CANCELABLE.has(intent.status)) {
      throw unexpectedState(
        `You cannot cancel this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be canceled: ${[...CANCELABLE].join(', ')}.`,
        structuredClone(intent),
      );
    }
    this.markCanceled(intent, reason, this.now());
    return intent;
  }

  /** Test control: move the authorization's expiry (e.g. into the past, to test the lapse). */
  setCaptureBefore(id: string, unixSeconds: number): void {
    const intent = this.intents.get(id);
    const charge = intent && typeof intent.latest_charge === 'string' ? this.charges.get(intent.latest_charge) : undefined;
    if (!intent || !charge) throw new Error(`Stripe simulator: ${id} has no charge (is it authorized?)`);
    charge.payment_method_details.card.capture_before = unixSeconds;
  }

  // ---- Refunds --------------------------------------------------------------------------------

  refund(input: { paymentIntent: string | null; charge: string | null; amount: number | undefined; reason: string | null; metadata: Metadata }): RefundObject {
    const charge = this.refundableCharge(input.paymentIntent, input.charge);
    const remaining = charge.amount - charge.amount_refunded;
    if (remaining <= 0) throw refused(`Charge ${charge.id} has already been refunded.`, { code: 'charge_already_refunded' });
    const amount = input.amount ?? remaining;
    if (amount > remaining) {
      // Stripe sends no `code` here, only `param: amount` (seen in recorded live answers).
      throw refused(`Refund amount (${formatAmount(amount, charge.currency)}) is greater than unrefunded amount on charge (${formatAmount(remaining, charge.currency)})`, { param: 'amount' });
    }
    const refund: RefundObject = {
      id: newId('re_3'), object: 'refund', amount, balance_transaction: newId('txn_3'), charge: charge.id,
      created: this.now(), currency: charge.currency, metadata: { ...input.metadata }, payment_intent: charge.payment_intent,
      reason: input.reason, receipt_number: null, status: 'succeeded',
    };
    charge.amount_refunded += amount;
    charge.refunded = charge.amount_refunded >= charge.amount;
    this.refunds.push(refund);
    return refund;
  }

  refundsOf(filter: { paymentIntent?: string; charge?: string }): RefundObject[] {
    return this.refunds
      .filter((refund) => (filter.paymentIntent === undefined || refund.payment_intent === filter.paymentIntent)
        && (filter.charge === undefined || refund.charge === filter.charge))
      .reverse();
  }

  /** Confirms an existing intent with a payment method (a test card token); a decline throws the 402 after recording it. */
  confirmIntent(intent: PaymentIntentObject, paymentMethodToken: string): void {
    const method = this.resolvePaymentMethod(paymentMethodToken);
    intent.payment_method = method.id;
    this.confirm(intent, method, undefined);
  }

  // ---- internals ------------------------------------------------------------------------------

  private resolvePaymentMethod(token: string): PaymentMethodObject {
    const stored = this.paymentMethods.get(token);
    if (stored) return stored;
    const testCard = TEST_PAYMENT_METHODS[token];
    if (!testCard) throw resourceMissing('PaymentMethod', token, 'payment_method');
    const method = newPaymentMethod(testCard.card, this.now());
    this.paymentMethods.set(method.id, method);
    this.testCardOf.set(method.id, token);
    return method;
  }

  /** Authorizes (or, for automatic capture, charges) the card; a decline throws the 402 after recording it. */
  private confirm(intent: PaymentIntentObject, method: PaymentMethodObject, forced: ForcedDecline | undefined): void {
    const now = this.now();
    const declineCode = forced?.declineCode ?? TEST_PAYMENT_METHODS[this.testCardOf.get(method.id) ?? '']?.declineCode;
    const charge = newCharge(intent, method, now, declineCode);
    this.charges.set(charge.id, charge);
    intent.latest_charge = charge.id;
    if (declineCode !== undefined) {
      const details = declineDetails(declineCode);
      const message = forced?.message ?? details.message;
      charge.failure_code = details.code;
      charge.failure_message = message;
      intent.status = 'requires_payment_method';
      intent.payment_method = null; // Stripe detaches a declined method; it lives on in last_payment_error
      intent.last_payment_error = {
        type: 'card_error', code: details.code, decline_code: declineCode, message, charge: charge.id,
        doc_url: `https://stripe.com/docs/error-codes/${details.code.replaceAll('_', '-')}`, payment_method: structuredClone(method),
        ...(forced?.adviceCode ? { advice_code: forced.adviceCode } : {}),
      };
      throw cardDeclined({
        declineCode, message, chargeId: charge.id, paymentIntent: structuredClone(intent), paymentMethod: structuredClone(method),
        ...(forced?.adviceCode ? { adviceCode: forced.adviceCode } : {}),
      });
    }
    intent.last_payment_error = null;
    if (intent.capture_method === 'manual') {
      charge.payment_method_details.card.capture_before = now + this.captureWindowSeconds;
      intent.status = 'requires_capture';
      intent.amount_capturable = intent.amount;
    } else {
      charge.captured = true;
      charge.amount_captured = charge.amount;
      charge.balance_transaction = newId('txn_3');
      intent.status = 'succeeded';
      intent.amount_received = intent.amount;
    }
  }

  private latestCharge(intent: PaymentIntentObject): ChargeObject {
    const charge = typeof intent.latest_charge === 'string' ? this.charges.get(intent.latest_charge) : undefined;
    if (!charge) throw new Error(`Stripe simulator: ${intent.id} in ${intent.status} has no charge`);
    return charge;
  }

  private lapseIfExpired(intent: PaymentIntentObject): void {
    if (intent.status !== 'requires_capture') return;
    const captureBefore = this.latestCharge(intent).payment_method_details.card.capture_before;
    if (captureBefore !== undefined && this.now() >= captureBefore) this.markCanceled(intent, 'automatic', captureBefore);
  }

  /** Cancels the intent; an uncaptured authorization is released (reported as refunded on the charge). */
  private markCanceled(intent: PaymentIntentObject, reason: string | null, at: number): void {
    if (intent.status === 'requires_capture') {
      const charge = this.latestCharge(intent);
      charge.amount_refunded = charge.amount;
      charge.refunded = true;
    }
    intent.status = 'canceled';
    intent.cancellation_reason = reason;
    intent.canceled_at = at;
    intent.amount_capturable = 0;
  }

  private refundableCharge(paymentIntentId: string | null, chargeId: string | null): ChargeObject {
    if (paymentIntentId !== null) {
      const intent = this.intent(paymentIntentId, 'payment_intent');
      const charge = typeof intent.latest_charge === 'string' ? this.charges.get(intent.latest_charge) : undefined;
      if (intent.status !== 'succeeded' || !charge || !charge.captured) {
        throw refused(`This PaymentIntent (${intent.id}) does not have a successful charge to refund.`, { param: 'payment_intent' });
      }
      return charge;
    }
    const charge = chargeId === null ? undefined : this.charges.get(chargeId);
    if (!charge) throw resourceMissing('charge', chargeId ?? '', 'charge');
    if (!charge.captured) throw invalidParam('charge', `Charge ${charge.id} has not been captured; cancel its PaymentIntent instead.`);
    return charge;
  }
}

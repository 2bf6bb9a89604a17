/**
 * Checkout Sessions (docs.stripe.com/api/checkout/sessions), the "payment link" the desk sends for a phone
 * order: the session holds the order lines; when the customer pays on the hosted page, a PaymentIntent is
 * created from `payment_intent_data` and confirmed with the card, through the ledger's usual rules.
 */
import { resourceMissing, type StripeSimError } from './stripe-sim-errors';
import type { StripeLedger } from './stripe-sim-ledger';
import {
  newId, type CaptureMethod, type CheckoutLineItem, type CheckoutSessionObject, type Metadata, type PaymentIntentObject,
} from './stripe-sim-objects';

export interface CheckoutOutcome {
  outcome: 'authorized' | 'paid' | 'declined';
  declineCode?: string;
  session: CheckoutSessionObject;
  paymentIntent: PaymentIntentObject;
}

/** What each session's PaymentIntent will get (`payment_intent_data`). */
export interface SessionIntentData {
  captureMethod: CaptureMethod;
  metadata: Metadata;
  description: string | null;
}

/** Stripe's default: a session can be paid for 24 hours. */
const CHECKOUT_LIFETIME_SECONDS = 24 * 60 * 60;

export class CheckoutSessions {
  private readonly sessions = new Map<string, CheckoutSessionObject>();
  private readonly lineItemsOf = new Map<string, CheckoutLineItem[]>();
  private readonly intentDataOf = new Map<string, SessionIntentData>();

  constructor(
    private readonly ledger: StripeLedger,
    private readonly now: () => number,
    private readonly hostedPageUrl: (sessionId: string) => string,
  ) {}

  create(input: {
    lineItems: CheckoutLineItem[]; currency: string; metadata: Metadata; successUrl: string | null; cancelUrl: string | null;
    clientReferenceId: string | null; customerEmail: string | null; expiresAt: number | null; intentData: SessionIntentData;
  }): CheckoutSessionObject {
    const id = newId('cs_test_a1', 56);
    const created = this.now();
    const total = input.lineItems.reduce((sum, item) => sum + item.unit_amount * item.quantity, 0);
    const session: CheckoutSessionObject = {
      id, object: 'checkout.session', amount_subtotal: total, amount_total: total, cancel_url: input.cancelUrl,
      client_reference_id: input.clientReferenceId, created, currency: input.currency, customer: null, customer_details: null,
      customer_email: input.customerEmail, expires_at: input.expiresAt ?? created + CHECKOUT_LIFETIME_SECONDS, livemode: false,
      metadata: { ...input.metadata }, mode: 'payment', payment_intent: null, payment_method_types: ['card'],
      payment_status: 'unpaid', status: 'open', success_url: input.successUrl, url: this.hostedPageUrl(id),
    };
    this.sessions.set(id, session);
    this.lineItemsOf.set(id, input.lineItems.map((item) => ({ ...item })));
    this.intentDataOf.set(id, { ...input.intentData, metadata: { ...input.intentData.metadata } });
    return session;
  }

  has(id: string): boolean {
    return this.sessions.has(id);
  }

  /** The session, expired (`url: null`) once `expires_at` has passed unpaid; 404 when there is none. */
  get(id: string, param = 'session'): CheckoutSessionObject {
    const session = this.sessions.get(id);
    if (!session) throw resourceMissing('checkout.session', id, param);
    if (session.status === 'open' && this.now() >= session.expires_at) {
      session.status = 'expired';
      session.url = null;
    }
    return session;
  }

  lineItems(id: string): readonly CheckoutLineItem[] {
    return this.lineItemsOf.get(id) ?? [];
  }

  /**
   * The customer pays on the hosted page. A success completes the session (manual capture: the intent waits
   * in `requires_capture` and the session's `payment_status` stays `unpaid`, since the funds are not in the
   * account until capture); a decline leaves the session open with the failed intent attached, for a retry.
   */
  complete(id: string, paymentMethodToken: string): CheckoutOutcome {
    const session = this.get(id);
    if (session.status !== 'open') throw new Error(`Stripe simulator: checkout session ${id} is ${session.status}, not open`);
    const intentData = this.intentDataOf.get(id) as SessionIntentData;
    let intent = typeof session.payment_intent === 'string' ? this.ledger.intent(session.payment_intent) : undefined;
    if (!intent) {
      intent = this.ledger.createIntent({
        amount: session.amount_total, currency: session.currency, captureMethod: intentData.captureMethod,
        metadata: intentData.metadata, description: intentData.description, receiptEmail: session.customer_email,
        statementDescriptor: null, paymentMethod: null, confirm: false,
      });
      session.payment_intent = intent.id;
    }
    try {
      this.ledger.confirmIntent(intent, paymentMethodToken);
    } catch (error) {
      const declineCode = (error as StripeSimError).error?.decline_code;
      if (declineCode === undefined) throw error;
      return { outcome: 'declined', declineCode, session, paymentIntent: intent };
    }
    session.status = 'complete';
    session.url = null;
    session.payment_status = intent.status === 'succeeded' ? 'paid' : 'unpaid';
    session.customer_details = { email: session.customer_email ?? 'customer@example.com', name: 'Test Customer' };
    return { outcome: intent.status === 'succeeded' ? 'paid' : 'authorized', session, paymentIntent: intent };
  }
}

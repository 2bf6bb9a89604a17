import Stripe from 'stripe';

/**
 * The desk's view of Stripe, through the official SDK. Only PaymentIntents with manual capture, refunds and
 * Checkout Sessions (the payment link for a phone order: the card is typed on Stripe's page, never here).
 * The SDK's own retries are off: the outbox retries, with the same idempotency key, and records each attempt.
 */
export interface StripeConfig {
  secretKey: string;
  /** Where the API is; the tests' simulator on 127.0.0.1. Default api.stripe.com over https. */
  host?: string;
  port?: number;
  protocol?: 'http' | 'https';
  timeoutMs?: number;
}

export interface IntentSnapshot {
  id: string;
  /** Stripe's PaymentIntent status: requires_payment_method, requires_capture, succeeded, canceled, … */
  status: string;
  amount: number;
  amountCapturable: number;
  amountReceived: number;
  amountRefunded: number;
  currency: string;
  /** When the authorization lapses (ms), from the card charge; null when Stripe gave none. */
  captureBefore: number | null;
  cardBrand: string | null;
  cardLast4: string | null;
}

export interface RefundSnapshot { id: string; amount: number; status: string }

/** The metadata key a refund's idempotency key is kept under. */
const REFUND_KEY_METADATA = 'petdrop_key';

export interface CheckoutSnapshot {
  id: string;
  url: string | null;
  /** open · complete · expired */
  status: string;
  paymentIntentId: string | null;
}

/** Why a call failed, sorted for the outbox: temporary (try again, maybe after a wait) or needing a person. */
export interface StripeFailure {
  retry: boolean;
  afterMs?: number;
  message: string;
  code?: string;
  declineCode?: string;
  /** Stripe said the PaymentIntent is not in a state for this (already captured, cancelled): look it up. */
  unexpectedState?: boolean;
}

export class StripeCallError extends Error {
  constructor(readonly failure: StripeFailure) {
    super(failure.message);
    this.name = 'StripeCallError';
  }
}

export interface StripeGateway {
  retrieveIntent(id: string): Promise<IntentSnapshot>;
  capture(id: string, amount: number, idempotencyKey: string): Promise<IntentSnapshot>;
  cancel(id: string, idempotencyKey: string): Promise<IntentSnapshot>;
  /** The refund carries its idempotency key in metadata, so it can be found again after Stripe forgot the key (24 h). */
  refund(intentId: string, amount: number, idempotencyKey: string): Promise<RefundSnapshot>;
  findRefundByKey(intentId: string, idempotencyKey: string): Promise<RefundSnapshot | undefined>;
  createCheckout(input: { amount: number; currency: string; orderNumber: string; description: string }, idempotencyKey: string): Promise<CheckoutSnapshot>;
  retrieveCheckout(id: string): Promise<CheckoutSnapshot>;
}

/**
 * Declines Stripe says may succeed later (docs.stripe.com/declines/codes): retried by the outbox a few times.
 * Every other decline is hard — stolen, lost, fraudulent, closed account — and is never retried.
 */
const SOFT_DECLINES: ReadonlySet<string> = new Set([
  'try_again_later', 'processing_error', 'issuer_not_available', 'approve_with_id', 'reenter_transaction', 'insufficient_funds',
]);

function retryAfterMs(headers: Record<string, string> | undefined): number | undefined {
  const value = headers?.['retry-after'] ?? headers?.['Retry-After'];
  const seconds = value === undefined ? NaN : Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/** Sorts anything the SDK throws into a StripeFailure; the message is for the shop owner and names no secret. */
export function classifyStripeError(error: unknown): StripeFailure {
  if (error instanceof StripeCallError) return error.failure;
  if (!(error instanceof Stripe.errors.StripeError)) {
    return { retry: true, message: `Stripe could not be reached (${error instanceof Error ? error.message : String(error)}).` };
  }
  const code = error.code;
  const declineCode = error.decline_code;
  if (error instanceof Stripe.errors.StripeCardError) {
    const soft = error.advice_code === 'try_again_later' || (declineCode !== undefined && SOFT_DECLINES.has(declineCode));
    const reason = declineCode ? declineCode.replaceAll('_', ' ') : (code ?? 'declined').replaceAll('_', ' ');
    return { retry: soft, message: `The card was declined (${reason})${soft ? '; Stripe says it may go through later' : ''}.`, code, declineCode };
  }
  if (error instanceof Stripe.errors.StripeRateLimitError) {
    return { retry: true, afterMs: retryAfterMs(error.headers), message: 'Stripe asked the desk to slow down (too many requests); it will try again.', code };
  }
  if (error instanceof Stripe.errors.StripeConnectionError) {
    return { retry: true, message: 'No connection to Stripe; it will be sent when the desk is online again.', code };
  }
  if (error.statusCode !== undefined && error.statusCode >= 500 && error.headers?.['idempotent-replayed'] === 'true') {
    // Stripe saved its own failure under this key and will answer it again forever: resending cannot help.
    return { retry: false, message: 'Stripe failed on its side and keeps that answer for this request; check the payment in Stripe’s dashboard before trying again.', code };
  }
  if (error instanceof Stripe.errors.StripeAPIError || (error.statusCode !== undefined && error.statusCode >= 500)) {
    return { retry: true, message: `Stripe had a problem on its side (${error.statusCode ?? 'error'}); it will try again.`, code };
  }
  if (code === 'idempotency_key_in_use' || error.statusCode === 409) {
    // The same request is still running at Stripe (an earlier attempt, cut off on our side): ask again shortly.
    return { retry: true, afterMs: 1_000, message: 'Stripe is still working on the first try of this; the desk will ask again.', code };
  }
  if (error instanceof Stripe.errors.StripeAuthenticationError || error instanceof Stripe.errors.StripePermissionError) {
    return { retry: false, message: 'Stripe refused the secret key. Check the Stripe key in Settings, then retry.', code };
  }
  if (error instanceof Stripe.errors.StripeIdempotencyError) {
    return { retry: false, message: 'Stripe refused a repeated request that differed from the first one; a person must check this payment in Stripe.', code };
  }
  if (code === 'payment_intent_unexpected_state') {
    return { retry: false, unexpectedState: true, message: `Stripe says the payment is not in a state for this: ${error.message}`, code };
  }
  return { retry: false, message: `Stripe refused the request: ${error.message}`, code };
}

function snapshot(intent: Stripe.PaymentIntent): IntentSnapshot {
  const charge = typeof intent.latest_charge === 'object' ? intent.latest_charge : null;
  const card = charge?.payment_method_details?.card;
  return {
    id: intent.id,
    status: intent.status,
    amount: intent.amount,
    amountCapturable: intent.amount_capturable,
    amountReceived: intent.amount_received,
    // A partial capture releases the rest, and Stripe reports that release in the charge's amount_refunded:
    // only what goes beyond the released part was refunded money.
    amountRefunded: charge ? Math.max(0, charge.amount_refunded - (charge.captured ? charge.amount - charge.amount_captured : 0)) : 0,
    currency: intent.currency.toUpperCase(),
    captureBefore: card?.capture_before ? card.capture_before * 1000 : null,
    cardBrand: card?.brand ?? null,
    cardLast4: card?.last4 ?? null,
  };
}

function checkout(session: Stripe.Checkout.Session): CheckoutSnapshot {
  const intent = session.payment_intent;
  return { id: session.id, url: session.url, status: session.status ?? 'open', paymentIntentId: typeof intent === 'string' ? intent : intent?.id ?? null };
}

async function call<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new StripeCallError(classifyStripeError(error));
  }
}

export function createStripeGateway(config: StripeConfig): StripeGateway {
  const stripe = new Stripe(config.secretKey, {
    host: config.host,
    port: config.port,
    protocol: config.protocol,
    maxNetworkRetries: 0,
    timeout: config.timeoutMs ?? 30_000,
    telemetry: false,
  });
  const expand = ['latest_charge'];
  return {
    retrieveIntent: (id) => call(async () => snapshot(await stripe.paymentIntents.retrieve(id, { expand }))),
    capture: (id, amount, idempotencyKey) => call(async () => snapshot(
      await stripe.paymentIntents.capture(id, { amount_to_capture: amount, expand }, { idempotencyKey }))),
    cancel: (id, idempotencyKey) => call(async () => snapshot(await stripe.paymentIntents.cancel(id, { expand }, { idempotencyKey }))),
    refund: (intentId, amount, idempotencyKey) => call(async () => {
      const refund = await stripe.refunds.create({ payment_intent: intentId, amount, metadata: { [REFUND_KEY_METADATA]: idempotencyKey } }, { idempotencyKey });
      return { id: refund.id, amount: refund.amount, status: refund.status ?? 'pending' };
    }),
    findRefundByKey: (intentId, idempotencyKey) => call(async () => {
      const refunds = await stripe.refunds.list({ payment_intent: intentId, limit: 100 });
      const found = refunds.data.find((refund) => refund.metadata?.[REFUND_KEY_METADATA] === idempotencyKey);
      return found ? { id: found.id, amount: found.amount, status: found.status ?? 'pending' } : undefined;
    }),
    createCheckout: (input, idempotencyKey) => call(async () => checkout(await stripe.checkout.sessions.create({
      mode: 'payment',
      line_items: [{ quantity: 1, price_data: { currency: input.currency.toLowerCase(), unit_amount: input.amount, product_data: { name: input.description } } }],
      payment_intent_data: { capture_method: 'manual', metadata: { order: input.orderNumber } },
      metadata: { order: input.orderNumber },
    }, { idempotencyKey }))),
    retrieveCheckout: (id) => call(async () => checkout(await stripe.checkout.sessions.retrieve(id))),
  };
}

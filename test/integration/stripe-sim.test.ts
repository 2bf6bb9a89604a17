/**
 * The Stripe simulator (test/sim/stripe-sim.ts) driven through the OFFICIAL `stripe` SDK, exactly as the
 * desk's adapter drives Stripe: if the SDK parses every answer into the right object or error class, the
 * simulator speaks Stripe's wire format, and the desk's adapter tests against it mean something.
 */
import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import { parseStripeForm, paramsFingerprint } from '../sim/stripe-sim-form';
import { startStripeSim, type StripeSim, type StripeSimOptions } from '../sim/stripe-sim';
import { httpRequest } from './support/http';

/** Looks like a real secret key, so a leak is unmistakable. */
const SECRET_KEY = 'sk_test_51PETDROPsecretKEY7f3a9cB2e81d44aaZZ';
const START = 1_800_000_000; // a fixed clock (Unix seconds): 2027-01-15
const SEVEN_DAYS = 7 * 24 * 60 * 60;

const sims: StripeSim[] = [];
afterEach(async () => {
  for (const sim of sims.splice(0)) await sim.close();
});

interface Harness { sim: StripeSim; stripe: Stripe; clock: { now: number } }

async function start(options: StripeSimOptions = {}): Promise<Harness> {
  const clock = { now: START };
  const sim = await startStripeSim({ apiKey: SECRET_KEY, now: () => clock.now, ...options });
  sims.push(sim);
  // Exactly the desk's configuration: the SDK's own retries off (it still reconnects once after a reset socket).
  const stripe = new Stripe(SECRET_KEY, { ...sim.clientConfig, maxNetworkRetries: 0, telemetry: false });
  return { sim, stripe, clock };
}

async function failureOf(promise: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(Stripe.errors.StripeError);
    return error as Stripe.errors.StripeError;
  }
  throw new Error('expected the call to fail');
}

function authorize(stripe: Stripe, amount = 1999, paymentMethod = 'pm_card_visa', idempotencyKey?: string) {
  return stripe.paymentIntents.create({
    amount, currency: 'usd', capture_method: 'manual', confirm: true, payment_method: paymentMethod,
    metadata: { order: 'PD-1001' },
  }, idempotencyKey ? { idempotencyKey } : undefined);
}

function chargeOf(intent: Stripe.PaymentIntent): Stripe.Charge {
  expect(typeof intent.latest_charge).toBe('object');
  return intent.latest_charge as Stripe.Charge;
}

describe('Stripe simulator: PaymentIntents with manual capture', () => {
  it('authorizes with a test card and serves the intent and its charge in Stripe\'s shapes', async () => {
    const { stripe } = await start();
    const created = await authorize(stripe);
    expect(created).toMatchObject({
      object: 'payment_intent', amount: 1999, currency: 'usd', status: 'requires_capture', capture_method: 'manual',
      amount_capturable: 1999, amount_received: 0, metadata: { order: 'PD-1001' }, livemode: false, canceled_at: null,
      cancellation_reason: null, last_payment_error: null, created: START,
    });
    expect(created.id).toMatch(/^pi_/);
    expect(created.payment_method).toMatch(/^pm_/);
    expect(created.latest_charge).toMatch(/^ch_/);
    expect(created.client_secret).toMatch(new RegExp(`^${created.id}_secret_`));

    const retrieved = await stripe.paymentIntents.retrieve(created.id, { expand: ['latest_charge'] });
    const charge = chargeOf(retrieved);
    expect(charge).toMatchObject({
      object: 'charge', id: created.latest_charge, amount: 1999, amount_captured: 0, amount_refunded: 0, captured: false,
      paid: true, refunded: false, status: 'succeeded', payment_intent: created.id,
      payment_method_details: { type: 'card', card: { brand: 'visa', last4: '4242', capture_before: START + SEVEN_DAYS } },
    });
    // Without expand the charge stays an id, as in Stripe.
    expect((await stripe.paymentIntents.retrieve(created.id)).latest_charge).toBe(created.latest_charge);
  });

  it('leaves an unconfirmed intent waiting for a payment method; the capture window is configurable', async () => {
    const { stripe } = await start({ captureWindowSeconds: 3600 });
    const pending = await stripe.paymentIntents.create({ amount: 2500, currency: 'eur', capture_method: 'manual' });
    expect(pending).toMatchObject({ status: 'requires_payment_method', currency: 'eur', latest_charge: null, payment_method: null });

    const authorized = await stripe.paymentIntents.retrieve((await authorize(stripe)).id, { expand: ['latest_charge'] });
    expect(chargeOf(authorized).payment_method_details?.card?.capture_before).toBe(START + 3600);
  });

  it('captures in full', async () => {
    const { stripe, sim } = await start();
    const { id } = await authorize(stripe, 4200);
    const captured = await stripe.paymentIntents.capture(id, { expand: ['latest_charge'] });
    expect(captured).toMatchObject({ status: 'succeeded', amount_received: 4200, amount_capturable: 0 });
    expect(chargeOf(captured)).toMatchObject({ captured: true, amount_captured: 4200, amount_refunded: 0 });
    expect(sim.captures(id)).toMatchObject([{ paymentIntent: id, amount: 4200 }]);
  });

  it('captures part and releases the rest; a second capture is payment_intent_unexpected_state with the intent', async () => {
    const { stripe, sim } = await start();
    const { id } = await authorize(stripe, 1999);
    const captured = await stripe.paymentIntents.capture(id, { amount_to_capture: 1200, expand: ['latest_charge'] });
    expect(captured).toMatchObject({ status: 'succeeded', amount: 1999, amount_received: 1200, amount_capturable: 0 });
    // Stripe reports the released rest of the authorization as refunded on the charge.
    expect(chargeOf(captured)).toMatchObject({ captured: true, amount_captured: 1200, amount_refunded: 799, refunded: false });

    const again = await failureOf(stripe.paymentIntents.capture(id));
    expect(again).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(again).toMatchObject({ statusCode: 400, code: 'payment_intent_unexpected_state', rawType: 'invalid_request_error' });
    expect(again.payment_intent).toMatchObject({ id, status: 'succeeded' });
    expect(sim.captures(id)).toHaveLength(1);
  });

  it('refuses to capture more than was authorized', async () => {
    const { stripe, sim } = await start();
    const { id } = await authorize(stripe, 1000);
    const error = await failureOf(stripe.paymentIntents.capture(id, { amount_to_capture: 1001 }));
    expect(error).toMatchObject({ statusCode: 400, param: 'amount_to_capture' });
    expect(sim.intent(id).status).toBe('requires_capture');
  });

  it('cancels an authorization, which releases it; a canceled intent cannot be captured', async () => {
    const { stripe } = await start();
    const { id } = await authorize(stripe);
    const canceled = await stripe.paymentIntents.cancel(id, { cancellation_reason: 'requested_by_customer', expand: ['latest_charge'] });
    expect(canceled).toMatchObject({ status: 'canceled', cancellation_reason: 'requested_by_customer', canceled_at: START, amount_capturable: 0 });
    expect(chargeOf(canceled)).toMatchObject({ captured: false, refunded: true, amount_refunded: 1999 });
    const error = await failureOf(stripe.paymentIntents.capture(id));
    expect(error).toMatchObject({ code: 'payment_intent_unexpected_state' });
    expect(error.payment_intent).toMatchObject({ status: 'canceled' });
  });

  it('lets an authorization lapse at capture_before: canceled, cancellation_reason automatic', async () => {
    const { stripe, sim, clock } = await start();
    const id = sim.createAuthorizedIntent({ amount: 3000, currency: 'USD', metadata: { order: 'PD-1002' } });
    sim.setCaptureBefore(id, START + 60);
    expect((await stripe.paymentIntents.retrieve(id)).status).toBe('requires_capture');

    clock.now = START + 60;
    const error = await failureOf(stripe.paymentIntents.capture(id, {}, { idempotencyKey: 'capture-PD-1002' }));
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ statusCode: 400, code: 'payment_intent_unexpected_state' });
    expect(error.payment_intent).toMatchObject({ id, status: 'canceled', cancellation_reason: 'automatic', canceled_at: START + 60 });
    expect(await stripe.paymentIntents.retrieve(id)).toMatchObject({ status: 'canceled', cancellation_reason: 'automatic' });
    expect(sim.captures(id)).toEqual([]);
  });

  it('answers an unknown id with resource_missing and an unknown parameter with parameter_unknown', async () => {
    const { stripe } = await start();
    const missing = await failureOf(stripe.paymentIntents.retrieve('pi_doesnotexist'));
    expect(missing).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(missing).toMatchObject({ statusCode: 404, code: 'resource_missing', message: "No such payment_intent: 'pi_doesnotexist'" });

    const unknown = await failureOf(stripe.paymentIntents.create({ amount: 1999, currency: 'usd', amont: 5 } as Stripe.PaymentIntentCreateParams));
    expect(unknown).toMatchObject({ statusCode: 400, code: 'parameter_unknown', param: 'amont' });
    const badExpand = await failureOf(stripe.paymentIntents.retrieve((await authorize(stripe)).id, { expand: ['customer'] }));
    expect(badExpand).toMatchObject({ statusCode: 400, param: 'expand' });
  });
});

describe('Stripe simulator: declines', () => {
  it.each([
    ['pm_card_chargeDeclined', 'generic_decline', 'Your card was declined.'],
    ['pm_card_insufficientFunds', 'insufficient_funds', 'Your card has insufficient funds.'],
    ['pm_card_chargeDeclinedInsufficientFunds', 'insufficient_funds', 'Your card has insufficient funds.'],
    ['pm_card_chargeDeclinedStolenCard', 'stolen_card', 'Your card was declined.'],
  ])('%s is a 402 card_error with decline_code %s and the intent left in requires_payment_method', async (card, declineCode, message) => {
    const { stripe, sim } = await start();
    const error = await failureOf(authorize(stripe, 1999, card));
    expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(error).toMatchObject({ statusCode: 402, rawType: 'card_error', code: 'card_declined', decline_code: declineCode, message });
    expect(error.charge).toMatch(/^ch_/);
    const intent = error.payment_intent as Stripe.PaymentIntent;
    expect(intent).toMatchObject({ status: 'requires_payment_method', payment_method: null, last_payment_error: { decline_code: declineCode, type: 'card_error' } });
    expect(sim.latestCharge(intent.id)).toMatchObject({ status: 'failed', paid: false, failure_code: 'card_declined' });
  });
});

describe('Stripe simulator: refunds', () => {
  it('refunds in parts up to what was captured, with Stripe\'s errors beyond it, and lists them', async () => {
    const { stripe, sim } = await start();
    const { id } = await authorize(stripe, 5000);
    await stripe.paymentIntents.capture(id, { amount_to_capture: 4000 });

    const first = await stripe.refunds.create({ payment_intent: id, amount: 1500, reason: 'requested_by_customer', metadata: { order: 'PD-1001' } });
    expect(first).toMatchObject({
      object: 'refund', amount: 1500, currency: 'usd', status: 'succeeded', payment_intent: id, reason: 'requested_by_customer',
      metadata: { order: 'PD-1001' }, created: START,
    });
    expect(first.id).toMatch(/^re_/);
    expect(first.charge).toBe(sim.intent(id).latest_charge);

    const tooMuch = await failureOf(stripe.refunds.create({ payment_intent: id, amount: 2501 }));
    expect(tooMuch).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(tooMuch).toMatchObject({ statusCode: 400, param: 'amount', message: 'Refund amount ($25.01) is greater than unrefunded amount on charge ($25.00)' });

    const rest = await stripe.refunds.create({ payment_intent: id }); // no amount: everything left
    expect(rest.amount).toBe(2500);
    const charge = chargeOf(await stripe.paymentIntents.retrieve(id, { expand: ['latest_charge'] }));
    expect(charge).toMatchObject({ amount_captured: 4000, amount_refunded: 5000, refunded: true }); // 1000 released + 4000 refunded

    const done = await failureOf(stripe.refunds.create({ payment_intent: id, amount: 1 }));
    expect(done).toMatchObject({ statusCode: 400, code: 'charge_already_refunded' });

    const list = await stripe.refunds.list({ payment_intent: id });
    expect(list).toMatchObject({ object: 'list', has_more: false, url: '/v1/refunds' });
    expect(list.data.map((refund) => refund.amount)).toEqual([2500, 1500]); // newest first
    expect(sim.refunds(id).map((refund) => refund.id)).toEqual([first.id, rest.id]);
  });

  it('refuses to refund an intent that was not captured', async () => {
    const { stripe } = await start();
    const { id } = await authorize(stripe);
    const error = await failureOf(stripe.refunds.create({ payment_intent: id }));
    expect(error).toMatchObject({ statusCode: 400, param: 'payment_intent' });
  });
});

describe('Stripe simulator: idempotency', () => {
  it('replays the saved answer for the same key and parameters, marked Idempotent-Replayed', async () => {
    const { stripe, sim } = await start();
    const { id } = await authorize(stripe);
    const first = await stripe.paymentIntents.capture(id, { amount_to_capture: 1500 }, { idempotencyKey: 'capture-PD-1001-1' });
    const second = await stripe.paymentIntents.capture(id, { amount_to_capture: 1500 }, { idempotencyKey: 'capture-PD-1001-1' });
    expect(second).toEqual(first);
    expect(first.lastResponse.headers['idempotent-replayed']).toBeUndefined();
    expect(second.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(second.lastResponse.headers['original-request']).toBe(first.lastResponse.requestId);
    expect(second.lastResponse.idempotencyKey).toBe('capture-PD-1001-1');
    expect(sim.captures(id)).toHaveLength(1);
    expect(sim.requestsTo('POST /v1/payment_intents/:id/capture').map((request) => [request.idempotencyKey, request.replayed, request.status]))
      .toEqual([['capture-PD-1001-1', false, 200], ['capture-PD-1001-1', true, 200]]);
  });

  it('answers the same key with other parameters, or on another endpoint, with an idempotency_error', async () => {
    const { stripe } = await start();
    const { id } = await authorize(stripe);
    await stripe.paymentIntents.capture(id, { amount_to_capture: 1500 }, { idempotencyKey: 'key-1' });
    const otherParams = await failureOf(stripe.paymentIntents.capture(id, { amount_to_capture: 1000 }, { idempotencyKey: 'key-1' }));
    expect(otherParams).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(otherParams).toMatchObject({ statusCode: 400, rawType: 'idempotency_error' });
    const otherEndpoint = await failureOf(stripe.refunds.create({ payment_intent: id }, { idempotencyKey: 'key-1' }));
    expect(otherEndpoint).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
  });

  it('saves a decline for replay, but not a validation error (the key stays usable)', async () => {
    const { stripe } = await start();
    const declined = await failureOf(authorize(stripe, 1999, 'pm_card_chargeDeclined', 'auth-1'));
    const replayed = await failureOf(authorize(stripe, 1999, 'pm_card_chargeDeclined', 'auth-1'));
    expect(replayed.headers?.['idempotent-replayed']).toBe('true');
    // The same saved body: only what the SDK adds per response (headers, request id) differs.
    const body = (error: Stripe.errors.StripeError) => {
      const { headers: _headers, requestId: _requestId, ...rest } = error.raw as Record<string, unknown>;
      return rest;
    };
    expect(body(replayed)).toEqual(body(declined));
    expect(body(declined)).toMatchObject({ decline_code: 'generic_decline', payment_intent: { status: 'requires_payment_method' } });

    const invalid = await failureOf(authorize(stripe, 0, 'pm_card_visa', 'auth-2'));
    expect(invalid).toMatchObject({ statusCode: 400, param: 'amount' });
    const fixed = await authorize(stripe, 1999, 'pm_card_visa', 'auth-2');
    expect(fixed.status).toBe('requires_capture');
  });

  it('answers 409 while a request with the same key is still running, and applies it once', async () => {
    const { stripe, sim } = await start();
    const id = sim.createAuthorizedIntent({ amount: 1999, currency: 'usd' });
    await stripe.paymentIntents.retrieve(id); // the SDK's first call works out its user agent; keep that out of the race
    sim.setLatency(300);
    const capture = () => stripe.paymentIntents.capture(id, {}, { idempotencyKey: 'capture-race' });
    const results = await Promise.allSettled([capture(), new Promise((resolve) => setTimeout(resolve, 50)).then(capture)]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    const conflict = (results.find((result) => result.status === 'rejected') as PromiseRejectedResult).reason as Stripe.errors.StripeError;
    expect(conflict).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(conflict).toMatchObject({ statusCode: 409, code: 'idempotency_key_in_use' });
    expect(sim.captures(id)).toHaveLength(1);
  });

  it('does not dedupe POSTs without a key', async () => {
    const { stripe, sim } = await start();
    const a = await stripe.paymentIntents.create({ amount: 1999, currency: 'usd' });
    const b = await stripe.paymentIntents.create({ amount: 1999, currency: 'usd' });
    expect(a.id).not.toBe(b.id);
    // The SDK keys every POST itself (`stripe-node-retry-…`), fresh per call, so the two never collide.
    expect(sim.requestsTo('POST /v1/payment_intents').map((request) => request.replayed)).toEqual([false, false]);
  });
});

describe('Stripe simulator: injected failures reach the SDK as the right error class', () => {
  it('a hard decline on capture: StripeCardError with decline_code, the authorization untouched', async () => {
    const { stripe, sim } = await start();
    const id = sim.createAuthorizedIntent({ amount: 1999, currency: 'usd' });
    sim.failNext('POST /v1/payment_intents/:id/capture', { kind: 'decline', declineCode: 'stolen_card' });
    const error = await failureOf(stripe.paymentIntents.capture(id, {}, { idempotencyKey: 'cap-1' }));
    expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(error).toMatchObject({ statusCode: 402, decline_code: 'stolen_card', code: 'card_declined' });
    expect(error.payment_intent).toMatchObject({ id, status: 'requires_capture' });
    expect(sim.intent(id).status).toBe('requires_capture');
    // The endpoint ran, so the decline is what this key answers from now on.
    const replay = await failureOf(stripe.paymentIntents.capture(id, {}, { idempotencyKey: 'cap-1' }));
    expect(replay).toMatchObject({ decline_code: 'stolen_card' });
    expect(replay.headers?.['idempotent-replayed']).toBe('true');
    expect(sim.captures(id)).toEqual([]);
  });

  it('a decline injected on create is the card\'s answer: do_not_honor, intent requires_payment_method', async () => {
    const { stripe, sim } = await start();
    sim.failNext('POST /v1/payment_intents', { kind: 'decline', declineCode: 'do_not_honor' });
    const error = await failureOf(authorize(stripe));
    expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(error).toMatchObject({ decline_code: 'do_not_honor' });
    expect(error.payment_intent).toMatchObject({ status: 'requires_payment_method' });
    expect((await authorize(stripe)).status).toBe('requires_capture'); // only the next request
  });

  it('429: StripeRateLimitError with Retry-After; nothing applied or saved, so the same key then works', async () => {
    const { stripe, sim } = await start();
    const id = sim.createAuthorizedIntent({ amount: 1999, currency: 'usd' });
    sim.failNext('POST /v1/payment_intents/:id/capture', { kind: 'rate_limit', retryAfterSeconds: 3 });
    const error = await failureOf(stripe.paymentIntents.capture(id, {}, { idempotencyKey: 'cap-429' }));
    expect(error).toBeInstanceOf(Stripe.errors.StripeRateLimitError);
    expect(error).toMatchObject({ statusCode: 429, code: 'rate_limit', rawType: 'invalid_request_error' });
    expect(error.headers?.['retry-after']).toBe('3');
    expect(sim.intent(id).status).toBe('requires_capture');
    const captured = await stripe.paymentIntents.capture(id, {}, { idempotencyKey: 'cap-429' });
    expect(captured.lastResponse.headers['idempotent-replayed']).toBeUndefined();
    expect(sim.captures(id)).toHaveLength(1);
  });

  it('500: StripeAPIError; saved and replayed under its key by default, as the docs say of 500s', async () => {
    const { stripe, sim } = await start();
    const id = sim.createAuthorizedIntent({ amount: 1999, currency: 'usd' });
    sim.failNext('POST /v1/payment_intents/:id/capture', { kind: 'api_error' });
    const error = await failureOf(stripe.paymentIntents.capture(id, {}, { idempotencyKey: 'cap-500' }));
    expect(error).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(error).toMatchObject({ statusCode: 500, rawType: 'api_error' });
    expect(error.headers?.['stripe-should-retry']).toBe('false');
    const replay = await failureOf(stripe.paymentIntents.capture(id, {}, { idempotencyKey: 'cap-500' }));
    expect(replay).toMatchObject({ statusCode: 500 });
    expect(replay.headers?.['idempotent-replayed']).toBe('true');
    expect(sim.intent(id).status).toBe('requires_capture');

    sim.failNext('POST /v1/payment_intents/:id/capture', { kind: 'api_error', saved: false });
    await failureOf(stripe.paymentIntents.capture(id, {}, { idempotencyKey: 'cap-500-b' }));
    expect((await stripe.paymentIntents.capture(id, {}, { idempotencyKey: 'cap-500-b' })).status).toBe('succeeded');
    expect(sim.captures(id)).toHaveLength(1);
  });

  it('a dropped answer after the capture: the SDK\'s one reconnect gets the saved answer replayed', async () => {
    const { stripe, sim } = await start();
    const id = sim.createAuthorizedIntent({ amount: 1999, currency: 'usd' });
    sim.failNext('POST /v1/payment_intents/:id/capture', { kind: 'drop_connection', when: 'after_apply' });
    const captured = await stripe.paymentIntents.capture(id, {}, { idempotencyKey: 'cap-drop-1' });
    expect(captured.status).toBe('succeeded');
    expect(captured.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(sim.captures(id)).toHaveLength(1);
    expect(sim.requestsTo('POST /v1/payment_intents/:id/capture').map((request) => [request.idempotencyKey, request.dropped, request.replayed]))
      .toEqual([['cap-drop-1', true, false], ['cap-drop-1', false, true]]);
  });

  it('a dropped answer twice: StripeConnectionError, the capture applied once, a later retry with the key replays it', async () => {
    const { stripe, sim } = await start();
    const id = sim.createAuthorizedIntent({ amount: 1999, currency: 'usd' });
    sim.failNext('POST /v1/payment_intents/:id/capture', { kind: 'drop_connection', when: 'after_apply' }, 2);
    const error = await failureOf(stripe.paymentIntents.capture(id, { amount_to_capture: 1500 }, { idempotencyKey: 'cap-PD-1001' }));
    expect(error).toBeInstanceOf(Stripe.errors.StripeConnectionError);
    expect(sim.intent(id)).toMatchObject({ status: 'succeeded', amount_received: 1500 }); // applied, answer lost

    const retried = await stripe.paymentIntents.capture(id, { amount_to_capture: 1500 }, { idempotencyKey: 'cap-PD-1001' });
    expect(retried).toMatchObject({ status: 'succeeded', amount_received: 1500 });
    expect(retried.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(sim.captures(id)).toEqual([expect.objectContaining({ amount: 1500, idempotencyKey: 'cap-PD-1001' })]);
    const attempts = sim.requestsTo('POST /v1/payment_intents/:id/capture');
    expect(attempts).toHaveLength(3);
    expect(new Set(attempts.map((request) => request.idempotencyKey))).toEqual(new Set(['cap-PD-1001']));
  });

  it('a dropped request before anything ran: StripeConnectionError, nothing applied, the retry applies once', async () => {
    const { stripe, sim } = await start();
    const id = sim.createAuthorizedIntent({ amount: 1999, currency: 'usd' });
    sim.failNext('POST /v1/payment_intents/:id/capture', { kind: 'drop_connection', when: 'before_apply' }, 2);
    const error = await failureOf(stripe.paymentIntents.capture(id, {}, { idempotencyKey: 'cap-lost' }));
    expect(error).toBeInstanceOf(Stripe.errors.StripeConnectionError);
    expect(sim.intent(id).status).toBe('requires_capture');
    const captured = await stripe.paymentIntents.capture(id, {}, { idempotencyKey: 'cap-lost' });
    expect(captured.lastResponse.headers['idempotent-replayed']).toBeUndefined();
    expect(sim.captures(id)).toHaveLength(1);
  });
});

describe('Stripe simulator: Checkout Sessions (the payment link)', () => {
  async function createLink(stripe: Stripe) {
    // The same call the desk's adapter makes for a phone order.
    return stripe.checkout.sessions.create({
      mode: 'payment',
      line_items: [{ quantity: 2, price_data: { currency: 'usd', unit_amount: 1999, product_data: { name: 'TailTrail Turkey Dog Food 7.5 kg' } } }],
      payment_intent_data: { capture_method: 'manual', metadata: { order: 'PD-1001' } },
      metadata: { order: 'PD-1001' },
    }, { idempotencyKey: 'link-PD-1001' });
  }

  it('opens a session on a loopback page; after the customer pays, the intent waits in requires_capture', async () => {
    const { stripe, sim } = await start();
    const session = await createLink(stripe);
    expect(session).toMatchObject({
      object: 'checkout.session', mode: 'payment', status: 'open', payment_status: 'unpaid', payment_intent: null,
      amount_total: 3998, amount_subtotal: 3998, currency: 'usd', metadata: { order: 'PD-1001' }, expires_at: START + 86_400,
    });
    expect(session.id).toMatch(/^cs_test_/);
    expect(session.url).toBe(`${sim.url}/pay/${session.id}`);

    expect(sim.completeCheckout(session.id, { card: 'visa' }).outcome).toBe('authorized');
    const paid = await stripe.checkout.sessions.retrieve(session.id);
    // Manual capture: the session is complete but its funds are not in the account yet, so still `unpaid`.
    expect(paid).toMatchObject({ status: 'complete', payment_status: 'unpaid', url: null });
    expect(paid.payment_intent).toMatch(/^pi_/);
    const intent = await stripe.paymentIntents.retrieve(paid.payment_intent as string, { expand: ['latest_charge'] });
    expect(intent).toMatchObject({ status: 'requires_capture', amount: 3998, capture_method: 'manual', metadata: { order: 'PD-1001' } });
    expect(chargeOf(intent).payment_method_details?.card).toMatchObject({ brand: 'visa', last4: '4242' });

    const expanded = await stripe.checkout.sessions.retrieve(session.id, { expand: ['payment_intent.latest_charge'] });
    expect(chargeOf(expanded.payment_intent as Stripe.PaymentIntent).id).toBe(intent.latest_charge && chargeOf(intent).id);
  });

  it('keeps the session open after a declined card, then completes with another card', async () => {
    const { stripe, sim } = await start();
    const session = await createLink(stripe);
    expect(sim.completeCheckout(session.id, { card: 'declined' })).toMatchObject({ outcome: 'declined', declineCode: 'generic_decline' });
    const open = await stripe.checkout.sessions.retrieve(session.id, { expand: ['payment_intent'] });
    expect(open).toMatchObject({ status: 'open', payment_status: 'unpaid' });
    expect(open.payment_intent).toMatchObject({ status: 'requires_payment_method' });
    sim.completeCheckout(session.id, { card: 'visa' });
    expect(await stripe.checkout.sessions.retrieve(session.id)).toMatchObject({ status: 'complete' });
  });

  it('serves a small hosted page that a person can pay with a test card', async () => {
    const { stripe, sim } = await start();
    const session = await createLink(stripe);
    const path = new URL(session.url as string).pathname;
    const pageAnswer = await httpRequest(sim.port, { path });
    expect(pageAnswer.status).toBe(200);
    expect(pageAnswer.headers['content-type']).toMatch(/^text\/html/);
    expect(pageAnswer.body).toContain('39.98 USD');
    expect(pageAnswer.body).toContain('TailTrail Turkey Dog Food 7.5 kg');

    const paid = await httpRequest(sim.port, {
      method: 'POST', path, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'card=visa',
    });
    expect(paid.status).toBe(200);
    expect(paid.body).toContain('Payment authorized');
    expect(sim.session(session.id).status).toBe('complete');
  });
});

describe('Stripe simulator: the secret key', () => {
  it('answers a wrong or missing key with 401 in Stripe\'s shape, without repeating the key', async () => {
    const { sim } = await start();
    const wrongKey = `${SECRET_KEY}x`;
    const wrong = new Stripe(wrongKey, { ...sim.clientConfig, maxNetworkRetries: 0, telemetry: false });
    const error = await failureOf(wrong.paymentIntents.retrieve('pi_123'));
    expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(error).toMatchObject({ statusCode: 401, rawType: 'invalid_request_error' });
    expect(JSON.stringify(error.raw)).not.toContain(SECRET_KEY);

    const missing = await httpRequest(sim.port, { path: '/v1/payment_intents/pi_123' });
    expect(missing.status).toBe(401);
    expect(JSON.parse(missing.body)).toMatchObject({ error: { type: 'invalid_request_error' } });
  });

  it('never shows the key in an answer or in the request log, across every endpoint and failure', async () => {
    const { stripe, sim } = await start();
    const seen: string[] = [];
    const keep = (value: unknown) => { seen.push(JSON.stringify(value)); };
    const keepFailure = async (promise: Promise<unknown>) => { keep((await failureOf(promise)).raw); };

    const intent = await authorize(stripe);
    keep(intent); keep(intent.lastResponse.headers);
    keep(await stripe.paymentIntents.retrieve(intent.id, { expand: ['latest_charge'] }));
    keep(await stripe.paymentIntents.capture(intent.id, { amount_to_capture: 1000 }, { idempotencyKey: 'k1' }));
    keep(await stripe.paymentIntents.capture(intent.id, { amount_to_capture: 1000 }, { idempotencyKey: 'k1' }));
    keep(await stripe.refunds.create({ payment_intent: intent.id, amount: 500 }));
    keep(await stripe.refunds.list({ payment_intent: intent.id }));
    const session = await stripe.checkout.sessions.create({
      mode: 'payment', line_items: [{ quantity: 1, price_data: { currency: 'usd', unit_amount: 1999, product_data: { name: 'Chew toy' } } }],
    });
    keep(session);
    keep((await httpRequest(sim.port, { path: new URL(session.url as string).pathname })).body);
    await keepFailure(stripe.paymentIntents.capture(intent.id, {}, { idempotencyKey: 'k1' }));
    await keepFailure(authorize(stripe, 1999, 'pm_card_chargeDeclined'));
    sim.failNext('GET /v1/payment_intents/:id', { kind: 'rate_limit' });
    await keepFailure(stripe.paymentIntents.retrieve(intent.id));
    sim.failNext('GET /v1/payment_intents/:id', { kind: 'api_error' });
    await keepFailure(stripe.paymentIntents.retrieve(intent.id));
    await keepFailure(new Stripe(`${SECRET_KEY}x`, { ...sim.clientConfig, maxNetworkRetries: 0 }).paymentIntents.retrieve(intent.id));
    keep((await httpRequest(sim.port, { path: '/v1/nowhere', headers: { Authorization: `Bearer ${SECRET_KEY}` } })).body);

    expect(seen.length).toBeGreaterThan(10);
    for (const text of seen) expect(text).not.toContain(SECRET_KEY);
    expect(JSON.stringify(sim.requests)).not.toContain(SECRET_KEY);
    expect(sim.requests.length).toBeGreaterThan(10);
  });
});

describe('Stripe simulator: bracket-notation parser (qs is not installed)', () => {
  it('reads nested hashes, indexed and appended arrays like qs', () => {
    const params = parseStripeForm(
      'expand[]=latest_charge&expand[]=payment_method&metadata[order]=PD-1001&line_items[1][quantity]=2'
      + '&line_items[0][price_data][unit_amount]=1999&line_items[0][quantity]=1&payment_intent_data[capture_method]=manual&note=a+b%26c',
    );
    expect(params).toEqual({
      expand: ['latest_charge', 'payment_method'],
      metadata: { order: 'PD-1001' },
      line_items: [{ price_data: { unit_amount: '1999' }, quantity: '1' }, { quantity: '2' }],
      payment_intent_data: { capture_method: 'manual' },
      note: 'a b&c',
    });
    expect(paramsFingerprint(parseStripeForm('a=1&expand[0]=x&b[c]=2'))).toBe(paramsFingerprint(parseStripeForm('b[c]=2&expand[]=x&a=1')));
  });

  it('rejects prototype keys and a name used both as a value and a hash', () => {
    expect(() => parseStripeForm('__proto__[polluted]=yes')).toThrow(/Invalid parameter name/);
    expect(() => parseStripeForm('metadata=x&metadata[order]=1')).toThrow(/both a value and a hash/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

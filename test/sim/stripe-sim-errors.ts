/**
 * Stripe's error object (docs.stripe.com/api/errors): every non-2xx answer is
 * `{ "error": { type, code?, decline_code?, message, param?, payment_intent?, ... } }`, and the HTTP status
 * picks the SDK's error class (400/404 StripeInvalidRequestError or, for type `idempotency_error`,
 * StripeIdempotencyError; 401 StripeAuthenticationError; 402 StripeCardError; 429 StripeRateLimitError;
 * anything else StripeAPIError).
 */

export type StripeErrorType = 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error';

export interface StripeErrorObject {
  type: StripeErrorType;
  message: string;
  code?: string;
  decline_code?: string;
  advice_code?: string;
  param?: string;
  doc_url?: string;
  charge?: string;
  payment_intent?: unknown;
  payment_method?: unknown;
  request_log_url?: string;
}

/**
 * A failed call, thrown by the ledger and the routes and turned into an answer by the server.
 * `savedForReplay` follows docs.stripe.com/idempotency: "results are only saved if an API endpoint started
 * executing; if incoming parameters failed validation, or the request conflicted with another that was
 * executing concurrently, no idempotent result is saved". So a validation error is not saved (the key is
 * still free and a corrected request may use it); a decline or an unexpected state is saved and replayed.
 */
export class StripeSimError extends Error {
  override readonly name = 'StripeSimError';
  constructor(
    readonly status: number,
    readonly error: StripeErrorObject,
    readonly savedForReplay: boolean,
    readonly headers: Record<string, string> = {},
  ) {
    super(error.message);
  }

  get body(): { error: StripeErrorObject } {
    return { error: this.error };
  }
}

function docUrl(code: string): string {
  return `https://stripe.com/docs/error-codes/${code.replaceAll('_', '-')}`;
}

/** A request that is wrong before anything runs: bad or missing parameters. Never saved for replay. */
export function invalidParam(param: string, message: string, code?: string): StripeSimError {
  return new StripeSimError(400, {
    type: 'invalid_request_error', message, param, ...(code ? { code, doc_url: docUrl(code) } : {}),
  }, false);
}

export function missingParam(param: string): StripeSimError {
  return invalidParam(param, `Missing required param: ${param}.`, 'parameter_missing');
}

export function unknownParam(param: string): StripeSimError {
  return invalidParam(param, `Received unknown parameter: ${param}`, 'parameter_unknown');
}

/** `No such payment_intent: 'pi_123'`, the 404 for an id that does not exist (in this account). */
export function resourceMissing(objectName: string, id: string, param: string): StripeSimError {
  return new StripeSimError(404, {
    type: 'invalid_request_error', code: 'resource_missing', doc_url: docUrl('resource_missing'),
    message: `No such ${objectName}: '${id}'`, param,
  }, false);
}

/** A call the object's state does not allow (capture a canceled intent, ...); the endpoint ran, so it is saved. */
export function unexpectedState(message: string, paymentIntent: unknown): StripeSimError {
  return new StripeSimError(400, {
    type: 'invalid_request_error', code: 'payment_intent_unexpected_state',
    doc_url: docUrl('payment_intent_unexpected_state'), message, payment_intent: paymentIntent,
  }, true);
}

/** A business refusal that is neither a validation error nor a state error (refund too large, ...). Saved. */
export function refused(message: string, extra: Partial<StripeErrorObject> = {}): StripeSimError {
  const code = extra.code;
  return new StripeSimError(400, {
    type: 'invalid_request_error', message, ...(code ? { doc_url: docUrl(code) } : {}), ...extra,
  }, true);
}

/**
 * What the customer is told for each decline code Stripe's test cards and docs.stripe.com/declines/codes use.
 * Hard declines (lost, stolen, fraudulent, pickup) are shown to the customer as a plain decline on purpose:
 * Stripe's docs say the real reason must not be revealed; the merchant still gets it in `decline_code`.
 */
const DECLINE_MESSAGES: Record<string, { message: string; code?: string }> = {
  generic_decline: { message: 'Your card was declined.' },
  insufficient_funds: { message: 'Your card has insufficient funds.' },
  lost_card: { message: 'Your card was declined.' },
  stolen_card: { message: 'Your card was declined.' },
  pickup_card: { message: 'Your card was declined.' },
  fraudulent: { message: 'Your card was declined.' },
  do_not_honor: { message: 'Your card was declined.' },
  card_velocity_exceeded: { message: 'Your card was declined.' },
  expired_card: { message: 'Your card has expired.', code: 'expired_card' },
  incorrect_cvc: { message: "Your card's security code is incorrect.", code: 'incorrect_cvc' },
  processing_error: { message: 'An error occurred while processing your card. Try again in a little bit.', code: 'processing_error' },
};

export function declineDetails(declineCode: string): { message: string; code: string } {
  const known = DECLINE_MESSAGES[declineCode];
  return { message: known?.message ?? 'Your card was declined.', code: known?.code ?? 'card_declined' };
}

/** The 402 card error, with the intent (and the failed payment method) as Stripe attaches them. Saved. */
export function cardDeclined(input: {
  declineCode: string; message?: string; adviceCode?: string; chargeId?: string; paymentIntent?: unknown; paymentMethod?: unknown;
}): StripeSimError {
  const details = declineDetails(input.declineCode);
  return new StripeSimError(402, {
    type: 'card_error',
    code: details.code,
    decline_code: input.declineCode,
    doc_url: docUrl(details.code),
    message: input.message ?? details.message,
    ...(input.adviceCode ? { advice_code: input.adviceCode } : {}),
    ...(input.chargeId ? { charge: input.chargeId } : {}),
    ...(input.paymentIntent ? { payment_intent: input.paymentIntent } : {}),
    ...(input.paymentMethod ? { payment_method: input.paymentMethod } : {}),
  }, true);
}

/** Stripe's 429 (docs.stripe.com/rate-limits): type invalid_request_error, code rate_limit. Never saved. */
export function rateLimited(retryAfterSeconds: number): StripeSimError {
  return new StripeSimError(429, {
    type: 'invalid_request_error', code: 'rate_limit', doc_url: docUrl('rate_limit'),
    message: 'Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.',
  }, false, { 'Retry-After': String(retryAfterSeconds) });
}

/**
 * Stripe's 500. The idempotency docs say a 500 is saved and replayed like any answer ("including 500
 * errors"), and the SDK expects `Stripe-Should-Retry: false` on such a 500 because a retry would only
 * replay it; a 500 from in front of the API (nothing ran, nothing saved) says `true`.
 */
export function apiError(savedForReplay: boolean): StripeSimError {
  return new StripeSimError(500, { type: 'api_error', message: 'An unknown error occurred' }, savedForReplay, {
    'Stripe-Should-Retry': savedForReplay ? 'false' : 'true',
  });
}

export function idempotencyMismatch(key: string, firstPath: string | undefined, path: string): StripeSimError {
  const message = firstPath !== undefined && firstPath !== path
    ? `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${firstPath}' vs '${path}'). Try using a key other than '${key}' if you meant to execute a different request.`
    : `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`;
  return new StripeSimError(400, { type: 'idempotency_error', message }, false);
}

/** A second request with a key whose first request has not finished yet. Not saved; the SDK retries 409s. */
export function idempotencyKeyInUse(): StripeSimError {
  return new StripeSimError(409, {
    type: 'invalid_request_error', code: 'idempotency_key_in_use', doc_url: docUrl('idempotency_key_in_use'),
    message: 'There is currently another in-progress request using this Idempotency Key (that probably means you submitted twice, and the other request is still going through). Please try again later.',
  }, false);
}

/**
 * 401 for a missing or wrong key. Real Stripe quotes a masked key (`sk_test_****1234`); the simulator says
 * nothing about the key at all, so a test can assert the key appears in no answer.
 */
export function authenticationFailed(keyGiven: boolean): StripeSimError {
  const message = keyGiven
    ? 'Invalid API Key provided.'
    : "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').";
  return new StripeSimError(401, { type: 'invalid_request_error', message }, false, { 'WWW-Authenticate': 'Basic realm="Stripe"' });
}

export function unrecognizedUrl(method: string, path: string): StripeSimError {
  return new StripeSimError(404, {
    type: 'invalid_request_error',
    message: `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
  }, false);
}

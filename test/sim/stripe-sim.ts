/**
 * A simulated Stripe API on loopback (127.0.0.1, a free port by default), for the desk's Stripe adapter
 * tests and the demo shop. It speaks Stripe's own wire format — form-encoded bracket parameters in, Stripe's
 * objects and error object out, `Idempotency-Key` semantics — so the official `stripe` SDK talks to it
 * unchanged: `new Stripe(sim.apiKey, { ...sim.clientConfig, maxNetworkRetries: 0 })`.
 * It imports nothing from src-main or src-shared, so a bug in the desk cannot hide in it.
 *
 * Every API request goes through one pipeline, whatever the route:
 *   log → auth → parse → route → network faults (429, drop before) → idempotency (replay / 409 / 400)
 *   → latency → validation → endpoint faults (402, 500) → ledger → save for replay → answer (or drop after)
 * The hosted payment page (`/pay/<session>`) is not Stripe's API and skips all of it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { CheckoutSessions, type CheckoutOutcome } from './stripe-sim-checkout';
import { checkoutPage, checkoutResultPage, CHECKOUT_PAGE_HEADERS, notFoundPage } from './stripe-sim-checkout-page';
import {
  apiError, authenticationFailed, cardDeclined, idempotencyKeyInUse, idempotencyMismatch, invalidParam, rateLimited,
  StripeSimError, unrecognizedUrl,
} from './stripe-sim-errors';
import { FaultPlan, type InjectedFailure } from './stripe-sim-faults';
import { FormSyntaxError, paramsFingerprint, parseStripeForm, type FormParams } from './stripe-sim-form';
import { errorAnswer, header, readBody, sameSecret, secretKeyOf, wait, type Answer } from './stripe-sim-http';
import { IdempotencyStore, MAX_IDEMPOTENCY_KEY_LENGTH, type SavedAnswer } from './stripe-sim-idempotency';
import { DEFAULT_CAPTURE_WINDOW_SECONDS, StripeLedger, type CaptureRecord } from './stripe-sim-ledger';
import {
  CHECKOUT_CARDS, newId, type ChargeObject, type CheckoutCard, type CheckoutSessionObject, type Metadata,
  type PaymentIntentObject, type RefundObject,
} from './stripe-sim-objects';
import { checkCommonParams, expandPaths, matchRoute, type RouteContext, type StripeSimRouteName } from './stripe-sim-routes';
import { closeLoopbackServer, listenOnLoopback, LOOPBACK } from './loopback-http';

export type { CheckoutOutcome } from './stripe-sim-checkout';
export type { InjectedFailure } from './stripe-sim-faults';
export type { CaptureRecord } from './stripe-sim-ledger';
export type {
  ChargeObject, CheckoutCard, CheckoutSessionObject, ListObject, PaymentIntentObject, RefundObject,
} from './stripe-sim-objects';
export { TEST_PAYMENT_METHODS } from './stripe-sim-objects';
export type { StripeSimRouteName } from './stripe-sim-routes';

/** Looks like a Stripe test secret key; it opens nothing but this simulator. */
export const DEFAULT_STRIPE_SIM_KEY = 'sk_test_51PetDropSimulator0000000000000000000000000000000000000000';
const BIND_ADDRESS = LOOPBACK;
/** The API version answered when the client names none: the one stripe@23.1.0 pins (it always sends it). */
const DEFAULT_API_VERSION = '2026-10-28.endive';

export interface StripeSimOptions {
  /** Port on 127.0.0.1; default 0 (a free one). */
  port?: number;
  /** The secret key accepted as `Authorization: Bearer <key>` (or Basic `<key>:`). Default DEFAULT_STRIPE_SIM_KEY. */
  apiKey?: string;
  /** Delay inside every API request, after its Idempotency-Key is reserved (so 409 conflicts can be provoked). */
  latencyMs?: number;
  /** The clock, in Unix seconds (Stripe's `created`, `capture_before`, ...). Default the real clock. */
  now?: () => number;
  /** How long a manual-capture authorization lasts (`capture_before` = authorization + this). Default 7 days. */
  captureWindowSeconds?: number;
}

/** One request as the simulator saw it. Holds no header, so never the secret key. */
export interface StripeSimRequest {
  /** 1-based, in arrival order. */
  id: number;
  /** The `Request-Id` header answered (`req_...`). */
  requestId: string;
  method: string;
  path: string;
  /** The API route matched, or null (unknown URL, the hosted page). */
  route: StripeSimRouteName | null;
  /** The parsed form body (POST) or query (GET). */
  params: FormParams;
  idempotencyKey: string | null;
  /** The status answered; 0 when the connection was dropped or no answer was sent yet. */
  status: number;
  /** Answered from the idempotency store (`Idempotent-Replayed: true`). */
  replayed: boolean;
  /** The injected failure this request met, if any. */
  injected: InjectedFailure['kind'] | null;
  /** The socket was destroyed without an answer. */
  dropped: boolean;
  /** Milliseconds since the simulator started (monotonic). */
  receivedAtMs: number;
}

export interface StripeSim {
  /** Base URL, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  url: string;
  port: number;
  apiKey: string;
  /** Spread into the SDK's config: `new Stripe(sim.apiKey, { ...sim.clientConfig, maxNetworkRetries: 0 })`. */
  clientConfig: { host: string; port: number; protocol: 'http' };
  /** Every request in arrival order (live). */
  requests: readonly StripeSimRequest[];
  requestsTo(route: StripeSimRouteName): StripeSimRequest[];
  /** A manual-capture intent confirmed with a test card (default `pm_card_visa`): `requires_capture`. Returns its id. */
  createAuthorizedIntent(input: { amount: number; currency: string; metadata?: Metadata; paymentMethod?: string }): string;
  /** The customer pays the hosted page with a test card (default `visa`); a decline leaves the session open. */
  completeCheckout(sessionId: string, input?: { card?: CheckoutCard }): CheckoutOutcome;
  /** Moves the authorization's expiry (Unix seconds); in the past, the intent lapses to `canceled` (`automatic`). */
  setCaptureBefore(paymentIntentId: string, unixSeconds: number): void;
  /** Copies of the current state, for assertions. */
  intent(id: string): PaymentIntentObject;
  latestCharge(paymentIntentId: string): ChargeObject | null;
  session(id: string): CheckoutSessionObject;
  captures(paymentIntentId?: string): CaptureRecord[];
  refunds(paymentIntentId?: string): RefundObject[];
  /** The next `count` requests to `route` meet `failure` (see stripe-sim-faults.ts for where each strikes). */
  failNext(route: StripeSimRouteName, failure: InjectedFailure, count?: number): void;
  clearFailures(): void;
  setLatency(ms: number): void;
  /** Stops listening and drops open connections; resolves when the port is free. */
  close(): Promise<void>;
}

export async function startStripeSim(options: StripeSimOptions = {}): Promise<StripeSim> {
  const startedAt = performance.now();
  const apiKey = options.apiKey ?? DEFAULT_STRIPE_SIM_KEY;
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
  let latencyMs = options.latencyMs ?? 0;
  let baseUrl = '';
  const ledger = new StripeLedger(now, options.captureWindowSeconds ?? DEFAULT_CAPTURE_WINDOW_SECONDS);
  const checkout = new CheckoutSessions(ledger, now, (id) => `${baseUrl}/pay/${id}`);
  const idempotency = new IdempotencyStore();
  const faults = new FaultPlan();
  const requests: StripeSimRequest[] = [];

  /** The API pipeline; resolves to the answer, or to 'drop' when the socket is to be destroyed unanswered. */
  async function handleApi(req: IncomingMessage, record: StripeSimRequest, url: URL): Promise<Answer | 'drop'> {
    const method = req.method ?? 'GET';
    const rawParams = method === 'POST' ? await readBody(req) : url.search.slice(1);
    const key = secretKeyOf(req);
    if (key === undefined || !sameSecret(key, apiKey)) throw authenticationFailed(key !== undefined);
    const params = parseStripeForm(rawParams);
    record.params = params;

    const match = matchRoute(method, url.pathname);
    if (!match) throw unrecognizedUrl(method, url.pathname);
    const { route } = match;
    record.route = route.name;

    const network = faults.take(route.name, 'network');
    if (network) {
      record.injected = network.kind;
      if (network.kind === 'rate_limit') throw rateLimited(network.retryAfterSeconds ?? 1);
      return 'drop';
    }

    const idempotencyKey = method === 'POST' ? record.idempotencyKey : null;
    if (idempotencyKey !== null) {
      if (idempotencyKey.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
        throw invalidParam('Idempotency-Key', `Invalid Idempotency-Key: must be at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters long.`);
      }
      const lookup = idempotency.begin(apiKey, idempotencyKey, method, url.pathname, paramsFingerprint(params));
      if (lookup.kind === 'mismatch') throw idempotencyMismatch(idempotencyKey, lookup.firstPath, url.pathname);
      if (lookup.kind === 'in_progress') throw idempotencyKeyInUse();
      if (lookup.kind === 'replay') {
        record.replayed = true;
        return { ...lookup.answer, headers: { ...lookup.answer.headers }, replayedFrom: lookup.answer.requestId };
      }
    }

    let answer: Answer;
    let saved = false;
    try {
      await wait(latencyMs);
      const expand = checkCommonParams(route, params);
      const context: RouteContext = { ledger, checkout, params, path: match.path, idempotencyKey };
      const endpointFault = faults.take(route.name, 'endpoint');
      if (endpointFault) record.injected = endpointFault.kind;
      if (endpointFault?.kind === 'api_error') throw apiError(endpointFault.saved ?? true);
      if (endpointFault?.kind === 'decline') {
        const { declineCode, message, adviceCode } = endpointFault;
        if (!route.declines) {
          const intentId = match.path.id;
          throw cardDeclined({
            declineCode, ...(message ? { message } : {}), ...(adviceCode ? { adviceCode } : {}),
            ...(intentId ? { paymentIntent: structuredClone(ledger.intent(intentId)) } : {}),
          });
        }
        context.forcedDecline = { declineCode, ...(message ? { message } : {}), ...(adviceCode ? { adviceCode } : {}) };
      }
      const run = route.prepare(context);
      const body = expandPaths(ledger, run(), expand);
      answer = { status: 200, text: JSON.stringify(body, null, 2), headers: {} };
      saved = true;
    } catch (error) {
      // Anything but a Stripe error is a simulator bug: answered as an unsaved 500 so the key is freed.
      const failure = error instanceof StripeSimError ? error : apiError(false);
      answer = errorAnswer(failure);
      saved = failure.savedForReplay;
    }
    if (idempotencyKey !== null) {
      if (saved) idempotency.save(apiKey, idempotencyKey, { status: answer.status, text: answer.text, headers: answer.headers, requestId: record.requestId } satisfies SavedAnswer);
      else idempotency.release(apiKey, idempotencyKey);
    }
    return answer;
  }

  /** The hosted payment page: GET shows it, POST `card=<name>` pays. Not Stripe's API: no key, no faults. */
  async function handlePayPage(req: IncomingMessage, res: ServerResponse, sessionId: string): Promise<number> {
    const session = checkout.has(sessionId) ? checkout.get(sessionId) : undefined;
    const send = (status: number, html: string) => {
      if (!res.destroyed) res.writeHead(status, CHECKOUT_PAGE_HEADERS).end(html);
      return status;
    };
    if (!session) return send(404, notFoundPage());
    const items = checkout.lineItems(sessionId);
    if (req.method !== 'POST' || session.status !== 'open') return send(200, checkoutPage(session, items));
    const card = new URLSearchParams(await readBody(req)).get('card') ?? 'visa';
    if (!(card in CHECKOUT_CARDS)) return send(400, checkoutPage(session, items, `Unknown test card ${card}.`));
    const result = checkout.complete(sessionId, CHECKOUT_CARDS[card as CheckoutCard]);
    if (result.outcome === 'declined') return send(402, checkoutPage(session, items, 'Your card was declined. Try another card.'));
    return send(200, checkoutResultPage(result));
  }

  function sendAnswer(res: ServerResponse, req: IncomingMessage, record: StripeSimRequest, answer: Answer): void {
    record.status = answer.status;
    if (res.destroyed) return; // the client gave up, or close() dropped it
    res.writeHead(answer.status, {
      ...answer.headers,
      'Content-Type': 'application/json',
      'Cache-Control': 'no-cache, no-store',
      'Request-Id': record.requestId,
      'Stripe-Version': header(req, 'stripe-version') ?? DEFAULT_API_VERSION,
      ...(record.idempotencyKey !== null && req.method === 'POST' ? { 'Idempotency-Key': record.idempotencyKey } : {}),
      ...(answer.replayedFrom ? { 'Idempotent-Replayed': 'true', 'Original-Request': answer.replayedFrom } : {}),
    }).end(answer.text);
  }

  function drop(res: ServerResponse, record: StripeSimRequest): void {
    record.dropped = true;
    record.status = 0;
    res.socket?.destroy();
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stripe.invalid');
    const record: StripeSimRequest = {
      id: requests.length + 1, requestId: newId('req_', 14), method: req.method ?? 'GET', path: url.pathname, route: null,
      params: {}, idempotencyKey: header(req, 'idempotency-key'), status: 0, replayed: false, injected: null, dropped: false,
      receivedAtMs: performance.now() - startedAt,
    };
    requests.push(record);

    const payPage = /^\/pay\/([^/]+)$/.exec(url.pathname);
    if (payPage) {
      handlePayPage(req, res, payPage[1] as string).then(
        (status) => { record.status = status; },
        () => { record.status = 500; if (!res.destroyed) res.writeHead(500).end(); },
      );
      return;
    }

    handleApi(req, record, url)
      .catch((error: unknown): Answer => {
        if (error instanceof StripeSimError) return errorAnswer(error);
        if (error instanceof FormSyntaxError) return errorAnswer(invalidParam('body', error.message));
        return errorAnswer(apiError(false));
      })
      .then((answer) => {
        if (answer === 'drop') return drop(res, record);
        const afterApply = record.route ? faults.take(record.route, 'answer') : undefined;
        if (afterApply) {
          record.injected = afterApply.kind; // the effect is applied and its answer saved; only the answer is lost
          return drop(res, record);
        }
        sendAnswer(res, req, record, answer);
      });
  });
  const port = await listenOnLoopback(server, options.port);
  baseUrl = `http://${BIND_ADDRESS}:${port}`;

  return {
    url: baseUrl,
    port,
    apiKey,
    clientConfig: { host: BIND_ADDRESS, port, protocol: 'http' },
    requests,
    requestsTo: (route) => requests.filter((request) => request.route === route),
    createAuthorizedIntent(input) {
      try {
        return ledger.createIntent({
          amount: input.amount, currency: input.currency.toLowerCase(), captureMethod: 'manual', metadata: input.metadata ?? {},
          description: null, receiptEmail: null, statementDescriptor: null, paymentMethod: input.paymentMethod ?? 'pm_card_visa', confirm: true,
        }).id;
      } catch (error) {
        throw new Error(`Stripe simulator: could not authorize (${error instanceof Error ? error.message : String(error)})`);
      }
    },
    completeCheckout(sessionId, input = {}) {
      return structuredClone(checkout.complete(sessionId, CHECKOUT_CARDS[input.card ?? 'visa']));
    },
    setCaptureBefore: (id, unixSeconds) => ledger.setCaptureBefore(id, unixSeconds),
    intent: (id) => structuredClone(ledger.intent(id)),
    latestCharge(id) {
      const chargeId = ledger.intent(id).latest_charge;
      const charge = typeof chargeId === 'string' ? ledger.charge(chargeId) : undefined;
      return charge ? structuredClone(charge) : null;
    },
    session: (id) => structuredClone(checkout.get(id)),
    captures: (id) => structuredClone(ledger.captures.filter((capture) => id === undefined || capture.paymentIntent === id)),
    refunds: (id) => structuredClone(ledger.refundsOf(id === undefined ? {} : { paymentIntent: id }).reverse()),
    failNext: (route, failure, count = 1) => faults.arm(route, failure, count),
    clearFailures: () => faults.clear(),
    setLatency(ms) { latencyMs = ms; },
    close: () => closeLoopbackServer(server),
  };
}

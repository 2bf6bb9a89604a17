/**
 * The Stripe API endpoints the desk uses, in one table. Each route reads its parameters strictly (all
 * validation happens before the ledger changes anything, so a validation error is never saved for
 * idempotent replay), calls the ledger, and returns the object; the server expands `expand[]` paths and
 * runs every route through the same pipeline (auth, faults, idempotency, latency, log).
 */
import { invalidParam, missingParam, resourceMissing } from './stripe-sim-errors';
import type { FormParams } from './stripe-sim-form';
import type { CheckoutSessions } from './stripe-sim-checkout';
import type { ForcedDecline, StripeLedger } from './stripe-sim-ledger';
import { listOf, type CaptureMethod, type CheckoutLineItem } from './stripe-sim-objects';
import {
  arrayParam, checkMinimumCharge, currencyParam, expandParam, metadataParam, optionalBoolean, optionalEnum, optionalHash,
  optionalInteger, optionalString, positiveAmount, rejectUnknown, requiredInteger, requiredString,
} from './stripe-sim-params';

export type StripeSimRouteName =
  | 'POST /v1/payment_intents'
  | 'GET /v1/payment_intents/:id'
  | 'POST /v1/payment_intents/:id/capture'
  | 'POST /v1/payment_intents/:id/cancel'
  | 'POST /v1/refunds'
  | 'GET /v1/refunds'
  | 'GET /v1/refunds/:id'
  | 'POST /v1/checkout/sessions'
  | 'GET /v1/checkout/sessions/:id';

export interface RouteContext {
  ledger: StripeLedger;
  checkout: CheckoutSessions;
  /** The form body (POST) or the query string (GET), parsed. */
  params: FormParams;
  /** Values of `:name` segments. */
  path: Record<string, string>;
  idempotencyKey: string | null;
  /** Set when an injected decline is this request's card answer (routes with `declines: true`). */
  forcedDecline?: ForcedDecline;
}

export interface StripeRoute {
  name: StripeSimRouteName;
  method: 'GET' | 'POST';
  path: string;
  /** Top-level parameters Stripe accepts here; any other is `parameter_unknown`. */
  accepts: readonly string[];
  /** What `expand[]` may name here. */
  expandable: readonly string[];
  /** The route applies an injected decline itself (as the card's answer) instead of a generic 402. */
  declines?: boolean;
  /** Reads parameters (throwing validation errors) and returns the work to run, so checks precede effects. */
  prepare(context: RouteContext): () => unknown;
}

const CAPTURE_METHODS: readonly CaptureMethod[] = ['automatic', 'automatic_async', 'manual'];
const INTENT_EXPANDABLE = ['latest_charge', 'payment_method'] as const;

function createIntent(context: RouteContext): () => unknown {
  const { params } = context;
  const currency = currencyParam(params, 'currency');
  const amount = positiveAmount(requiredInteger(params, 'amount'), 'amount');
  checkMinimumCharge(amount, currency);
  const paymentMethod = optionalString(params, 'payment_method');
  const confirm = optionalBoolean(params, 'confirm') ?? false;
  if (confirm && paymentMethod === null) throw missingParam('payment_method');
  const input = {
    amount, currency, paymentMethod, confirm,
    captureMethod: optionalEnum(params, 'capture_method', CAPTURE_METHODS) ?? 'automatic_async',
    metadata: metadataParam(params, 'metadata'),
    description: optionalString(params, 'description'),
    receiptEmail: optionalString(params, 'receipt_email'),
    statementDescriptor: optionalString(params, 'statement_descriptor'),
    ...(context.forcedDecline ? { forcedDecline: context.forcedDecline } : {}),
  };
  return () => context.ledger.createIntent(input);
}

function captureIntent(context: RouteContext): () => unknown {
  const amount = optionalInteger(context.params, 'amount_to_capture');
  if (amount !== undefined) positiveAmount(amount, 'amount_to_capture');
  const metadata = context.params.metadata === undefined ? null : metadataParam(context.params, 'metadata');
  const id = context.path.id as string;
  return () => {
    const intent = context.ledger.capture(id, amount, context.idempotencyKey);
    if (metadata) Object.assign(intent.metadata, metadata);
    return intent;
  };
}

function cancelIntent(context: RouteContext): () => unknown {
  const reason = optionalEnum(context.params, 'cancellation_reason', ['duplicate', 'fraudulent', 'requested_by_customer', 'abandoned']);
  const id = context.path.id as string;
  return () => context.ledger.cancel(id, reason);
}

function createRefund(context: RouteContext): () => unknown {
  const { params } = context;
  const paymentIntent = optionalString(params, 'payment_intent');
  const charge = optionalString(params, 'charge');
  if (paymentIntent === null && charge === null) throw invalidParam('payment_intent', 'One of the following params should be provided for this request: payment_intent or charge.', 'parameter_missing');
  const amount = optionalInteger(params, 'amount');
  if (amount !== undefined) positiveAmount(amount, 'amount');
  const input = {
    paymentIntent, charge, amount,
    reason: optionalEnum(params, 'reason', ['duplicate', 'fraudulent', 'requested_by_customer']),
    metadata: metadataParam(params, 'metadata'),
  };
  return () => context.ledger.refund(input);
}

function listRefunds(context: RouteContext): () => unknown {
  const { params } = context;
  const paymentIntent = optionalString(params, 'payment_intent');
  const charge = optionalString(params, 'charge');
  const limit = optionalInteger(params, 'limit') ?? 10;
  if (limit < 1 || limit > 100) throw invalidParam('limit', 'This value must be between 1 and 100.');
  const startingAfter = optionalString(params, 'starting_after');
  return () => {
    let all = context.ledger.refundsOf({
      ...(paymentIntent !== null ? { paymentIntent } : {}), ...(charge !== null ? { charge } : {}),
    });
    if (startingAfter !== null) {
      const index = all.findIndex((refund) => refund.id === startingAfter);
      if (index < 0) throw resourceMissing('refund', startingAfter, 'starting_after');
      all = all.slice(index + 1);
    }
    return listOf(all.slice(0, limit), all.length > limit, '/v1/refunds');
  };
}

function retrieveRefund(context: RouteContext): () => unknown {
  const id = context.path.id as string;
  return () => {
    const refund = context.ledger.refunds.find((candidate) => candidate.id === id);
    if (!refund) throw resourceMissing('refund', id, 'refund');
    return refund;
  };
}

function lineItems(params: FormParams): { items: CheckoutLineItem[]; currency: string } {
  const raw = arrayParam(params, 'line_items');
  if (raw === null || raw.length === 0) throw missingParam('line_items');
  const items = raw.map((entry, index): CheckoutLineItem => {
    const label = `line_items[${index}]`;
    if (typeof entry !== 'object' || Array.isArray(entry)) throw invalidParam(label, 'Invalid hash');
    rejectUnknown(entry, ['price', 'price_data', 'quantity'], label);
    const price = optionalString(entry, 'price', `${label}[price]`);
    if (price !== null) throw resourceMissing('price', price, `${label}[price]`); // the simulator keeps no Price objects
    const priceData = optionalHash(entry, 'price_data', `${label}[price_data]`);
    if (priceData === null) throw missingParam(`${label}[price_data]`);
    rejectUnknown(priceData, ['currency', 'unit_amount', 'product_data'], `${label}[price_data]`);
    const product = optionalHash(priceData, 'product_data', `${label}[price_data][product_data]`);
    if (product === null) throw missingParam(`${label}[price_data][product_data]`);
    const quantity = requiredInteger(entry, 'quantity', `${label}[quantity]`);
    if (quantity < 1) throw invalidParam(`${label}[quantity]`, 'This value must be greater than or equal to 1.');
    const unitAmount = requiredInteger(priceData, 'unit_amount', `${label}[price_data][unit_amount]`);
    if (unitAmount < 0) throw invalidParam(`${label}[price_data][unit_amount]`, 'This value must be greater than or equal to 0.');
    return {
      name: requiredString(product, 'name', `${label}[price_data][product_data][name]`),
      unit_amount: unitAmount,
      quantity,
      currency: currencyParam(priceData, 'currency', `${label}[price_data][currency]`),
    };
  });
  const currency = items[0]?.currency as string;
  if (items.some((item) => item.currency !== currency)) throw invalidParam('line_items', 'All line items must use the same currency.');
  return { items, currency };
}

function createSession(context: RouteContext): () => unknown {
  const { params } = context;
  const mode = requiredString(params, 'mode');
  if (mode !== 'payment') {
    throw invalidParam('mode', mode === 'setup' || mode === 'subscription'
      ? `The Stripe simulator serves mode=payment only (got ${mode}).`
      : `Invalid mode: must be one of payment, setup, or subscription`);
  }
  const { items, currency } = lineItems(params);
  const intentData = optionalHash(params, 'payment_intent_data') ?? {};
  rejectUnknown(intentData, ['capture_method', 'metadata', 'description'], 'payment_intent_data');
  const total = items.reduce((sum, item) => sum + item.unit_amount * item.quantity, 0);
  checkMinimumCharge(total, currency, 'line_items');
  const input = {
    lineItems: items, currency,
    metadata: metadataParam(params, 'metadata'),
    successUrl: optionalString(params, 'success_url'),
    cancelUrl: optionalString(params, 'cancel_url'),
    clientReferenceId: optionalString(params, 'client_reference_id'),
    customerEmail: optionalString(params, 'customer_email'),
    expiresAt: optionalInteger(params, 'expires_at') ?? null,
    intentData: {
      captureMethod: optionalEnum(intentData, 'capture_method', CAPTURE_METHODS, 'payment_intent_data[capture_method]') ?? 'automatic_async',
      metadata: metadataParam(intentData, 'metadata', 'payment_intent_data[metadata]'),
      description: optionalString(intentData, 'description', 'payment_intent_data[description]'),
    },
  };
  return () => context.checkout.create(input);
}

export const ROUTES: readonly StripeRoute[] = [
  {
    name: 'POST /v1/payment_intents', method: 'POST', path: '/v1/payment_intents', declines: true,
    accepts: ['amount', 'currency', 'capture_method', 'confirm', 'payment_method', 'payment_method_types', 'automatic_payment_methods',
      'metadata', 'description', 'receipt_email', 'statement_descriptor', 'return_url', 'off_session', 'expand'],
    expandable: INTENT_EXPANDABLE, prepare: createIntent,
  },
  {
    name: 'GET /v1/payment_intents/:id', method: 'GET', path: '/v1/payment_intents/:id', accepts: ['expand', 'client_secret'],
    expandable: INTENT_EXPANDABLE, prepare: (context) => () => context.ledger.intent(context.path.id as string),
  },
  {
    name: 'POST /v1/payment_intents/:id/capture', method: 'POST', path: '/v1/payment_intents/:id/capture',
    accepts: ['amount_to_capture', 'metadata', 'expand'], expandable: INTENT_EXPANDABLE, prepare: captureIntent,
  },
  {
    name: 'POST /v1/payment_intents/:id/cancel', method: 'POST', path: '/v1/payment_intents/:id/cancel',
    accepts: ['cancellation_reason', 'expand'], expandable: INTENT_EXPANDABLE, prepare: cancelIntent,
  },
  {
    name: 'POST /v1/refunds', method: 'POST', path: '/v1/refunds', accepts: ['payment_intent', 'charge', 'amount', 'reason', 'metadata', 'expand'],
    expandable: ['charge', 'payment_intent'], prepare: createRefund,
  },
  {
    name: 'GET /v1/refunds', method: 'GET', path: '/v1/refunds', accepts: ['payment_intent', 'charge', 'limit', 'starting_after', 'expand'],
    expandable: ['data.charge', 'data.payment_intent'], prepare: listRefunds,
  },
  {
    name: 'GET /v1/refunds/:id', method: 'GET', path: '/v1/refunds/:id', accepts: ['expand'],
    expandable: ['charge', 'payment_intent'], prepare: retrieveRefund,
  },
  {
    name: 'POST /v1/checkout/sessions', method: 'POST', path: '/v1/checkout/sessions',
    accepts: ['mode', 'line_items', 'payment_intent_data', 'metadata', 'success_url', 'cancel_url', 'client_reference_id',
      'customer_email', 'expires_at', 'payment_method_types', 'locale', 'expand'],
    expandable: ['payment_intent', 'payment_intent.latest_charge', 'payment_intent.payment_method'], prepare: createSession,
  },
  {
    name: 'GET /v1/checkout/sessions/:id', method: 'GET', path: '/v1/checkout/sessions/:id', accepts: ['expand'],
    expandable: ['payment_intent', 'payment_intent.latest_charge', 'payment_intent.payment_method'],
    prepare: (context) => () => context.checkout.get(context.path.id as string),
  },
];

/** The route for a method and path, with its `:name` values; Stripe answers anything else with a 404. */
export function matchRoute(method: string, pathname: string): { route: StripeRoute; path: Record<string, string> } | undefined {
  const got = pathname.split('/');
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const want = route.path.split('/');
    if (want.length !== got.length) continue;
    const path: Record<string, string> = {};
    const matches = want.every((segment, index) => {
      const actual = got[index] as string;
      if (!segment.startsWith(':')) return segment === actual;
      if (actual === '') return false;
      try {
        path[segment.slice(1)] = decodeURIComponent(actual);
        return true;
      } catch {
        return false;
      }
    });
    if (matches) return { route, path };
  }
  return undefined;
}

/** Validates a request against its route (unknown parameters, expand paths) before `prepare` reads it. */
export function checkCommonParams(route: StripeRoute, params: FormParams): string[] {
  rejectUnknown(params, route.accepts);
  return expandParam(params, route.expandable);
}

/**
 * Replaces ids named by `expand[]` paths with the objects (on a copy). `data.x` expands inside a list;
 * `payment_intent.latest_charge` expands one level further.
 */
export function expandPaths(ledger: StripeLedger, value: unknown, paths: readonly string[]): unknown {
  const copy = structuredClone(value);
  for (const path of paths) expandInto(ledger, copy, path.split('.'));
  return copy;
}

function expandInto(ledger: StripeLedger, target: unknown, segments: string[]): void {
  if (typeof target !== 'object' || target === null) return;
  const [field, ...rest] = segments as [string, ...string[]];
  const record = target as Record<string, unknown>;
  if (field === 'data' && record.object === 'list' && Array.isArray(record.data)) {
    for (const item of record.data) expandInto(ledger, item, rest);
    return;
  }
  const id = record[field];
  if (typeof id === 'string') record[field] = structuredClone(lookup(ledger, id));
  if (rest.length > 0) expandInto(ledger, record[field], rest);
}

function lookup(ledger: StripeLedger, id: string): unknown {
  if (id.startsWith('pi_')) return ledger.intent(id);
  if (id.startsWith('ch_')) return ledger.charge(id) ?? id;
  if (id.startsWith('pm_')) return ledger.paymentMethods.get(id) ?? id;
  return id;
}

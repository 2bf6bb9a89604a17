/**
 * A simulated Shopify store's GraphQL Admin API on loopback (127.0.0.1, a free port), version 2026-10 shapes
 * (`POST /admin/api/2026-10/graphql.json`, header `X-Shopify-Access-Token`, `{ data, errors, extensions.cost }`),
 * for the desk's storefront intake (issue 7): pull orders since a cursor, push fulfilments. It answers three
 * operations by name (see shopify-sim-operations.ts and test/sim/README.md, "Shopify simulator"). Imports nothing
 * from src-main or src-shared.
 *
 * Every request goes through one pipeline:
 *   log → latency → auth → path/version → body → operation → cost (rate limit) → fault → run → answer
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { closeLoopbackServer, listenOnLoopback, LOOPBACK } from './loopback-http';
import { readJsonBody, sameSecret, wait } from './sim-request';
import type { RouteFault } from './supplier-sim-faults';
import { CostBucket, operationCost, parseOperation, type CostBucketOptions, type ThrottleStatus } from './shopify-sim-cost';
import {
  generatedOrder, isoSeconds, parseGid, type OrderChanges, type SeedOrderInput, type SimFulfillment, type SimOrder,
} from './shopify-sim-model';
import {
  checkShape, graphQLError, isOperationName, operationNameOf, runOperation, type GraphQLError, type OperationResult,
  type ShopifyOperationName, type ShopifyStore,
} from './shopify-sim-operations';

export { decimalAmount, FINANCIAL_STATUSES, gid, isoSeconds } from './shopify-sim-model';
export type { OrderChanges, SeedOrderInput, SimAddress, SimFulfillment, SimOrder } from './shopify-sim-model';
export { OPERATION_NAMES } from './shopify-sim-operations';
export type { ShopifyOperationName } from './shopify-sim-operations';
export type { ThrottleStatus } from './shopify-sim-cost';

/** The version the desk should call; the newest stable one @shopify/admin-api-client 2.0.0 lists on 2026-11-30. */
export const SHOPIFY_API_VERSION = '2026-10';
/** Stable versions served as themselves; an older well-formed one falls forward to the oldest, as Shopify does. */
export const SUPPORTED_API_VERSIONS = ['2026-01', '2026-04', '2026-07', '2026-10', 'unstable'] as const;
export const DEFAULT_SHOPIFY_SIM_TOKEN = 'shpat_sim_0123456789abcdef0123456789abcdef';
/** Shopify's single-query limit. */
export const MAX_QUERY_COST = 1000;
export const THROTTLE_DOCS = 'https://shopify.dev/api/usage/rate-limits';

/** A `failNext` fault: the shared route faults, or a THROTTLED answer whatever the bucket holds. */
export type ShopifyFault = RouteFault | { kind: 'throttled' };

export interface ShopifyRequestRecord {
  /** 1-based, in arrival order; also sent back as `X-Request-Id`. */
  id: number;
  method: string;
  path: string;
  /** The version in the path as asked, or undefined when the path is not the API's. */
  apiVersion: string | undefined;
  /** The recognised operation name, or what the document called itself, or undefined. */
  operationName: string | undefined;
  variables: Record<string, unknown> | undefined;
  authorized: boolean;
  /** 0 while being handled or when its answer is held (`no_answer`). */
  status: number;
  /** True when refused as THROTTLED (bucket or fault). */
  throttled: boolean;
  /** The requested cost, when the document could be costed. */
  requestedQueryCost: number | undefined;
  /** Milliseconds since the simulator started (monotonic real time). */
  receivedAtMs: number;
}

export interface ShopifySimOptions {
  /** Port on 127.0.0.1; default 0 (a free one). The CLI uses 4013. */
  port?: number;
  /** The token accepted in `X-Shopify-Access-Token`. Default DEFAULT_SHOPIFY_SIM_TOKEN. */
  accessToken?: string;
  /** The shop's name in logs and the CLI ('petdrop-demo.myshopify.com'). */
  shopDomain?: string;
  latencyMs?: number;
  /** The cost bucket; default 2000 points restored at 100/s (Shopify's Standard plan). null: unlimited. */
  rateLimit?: CostBucketOptions | null;
  /** How a throttled request is answered: Shopify's `200` + THROTTLED error (default) or `429` with Retry-After. */
  throttledAs?: 'graphql' | 'http429';
  /** Refuse a single query costing more than this (MAX_COST_EXCEEDED). Default 1000; null: no limit. */
  maxQueryCost?: number | null;
  /** Start of the simulated clock (then it stands still until moved). Default: follows real time. */
  now?: Date | string;
}

export interface ShopifySim {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `127.0.0.1:<port>`: what to give the client as storeDomain (with the http fetch, README "Client"). */
  storeDomain: string;
  /** `${url}/admin/api/2026-10/graphql.json` */
  graphqlUrl: string;
  port: number;
  accessToken: string;
  apiVersion: string;
  requests: ShopifyRequestRecord[];
  requestsFor(operation: ShopifyOperationName): ShopifyRequestRecord[];
  /** n generated orders, or these orders; created and updated at the clock unless given. Returns copies. */
  seedOrders(orders: number | SeedOrderInput[]): SimOrder[];
  /** Changes an order as the merchant or Shopify would; `updatedAt` moves to the clock. Returns a copy. */
  updateOrder(id: number | string, changes: OrderChanges): SimOrder;
  /** Cancels: `cancelledAt` and `updatedAt` at the clock, open fulfillment orders closed. Returns a copy. */
  cancelOrder(id: number | string): SimOrder;
  order(id: number | string): SimOrder | undefined;
  orders(): SimOrder[];
  fulfillments(orderId: number | string): SimFulfillment[];
  /** The next `count` requests of `operation` (after auth, cost and rate limit) fail as `fault`; 0 clears. */
  failNext(operation: ShopifyOperationName, count: number, fault: ShopifyFault): void;
  throttleStatus(): ThrottleStatus | undefined;
  now(): Date;
  setNow(date: Date | string): void;
  advanceClock(ms: number): void;
  setLatency(ms: number): void;
  close(): Promise<void>;
}

const API_PATH = /^\/admin\/api\/([^/]+)\/graphql\.json$/;

function toDate(value: Date | string): Date {
  const date = value instanceof Date ? new Date(value.getTime()) : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a date: ${String(value)}`);
  return date;
}

/** The version served for the one asked, or undefined (404) for a malformed or future one. */
function servedVersion(asked: string): string | undefined {
  if ((SUPPORTED_API_VERSIONS as readonly string[]).includes(asked)) return asked;
  if (!/^\d{4}-(01|04|07|10)$/.test(asked)) return undefined;
  const oldest = SUPPORTED_API_VERSIONS[0];
  return asked < oldest ? oldest : undefined;
}

interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export async function startShopifySim(options: ShopifySimOptions = {}): Promise<ShopifySim> {
  const startedAt = performance.now();
  const monotonicMs = () => performance.now() - startedAt;
  const accessToken = options.accessToken ?? DEFAULT_SHOPIFY_SIM_TOKEN;
  let latencyMs = options.latencyMs ?? 0;
  const maxQueryCost = options.maxQueryCost === undefined ? MAX_QUERY_COST : options.maxQueryCost;
  let fixed: number | undefined = options.now ? toDate(options.now).getTime() : undefined;
  let offsetMs = 0;
  const now = () => new Date(fixed ?? Date.now() + offsetMs);
  // The bucket refills by the simulated clock: with a fixed clock a test refills it with advanceClock, never by waiting.
  const bucket = options.rateLimit === null ? undefined : new CostBucket(options.rateLimit ?? {}, () => now().getTime());

  const store: ShopifyStore = { orders: [], nextFulfillmentId: 5_200_000_000_001 };
  const ids = { order: 5_600_000_000_001, line: 14_000_000_000_001, fo: 6_500_000_000_001, foLine: 13_500_000_000_001, number: 1001 };
  const requests: ShopifyRequestRecord[] = [];
  const faults = new Map<string, { remaining: number; fault: ShopifyFault }>();

  function find(id: number | string): SimOrder | undefined {
    const numeric = typeof id === 'number' ? id : parseGid('Order', id);
    return store.orders.find((o) => o.id === numeric);
  }
  function mustFind(id: number | string): SimOrder {
    const order = find(id);
    if (!order) throw new Error(`The Shopify simulator has no order ${id}`);
    return order;
  }

  function addOrder(input: SeedOrderInput, n: number): SimOrder {
    const base = generatedOrder(n);
    const at = isoSeconds(now());
    const createdAt = input.createdAt === undefined ? at : isoSeconds(toDate(input.createdAt));
    const lines = (input.lineItems ?? base.lineItems).map((line) => ({
      id: ids.line++, title: line.title, sku: line.sku === undefined ? null : line.sku, quantity: line.quantity, unitPrice: line.unitPrice,
    }));
    for (const line of lines) {
      if (!Number.isInteger(line.quantity) || line.quantity < 1) throw new RangeError(`Line "${line.title}": quantity must be a positive integer`);
      if (!Number.isInteger(line.unitPrice) || line.unitPrice < 0) throw new RangeError(`Line "${line.title}": unitPrice is in minor units, a non-negative integer`);
    }
    const cancelledAt = input.cancelledAt === undefined || input.cancelledAt === null ? null : isoSeconds(toDate(input.cancelledAt));
    const order: SimOrder = {
      id: ids.order++,
      name: input.name ?? `#${ids.number++}`,
      createdAt,
      updatedAt: input.updatedAt === undefined ? (input.createdAt === undefined ? at : createdAt) : isoSeconds(toDate(input.updatedAt)),
      cancelledAt,
      displayFinancialStatus: input.displayFinancialStatus ?? base.displayFinancialStatus,
      currencyCode: input.currencyCode ?? base.currencyCode,
      email: input.email === undefined ? base.email : input.email,
      phone: input.phone === undefined ? base.phone : input.phone,
      note: input.note === undefined ? base.note : input.note,
      tags: [...(input.tags ?? base.tags)],
      shippingCharge: input.shippingCharge ?? base.shippingCharge,
      tax: input.tax ?? base.tax,
      discount: input.discount ?? base.discount,
      shippingAddress: input.shippingAddress === undefined ? base.shippingAddress : input.shippingAddress,
      billingCountry: input.billingCountry === undefined ? base.billingCountry : input.billingCountry,
      customer: input.customer === undefined ? base.customer : input.customer,
      lineItems: lines,
      // One fulfillment order per order (one location), as a small shop's orders have.
      fulfillmentOrders: [{
        id: ids.fo++,
        status: cancelledAt ? 'CLOSED' : 'OPEN',
        lineItems: lines.map((line) => ({ id: ids.foLine++, lineItemId: line.id, totalQuantity: line.quantity, remainingQuantity: cancelledAt ? 0 : line.quantity })),
      }],
      fulfillments: [],
    };
    store.orders.push(order);
    return order;
  }

  function throttledAnswer(requested: number): Answer {
    const status = bucket?.status();
    const cost = { requestedQueryCost: requested, actualQueryCost: null, ...(status ? { throttleStatus: status } : {}) };
    if (options.throttledAs === 'http429') {
      const retry = Math.max(1, bucket?.secondsUntil(requested) ?? 1);
      return { status: 429, headers: { 'Retry-After': String(retry) }, body: { errors: [graphQLError('Throttled', 'THROTTLED', { documentation: THROTTLE_DOCS })], extensions: { cost } } };
    }
    return { status: 200, body: { errors: [graphQLError('Throttled', 'THROTTLED', { documentation: THROTTLE_DOCS })], extensions: { cost } } };
  }

  function outage(status: number, record: ShopifyRequestRecord, retryAfterSeconds?: number): Answer {
    return {
      status,
      ...(retryAfterSeconds === undefined ? {} : { headers: { 'Retry-After': String(retryAfterSeconds) } }),
      body: { errors: [graphQLError(`Internal error. Looks like something went wrong on our end.\nRequest ID: ${record.id}`, 'INTERNAL_SERVER_ERROR', { requestId: String(record.id) })] },
    };
  }

  async function handle(req: IncomingMessage, record: ShopifyRequestRecord, url: URL): Promise<{ answer: Answer; holdMs?: number }> {
    await wait(latencyMs);

    const header = req.headers['x-shopify-access-token'];
    const token = Array.isArray(header) ? header[0] : header;
    record.authorized = token !== undefined && sameSecret(token, accessToken);
    if (!record.authorized) {
      return { answer: { status: 401, body: { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' } } };
    }

    const pathMatch = API_PATH.exec(url.pathname);
    record.apiVersion = pathMatch?.[1];
    const version = pathMatch ? servedVersion(pathMatch[1]!) : undefined;
    if (!version) return { answer: { status: 404, body: { errors: 'Not Found' } } };
    const versionHeader = { 'X-Shopify-API-Version': version };
    if (req.method !== 'POST') return { answer: { status: 405, headers: { Allow: 'POST', ...versionHeader }, body: { errors: 'Method Not Allowed' } } };

    let body: Record<string, unknown>;
    try {
      const parsed = await readJsonBody(req);
      if (typeof parsed !== 'object' || parsed === null || typeof (parsed as Record<string, unknown>).query !== 'string') throw new SyntaxError('no query');
      body = parsed as Record<string, unknown>;
    } catch {
      return { answer: { status: 400, headers: versionHeader, body: { errors: { query: 'Required parameter missing or invalid' } } } };
    }
    const document = body.query as string;
    const variables = typeof body.variables === 'object' && body.variables !== null ? body.variables as Record<string, unknown> : {};
    record.variables = structuredClone(variables);
    const graphql = (payload: Record<string, unknown>): { answer: Answer } => ({ answer: { status: 200, headers: versionHeader, body: payload } });

    const name = operationNameOf(document, body.operationName);
    record.operationName = name;
    if (!isOperationName(name)) {
      return graphql({ errors: [graphQLError(
        `The Shopify simulator answers only the operations DeskOrders, DeskOrder and DeskFulfillmentCreate (test/sim/README.md); got ${name ? `"${name}"` : 'an anonymous operation'}.`,
        'UNKNOWN_OPERATION',
      )] });
    }
    let operation;
    try {
      operation = parseOperation(document);
    } catch (error) {
      return graphql({ errors: [graphQLError(`Parse error: ${(error as Error).message}`, 'PARSE_ERROR')] });
    }
    const shapeError = checkShape(name, operation);
    if (shapeError) return graphql({ errors: [shapeError] });

    const requested = operationCost(operation, variables);
    record.requestedQueryCost = requested;
    if (maxQueryCost !== null && requested > maxQueryCost) {
      return graphql({ errors: [graphQLError(
        `Query cost is ${requested}, which exceeds the single query max cost limit (${maxQueryCost}).`,
        'MAX_COST_EXCEEDED', { cost: requested, maxCost: maxQueryCost, documentation: THROTTLE_DOCS },
      )] });
    }

    const pending = faults.get(name);
    const takeFault = () => {
      if (pending && (pending.remaining -= 1) <= 0) faults.delete(name);
      return pending?.fault;
    };
    // A throttled fault replaces the bucket's verdict; other faults wait for a request the bucket lets through.
    const throttled = pending?.fault.kind === 'throttled' ? Boolean(takeFault()) : Boolean(bucket && !bucket.take(requested));
    if (throttled) {
      record.throttled = true;
      const answer = throttledAnswer(requested);
      return { answer: { ...answer, headers: { ...answer.headers, ...versionHeader } } };
    }
    const fault = takeFault();
    if (fault?.kind === 'error') {
      bucket?.refund(requested);
      return { answer: outage(fault.status ?? 500, record, fault.retryAfterSeconds) };
    }
    if (fault?.kind === 'slow') await wait(fault.delayMs);

    let result: OperationResult;
    try {
      result = runOperation(name, { store, operation, variables, now });
    } catch {
      return { answer: outage(500, record) };
    }
    const actual = result.returned === undefined ? requested : operationCost(operation, variables, result.returned);
    bucket?.refund(requested - actual);
    const cost = { requestedQueryCost: requested, actualQueryCost: actual, ...(bucket ? { throttleStatus: bucket.status() } : {}) };
    const payload: Record<string, unknown> = {};
    if (result.errors) payload.errors = result.errors satisfies GraphQLError[];
    if (result.data !== undefined) payload.data = result.data;
    payload.extensions = { ...result.extensions, cost };
    const outcome: { answer: Answer; holdMs?: number } = graphql(payload);
    if (fault?.kind === 'no_answer') outcome.holdMs = fault.answerAfterMs ?? Number.POSITIVE_INFINITY;
    return outcome;
  }

  function send(res: ServerResponse, record: ShopifyRequestRecord, answer: Answer): void {
    record.status = answer.status;
    if (res.destroyed) return;
    res.writeHead(answer.status, {
      ...answer.headers,
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Request-Id': String(record.id),
    }).end(JSON.stringify(answer.body));
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://shopify.invalid');
    const record: ShopifyRequestRecord = {
      id: requests.length + 1,
      method: req.method ?? 'GET',
      path: url.pathname,
      apiVersion: undefined,
      operationName: undefined,
      variables: undefined,
      authorized: false,
      status: 0,
      throttled: false,
      requestedQueryCost: undefined,
      receivedAtMs: monotonicMs(),
    };
    requests.push(record);
    handle(req, record, url).then(
      async ({ answer, holdMs }) => {
        if (holdMs === Number.POSITIVE_INFINITY) return; // never answered; close() drops the connection
        if (holdMs !== undefined) await wait(holdMs);
        send(res, record, answer);
      },
      () => send(res, record, outage(500, record)),
    );
  });
  const port = await listenOnLoopback(server, options.port);
  const url = `http://${LOOPBACK}:${port}`;

  return {
    url,
    storeDomain: `${LOOPBACK}:${port}`,
    graphqlUrl: `${url}/admin/api/${SHOPIFY_API_VERSION}/graphql.json`,
    port,
    accessToken,
    apiVersion: SHOPIFY_API_VERSION,
    requests,
    requestsFor: (operation) => requests.filter((r) => r.operationName === operation),
    seedOrders(input) {
      const list = typeof input === 'number' ? Array.from({ length: input }, () => ({})) : input;
      return list.map((order) => structuredClone(addOrder(order, store.orders.length)));
    },
    updateOrder(id, changes) {
      const order = mustFind(id);
      Object.assign(order, structuredClone(changes));
      order.updatedAt = isoSeconds(now());
      return structuredClone(order);
    },
    cancelOrder(id) {
      const order = mustFind(id);
      if (order.cancelledAt) throw new Error(`Order ${order.name} is already cancelled`);
      order.cancelledAt = isoSeconds(now());
      order.updatedAt = order.cancelledAt;
      for (const fo of order.fulfillmentOrders) {
        if (fo.status === 'OPEN' || fo.status === 'IN_PROGRESS') fo.status = 'CLOSED';
      }
      return structuredClone(order);
    },
    order: (id) => {
      const order = find(id);
      return order ? structuredClone(order) : undefined;
    },
    orders: () => structuredClone(store.orders),
    fulfillments: (orderId) => structuredClone(mustFind(orderId).fulfillments),
    failNext(operation, count, fault) {
      if (!Number.isInteger(count) || count < 0) throw new RangeError('count must be a non-negative integer');
      if (count === 0) faults.delete(operation);
      else faults.set(operation, { remaining: count, fault: structuredClone(fault) });
    },
    throttleStatus: () => bucket?.status(),
    now,
    setNow(date) {
      fixed = toDate(date).getTime();
    },
    advanceClock(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('advanceClock takes a non-negative number of ms');
      if (fixed === undefined) offsetMs += ms;
      else fixed += ms;
    },
    setLatency(ms) {
      latencyMs = ms;
    },
    close: () => closeLoopbackServer(server),
  };
}

/**
 * A simulated dropshipping supplier API on loopback (127.0.0.1, a free port), for integration tests and
 * the demo shop. The contract it serves is documented in ./README.md; the desk's adapter
 * (src-main/adapters/supplier-http.ts) follows that document, not this code.
 *
 * Every request goes through one pipeline, whatever the route:
 *   log → latency → injected outage → auth → rate limit → route (with its injected fault) → injected malformation → answer
 * so new routes (orders, tracking) get outages, auth, rate limits and route faults for free.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { generateCatalog, isoSeconds, type GeneratedCatalogOptions, type SimProduct } from './supplier-sim-catalog';
import { setRouteFault, takeRouteFault, type RouteFault, type RouteName } from './supplier-sim-faults';
import { apiError, outageError, type SimResponse } from './supplier-sim-http';
import { IdempotencyStore } from './supplier-sim-idempotency';
import { OrderBook, type SimAcknowledgeOptions, type SimOrder, type SimOrderScenario } from './supplier-sim-orders';
import type { SimShipment, SimShipOptions } from './supplier-sim-shipments';
import { matchRoute, ROUTES, type Route } from './supplier-sim-routes';
import type { MalformKind, SimRequestRecord, SupplierSimState } from './supplier-sim-state';
import { TokenBucket, type RateLimitOptions } from './rate-limiter';
import { closeLoopbackServer, listenOnLoopback, LOOPBACK } from './loopback-http';
import { readJsonBody, sameSecret, wait } from './sim-request';

export type { GeneratedCatalogOptions, SimPrice, SimProduct } from './supplier-sim-catalog';
export type { MalformKind, SimRequestRecord, SupplierSimState } from './supplier-sim-state';
export { DEFAULT_PER_PAGE, MAX_PER_PAGE, type Route, type RouteContext } from './supplier-sim-routes';
export { apiError, type SimResponse } from './supplier-sim-http';
export type { RouteFault, RouteName } from './supplier-sim-faults';
export type {
  SimAcknowledgeOptions, SimLineOutcome, SimLineStatus, SimOrder, SimOrderLine, SimOrderScenario, SimOrderStatus, SimRejectionCode,
} from './supplier-sim-orders';
export type { OrderInput, SimMoneyMinor, SimShipTo } from './supplier-sim-order-input';
export { DEFAULT_BACKORDER_DAYS } from './supplier-sim-orders';
export type { SimShipment, SimShipmentLine, SimShipOptions } from './supplier-sim-shipments';

export const DEFAULT_SIM_API_KEY = 'sim_test_key_0123456789abcdef';

export interface SupplierSimOptions {
  /** Port on 127.0.0.1; default 0 (a free one). The CLI sets one so the demo shop's supplier address stays valid. */
  port?: number;
  /** The API key the simulator accepts as `Authorization: Bearer <key>`. Default DEFAULT_SIM_API_KEY. */
  apiKey?: string;
  /** Products in wire shape, or a seed and count for a deterministic generated pet catalog. Default empty. */
  catalog?: SimProduct[] | GeneratedCatalogOptions;
  /** Delay before every answer, in ms. Default 0. */
  latencyMs?: number;
  /** Token-bucket rate limit per API key; absent means unlimited. */
  rateLimit?: RateLimitOptions;
  /**
   * Make 401 messages repeat the key that was sent, as some careless real APIs do. Used to prove the
   * desk redacts the key even when the supplier does not.
   */
  echoKeyInErrors?: boolean;
  /** Clock for `updated_at` written by `updateProduct`. Default the real clock. */
  now?: () => Date;
  /**
   * Extra routes for a test, matched before the built-in ones (so a test can also override one, e.g. to
   * answer a redirect); they run through the same pipeline.
   */
  extraRoutes?: readonly Route[];
}

export interface SupplierSim {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  url: string;
  port: number;
  state: SupplierSimState;
  /** The next `count` requests (any route, before auth) answer `status` (500, 502, 503, 504 or 429). */
  failNextRequests(count: number, status?: number, options?: { retryAfterSeconds?: number }): void;
  /** The next `count` successful route answers are broken in the given way. */
  malformNextResponses(count: number, kind: MalformKind): void;
  /** Changes a product in place (stock, price, ...) and stamps `updated_at` with the simulator's clock. */
  updateProduct(sku: string, patch: Partial<Omit<SimProduct, 'sku'>>): SimProduct;
  /** Every order placed, oldest first (copies: change them through the controls below). */
  orders(): SimOrder[];
  /** One order by the supplier's id ('ord_000001'), as GET /v1/orders/:id would show it (without counting a poll). */
  order(id: string): SimOrder | undefined;
  /** The orders with this client reference (the desk's PO number): none or one. */
  ordersByClientReference(reference: string): SimOrder[];
  /**
   * received → acknowledged (or rejected when every line is): gives the supplier reference and each pending
   * line its outcome — `options.lines[sku]`, else the scenario's, else confirmed / backordered by stock.
   * Throws for an unknown id or an order that is not `received`.
   */
  acknowledge(id: string, options?: SimAcknowledgeOptions): SimOrder;
  /**
   * Sends one parcel for an acknowledged (or partially shipped) order: `options.lines` maps SKU → quantity,
   * default every confirmed line's remaining quantity; carrier default 'UPS' with a real-format 1Z number.
   * Lines whose whole quantity has shipped become 'shipped'; the order partially_shipped or shipped.
   * Throws for an unknown id, an order not acknowledged, a line not confirmed, or more than remains.
   */
  ship(orderId: string, options?: SimShipOptions): SimShipment;
  /** Replaces the order scenario (auto-acknowledge / auto-ship after N polls, per-SKU outcomes); `{}` clears it. */
  setOrderScenario(scenario: SimOrderScenario): void;
  /**
   * The next `count` requests that reach `route` (after auth and rate limit) fail as `fault`: an error
   * before anything happens, a slow answer, or no answer after the work was done. `count = 0` clears it.
   */
  failNext(route: RouteName, count: number, fault: RouteFault): void;
  /** Requests received for one path (e.g. '/v1/products'), in order. */
  requestsTo(path: string): SimRequestRecord[];
  /** Stops listening and drops open connections; resolves when the port is free. */
  close(): Promise<void>;
}

const BIND_ADDRESS = LOOPBACK;

/** Answers that break the contract on purpose; each returns the raw text and content type to send. */
const MALFORMERS: Record<MalformKind, (body: unknown) => { text: string; contentType: string }> = {
  invalid_json: (body) => {
    const text = JSON.stringify(body);
    return { text: text.slice(0, Math.max(1, Math.floor(text.length / 2))), contentType: 'application/json; charset=utf-8' };
  },
  html_page: () => ({
    text: '<!doctype html><html><head><title>Maintenance</title></head><body><h1>We will be back soon</h1></body></html>',
    contentType: 'text/html; charset=utf-8',
  }),
  missing_meta: (body) => jsonText(withMeta(body, () => undefined)),
  string_numbers: (body) => jsonText(withMeta(body, (meta) => Object.fromEntries(
    Object.entries(meta).map(([key, value]) => [key, typeof value === 'number' ? String(value) : value]),
  ))),
  next_page_loop: (body) => jsonText(withMeta(body, (meta) => ({ ...meta, next_page: meta.page }))),
};

function jsonText(body: unknown): { text: string; contentType: string } {
  return { text: JSON.stringify(body), contentType: 'application/json; charset=utf-8' };
}

/** Replaces (or with `undefined`, removes) the `meta` object of a list answer. */
function withMeta(body: unknown, change: (meta: Record<string, unknown>) => Record<string, unknown> | undefined): unknown {
  if (typeof body !== 'object' || body === null || !('meta' in body)) return body;
  const { meta, ...rest } = body as { meta: Record<string, unknown> };
  const changed = change(meta);
  return changed === undefined ? rest : { ...rest, meta: changed };
}

/** The key from `Authorization: Bearer <key>`; the scheme is case-insensitive as RFC 7235 says. */
function bearerKey(req: IncomingMessage): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

function resolveCatalog(catalog: SupplierSimOptions['catalog']): SimProduct[] {
  if (catalog === undefined) return [];
  if (Array.isArray(catalog)) return catalog.map((product) => structuredClone(product));
  return generateCatalog(catalog);
}

export async function startSupplierSim(options: SupplierSimOptions = {}): Promise<SupplierSim> {
  const startedAt = performance.now();
  const clockMs = () => performance.now() - startedAt;
  const now = options.now ?? (() => new Date());
  const routes = [...(options.extraRoutes ?? []), ...ROUTES];
  const limiter = options.rateLimit ? new TokenBucket(options.rateLimit, clockMs) : undefined;
  const state: SupplierSimState = {
    catalog: resolveCatalog(options.catalog),
    apiKey: options.apiKey ?? DEFAULT_SIM_API_KEY,
    latencyMs: options.latencyMs ?? 0,
    requests: [],
    outage: { remaining: 0, status: 503 },
    malform: { remaining: 0, kind: 'invalid_json' },
    orders: new OrderBook(),
    idempotency: new IdempotencyStore(),
    routeFaults: new Map(),
  };

  interface Outcome {
    response: SimResponse;
    malform?: MalformKind;
    /** Hold the answer this long (ms); Infinity: never send it. */
    holdMs?: number;
  }

  async function handle(req: IncomingMessage, record: SimRequestRecord, url: URL): Promise<Outcome> {
    await wait(state.latencyMs);

    if (state.outage.remaining > 0) {
      state.outage.remaining -= 1;
      return { response: outageError(state.outage.status, state.outage.retryAfterSeconds) };
    }

    const key = bearerKey(req);
    record.authorized = key !== undefined && sameSecret(key, state.apiKey);
    if (!record.authorized) {
      const challenge = { 'WWW-Authenticate': 'Bearer realm="supplier-api"' };
      if (key === undefined) {
        return { response: apiError(401, 'unauthorized', 'Missing API key. Send it as "Authorization: Bearer <api key>".', challenge) };
      }
      const message = options.echoKeyInErrors ? `Invalid API key "${key}".` : 'Invalid API key.';
      return { response: apiError(401, 'unauthorized', message, challenge) };
    }

    const rateHeaders: Record<string, string> = {};
    if (limiter) {
      const decision = limiter.take();
      rateHeaders['X-RateLimit-Limit'] = String(limiter.limit);
      if (!decision.allowed) {
        return {
          response: apiError(429, 'rate_limited', `Rate limit of ${options.rateLimit?.requestsPerSecond} requests per second exceeded.`, {
            ...rateHeaders, 'X-RateLimit-Remaining': '0', 'Retry-After': String(decision.retryAfterSeconds),
          }),
        };
      }
      rateHeaders['X-RateLimit-Remaining'] = String(decision.remaining);
    }

    const match = matchRoute(routes, req.method ?? 'GET', url.pathname);
    if (match.kind === 'not_found') return { response: apiError(404, 'not_found', `No endpoint ${url.pathname}.`) };
    if (match.kind === 'wrong_method') {
      return { response: apiError(405, 'method_not_allowed', `${req.method} is not allowed here.`, { Allow: match.allow.join(', ') }) };
    }

    const fault = takeRouteFault(state.routeFaults, `${match.route.method} ${match.route.path}`);
    if (fault?.kind === 'error') {
      return { response: outageError(fault.status ?? 500, fault.retryAfterSeconds) };
    }
    if (fault?.kind === 'slow') await wait(fault.delayMs);

    let response: SimResponse;
    try {
      response = await match.route.handle({
        state,
        query: url.searchParams,
        params: match.params,
        now,
        readJson: () => readJsonBody(req),
        header: (name) => {
          const value = req.headers[name.toLowerCase()];
          return Array.isArray(value) ? value[0] : value;
        },
      });
    } catch (error) {
      response = error instanceof SyntaxError
        ? apiError(400, 'invalid_parameter', `Request body is not valid JSON: ${error.message}`)
        : apiError(500, 'internal_error', 'Internal server error.');
    }
    response = { ...response, headers: { ...rateHeaders, ...response.headers } };

    const outcome: Outcome = { response };
    if (response.status < 300 && state.malform.remaining > 0) {
      state.malform.remaining -= 1;
      outcome.malform = state.malform.kind;
    }
    if (fault?.kind === 'no_answer') outcome.holdMs = fault.answerAfterMs ?? Number.POSITIVE_INFINITY;
    return outcome;
  }

  function send(res: ServerResponse, record: SimRequestRecord, response: SimResponse, malform?: MalformKind): void {
    const { text, contentType } = malform ? MALFORMERS[malform](response.body) : jsonText(response.body);
    record.status = response.status;
    if (res.destroyed) return; // the client gave up (timeout, abort) or close() dropped it
    res.writeHead(response.status, {
      ...response.headers,
      'Content-Type': contentType,
      'Cache-Control': 'no-store',
      'X-Request-Id': String(record.id),
    }).end(text);
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://supplier.invalid');
    const record: SimRequestRecord = {
      id: state.requests.length + 1,
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authorized: false,
      status: 0,
      receivedAtMs: clockMs(),
    };
    state.requests.push(record);
    handle(req, record, url).then(
      async ({ response, malform, holdMs }) => {
        if (holdMs === Number.POSITIVE_INFINITY) return; // never answered; close() drops the connection
        if (holdMs !== undefined) await wait(holdMs);
        send(res, record, response, malform);
      },
      () => send(res, record, apiError(500, 'internal_error', 'Internal server error.')),
    );
  });
  const port = await listenOnLoopback(server, options.port);

  return {
    url: `http://${BIND_ADDRESS}:${port}`,
    port,
    state,
    failNextRequests(count, status = 503, failOptions = {}) {
      state.outage = { remaining: count, status, ...(failOptions.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: failOptions.retryAfterSeconds }) };
    },
    malformNextResponses(count, kind) {
      state.malform = { remaining: count, kind };
    },
    updateProduct(sku, patch) {
      const product = state.catalog.find((candidate) => candidate.sku === sku);
      if (!product) throw new Error(`The simulated catalog has no product ${sku}`);
      Object.assign(product, structuredClone(patch), { updated_at: patch.updated_at ?? isoSeconds(now()) });
      return product;
    },
    orders() {
      return structuredClone([...state.orders.all()]);
    },
    order(id) {
      const order = state.orders.get(id);
      return order ? structuredClone(order) : undefined;
    },
    ordersByClientReference(reference) {
      const order = state.orders.byClientReference(reference);
      return order ? [structuredClone(order)] : [];
    },
    acknowledge(id, ackOptions = {}) {
      return structuredClone(state.orders.acknowledge(id, ackOptions, state.catalog, now()));
    },
    ship(orderId, shipOptions = {}) {
      return structuredClone(state.orders.ship(orderId, shipOptions, now()));
    },
    setOrderScenario(scenario) {
      for (const name of ['autoAcknowledgeAfterPolls', 'autoShipAfterPolls'] as const) {
        const after = scenario[name];
        if (after !== undefined && !(Number.isInteger(after) && after >= 1)) throw new RangeError(`${name} must be an integer of at least 1`);
      }
      state.orders.scenario = structuredClone(scenario);
    },
    failNext(route, count, fault) {
      setRouteFault(state.routeFaults, route, count, fault);
    },
    requestsTo(path) {
      return state.requests.filter((request) => request.path === path);
    },
    close: () => closeLoopbackServer(server),
  };
}

import type { SimProduct } from './supplier-sim-catalog';
import type { RouteFaults } from './supplier-sim-faults';
import type { IdempotencyStore } from './supplier-sim-idempotency';
import type { OrderBook } from './supplier-sim-orders';

/** One request as the simulator saw it; tests assert paging, retries and fail-fast from this log. */
export interface SimRequestRecord {
  /** 1-based, in arrival order; also sent back as `X-Request-Id`. */
  id: number;
  method: string;
  path: string;
  /** Query parameters as received (last value wins), e.g. `{ page: '2', per_page: '100' }`. */
  query: Record<string, string>;
  /** Whether the request carried the right API key. */
  authorized: boolean;
  /** The status answered; 0 while the request is still being handled, or when its answer is held (`no_answer`). */
  status: number;
  /** Milliseconds since the simulator started (monotonic), for asserting waits between retries. */
  receivedAtMs: number;
}

/** How an injected malformed response is broken (see README.md, "Test controls"). */
export type MalformKind =
  /** A 200 with a JSON body cut off half-way, as a dropped proxy connection leaves it. */
  | 'invalid_json'
  /** A 200 with an HTML maintenance page, as a CDN or captive portal sends. */
  | 'html_page'
  /** Valid JSON without `meta`. */
  | 'missing_meta'
  /** `meta` numbers sent as strings ("2"), a classic backend serialisation bug. */
  | 'string_numbers'
  /** `next_page` equal to the current page: a client that trusts it blindly loops forever. */
  | 'next_page_loop';

export interface SupplierSimState {
  /** The live catalog in wire shape, served sorted by SKU. Mutate it (or use `updateProduct`) between calls. */
  catalog: SimProduct[];
  apiKey: string;
  /** Added before every answer; change it at any time. */
  latencyMs: number;
  requests: SimRequestRecord[];
  /** Pending injected outages: the next `remaining` requests answer `status`. */
  outage: { remaining: number; status: number; retryAfterSeconds?: number };
  /** Pending malformed answers: the next `remaining` successful route answers are broken as `kind`. */
  malform: { remaining: number; kind: MalformKind };
  /** Placed orders and their life cycle (use the simulator's order controls rather than this directly). */
  orders: OrderBook;
  /** Saved `POST /v1/orders` answers by Idempotency-Key. */
  idempotency: IdempotencyStore;
  /** Pending per-route faults (`failNext`), by "<METHOD> <path pattern>". */
  routeFaults: RouteFaults;
}

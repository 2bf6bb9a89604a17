/**
 * A simulated carrier aggregator on loopback (127.0.0.1, a free port), modelled on AfterShip's Tracking API
 * version 2026-07 (header `as-api-key`, `/tracking/2026-07/trackings`, envelope `{ meta, data }`), for the
 * desk's tracking sync (issue 6). See test/sim/README.md, "Tracking simulator". Imports nothing from
 * src-main or src-shared.
 *
 * Every request goes through one pipeline:
 *   log → latency → auth → rate limit → route (with its injected fault) → answer
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { closeLoopbackServer, listenOnLoopback, LOOPBACK } from './loopback-http';
import { readJsonBody, sameSecret, wait } from './sim-request';
import { TokenBucket, type RateLimitOptions } from './rate-limiter';
import { setRouteFault, takeRouteFault, type RouteFault, type RouteFaults } from './supplier-sim-faults';
import {
  detectSlug, isoOffset, isTag, statusFromCheckpoints, subtagFor, type SimCheckpoint, type SimTag, type SimTracking, type TrackingRecord,
} from './tracking-sim-model';
import {
  addTracking, matchTrackingRoute, outageAnswer, TRACKING_API_BASE, trackingError, type NewTracking, type TrackingSimResponse,
  type TrackingStore,
} from './tracking-sim-routes';

export { TAGS, detectSlug, sameCheckpoint } from './tracking-sim-model';
export type { SimCheckpoint, SimCourierEstimatedDelivery, SimTag, SimTracking } from './tracking-sim-model';
export { DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT, MAX_TRACKING_NUMBERS, TRACKING_API_BASE } from './tracking-sim-routes';
export type { RouteFault } from './supplier-sim-faults';

export const DEFAULT_TRACKING_SIM_KEY = 'asat_sim_0123456789abcdef0123456789ab';
/** AfterShip marks a tracking Expired after 30 days without news (for most couriers). */
export const DEFAULT_EXPIRE_AFTER_DAYS = 30;

/** Route names for `failNext`, as in the route table (below the version path). */
export type TrackingRouteName = 'POST /trackings' | 'GET /trackings' | 'GET /trackings/:id';

export interface TrackingRequestRecord {
  /** 1-based, in arrival order; also sent back as `X-Request-Id`. */
  id: number;
  method: string;
  /** The full path, e.g. '/tracking/2026-07/trackings/3f…'. */
  path: string;
  /** The matched route ('GET /trackings/:id'), or undefined for no route. */
  route: string | undefined;
  query: Record<string, string>;
  authorized: boolean;
  /** 0 while being handled or when its answer is held (`no_answer`). */
  status: number;
  /** Milliseconds since the simulator started (monotonic, real time even when the simulated clock is fixed). */
  receivedAtMs: number;
}

export interface TrackingSimOptions {
  /** Port on 127.0.0.1; default 0 (a free one). The CLI uses 4012. */
  port?: number;
  /** The key accepted in the `as-api-key` header. Default DEFAULT_TRACKING_SIM_KEY. */
  apiKey?: string;
  /** Delay before each answer, in ms. Default 0. */
  latencyMs?: number;
  /** Token bucket for the key; absent means unlimited. A denied request is 429 with Retry-After. */
  rateLimit?: RateLimitOptions;
  /** Start of the simulated clock (then it stands still until moved with setNow/advanceClock). Default: follows real time. */
  now?: Date;
  /** Days without a checkpoint after which a tracking not delivered turns Expired; null: never. Default 30. */
  expireAfterDays?: number | null;
}

export interface CheckpointInput {
  /** The carrier's scan time; default the simulated clock. */
  at?: Date | string;
  message?: string;
  location?: string | null;
  city?: string | null;
  /** ISO 3166-1 alpha-3, as AfterShip sends it (e.g. 'DEU'). */
  countryRegion?: string | null;
  /** Default `<Tag>_001`. */
  subtag?: string;
  subtagMessage?: string;
  /** Sets `courier_estimated_delivery_date.estimated_delivery_date` ('YYYY-MM-DD'); null clears it. */
  expectedDelivery?: string | null;
  /** Sets `signed_by` (on Delivered). */
  signedBy?: string;
  /** Which tracking when the same number exists for two couriers. */
  slug?: string;
}

export interface SeedTrackingInput extends Partial<Omit<NewTracking, 'tracking_number'>> {
  tracking_number: string;
  /** Checkpoints already known to the carrier, oldest first. */
  checkpoints?: Array<CheckpointInput & { tag: SimTag }>;
}

export interface ReplayOptions {
  /** Which checkpoint (index in the list as served); default the newest by checkpoint_time. */
  index?: number;
  /**
   * false (default): the copy is appended and the tracking's tag is unchanged (a duplicate scan).
   * true: the tracking's tag/subtag also go back to the copy's, as an aggregator re-reading an older carrier
   * page does, until the next `advance`.
   */
  regressTag?: boolean;
  slug?: string;
}

export interface TrackingSim {
  /** `http://127.0.0.1:<port>`; the API is below `${url}${TRACKING_API_BASE}`. */
  url: string;
  /** `${url}/tracking/2026-07`. */
  apiBase: string;
  port: number;
  apiKey: string;
  requests: TrackingRequestRecord[];
  /** Requests whose path is `path`: either the full path or the part below the version ('/trackings'). */
  requestsTo(path: string): TrackingRequestRecord[];
  /** Creates a tracking as if POSTed (not logged), optionally with carrier history; returns a copy. */
  seedTracking(input: SeedTrackingInput): SimTracking;
  /** A copy of a tracking by id or tracking number (clock rules applied), or undefined. */
  tracking(idOrNumber: string, slug?: string): SimTracking | undefined;
  /** Copies of every tracking, oldest first. */
  trackings(): SimTracking[];
  /** The carrier reports a new scan: adds a checkpoint, moves tag/subtag. Returns it, or undefined when stalled. */
  advance(trackingNumber: string, tag: SimTag, input?: CheckpointInput): SimCheckpoint | undefined;
  /** Sends an old checkpoint again (see ReplayOptions). Returns the copy. */
  replayCheckpoint(trackingNumber: string, options?: ReplayOptions): SimCheckpoint;
  /** No news: `advance` is ignored for this tracking until `resume`; with the clock it may turn Expired. */
  stall(trackingNumber: string, slug?: string): void;
  resume(trackingNumber: string, slug?: string): void;
  /** The next `count` requests reaching `route` (after auth and rate limit) fail as `fault`; 0 clears. */
  failNext(route: TrackingRouteName, count: number, fault: RouteFault): void;
  /** The simulated clock. */
  now(): Date;
  setNow(date: Date | string): void;
  advanceClock(ms: number): void;
  setLatency(ms: number): void;
  close(): Promise<void>;
}

const DAY_MS = 86_400_000;

function toDate(value: Date | string): Date {
  const date = value instanceof Date ? new Date(value.getTime()) : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a date: ${String(value)}`);
  return date;
}

export async function startTrackingSim(options: TrackingSimOptions = {}): Promise<TrackingSim> {
  const startedAt = performance.now();
  const monotonicMs = () => performance.now() - startedAt;
  const apiKey = options.apiKey ?? DEFAULT_TRACKING_SIM_KEY;
  let latencyMs = options.latencyMs ?? 0;
  const expireAfterDays = options.expireAfterDays === undefined ? DEFAULT_EXPIRE_AFTER_DAYS : options.expireAfterDays;
  // The clock: fixed when a start was given (moved only by the controls), else real time plus any advance.
  let fixed: number | undefined = options.now ? toDate(options.now).getTime() : undefined;
  let offsetMs = 0;
  const now = () => new Date(fixed ?? Date.now() + offsetMs);

  const store: TrackingStore = { records: [], nextSeq: 1 };
  const requests: TrackingRequestRecord[] = [];
  const faults: RouteFaults = new Map();
  const limiter = options.rateLimit ? new TokenBucket(options.rateLimit, monotonicMs) : undefined;

  /** Clock rules: a tracking not delivered with no news for `expireAfterDays` turns Expired (no checkpoint is added). */
  function refresh(record: TrackingRecord): void {
    const t = record.tracking;
    if (expireAfterDays === null || t.tag === 'Delivered' || t.tag === 'Expired') return;
    const times = t.checkpoints.map((c) => Date.parse(c.checkpoint_time));
    const lastNews = times.length > 0 ? Math.max(...times) : Date.parse(t.created_at);
    if (now().getTime() - lastNews >= expireAfterDays * DAY_MS) {
      Object.assign(t, { tag: 'Expired', ...subtagFor('Expired'), active: false, updated_at: isoOffset(now()) });
    }
  }

  function find(idOrNumber: string, slug?: string): TrackingRecord | undefined {
    const byId = store.records.find((r) => r.tracking.id === idOrNumber);
    if (byId) return byId;
    const byNumber = store.records.filter((r) => r.tracking.tracking_number === idOrNumber && (slug === undefined || r.tracking.slug === slug));
    if (byNumber.length > 1) throw new Error(`Tracking number ${idOrNumber} exists for several couriers; pass the slug`);
    return byNumber[0];
  }

  function mustFind(trackingNumber: string, slug?: string): TrackingRecord {
    const record = find(trackingNumber, slug);
    if (!record) throw new Error(`The tracking simulator has no tracking ${trackingNumber}${slug ? ` (${slug})` : ''}`);
    return record;
  }

  function addCheckpoint(record: TrackingRecord, tag: SimTag, input: CheckpointInput): SimCheckpoint {
    if (!isTag(tag)) throw new RangeError(`Unknown tag ${String(tag)}`);
    const t = record.tracking;
    const at = toDate(input.at ?? now());
    const defaults = subtagFor(tag);
    const checkpoint: SimCheckpoint = {
      created_at: isoOffset(now()),
      slug: t.slug,
      checkpoint_time: isoOffset(at),
      location: input.location ?? null,
      city: input.city ?? null,
      country_region: input.countryRegion ?? null,
      message: input.message ?? defaults.subtag_message,
      tag,
      subtag: input.subtag ?? defaults.subtag,
      subtag_message: input.subtagMessage ?? defaults.subtag_message,
      raw_tag: null,
    };
    // Kept in checkpoint_time order (oldest first), as AfterShip lists them; a late-arriving older scan slots in.
    const after = t.checkpoints.findIndex((c) => Date.parse(c.checkpoint_time) > at.getTime());
    if (after === -1) t.checkpoints.push(checkpoint);
    else t.checkpoints.splice(after, 0, checkpoint);
    Object.assign(t, statusFromCheckpoints(t.checkpoints));
    t.active = t.tag !== 'Delivered';
    t.updated_at = isoOffset(now());
    if (input.expectedDelivery !== undefined) {
      t.courier_estimated_delivery_date = input.expectedDelivery === null
        ? null
        : { estimated_delivery_date: input.expectedDelivery, estimated_delivery_date_min: null, estimated_delivery_date_max: null };
    }
    if (t.shipment_pickup_date === null && tag !== 'Pending' && tag !== 'InfoReceived') t.shipment_pickup_date = checkpoint.checkpoint_time;
    if (tag === 'Delivered') {
      t.shipment_delivery_date = checkpoint.checkpoint_time;
      if (input.signedBy !== undefined) t.signed_by = input.signedBy;
    }
    return checkpoint;
  }

  interface Outcome {
    response: TrackingSimResponse;
    holdMs?: number;
  }

  async function handle(req: IncomingMessage, record: TrackingRequestRecord, url: URL): Promise<Outcome> {
    await wait(latencyMs);

    const headerKey = req.headers['as-api-key'];
    const key = Array.isArray(headerKey) ? headerKey[0] : headerKey;
    record.authorized = key !== undefined && sameSecret(key, apiKey);
    if (!record.authorized) {
      return { response: trackingError(401, 401, key === undefined ? 'The as-api-key header is missing.' : 'Invalid API key.') };
    }

    const rateHeaders: Record<string, string> = {};
    if (limiter) {
      const decision = limiter.take();
      const resetAt = Math.ceil((now().getTime() + (decision.allowed ? 1 : decision.retryAfterSeconds) * 1000) / 1000);
      rateHeaders['X-RateLimit-Limit'] = String(limiter.limit);
      rateHeaders['X-RateLimit-Reset'] = String(resetAt);
      if (!decision.allowed) {
        const answer = outageAnswer(429, decision.retryAfterSeconds);
        return { response: { ...answer, headers: { ...rateHeaders, 'X-RateLimit-Remaining': '0', ...answer.headers } } };
      }
      rateHeaders['X-RateLimit-Remaining'] = String(decision.remaining);
    }

    const match = matchTrackingRoute(req.method ?? 'GET', url.pathname);
    if (match.kind === 'not_found') {
      return { response: trackingError(404, 404, 'The URI requested is invalid or the resource requested does not exist.') };
    }
    if (match.kind === 'wrong_method') {
      return { response: { ...trackingError(405, 405, `${req.method} is not allowed here.`), headers: { Allow: match.allow.join(', ') } } };
    }
    record.route = `${match.route.method} ${match.route.path}`;

    const fault = takeRouteFault(faults, record.route);
    if (fault?.kind === 'error') return { response: outageAnswer(fault.status ?? 500, fault.retryAfterSeconds) };
    if (fault?.kind === 'slow') await wait(fault.delayMs);

    let response: TrackingSimResponse;
    try {
      response = await match.route.handle({
        store, query: url.searchParams, params: match.params, now, refresh, readJson: () => readJsonBody(req),
      });
    } catch {
      response = outageAnswer(500);
    }
    response = { ...response, headers: { ...rateHeaders, ...response.headers } };
    const outcome: Outcome = { response };
    if (fault?.kind === 'no_answer') outcome.holdMs = fault.answerAfterMs ?? Number.POSITIVE_INFINITY;
    return outcome;
  }

  function send(res: ServerResponse, record: TrackingRequestRecord, response: TrackingSimResponse): void {
    record.status = response.status;
    if (res.destroyed) return;
    res.writeHead(response.status, {
      ...response.headers,
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Request-Id': String(record.id),
    }).end(JSON.stringify(response.body));
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://tracking.invalid');
    const record: TrackingRequestRecord = {
      id: requests.length + 1,
      method: req.method ?? 'GET',
      path: url.pathname,
      route: undefined,
      query: Object.fromEntries(url.searchParams),
      authorized: false,
      status: 0,
      receivedAtMs: monotonicMs(),
    };
    requests.push(record);
    handle(req, record, url).then(
      async ({ response, holdMs }) => {
        if (holdMs === Number.POSITIVE_INFINITY) return; // never answered; close() drops the connection
        if (holdMs !== undefined) await wait(holdMs);
        send(res, record, response);
      },
      () => send(res, record, outageAnswer(500)),
    );
  });
  const port = await listenOnLoopback(server, options.port);
  const url = `http://${LOOPBACK}:${port}`;

  return {
    url,
    apiBase: `${url}${TRACKING_API_BASE}`,
    port,
    apiKey,
    requests,
    requestsTo(path) {
      const full = path.startsWith(TRACKING_API_BASE) ? path : `${TRACKING_API_BASE}${path}`;
      return requests.filter((request) => request.path === full);
    },
    seedTracking(input) {
      const resolved = input.slug ?? detectSlug(input.tracking_number);
      if (!resolved) throw new Error(`Cannot detect the courier of ${input.tracking_number}; pass the slug`);
      if (store.records.some((r) => r.tracking.tracking_number === input.tracking_number && r.tracking.slug === resolved)) {
        throw new Error(`Tracking ${resolved}/${input.tracking_number} already exists`);
      }
      const { checkpoints, ...rest } = input;
      const record = addTracking(store, { ...rest, slug: resolved }, now());
      for (const checkpoint of checkpoints ?? []) addCheckpoint(record, checkpoint.tag, checkpoint);
      return structuredClone(record.tracking);
    },
    tracking(idOrNumber, slug) {
      const record = find(idOrNumber, slug);
      if (!record) return undefined;
      refresh(record);
      return structuredClone(record.tracking);
    },
    trackings() {
      return store.records.map((record) => {
        refresh(record);
        return structuredClone(record.tracking);
      });
    },
    advance(trackingNumber, tag, input = {}) {
      const record = mustFind(trackingNumber, input.slug);
      if (record.stalled) return undefined;
      return structuredClone(addCheckpoint(record, tag, input));
    },
    replayCheckpoint(trackingNumber, replay = {}) {
      const record = mustFind(trackingNumber, replay.slug);
      const t = record.tracking;
      if (t.checkpoints.length === 0) throw new Error(`Tracking ${trackingNumber} has no checkpoint to replay`);
      const index = replay.index ?? t.checkpoints.reduce(
        (best, c, i) => (Date.parse(c.checkpoint_time) >= Date.parse(t.checkpoints[best]!.checkpoint_time) ? i : best), 0,
      );
      const original = t.checkpoints[index];
      if (!original) throw new RangeError(`Tracking ${trackingNumber} has no checkpoint ${index}`);
      const copy = structuredClone(original);
      t.checkpoints.push(copy);
      if (replay.regressTag) Object.assign(t, { tag: copy.tag, subtag: copy.subtag, subtag_message: copy.subtag_message, active: copy.tag !== 'Delivered' });
      t.updated_at = isoOffset(now());
      return structuredClone(copy);
    },
    stall(trackingNumber, slug) {
      mustFind(trackingNumber, slug).stalled = true;
    },
    resume(trackingNumber, slug) {
      mustFind(trackingNumber, slug).stalled = false;
    },
    failNext(route, count, fault) {
      setRouteFault(faults, route, count, fault);
    },
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

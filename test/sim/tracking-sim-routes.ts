/**
 * The tracking simulator's endpoints (AfterShip Tracking API 2026-07 shapes; test/sim/README.md,
 * "Tracking simulator") and its envelope: every answer is `{ meta: { code, type?, message? }, data }`.
 */
import {
  COURIER_LINKS, detectSlug, isoOffset, subtagFor, trackingId, type SimTracking, type TrackingRecord,
} from './tracking-sim-model';

/** The version path the simulator serves, as in `https://api.aftership.com/tracking/2026-07/trackings`. */
export const TRACKING_API_BASE = '/tracking/2026-07';
export const DEFAULT_LIST_LIMIT = 100;
export const MAX_LIST_LIMIT = 200;
export const MAX_TRACKING_NUMBERS = 50;

export interface TrackingSimResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** The simulator's store (use the simulator's controls rather than this directly). */
export interface TrackingStore {
  records: TrackingRecord[];
  nextSeq: number;
}

export interface TrackingRouteContext {
  store: TrackingStore;
  query: URLSearchParams;
  params: Record<string, string>;
  readJson(): Promise<unknown>;
  now(): Date;
  /** Applies clock rules (expiry) to a record before it is shown. */
  refresh(record: TrackingRecord): void;
}

export interface TrackingRoute {
  method: 'GET' | 'POST';
  /** Path below TRACKING_API_BASE; `:name` matches one segment. Also the route's name for `failNext`: `'GET /trackings/:id'`. */
  path: string;
  handle(context: TrackingRouteContext): TrackingSimResponse | Promise<TrackingSimResponse>;
}

/** AfterShip's `meta.type` per HTTP status. */
const META_TYPES: Record<number, string> = {
  400: 'BadRequest', 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 405: 'MethodNotAllowed', 429: 'TooManyRequests',
  500: 'InternalError', 502: 'InternalError', 503: 'InternalError', 504: 'InternalError',
};

export function success(status: number, data: unknown): TrackingSimResponse {
  return { status, body: { meta: { code: status }, data } };
}

/** The error envelope; `metaCode` is AfterShip's finer code (4003, 4004, …) or the HTTP status. */
export function trackingError(
  status: number, metaCode: number, message: string, options: { data?: unknown; headers?: Record<string, string> } = {},
): TrackingSimResponse {
  return {
    status,
    body: { meta: { code: metaCode, type: META_TYPES[status] ?? (status >= 500 ? 'InternalError' : 'BadRequest'), message }, data: options.data ?? {} },
    ...(options.headers ? { headers: options.headers } : {}),
  };
}

/** Canned answers for injected faults and outages, by status. */
export function outageAnswer(status: number, retryAfterSeconds?: number): TrackingSimResponse {
  const retry = retryAfterSeconds === undefined ? undefined : { 'Retry-After': String(retryAfterSeconds) };
  if (status === 429) {
    return trackingError(429, 429, 'You have exceeded the API call rate limit. Please retry after the number of seconds in Retry-After.', {
      headers: retry ?? { 'Retry-After': '1' },
    });
  }
  if (status === 401) return trackingError(401, 401, 'Invalid API key.');
  return trackingError(status, status, 'Something went wrong on our end. Please retry later.', retry ? { headers: retry } : {});
}

const OPTIONAL_STRINGS = ['title', 'order_id', 'order_number', 'origin_country_region', 'destination_country_region'] as const;

/** `POST /trackings`: body `{ tracking_number, slug?, title?, order_id?, order_number?, origin_country_region?, destination_country_region? }`. */
async function createTracking({ store, readJson, now }: TrackingRouteContext): Promise<TrackingSimResponse> {
  let body: unknown;
  try {
    body = await readJson();
  } catch {
    return trackingError(400, 4001, 'Invalid JSON data.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return trackingError(400, 4001, 'Invalid JSON data.');
  const input = body as Record<string, unknown>;
  if (input.tracking_number === undefined || input.tracking_number === null || input.tracking_number === '') {
    return trackingError(400, 4007, 'tracking_number is required.');
  }
  if (typeof input.tracking_number !== 'string' || !/^[\x21-\x7e]{1,100}$/.test(input.tracking_number)) {
    return trackingError(400, 4005, 'The value of tracking_number is invalid.');
  }
  for (const field of OPTIONAL_STRINGS) {
    const value = input[field];
    if (value !== undefined && value !== null && typeof value !== 'string') return trackingError(400, 4008, `The value of ${field} is invalid.`);
  }
  const trackingNumber = input.tracking_number;
  let slug: string;
  if (input.slug !== undefined && input.slug !== null && input.slug !== '') {
    if (typeof input.slug !== 'string' || !Object.hasOwn(COURIER_LINKS, input.slug)) return trackingError(400, 4010, 'The value of slug is invalid.');
    slug = input.slug;
  } else {
    const detected = detectSlug(trackingNumber);
    if (!detected) return trackingError(400, 4012, 'Cannot detect courier. Send the slug with the tracking number.');
    slug = detected;
  }
  const existing = store.records.find((r) => r.tracking.slug === slug && r.tracking.tracking_number === trackingNumber);
  if (existing) {
    return trackingError(400, 4003, 'Tracking already exists.', {
      data: { id: existing.tracking.id, slug, tracking_number: trackingNumber },
    });
  }
  const record = addTracking(store, { tracking_number: trackingNumber, slug, ...pickStrings(input) }, now());
  return success(201, structuredClone(record.tracking));
}

function pickStrings(input: Record<string, unknown>): Partial<Record<(typeof OPTIONAL_STRINGS)[number], string>> {
  const picked: Partial<Record<(typeof OPTIONAL_STRINGS)[number], string>> = {};
  for (const field of OPTIONAL_STRINGS) if (typeof input[field] === 'string') picked[field] = input[field] as string;
  return picked;
}

export interface NewTracking {
  tracking_number: string;
  slug: string;
  title?: string;
  order_id?: string;
  order_number?: string;
  origin_country_region?: string;
  destination_country_region?: string;
}

/** Stores a new tracking in `Pending` with no checkpoints (the API's create and the `seedTracking` control). */
export function addTracking(store: TrackingStore, input: NewTracking, at: Date): TrackingRecord {
  const seq = store.nextSeq;
  store.nextSeq += 1;
  const stamp = isoOffset(at);
  const tracking: SimTracking = {
    id: trackingId(seq),
    created_at: stamp,
    updated_at: stamp,
    tracking_number: input.tracking_number,
    slug: input.slug,
    active: true,
    title: input.title ?? input.tracking_number,
    order_id: input.order_id ?? null,
    order_number: input.order_number ?? null,
    origin_country_region: input.origin_country_region ?? null,
    destination_country_region: input.destination_country_region ?? null,
    tag: 'Pending',
    ...subtagFor('Pending'),
    checkpoints: [],
    courier_estimated_delivery_date: null,
    courier_tracking_link: COURIER_LINKS[input.slug]?.(input.tracking_number) ?? null,
    shipment_pickup_date: null,
    shipment_delivery_date: null,
    signed_by: null,
    source: 'api',
  };
  const record: TrackingRecord = { tracking, stalled: false, seq };
  store.records.push(record);
  return record;
}

/** `GET /trackings/:id`. */
function getTracking({ store, params, refresh }: TrackingRouteContext): TrackingSimResponse {
  const record = store.records.find((r) => r.tracking.id === params.id);
  if (!record) return trackingError(404, 4004, 'Tracking does not exist.');
  refresh(record);
  return success(200, structuredClone(record.tracking));
}

function splitList(value: string | null): string[] | undefined {
  if (value === null) return undefined;
  return value.split(',').map((part) => part.trim()).filter((part) => part !== '');
}

function encodeCursor(seq: number): string {
  return Buffer.from(JSON.stringify({ before: seq })).toString('base64url');
}

function decodeCursor(cursor: string): number | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { before?: unknown };
    return Number.isInteger(parsed.before) ? (parsed.before as number) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `GET /trackings?tracking_numbers=a,b&slug=ups&tag=InTransit&limit=100&cursor=…`: newest first, cursor paging
 * (`data.pagination: { total, next_cursor, has_next_page }`). Filters are comma-separated lists.
 */
function listTrackings({ store, query, refresh }: TrackingRouteContext): TrackingSimResponse {
  const limitText = query.get('limit');
  const limit = limitText === null ? DEFAULT_LIST_LIMIT : Number(limitText);
  if (!/^\d+$/.test(limitText ?? '1') || !Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT) {
    return trackingError(400, 4008, `The value of limit is invalid. It must be an integer from 1 to ${MAX_LIST_LIMIT}.`);
  }
  const numbers = splitList(query.get('tracking_numbers'));
  if (numbers && numbers.length > MAX_TRACKING_NUMBERS) {
    return trackingError(400, 4008, `The value of tracking_numbers is invalid. At most ${MAX_TRACKING_NUMBERS} are allowed.`);
  }
  const slugs = splitList(query.get('slug'));
  const tags = splitList(query.get('tag'));
  const cursorText = query.get('cursor');
  const before = cursorText === null || cursorText === '' ? Number.POSITIVE_INFINITY : decodeCursor(cursorText);
  if (before === undefined) return trackingError(400, 4008, 'The value of cursor is invalid.');

  for (const record of store.records) refresh(record);
  const matching = store.records
    .filter((r) => !numbers || numbers.includes(r.tracking.tracking_number))
    .filter((r) => !slugs || slugs.includes(r.tracking.slug))
    .filter((r) => !tags || tags.includes(r.tracking.tag))
    .sort((a, b) => b.seq - a.seq);
  const remaining = matching.filter((r) => r.seq < before);
  const page = remaining.slice(0, limit);
  const hasNext = remaining.length > limit;
  const last = page[page.length - 1];
  return success(200, {
    pagination: { total: matching.length, next_cursor: hasNext && last ? encodeCursor(last.seq) : null, has_next_page: hasNext },
    trackings: page.map((r) => structuredClone(r.tracking)),
  });
}

export const TRACKING_ROUTES: readonly TrackingRoute[] = [
  { method: 'POST', path: '/trackings', handle: createTracking },
  { method: 'GET', path: '/trackings', handle: listTrackings },
  { method: 'GET', path: '/trackings/:id', handle: getTracking },
];

export type TrackingRouteMatch =
  | { kind: 'found'; route: TrackingRoute; params: Record<string, string> }
  | { kind: 'wrong_method'; allow: string[] }
  | { kind: 'not_found' };

/** Matches a full request path (with TRACKING_API_BASE) against the table. */
export function matchTrackingRoute(method: string, pathname: string): TrackingRouteMatch {
  if (!pathname.startsWith(`${TRACKING_API_BASE}/`)) return { kind: 'not_found' };
  const got = pathname.slice(TRACKING_API_BASE.length).split('/');
  const allow: string[] = [];
  for (const route of TRACKING_ROUTES) {
    const want = route.path.split('/');
    if (want.length !== got.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < want.length && ok; i += 1) {
      const segment = want[i] as string;
      const actual = got[i] as string;
      if (segment.startsWith(':')) {
        try {
          params[segment.slice(1)] = decodeURIComponent(actual);
        } catch {
          ok = false;
        }
        if (actual === '') ok = false;
      } else if (segment !== actual) {
        ok = false;
      }
    }
    if (!ok) continue;
    if (route.method === method) return { kind: 'found', route, params };
    allow.push(route.method);
  }
  return allow.length > 0 ? { kind: 'wrong_method', allow } : { kind: 'not_found' };
}

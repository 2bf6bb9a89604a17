/**
 * The desk's client for the carrier-aggregator tracking service: AfterShip's Tracking API, version 2026-07
 * (`{base}/tracking/2026-07/trackings`, the `as-api-key` header, answers `{ meta, data }`); the simulator in
 * test/sim/tracking-sim.ts serves the same shapes. The desk cannot receive webhooks, so it registers a
 * number once and then polls it by id.
 *
 * One attempt per call: the background sync owns retries and back-off, so a failure only says what happened
 * and whether trying again is worth it. The API key goes only in the `as-api-key` header, to https (plain
 * http only to this machine), never follows a redirect, and is removed from any text quoted back.
 */
import { z } from 'zod';
import { normalizeTrackingNumber, type CarrierCode } from '../../src-shared/domain/tracking/carriers';
import { parseRetryAfter } from './supplier-http';
import { aftershipSlugFor, toServiceTracking, wireTrackingSchema, type ServiceTracking } from './tracking-service-map';

export { aftershipSlugFor, type ServiceTracking } from './tracking-service-map';

export interface TrackingServiceFailure {
  /** A sentence for the shop owner; never contains the API key. */
  message: string;
  /** Temporary (offline, timeout, 429, 5xx): the sync tries again later. */
  retry: boolean;
  /** How long the service asked us to wait (Retry-After, else X-RateLimit-Reset). */
  afterMs?: number;
  /** The HTTP status, when the service answered. */
  status?: number;
  /** AfterShip's `meta.code` (4003 exists, 4004 unknown tracking, 4012 courier not detected, …). */
  code?: number;
}

export class TrackingServiceError extends Error {
  constructor(readonly failure: TrackingServiceFailure) {
    super(failure.message);
    this.name = 'TrackingServiceError';
  }
}

export interface TrackingServiceClient {
  /**
   * Registers the number (with AfterShip's slug for our carrier when it has one, else AfterShip detects the
   * courier). Already registered: the existing tracking, never an error.
   */
  register(trackingNumber: string, carrier: CarrierCode): Promise<ServiceTracking>;
  get(id: string): Promise<ServiceTracking>;
}

export interface TrackingServiceOptions {
  /** `https://api.aftership.com` (or a simulator, `http://127.0.0.1:PORT`); a base already ending in `/tracking/2026-07` is taken as is. */
  baseUrl: string;
  apiKey: string;
  fetchImpl?: typeof fetch;
  /** Per request, to the last byte of the answer. Default 30 s. */
  timeoutMs?: number;
}

export const TRACKING_API_VERSION_PATH = '/tracking/2026-07';
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const RETRYABLE_STATUSES = new Set([408, 425, 429, 500, 502, 503, 504]);
const MAX_BODY_CHARS = 5_000_000;
/** AfterShip's meta codes the client acts on. */
const CODE_EXISTS = 4003;
const CODE_UNKNOWN_SLUG = 4010;
const CODE_NOT_DETECTED = 4012;

const wireMetaSchema = z.object({ meta: z.object({ code: z.number().optional(), message: z.string().optional() }) });
const wireExistsSchema = z.object({
  data: z.object({
    id: z.string().min(1).optional(),
    slug: z.string().optional(),
    // Older API versions nest it: `data.tracking.{ id, slug }`.
    tracking: z.object({ id: z.string().min(1).optional(), slug: z.string().optional() }).optional(),
  }),
});
const wireListSchema = z.object({ data: z.object({ trackings: z.array(z.unknown()) }) });

function configError(message: string): TrackingServiceError {
  return new TrackingServiceError({ retry: false, message: `The tracking service is not set up right: ${message}` });
}

/**
 * The API root for a base URL. The URL is never quoted back: a person may have pasted a key into it.
 */
export function trackingApiRoot(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    throw configError('its address is not a valid URL (expected https://api.aftership.com).');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw configError(`its address must start with https:// (not ${url.protocol}).`);
  // The key would cross the network in clear text otherwise.
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) throw configError('its address must use https://; plain http:// is only for this computer.');
  if (url.username || url.password || url.search || url.hash) {
    throw configError('its address must not contain a user name, password, query or fragment; the API key has its own field.');
  }
  const path = url.pathname.replace(/\/+$/, '');
  return new URL(path.endsWith(TRACKING_API_VERSION_PATH) ? path : `${path}${TRACKING_API_VERSION_PATH}`, url.origin);
}

/** How long to wait after a refusal: Retry-After, else the rate limit's reset time (Unix seconds). */
function waitFrom(headers: Headers): number | undefined {
  const retryAfter = parseRetryAfter(headers.get('retry-after'));
  if (retryAfter !== undefined) return retryAfter;
  const reset = headers.get('x-ratelimit-reset');
  if (reset === null || !/^\d+$/.test(reset.trim())) return undefined;
  return Math.max(0, Number(reset) * 1000 - Date.now());
}

interface Answer {
  status: number;
  json: unknown;
}

export function createTrackingServiceClient(options: TrackingServiceOptions): TrackingServiceClient {
  const root = trackingApiRoot(options.baseUrl);
  const apiKey = options.apiKey;
  if (typeof apiKey !== 'string' || !/^[\x21-\x7e]+$/.test(apiKey)) {
    throw configError('no usable API key is stored; enter the tracking service API key in Settings.');
  }
  const doFetch = options.fetchImpl ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) throw configError('timeoutMs must be a positive whole number of milliseconds.');
  const host = root.host;
  const redact = (text: string) => text.replaceAll(apiKey, '[api key]').replaceAll(encodeURIComponent(apiKey), '[api key]');
  const url = (path: string, query?: Record<string, string>) => {
    const target = new URL(`${root.pathname}${path}`, root.origin);
    for (const [name, value] of Object.entries(query ?? {})) target.searchParams.set(name, value);
    return target;
  };

  /** One request. 2xx → the body; 400 with a meta code the caller handles → the body; anything else throws. */
  async function call(method: 'GET' | 'POST', target: URL, body?: unknown, handled: readonly number[] = []): Promise<Answer> {
    let response: Response;
    let text: string;
    try {
      response = await doFetch(target, {
        method,
        // A redirect must not carry the key elsewhere; it means the address is stale (handled below).
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
        headers: {
          'as-api-key': apiKey,
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      text = await response.text();
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      const code = (error as { cause?: { code?: unknown } }).cause?.code;
      throw new TrackingServiceError({
        retry: true,
        message: timedOut
          ? `The tracking service (${host}) did not answer within ${Math.ceil(timeoutMs / 1000)} s; the desk tries again later.`
          : `Could not reach the tracking service (${host})${typeof code === 'string' ? ` (${code})` : ''}; the desk tries again later.`,
      });
    }
    const status = response.status;
    let json: unknown;
    try {
      json = text === '' || text.length > MAX_BODY_CHARS ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (status >= 200 && status < 300) return { status, json };
    const meta = wireMetaSchema.safeParse(json);
    const metaCode = meta.success ? meta.data.meta.code : undefined;
    if (metaCode !== undefined && handled.includes(metaCode)) return { status, json };
    const said = meta.success && meta.data.meta.message
      ? redact(meta.data.meta.message).replace(/[\p{Cc}\s]+/gu, ' ').trim().slice(0, 300)
      : '';
    let message: string;
    if (status === 401 || status === 403) {
      message = `The tracking service refused the API key (HTTP ${status}); check the tracking service API key in Settings.`;
    } else if (status >= 300 && status < 400) {
      message = `The tracking service (${host}) answered with a redirect (HTTP ${status}); check its address in Settings.`;
    } else if (status === 429) {
      message = 'The tracking service asked the desk to slow down (too many requests); the desk tries again later.';
    } else if (status >= 500) {
      message = `The tracking service (${host}) had a problem (HTTP ${status}); the desk tries again later.`;
    } else {
      message = said ? `The tracking service answered HTTP ${status}: ${said}` : `The tracking service answered HTTP ${status}.`;
    }
    const afterMs = RETRYABLE_STATUSES.has(status) ? waitFrom(response.headers) : undefined;
    throw new TrackingServiceError({
      message,
      retry: RETRYABLE_STATUSES.has(status),
      status,
      ...(metaCode !== undefined ? { code: metaCode } : {}),
      ...(afterMs !== undefined ? { afterMs } : {}),
    });
  }

  function asTracking(json: unknown): ServiceTracking {
    const parsed = wireTrackingSchema.safeParse((json as { data?: unknown } | undefined)?.data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new TrackingServiceError({
        retry: true,
        message: `The tracking service (${host}) sent a tracking the desk cannot read (${issue?.path.join('.') || 'data'}: ${issue?.message ?? 'invalid'}).`,
      });
    }
    return toServiceTracking(parsed.data);
  }

  async function get(id: string): Promise<ServiceTracking> {
    if (typeof id !== 'string' || id.trim() === '') throw new TrackingServiceError({ retry: false, message: 'The tracking id is empty.' });
    return asTracking((await call('GET', url(`/trackings/${encodeURIComponent(id)}`))).json);
  }

  /** The tracking a 4003 names: by its id when the answer gives one, else by number (and slug) in the list. */
  async function existing(json: unknown, trackingNumber: string, slug: string | undefined): Promise<ServiceTracking> {
    const named = wireExistsSchema.safeParse(json);
    const id = named.success ? named.data.data.id ?? named.data.data.tracking?.id : undefined;
    if (id) return get(id);
    const knownSlug = (named.success ? named.data.data.slug ?? named.data.data.tracking?.slug : undefined) ?? slug;
    const list = wireListSchema.safeParse((await call('GET', url('/trackings', {
      tracking_numbers: trackingNumber, ...(knownSlug ? { slug: knownSlug } : {}),
    }))).json);
    const first = list.success ? list.data.data.trackings[0] : undefined;
    if (first === undefined) {
      throw new TrackingServiceError({
        retry: true, code: CODE_EXISTS,
        message: `The tracking service says ${trackingNumber} is already registered but did not list it; the desk tries again later.`,
      });
    }
    return asTracking({ data: first });
  }

  async function create(trackingNumber: string, slug: string | undefined): Promise<ServiceTracking> {
    const answer = await call('POST', url('/trackings'), { tracking_number: trackingNumber, ...(slug ? { slug } : {}) }, [CODE_EXISTS, CODE_UNKNOWN_SLUG, CODE_NOT_DETECTED]);
    if (answer.status >= 200 && answer.status < 300) return asTracking(answer.json);
    const code = wireMetaSchema.parse(answer.json).meta.code;
    if (code === CODE_EXISTS) return existing(answer.json, trackingNumber, slug);
    // Our slug is unknown to this service (renamed, or a simulator that knows fewer couriers): let it detect.
    if (code === CODE_UNKNOWN_SLUG && slug !== undefined) return create(trackingNumber, undefined);
    throw new TrackingServiceError({
      retry: false, status: answer.status, ...(code !== undefined ? { code } : {}),
      message: `The tracking service cannot tell which carrier ${trackingNumber} belongs to; choose the carrier on the shipment, or check the number.`,
    });
  }

  return {
    async register(trackingNumber, carrier) {
      const number = typeof trackingNumber === 'string' ? normalizeTrackingNumber(trackingNumber) : '';
      if (number === '') throw new TrackingServiceError({ retry: false, message: 'The tracking number is empty; enter the number the supplier sent.' });
      return create(number, aftershipSlugFor(carrier));
    },
    get,
  };
}

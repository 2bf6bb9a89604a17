/**
 * Pulls a supplier's product catalog (stock, cost, lead time, destinations) over the supplier HTTP API
 * documented in test/sim/README.md, and converts it to the desk's terms.
 *
 * Guarantees, because a feed runs unattended and a supplier's API is someone else's code:
 * - It ends. Every request has a timeout, a bounded number of attempts and bounded waits; paging must move
 *   forward and stops at `maxPages`. Worst case per page: (maxRetries + 1) × requestTimeoutMs plus
 *   maxRetries × max(maxRetryDelayMs, maxRetryAfterMs).
 * - Money is exact: decimal strings become integer minor units by string arithmetic, never floats.
 * - One bad product is an item-level problem; only a broken page envelope, a refused key, or an outage that
 *   outlasts the retries fails the pull, with one SupplierHttpError whose message a person can act on.
 * - The API key is sent only in the Authorization header, over https (plain http only to this machine),
 *   never follows a redirect, and never appears in an error message, even when the supplier echoes it.
 */
import { countryCodes } from '../../src-shared/domain/countries';
import { isCurrencyCode, minorUnitDigits, parseMoneyInput } from '../../src-shared/domain/money';
import {
  SupplierHttpError, wireErrorSchema, wireProductPageSchema, wireProductSchema,
  type SupplierCatalog, type SupplierCatalogPage, type SupplierHttpErrorCode, type SupplierItemProblem,
  type SupplierOffer, type SupplierPullProgress, type WireProduct, type WireProductPage,
} from './supplier-http-types';

export * from './supplier-http-types';

export interface SupplierHttpOptions {
  /** The supplier API's base URL, e.g. `https://api.supplier.example` (the adapter appends `/v1/products`). */
  baseUrl: string;
  apiKey: string;
  /** Injected for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Products per page, 1–500 (the contract's maximum). Default 500: fewer requests under a rate limit. */
  pageSize?: number;
  /** Retries per request after the first attempt, 0–10. Default 4 (5 attempts). */
  maxRetries?: number;
  /** First backoff wait; doubles on each retry. Default 500 ms. */
  retryDelayMs?: number;
  /** Cap on one backoff wait. Default 30 s. */
  maxRetryDelayMs?: number;
  /** The longest Retry-After the pull will honour; a longer one fails the pull at once. Default 60 s. */
  maxRetryAfterMs?: number;
  /** Per attempt, from sending to the last byte of the body. Default 30 s. */
  requestTimeoutMs?: number;
  /** A guard against a supplier that never says `next_page: null`. Default 10,000 pages. */
  maxPages?: number;
  signal?: AbortSignal;
  /** Called after each page is converted, before it is handed on. */
  onPage?(progress: SupplierPullProgress): void;
  /** Injected for tests (to record waits instead of sleeping); must reject when `signal` aborts. */
  sleep?(ms: number, signal?: AbortSignal): Promise<void>;
  /** Jitter source in [0, 1); injected for tests. */
  random?(): number;
}

export const MAX_PAGE_SIZE = 500;
const MAX_BODY_BYTES = 20_000_000;
/** Enough of an error body to quote the supplier's message; the rest is not read. */
const MAX_ERROR_BODY_BYTES = 64_000;
const RETRYABLE_STATUSES = new Set([408, 425, 429, 500, 502, 503, 504]);
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
/** Common non-ISO spellings suppliers use; ISO 3166-1 says GB. */
const COUNTRY_ALIASES: Record<string, string> = { UK: 'GB' };
/** A Set once, not a list scan per code: a 100k-product feed checks about half a million codes. */
let countrySet: ReadonlySet<string> | undefined;
const isCountryCode = (code: string) => (countrySet ??= new Set(countryCodes())).has(code);

// ---- Configuration -------------------------------------------------------------------------------

interface Settings {
  endpoint: URL;
  origin: string;
  apiKey: string;
  fetch: typeof fetch;
  pageSize: number;
  maxRetries: number;
  retryDelayMs: number;
  maxRetryDelayMs: number;
  maxRetryAfterMs: number;
  requestTimeoutMs: number;
  maxPages: number;
  signal: AbortSignal | undefined;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  random(): number;
  /** Builds the one error type, with the API key removed from the message. */
  fail(code: SupplierHttpErrorCode, message: string, details?: SupplierHttpError['details']): SupplierHttpError;
  redact(text: string): string;
}

function configError(message: string): SupplierHttpError {
  return new SupplierHttpError('invalid_config', `The supplier connection is not usable: ${message}`);
}

/**
 * https anywhere; plain http only to this machine (the simulator, a local proxy), because the API key
 * would otherwise cross the network in clear text. The URL itself is never quoted back: a person may have
 * pasted a key into it.
 */
export function supplierEndpoint(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    throw configError('the base URL is not a valid URL (expected something like https://api.supplier.example).');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw configError(`the base URL must start with https:// (not ${url.protocol}).`);
  }
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) {
    throw configError('the base URL must use https://; plain http:// is only allowed for localhost.');
  }
  if (url.username || url.password) {
    throw configError('the base URL must not contain a user name or password; the API key has its own field.');
  }
  if (url.search || url.hash) {
    throw configError('the base URL must not contain a query (?...) or fragment (#...); the API key has its own field.');
  }
  const path = url.pathname.replace(/\/+$/, '');
  return new URL(`${path}/v1/products`, url.origin);
}

function integerOption(value: number | undefined, fallback: number, min: number, max: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > max) throw configError(`${name} must be an integer from ${min} to ${max}.`);
  return value;
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function settingsFrom(options: SupplierHttpOptions): Settings {
  const endpoint = supplierEndpoint(options.baseUrl);
  const apiKey = options.apiKey;
  // Visible ASCII only: anything else cannot travel in a header, and fetch's own error would quote it.
  if (typeof apiKey !== 'string' || !/^[\x21-\x7e]+$/.test(apiKey)) {
    throw configError('the API key is empty or contains spaces or characters an HTTP header cannot carry.');
  }
  const redact = (text: string) => text.replaceAll(apiKey, '[api key]').replaceAll(encodeURIComponent(apiKey), '[api key]');
  return {
    endpoint,
    origin: endpoint.origin,
    apiKey,
    fetch: options.fetch ?? globalThis.fetch,
    pageSize: integerOption(options.pageSize, MAX_PAGE_SIZE, 1, MAX_PAGE_SIZE, 'pageSize'),
    maxRetries: integerOption(options.maxRetries, 4, 0, 10, 'maxRetries'),
    retryDelayMs: integerOption(options.retryDelayMs, 500, 0, 600_000, 'retryDelayMs'),
    maxRetryDelayMs: integerOption(options.maxRetryDelayMs, 30_000, 0, 600_000, 'maxRetryDelayMs'),
    maxRetryAfterMs: integerOption(options.maxRetryAfterMs, 60_000, 0, 3_600_000, 'maxRetryAfterMs'),
    requestTimeoutMs: integerOption(options.requestTimeoutMs, 30_000, 1, 600_000, 'requestTimeoutMs'),
    maxPages: integerOption(options.maxPages, 10_000, 1, 1_000_000, 'maxPages'),
    signal: options.signal,
    sleep: options.sleep ?? abortableSleep,
    random: options.random ?? Math.random,
    redact,
    fail: (code, message, details) => new SupplierHttpError(code, redact(message), details),
  };
}

// ---- One request, with retries ---------------------------------------------------------------------

/** Why an attempt is worth repeating, and what to say if every attempt ends like this. */
interface Transient {
  code: 'rate_limited' | 'unavailable';
  description: string;
  status?: number;
  /** The supplier's Retry-After, in ms, when it sent one. */
  retryAfterMs?: number;
}

/** Retry-After is delta-seconds or an HTTP date (RFC 9110 §10.2.3); anything else is ignored. */
export function parseRetryAfter(value: string | null, nowMs = Date.now()): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^[0-9]+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/** Reads at most `limit` bytes of a body; says whether it had to stop. */
async function readCapped(response: Response, limit: number): Promise<{ text: string; truncated: boolean }> {
  if (!response.body) return { text: '', truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return { text: Buffer.concat(chunks).toString('utf8'), truncated: true };
    }
    chunks.push(value);
  }
  return { text: Buffer.concat(chunks).toString('utf8'), truncated: false };
}

/**
 * `HTTP 503; the supplier said: "…"` — the status, plus the supplier's own message when its body follows
 * the error envelope (shortened, on one line). Supplier text is only ever quoted after redaction.
 */
async function describeStatus(response: Response): Promise<string> {
  const status = `HTTP ${response.status}`;
  try {
    const { text } = await readCapped(response, MAX_ERROR_BODY_BYTES);
    const parsed = wireErrorSchema.safeParse(JSON.parse(text));
    if (!parsed.success) return status;
    const message = parsed.data.error.message.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim().slice(0, 200);
    return message ? `${status}; the supplier said: "${message}"` : status;
  } catch {
    return status;
  }
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  return code ? `the connection failed (${code})` : 'the connection failed';
}

/**
 * One attempt. Returns the parsed JSON body, a Transient (worth retrying), or throws a final error.
 * The timeout covers the body too: a supplier that stalls mid-answer is as dead as one that never answers.
 */
async function attempt(settings: Settings, url: URL, page: number): Promise<{ json: unknown } | Transient> {
  const timeout = AbortSignal.timeout(settings.requestTimeoutMs);
  const signal = settings.signal ? AbortSignal.any([settings.signal, timeout]) : timeout;
  const fromCaller = () => settings.signal?.aborted === true;
  try {
    const response = await settings.fetch(url, {
      method: 'GET',
      headers: { Authorization: `Bearer ${settings.apiKey}`, Accept: 'application/json' },
      // Never follow: a redirect to another host must not receive the key, and it means the URL is stale.
      redirect: 'manual',
      signal,
    });
    const status = response.status;
    if (status >= 200 && status < 300) return { json: await readJson(settings, response, page) };

    const described = await describeStatus(response);
    if (status === 401 || status === 403) {
      throw settings.fail('unauthorized',
        `Could not pull the catalog from ${settings.origin}: the supplier refused the API key (${described}). `
        + 'Check the API key in this supplier\'s settings.', { status, page });
    }
    if (RETRYABLE_STATUSES.has(status)) {
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
      return {
        code: status === 429 ? 'rate_limited' : 'unavailable',
        description: described,
        status,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      };
    }
    if (status >= 300 && status < 400) {
      throw settings.fail('rejected',
        `Could not pull the catalog from ${settings.origin}: the supplier answered with a redirect (HTTP ${status}). `
        + 'Check the base URL in this supplier\'s settings.', { status, page });
    }
    throw settings.fail('rejected',
      `Could not pull the catalog from ${settings.origin}: the supplier rejected the request for page ${page} (${described}).`,
      { status, page });
  } catch (error) {
    if (error instanceof SupplierHttpError) throw error;
    if (fromCaller()) throw settings.fail('aborted', 'The catalog pull was cancelled.', { page });
    if (timeout.aborted) return { code: 'unavailable', description: `no complete answer within ${settings.requestTimeoutMs} ms` };
    return { code: 'unavailable', description: networkReason(error) };
  }
}

async function readJson(settings: Settings, response: Response, page: number): Promise<unknown> {
  const contentType = response.headers.get('content-type') ?? '';
  const { text, truncated } = await readCapped(response, MAX_BODY_BYTES);
  const malformed = (why: string) => settings.fail('malformed_response',
    `Could not pull the catalog from ${settings.origin}: page ${page} ${why}.`, { status: response.status, page });
  if (truncated) throw malformed(`is larger than ${MAX_BODY_BYTES / 1_000_000} MB; use a smaller page size`);
  if (!/\bjson\b/i.test(contentType)) {
    throw malformed(`is not JSON (Content-Type ${JSON.stringify(contentType.slice(0, 60) || 'missing')}); `
      + 'the base URL may point at a web page rather than the API');
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw malformed(`is not valid JSON (${(error as Error).message.slice(0, 120)})`);
  }
}

/** Exponential backoff with jitter in [50%, 100%] of the step, so retrying clients do not stampede together. */
function backoffMs(settings: Settings, retry: number): number {
  const step = Math.min(settings.maxRetryDelayMs, settings.retryDelayMs * 2 ** (retry - 1));
  return Math.round(step * (0.5 + settings.random() / 2));
}

async function requestWithRetries(settings: Settings, url: URL, page: number): Promise<unknown> {
  const attempts = settings.maxRetries + 1;
  for (let attemptNumber = 1; ; attemptNumber += 1) {
    const outcome = await attempt(settings, url, page);
    if ('json' in outcome) return outcome.json;

    const what = outcome.code === 'rate_limited' ? 'kept limiting the request rate' : 'is unavailable';
    const advice = outcome.code === 'rate_limited' ? 'Try again later or use a larger page size.' : 'Try again later.';
    if (attemptNumber >= attempts) {
      throw settings.fail(outcome.code,
        `Could not pull the catalog from ${settings.origin}: the supplier ${what} on page ${page} after `
        + `${attempts} attempt${attempts === 1 ? '' : 's'} (last: ${outcome.description}). ${advice}`,
        { ...(outcome.status === undefined ? {} : { status: outcome.status }), attempts: attemptNumber, page });
    }
    if (outcome.retryAfterMs !== undefined && outcome.retryAfterMs > settings.maxRetryAfterMs) {
      throw settings.fail(outcome.code,
        `Could not pull the catalog from ${settings.origin}: the supplier ${what} on page ${page} and asked to wait `
        + `${Math.ceil(outcome.retryAfterMs / 1000)} s, longer than the ${Math.ceil(settings.maxRetryAfterMs / 1000)} s `
        + `this pull waits (${outcome.description}). ${advice}`,
        { ...(outcome.status === undefined ? {} : { status: outcome.status }), attempts: attemptNumber, page });
    }
    // The supplier knows best when it will be back; without a hint, back off exponentially.
    const waitMs = outcome.retryAfterMs ?? backoffMs(settings, attemptNumber);
    try {
      await settings.sleep(waitMs, settings.signal);
    } catch {
      throw settings.fail('aborted', 'The catalog pull was cancelled.', { page });
    }
  }
}

// ---- Pages and products ----------------------------------------------------------------------------

/** `meta.next_page: Invalid input: expected number, received string` — the field first, for a person. */
function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[], root: unknown): string {
  return issues.slice(0, 3).map((issue) => {
    const field = issue.path.map(String).join('.') || 'the answer';
    const value = valueAt(root, issue.path);
    const shown = value === undefined ? '' : ` (got ${JSON.stringify(value)?.slice(0, 40)})`;
    return `${field}: ${issue.message}${shown}`;
  }).join('; ');
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  // Quote only scalars: an object or array would say nothing useful in one line.
  return typeof value === 'object' && value !== null ? undefined : value;
}

function checkPage(settings: Settings, json: unknown, page: number): WireProductPage {
  const malformed = (why: string) => settings.fail('malformed_response',
    `Could not pull the catalog from ${settings.origin}: page ${page} does not follow the supplier API (${why}).`, { page });
  const parsed = wireProductPageSchema.safeParse(json);
  if (!parsed.success) throw malformed(describeIssues(parsed.error.issues, json));
  const { meta } = parsed.data;
  if (meta.page !== page) throw malformed(`meta.page is ${meta.page} but page ${page} was asked for`);
  if (meta.next_page !== null && meta.next_page <= page) {
    throw malformed(`meta.next_page ${meta.next_page} does not move past page ${page}; stopping rather than looping`);
  }
  return parsed.data;
}

/**
 * Decimal string → integer minor units, exactly. Trailing zeros beyond the currency's digits carry no
 * value ("12.5000" EUR is 1250), so they are dropped; any other extra digit is a real fraction of a cent
 * and the product is reported rather than rounded.
 */
export function decimalToMinor(amount: string, currency: string): { ok: true; amount: number } | { ok: false; reason: string } {
  const digits = minorUnitDigits(currency);
  const [whole, fraction = ''] = amount.split('.');
  let trimmed = fraction;
  while (trimmed.length > digits && trimmed.endsWith('0')) trimmed = trimmed.slice(0, -1);
  return parseMoneyInput(trimmed ? `${whole}.${trimmed}` : `${whole}`, currency);
}

function problem(supplierSku: string | null, reason: string, page: number, index: number): SupplierItemProblem {
  return { supplierSku, reason, page, index };
}

/** Converts one product, or says in one sentence why it cannot be used. */
export function convertProduct(raw: unknown, page: number, index: number): SupplierOffer | SupplierItemProblem {
  const rawSku = typeof raw === 'object' && raw !== null ? (raw as { sku?: unknown }).sku : undefined;
  const sku = typeof rawSku === 'string' && rawSku.trim() !== '' ? rawSku.trim() : null;
  const parsed = wireProductSchema.safeParse(raw);
  if (!parsed.success) return problem(sku, describeIssues(parsed.error.issues, raw), page, index);
  const product: WireProduct = parsed.data;

  const { currency, amount } = product.price;
  if (!isCurrencyCode(currency)) {
    return problem(product.sku, `price.currency ${JSON.stringify(currency.slice(0, 20))} is not an ISO 4217 currency code`, page, index);
  }
  const cost = decimalToMinor(amount, currency);
  if (!cost.ok) return problem(product.sku, `price.amount ${JSON.stringify(amount.slice(0, 30))} ${cost.reason}`, page, index);

  const shipsTo: string[] = [];
  for (const given of product.ships_to) {
    const code = COUNTRY_ALIASES[given] ?? given;
    if (!isCountryCode(code)) {
      return problem(product.sku, `ships_to ${JSON.stringify(given.slice(0, 20))} is not an ISO 3166-1 country code`, page, index);
    }
    if (!shipsTo.includes(code)) shipsTo.push(code);
  }

  return {
    supplierSku: product.sku,
    title: product.title,
    stock: product.stock,
    cost: { amount: cost.amount, currency },
    leadTimeDays: product.lead_time_days,
    shipsTo,
    supplierUpdatedAt: product.updated_at,
  };
}

function isProblem(item: SupplierOffer | SupplierItemProblem): item is SupplierItemProblem {
  return 'reason' in item;
}

// ---- The pull ---------------------------------------------------------------------------------------

/**
 * Every page of the supplier's catalog, in order, as it arrives, so a feed can apply and report progress
 * page by page. Throws SupplierHttpError (and nothing else) when the pull cannot go on.
 *
 * Paging is by offset, so a catalog that changes mid-pull can list a product twice; the second listing
 * is reported as a problem and the first kept.
 */
export async function* pullSupplierCatalog(options: SupplierHttpOptions): AsyncGenerator<SupplierCatalogPage, void, undefined> {
  const settings = settingsFrom(options);
  const seen = new Map<string, number>();
  let itemsReceived = 0;
  let page: number | null = 1;
  for (let pagesReceived = 1; page !== null; pagesReceived += 1) {
    if (pagesReceived > settings.maxPages) {
      throw settings.fail('malformed_response',
        `Could not pull the catalog from ${settings.origin}: the supplier listed more than ${settings.maxPages} pages.`, { page });
    }
    const url = new URL(settings.endpoint);
    url.searchParams.set('page', String(page));
    url.searchParams.set('per_page', String(settings.pageSize));
    const body = checkPage(settings, await requestWithRetries(settings, url, page), page);

    const offers: SupplierOffer[] = [];
    const problems: SupplierItemProblem[] = [];
    body.data.forEach((raw, index) => {
      const item = convertProduct(raw, page as number, index);
      if (isProblem(item)) {
        problems.push({ ...item, reason: settings.redact(item.reason) });
        return;
      }
      const firstPage = seen.get(item.supplierSku);
      if (firstPage !== undefined) {
        problems.push(problem(item.supplierSku,
          `listed twice (pages ${firstPage} and ${page}); the first listing was kept. The catalog probably changed during the pull.`,
          page as number, index));
        return;
      }
      seen.set(item.supplierSku, page as number);
      offers.push(item);
    });

    itemsReceived += body.data.length;
    const progress: SupplierPullProgress = { page, pagesReceived, itemsReceived, total: body.meta.total };
    options.onPage?.(progress);
    yield { page, offers, problems, progress };
    page = body.meta.next_page;
  }
}

/** The whole catalog at once, for callers that do not stream (small catalogs, tests). */
export async function fetchSupplierCatalog(options: SupplierHttpOptions): Promise<SupplierCatalog> {
  const catalog: SupplierCatalog = { offers: [], problems: [], pages: 0, total: 0 };
  for await (const page of pullSupplierCatalog(options)) {
    catalog.offers.push(...page.offers);
    catalog.problems.push(...page.problems);
    catalog.pages += 1;
    catalog.total = page.progress.total;
  }
  return catalog;
}

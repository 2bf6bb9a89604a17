/**
 * The supplier HTTP adapter against the real supplier simulator over loopback (test/sim, contract in
 * test/sim/README.md). Waits are kept short by options: tiny backoff steps, and an injected `sleep` that
 * records what the adapter would wait where the exact wait matters (Retry-After of several seconds).
 */
import { createConnection } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  fetchSupplierCatalog, pullSupplierCatalog, SupplierHttpError,
  type SupplierHttpOptions, type SupplierOffer,
} from '../../src-main/adapters/supplier-http';
import { generateCatalog } from '../sim/supplier-sim-catalog';
import { apiError, startSupplierSim, type MalformKind, type SimProduct, type SupplierSim, type SupplierSimOptions } from '../sim/supplier-sim';
import { httpRequest } from './support/http';

/** Looks like a real live key, so a leak is unmistakable in a message. */
const API_KEY = 'sk_live_PETDROP_7f3a9cB2e81d44aa';
const PRODUCTS = '/v1/products';

const sims: SupplierSim[] = [];
afterEach(async () => {
  for (const sim of sims.splice(0)) await sim.close();
});

async function startSim(options: SupplierSimOptions = {}): Promise<SupplierSim> {
  const sim = await startSupplierSim({ apiKey: API_KEY, ...options });
  sims.push(sim);
  return sim;
}

/** Adapter options for a sim: fast backoff, and waits recorded instead of slept. */
function pullOptions(sim: SupplierSim, overrides: Partial<SupplierHttpOptions> = {}) {
  const waits: number[] = [];
  const options: SupplierHttpOptions = {
    baseUrl: sim.url,
    apiKey: API_KEY,
    retryDelayMs: 4,
    maxRetryDelayMs: 20,
    random: () => 0.999,
    sleep: async (ms) => { waits.push(ms); },
    ...overrides,
  };
  return { options, waits };
}

async function failureOf(promise: Promise<unknown>): Promise<SupplierHttpError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(SupplierHttpError);
    return error as SupplierHttpError;
  }
  throw new Error('expected the pull to fail');
}

function product(overrides: Partial<SimProduct> & { sku: string }): SimProduct {
  return {
    title: 'PawPrime Rope Tug Toy, L',
    stock: 10,
    price: { amount: '12.50', currency: 'EUR' },
    lead_time_days: 3,
    ships_to: ['DE', 'AT', 'FR'],
    updated_at: '2026-11-30T08:00:00Z',
    ...overrides,
  };
}

const auth = { Authorization: `Bearer ${API_KEY}` };

describe('supplier simulator (the contract in test/sim/README.md)', () => {
  it('pages a deterministic pet catalog with meta, default 100 per page', async () => {
    const sim = await startSim({ catalog: { seed: 7, count: 1234 } });
    expect(generateCatalog({ seed: 7, count: 1234 })).toEqual(sim.state.catalog);

    const first = await httpRequest(sim.port, { path: PRODUCTS, headers: auth });
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toMatch(/^application\/json/);
    const body = JSON.parse(first.body) as { data: SimProduct[]; meta: unknown };
    expect(body.meta).toEqual({ page: 1, per_page: 100, total: 1234, next_page: 2 });
    expect(body.data).toHaveLength(100);
    for (const item of body.data) {
      expect(item.sku).toMatch(/^CJ-(DOG|CAT|BRD|FSH|SML)-\d{4}$/);
      expect(item.price.amount).toMatch(/^\d+\.\d{2}$/);
      expect(item.updated_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    }

    const last = JSON.parse((await httpRequest(sim.port, { path: `${PRODUCTS}?page=3&per_page=500`, headers: auth })).body);
    expect(last.meta).toEqual({ page: 3, per_page: 500, total: 1234, next_page: null });
    expect(last.data).toHaveLength(234);
    const beyond = JSON.parse((await httpRequest(sim.port, { path: `${PRODUCTS}?page=9&per_page=500`, headers: auth })).body);
    expect(beyond).toEqual({ data: [], meta: { page: 9, per_page: 500, total: 1234, next_page: null } });
  });

  it.each(['page=0', 'page=abc', 'page=1.5', 'per_page=0', 'per_page=501', 'per_page=-3'])('answers 400 to %s', async (query) => {
    const sim = await startSim();
    const response = await httpRequest(sim.port, { path: `${PRODUCTS}?${query}`, headers: auth });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toEqual({ error: { code: 'invalid_parameter', message: expect.any(String) } });
  });

  it('answers 401 without or with a wrong key, 404 and 405 with the error envelope', async () => {
    const sim = await startSim();
    const missing = await httpRequest(sim.port, { path: PRODUCTS });
    expect(missing.status).toBe(401);
    expect(missing.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(JSON.parse(missing.body).error.code).toBe('unauthorized');
    const wrong = await httpRequest(sim.port, { path: PRODUCTS, headers: { Authorization: 'Bearer nope' } });
    expect(JSON.parse(wrong.body)).toEqual({ error: { code: 'unauthorized', message: 'Invalid API key.' } });
    expect((await httpRequest(sim.port, { path: '/v1/nothing', headers: auth })).status).toBe(404);
    const post = await httpRequest(sim.port, { method: 'POST', path: PRODUCTS, headers: auth, body: '{}' });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET');
    expect(sim.state.requests.map((r) => [r.path, r.status, r.authorized])).toEqual([
      [PRODUCTS, 401, false], [PRODUCTS, 401, false], ['/v1/nothing', 404, true], [PRODUCTS, 405, true],
    ]);
  });

  it('rate-limits with 429, Retry-After in whole seconds and X-RateLimit headers', async () => {
    const sim = await startSim({ rateLimit: { requestsPerSecond: 2 } });
    const statuses: number[] = [];
    let limited;
    for (let i = 0; i < 3; i += 1) {
      const response = await httpRequest(sim.port, { path: PRODUCTS, headers: auth });
      statuses.push(response.status);
      if (response.status === 429) limited = response;
    }
    expect(statuses).toEqual([200, 200, 429]);
    expect(limited?.headers['retry-after']).toBe('1');
    expect(limited?.headers['x-ratelimit-limit']).toBe('2');
    expect(JSON.parse(limited?.body ?? '').error.code).toBe('rate_limited');
  });

  it('changes stock and prices between calls and stamps updated_at', async () => {
    const sim = await startSim({ catalog: [product({ sku: 'CJ-DOG-0001' })], now: () => new Date('2026-12-01T10:00:00.123Z') });
    sim.updateProduct('CJ-DOG-0001', { stock: 0, price: { amount: '13.10', currency: 'EUR' } });
    const body = JSON.parse((await httpRequest(sim.port, { path: PRODUCTS, headers: auth })).body);
    expect(body.data[0]).toMatchObject({ stock: 0, price: { amount: '13.10' }, updated_at: '2026-12-01T10:00:00Z' });
  });

  it('frees its port on close', async () => {
    const sim = await startSupplierSim();
    await httpRequest(sim.port, { path: PRODUCTS });
    await sim.close();
    const refused = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port: sim.port });
      socket.once('connect', () => { socket.destroy(); resolve(false); });
      socket.once('error', () => resolve(true));
    });
    expect(refused).toBe(true);
  });
});

describe('fetchSupplierCatalog', () => {
  it('pulls 1,234 products page by page following next_page', async () => {
    const sim = await startSim({ catalog: { seed: 42, count: 1234 } });
    const progress: unknown[] = [];
    const { options } = pullOptions(sim, { pageSize: 100, onPage: (p) => progress.push(p) });
    const catalog = await fetchSupplierCatalog(options);

    expect(catalog.problems).toEqual([]);
    expect(catalog).toMatchObject({ pages: 13, total: 1234 });
    expect(catalog.offers.map((o) => o.supplierSku)).toEqual(sim.state.catalog.map((p) => p.sku));
    expect(sim.requestsTo(PRODUCTS).map((r) => r.query)).toEqual(
      Array.from({ length: 13 }, (_, i) => ({ page: String(i + 1), per_page: '100' })),
    );
    expect(progress).toHaveLength(13);
    expect(progress.at(-1)).toEqual({ page: 13, pagesReceived: 13, itemsReceived: 1234, total: 1234 });

    const source = sim.state.catalog[500] as SimProduct;
    const offer = catalog.offers[500] as SupplierOffer;
    const [euros, cents] = source.price.amount.split('.');
    expect(offer).toEqual({
      supplierSku: source.sku,
      title: source.title,
      stock: source.stock,
      cost: { amount: Number(euros) * 100 + Number(cents), currency: 'EUR' },
      leadTimeDays: source.lead_time_days,
      shipsTo: source.ships_to,
      supplierUpdatedAt: source.updated_at,
    });
  });

  it('asks for the largest page by default', async () => {
    const sim = await startSim({ catalog: { seed: 1, count: 1234 } });
    const catalog = await fetchSupplierCatalog(pullOptions(sim).options);
    expect(catalog.offers).toHaveLength(1234);
    expect(sim.requestsTo(PRODUCTS).map((r) => r.query.per_page)).toEqual(['500', '500', '500']);
  });

  it('streams pages, so changes made between pages show up in later pages', async () => {
    const sim = await startSim({ catalog: { seed: 3, count: 250 } });
    const pages = [];
    const lateSku = (sim.state.catalog[220] as SimProduct).sku;
    for await (const page of pullSupplierCatalog(pullOptions(sim, { pageSize: 100 }).options)) {
      pages.push(page);
      if (page.page === 1) sim.updateProduct(lateSku, { stock: 999 });
    }
    expect(pages.map((p) => [p.page, p.offers.length])).toEqual([[1, 100], [2, 100], [3, 50]]);
    expect(pages[2]?.offers.find((o) => o.supplierSku === lateSku)?.stock).toBe(999);
  });

  it('reports a product listed twice when the catalog shifts under offset paging', async () => {
    const sim = await startSim({ catalog: { seed: 5, count: 200 } });
    const { options } = pullOptions(sim, {
      pageSize: 100,
      // A product sorting first arrives after page 1 was read: everything shifts one place down.
      onPage: (p) => { if (p.page === 1) sim.state.catalog.push(product({ sku: 'AA-NEW-0001' })); },
    });
    const lastOfPageOne = sim.state.catalog[99]?.sku;
    const catalog = await fetchSupplierCatalog(options);
    // Page 2 now starts with the product page 1 ended with; the newcomer itself was never listed to us.
    expect(catalog.problems).toEqual([
      { supplierSku: lastOfPageOne, page: 2, index: 0, reason: expect.stringMatching(/^listed twice \(pages 1 and 2\)/) },
    ]);
    expect(catalog.offers).toHaveLength(200);
    expect(catalog.total).toBe(201);
  });

  it('fails fast on 401 with a clear message and no retries', async () => {
    const sim = await startSim({ apiKey: 'the-right-key' });
    const error = await failureOf(fetchSupplierCatalog(pullOptions(sim).options));
    expect(error.code).toBe('unauthorized');
    expect(error.message).toContain('the supplier refused the API key (HTTP 401; the supplier said: "Invalid API key.")');
    expect(error.details).toMatchObject({ status: 401, page: 1 });
    expect(sim.state.requests).toHaveLength(1);
  });

  it('waits as long as Retry-After says on 429, then goes on', async () => {
    const sim = await startSim({ catalog: { seed: 9, count: 30 } });
    sim.failNextRequests(2, 429, { retryAfterSeconds: 3 });
    const { options, waits } = pullOptions(sim);
    const catalog = await fetchSupplierCatalog(options);
    expect(catalog.offers).toHaveLength(30);
    expect(waits).toEqual([3000, 3000]);
    expect(sim.requestsTo(PRODUCTS).map((r) => r.status)).toEqual([429, 429, 200]);
  });

  it('gets through a real rate limit by honouring Retry-After (real waits)', async () => {
    const sim = await startSim({ catalog: { seed: 11, count: 1234 }, rateLimit: { requestsPerSecond: 4 } });
    const started = performance.now();
    const catalog = await fetchSupplierCatalog({ baseUrl: sim.url, apiKey: API_KEY, pageSize: 200 });
    expect(catalog.offers).toHaveLength(1234);
    const statuses = sim.requestsTo(PRODUCTS).map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(7);
    expect(statuses).toContain(429);
    expect(performance.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('does not wait longer than maxRetryAfterMs: it fails at once and says so', async () => {
    const sim = await startSim();
    sim.failNextRequests(1, 429, { retryAfterSeconds: 3600 });
    const { options, waits } = pullOptions(sim, { maxRetryAfterMs: 120_000 });
    const error = await failureOf(fetchSupplierCatalog(options));
    expect(error.code).toBe('rate_limited');
    expect(error.message).toContain('asked to wait 3600 s');
    expect(error.message).toContain('longer than the 120 s this pull waits');
    expect(waits).toEqual([]);
    expect(sim.state.requests).toHaveLength(1);
  });

  it.each([500, 502, 503, 504])('recovers from a short outage answering %i, backing off exponentially', async (status) => {
    const sim = await startSim({ catalog: { seed: 2, count: 20 } });
    sim.failNextRequests(3, status);
    const { options, waits } = pullOptions(sim);
    const catalog = await fetchSupplierCatalog(options);
    expect(catalog.offers).toHaveLength(20);
    expect(waits).toEqual([4, 8, 16]);
    expect(sim.requestsTo(PRODUCTS).map((r) => r.status)).toEqual([status, status, status, 200]);
  });

  it('caps each backoff wait at maxRetryDelayMs', async () => {
    const sim = await startSim();
    sim.failNextRequests(6, 503);
    const { options, waits } = pullOptions(sim, { maxRetries: 6 });
    await fetchSupplierCatalog(options);
    expect(waits).toEqual([4, 8, 16, 20, 20, 20]);
  });

  it('gives a clear error when an outage outlasts the retry budget', async () => {
    const sim = await startSim({ catalog: { seed: 2, count: 20 } });
    sim.failNextRequests(1000, 503);
    const { options, waits } = pullOptions(sim, { maxRetries: 3 });
    const error = await failureOf(fetchSupplierCatalog(options));
    expect(error.code).toBe('unavailable');
    expect(error.message).toBe(
      `Could not pull the catalog from ${sim.url}: the supplier is unavailable on page 1 after 4 attempts `
      + '(last: HTTP 503; the supplier said: "Service temporarily unavailable (maintenance)."). Try again later.',
    );
    expect(error.details).toEqual({ status: 503, attempts: 4, page: 1 });
    expect(waits).toHaveLength(3);
    expect(sim.state.requests).toHaveLength(4);
  });

  it('retries a supplier that does not answer in time, then gives up', async () => {
    const sim = await startSim({ latencyMs: 400 });
    const { options } = pullOptions(sim, { requestTimeoutMs: 40, maxRetries: 1 });
    const error = await failureOf(fetchSupplierCatalog(options));
    expect(error.code).toBe('unavailable');
    expect(error.message).toContain('no complete answer within 40 ms');
    expect(error.details.attempts).toBe(2);
  });

  it('retries a refused connection, then names the cause', async () => {
    const sim = await startSupplierSim();
    await sim.close(); // nothing listens on this loopback port any more
    const { options, waits } = pullOptions(sim, { maxRetries: 2 });
    const error = await failureOf(fetchSupplierCatalog(options));
    expect(error.code).toBe('unavailable');
    expect(error.message).toContain('the connection failed (ECONNREFUSED)');
    expect(waits).toHaveLength(2);
  });

  it.each<[MalformKind, string]>([
    ['invalid_json', 'page 1 is not valid JSON'],
    ['html_page', 'page 1 is not JSON (Content-Type "text/html; charset=utf-8")'],
    ['missing_meta', 'meta: Invalid input: expected object, received undefined'],
    ['string_numbers', 'meta.page: Invalid input: expected number, received string (got "1")'],
    ['next_page_loop', 'meta.next_page 1 does not move past page 1; stopping rather than looping'],
  ])('stops with a clear error on a malformed answer (%s), without retrying', async (kind, expected) => {
    const sim = await startSim({ catalog: { seed: 4, count: 150 } });
    sim.malformNextResponses(1, kind);
    const error = await failureOf(fetchSupplierCatalog(pullOptions(sim, { pageSize: 100 }).options));
    expect(error.code).toBe('malformed_response');
    expect(error.message).toContain(expected);
    expect(sim.state.requests).toHaveLength(1);
  });

  it('stops at maxPages instead of paging forever', async () => {
    const sim = await startSim({ catalog: { seed: 4, count: 1234 } });
    const error = await failureOf(fetchSupplierCatalog(pullOptions(sim, { pageSize: 100, maxPages: 2 }).options));
    expect(error.code).toBe('malformed_response');
    expect(error.message).toContain('more than 2 pages');
    expect(sim.state.requests).toHaveLength(2);
  });

  it('does not follow redirects (the key must not travel elsewhere)', async () => {
    const sim = await startSim({
      extraRoutes: [{ method: 'GET', path: PRODUCTS, handle: () => ({ status: 302, body: {}, headers: { Location: '/v2/products' } }) }],
    });
    const error = await failureOf(fetchSupplierCatalog(pullOptions(sim).options));
    expect(error.code).toBe('rejected');
    expect(error.message).toContain('answered with a redirect (HTTP 302)');
    expect(sim.state.requests.map((r) => r.path)).toEqual([PRODUCTS]);
  });

  it('does not retry other client errors and quotes the supplier', async () => {
    const sim = await startSim({
      extraRoutes: [{ method: 'GET', path: PRODUCTS, handle: () => apiError(404, 'not_found', 'This account has no catalog.') }],
    });
    const error = await failureOf(fetchSupplierCatalog(pullOptions(sim).options));
    expect(error.code).toBe('rejected');
    expect(error.message).toContain('(HTTP 404; the supplier said: "This account has no catalog.")');
    expect(sim.state.requests).toHaveLength(1);
  });

  it('reports products it cannot convert as item problems and keeps the rest', async () => {
    const sim = await startSim({
      catalog: [
        product({ sku: 'SUP-01', ships_to: ['DE', 'UK', 'DE'] }),
        product({ sku: 'SUP-02', price: { amount: '12,50', currency: 'EUR' } }),
        product({ sku: 'SUP-03', price: { amount: '12.50', currency: 'EURO' } }),
        product({ sku: 'SUP-04', price: { amount: '12.505', currency: 'EUR' } }),
        product({ sku: 'SUP-05', price: { amount: '1500.5', currency: 'JPY' } }),
        product({ sku: 'SUP-06', stock: -1 }),
        product({ sku: 'SUP-07', ships_to: ['DE', 'XX'] }),
        product({ sku: 'SUP-08', price: { amount: 12.5, currency: 'EUR' } as unknown as SimProduct['price'] }),
        { ...product({ sku: 'SUP-09' }), sku: '' },
        product({ sku: 'SUP-10', price: { amount: '1e3', currency: 'EUR' } }),
        product({ sku: 'SUP-11', updated_at: 'yesterday' }),
      ],
    });
    const catalog = await fetchSupplierCatalog(pullOptions(sim).options);
    expect(catalog.offers.map((o) => [o.supplierSku, o.shipsTo])).toEqual([['SUP-01', ['DE', 'GB']]]);
    expect(catalog.problems.map((p) => [p.supplierSku, p.reason])).toEqual([
      // The empty SKU sorts first in the supplier's listing.
      [null, 'sku: Too small: expected string to have >=1 characters (got "")'],
      ['SUP-02', 'price.amount: must be a decimal string such as "12.50" (got "12,50")'],
      ['SUP-03', 'price.currency "EURO" is not an ISO 4217 currency code'],
      ['SUP-04', 'price.amount "12.505" takes at most 2 decimals in EUR'],
      ['SUP-05', 'price.amount "1500.5" takes no decimals in JPY'],
      ['SUP-06', 'stock: Too small: expected number to be >=0 (got -1)'],
      ['SUP-07', 'ships_to "XX" is not an ISO 3166-1 country code'],
      ['SUP-08', 'price.amount: Invalid input: expected string, received number (got 12.5)'],
      ['SUP-10', 'price.amount: must be a decimal string such as "12.50" (got "1e3")'],
      ['SUP-11', 'updated_at: Invalid ISO datetime (got "yesterday")'],
    ]);
    expect(catalog.problems[1]).toMatchObject({ page: 1, index: 2 });
  });

  it('converts decimal-string prices to exact minor units', async () => {
    const cases: [string, string, number][] = [
      ['0.10', 'EUR', 10], ['0.30', 'EUR', 30], ['1299.99', 'EUR', 129999], ['12.5', 'EUR', 1250], ['12.5000', 'EUR', 1250],
      ['0.07', 'USD', 7], ['1500', 'JPY', 1500], ['1500.00', 'JPY', 1500], ['1.250', 'KWD', 1250], ['0.001', 'KWD', 1],
      ['90071992547409.91', 'USD', 9007199254740991], ['0', 'EUR', 0],
    ];
    const sim = await startSim({
      catalog: cases.map(([amount, currency], i) => product({ sku: `P-${String(i).padStart(2, '0')}`, price: { amount, currency } })),
    });
    const catalog = await fetchSupplierCatalog(pullOptions(sim).options);
    expect(catalog.problems).toEqual([]);
    expect(catalog.offers.map((o) => o.cost)).toEqual(cases.map(([, currency, amount]) => ({ amount, currency })));
  });

  it('converts a generated JPY catalog without decimals', async () => {
    const sim = await startSim({ catalog: { seed: 8, count: 40, currency: 'JPY' } });
    const catalog = await fetchSupplierCatalog(pullOptions(sim).options);
    expect(catalog.problems).toEqual([]);
    for (const [i, offer] of catalog.offers.entries()) {
      expect(offer.cost).toEqual({ amount: Number(sim.state.catalog[i]?.price.amount), currency: 'JPY' });
    }
  });

  it('stops promptly when the caller aborts, even during a backoff wait', async () => {
    const sim = await startSim({ catalog: { seed: 6, count: 300 } });
    const controller = new AbortController();
    const { options } = pullOptions(sim, { pageSize: 100, signal: controller.signal, onPage: () => controller.abort() });
    expect((await failureOf(fetchSupplierCatalog(options))).code).toBe('aborted');
    expect(sim.state.requests).toHaveLength(1);

    sim.failNextRequests(5, 503);
    const waiting = new AbortController();
    const started = performance.now();
    setTimeout(() => waiting.abort(), 50);
    const error = await failureOf(fetchSupplierCatalog({
      baseUrl: sim.url, apiKey: API_KEY, retryDelayMs: 60_000, signal: waiting.signal,
    }));
    expect(error.code).toBe('aborted');
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('supplier connection settings', () => {
  const emptyPage = () => new Response(JSON.stringify({ data: [], meta: { page: 1, per_page: 500, total: 0, next_page: null } }), {
    headers: { 'Content-Type': 'application/json' },
  });

  it.each([
    ['ftp://supplier.example/', 'must start with https://'],
    ['file:///etc/passwd', 'must start with https://'],
    ['http://api.supplier.example', 'plain http:// is only allowed for localhost'],
    ['not a url', 'not a valid URL'],
    ['https://owner:hunter2@api.supplier.example', 'must not contain a user name or password'],
    [`https://api.supplier.example/?api_key=${API_KEY}`, 'must not contain a query'],
  ])('refuses %s before sending anything', async (baseUrl, expected) => {
    const fetchSpy = vi.fn(async () => emptyPage());
    const error = await failureOf(fetchSupplierCatalog({ baseUrl, apiKey: API_KEY, fetch: fetchSpy }));
    expect(error.code).toBe('invalid_config');
    expect(error.message).toContain(expected);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it.each([
    ['https://api.supplier.example', 'https://api.supplier.example/v1/products?page=1&per_page=500'],
    ['https://api.supplier.example/dropship/', 'https://api.supplier.example/dropship/v1/products?page=1&per_page=500'],
    ['http://localhost:8080', 'http://localhost:8080/v1/products?page=1&per_page=500'],
    ['http://127.0.0.1:9', 'http://127.0.0.1:9/v1/products?page=1&per_page=500'],
  ])('accepts %s and asks %s with the key in the Authorization header only', async (baseUrl, expected) => {
    const fetchSpy = vi.fn(async (_url: URL | RequestInfo, _init?: RequestInit) => emptyPage());
    await fetchSupplierCatalog({ baseUrl, apiKey: API_KEY, fetch: fetchSpy as typeof fetch });
    const [url, init] = fetchSpy.mock.calls[0] ?? [];
    expect(String(url)).toBe(expected);
    expect(init?.headers).toEqual({ Authorization: `Bearer ${API_KEY}`, Accept: 'application/json' });
    expect(init?.redirect).toBe('manual');
  });

  it.each([['pageSize', 501], ['pageSize', 0], ['maxRetries', 11], ['maxRetries', 1.5]])('refuses %s = %s', async (name, value) => {
    const error = await failureOf(fetchSupplierCatalog({ baseUrl: 'https://api.supplier.example', apiKey: API_KEY, [name]: value }));
    expect(error.code).toBe('invalid_config');
    expect(error.message).toContain(name);
  });

  it.each(['', 'key with spaces', 'key\r\nX-Injected: 1'])('refuses an API key a header cannot carry (%j) without quoting it', async (apiKey) => {
    const error = await failureOf(fetchSupplierCatalog({ baseUrl: 'https://api.supplier.example', apiKey }));
    expect(error.code).toBe('invalid_config');
    expect(error.message).toContain('the API key is empty or contains spaces');
    if (apiKey) expect(error.message).not.toContain(apiKey);
  });
});

describe('the API key never appears in an error', () => {
  it('is absent from every failure, even when the supplier echoes it', async () => {
    const errors: SupplierHttpError[] = [];
    const echoing = await startSim({ apiKey: 'a-different-key', echoKeyInErrors: true });
    errors.push(await failureOf(fetchSupplierCatalog(pullOptions(echoing).options)));
    // The supplier did put the key in its message; the desk quotes it redacted.
    expect(errors[0]?.message).toContain('(HTTP 401; the supplier said: "Invalid API key "[api key]".")');

    const sim = await startSim({ catalog: { seed: 1, count: 10 } });
    sim.failNextRequests(10, 503);
    errors.push(await failureOf(fetchSupplierCatalog(pullOptions(sim, { maxRetries: 1 }).options)));
    sim.failNextRequests(1, 429, { retryAfterSeconds: 999 });
    errors.push(await failureOf(fetchSupplierCatalog(pullOptions(sim).options)));
    sim.failNextRequests(0);
    sim.malformNextResponses(1, 'invalid_json');
    errors.push(await failureOf(fetchSupplierCatalog(pullOptions(sim).options)));
    errors.push(await failureOf(fetchSupplierCatalog({ ...pullOptions(sim).options, baseUrl: `${sim.url}/?key=${API_KEY}` })));
    errors.push(await failureOf(fetchSupplierCatalog({ ...pullOptions(sim).options, baseUrl: `http://${API_KEY}.example` })));
    const aborted = new AbortController();
    aborted.abort();
    errors.push(await failureOf(fetchSupplierCatalog({ ...pullOptions(sim).options, signal: aborted.signal })));

    expect(errors.map((e) => e.code)).toEqual([
      'unauthorized', 'unavailable', 'rate_limited', 'malformed_response', 'invalid_config', 'invalid_config', 'aborted',
    ]);
    for (const error of errors) {
      for (const text of [error.message, String(error), error.stack ?? '', JSON.stringify(error), JSON.stringify(error.details)]) {
        expect(text).not.toContain(API_KEY);
      }
    }
  });
});

/**
 * Every endpoint of the simulated supplier API, in one table. A later issue adds order placement and
 * tracking by adding rows here (e.g. `{ method: 'POST', path: '/v1/orders', handle: placeOrder }`,
 * `{ method: 'GET', path: '/v1/orders/:id/tracking', ... }`); the server's pipeline (outage injection,
 * auth, rate limit, latency, logging, malformation) applies to every row without further wiring.
 */
import { apiError, type SimResponse } from './supplier-sim-http';
import type { SupplierSimState } from './supplier-sim-state';

export interface RouteContext {
  state: SupplierSimState;
  query: URLSearchParams;
  /** Values of `:name` segments of the route's path. */
  params: Record<string, string>;
  /** The request body parsed as JSON (for POST routes); rejects with a 400-worthy error if it is not JSON. */
  readJson(): Promise<unknown>;
  now(): Date;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path pattern; `:name` matches one segment. */
  path: string;
  handle(context: RouteContext): SimResponse | Promise<SimResponse>;
}

export const DEFAULT_PER_PAGE = 100;
export const MAX_PER_PAGE = 500;

/** Parses a positive integer query parameter strictly: "2" yes; "2.0", "-1", "0x2", "" no. */
function positiveInt(query: URLSearchParams, name: string, fallback: number): number | undefined {
  const text = query.get(name);
  if (text === null) return fallback;
  if (!/^[0-9]{1,9}$/.test(text)) return undefined;
  const value = Number(text);
  return value >= 1 ? value : undefined;
}

/** `GET /v1/products?page=N&per_page=M`: offset paging over the catalog sorted by SKU. */
function listProducts({ state, query }: RouteContext): SimResponse {
  const page = positiveInt(query, 'page', 1);
  if (page === undefined) return apiError(400, 'invalid_parameter', 'page must be an integer of at least 1.');
  const perPage = positiveInt(query, 'per_page', DEFAULT_PER_PAGE);
  if (perPage === undefined || perPage > MAX_PER_PAGE) {
    return apiError(400, 'invalid_parameter', `per_page must be an integer from 1 to ${MAX_PER_PAGE}.`);
  }
  // Sorted on every call because tests may push products into the live catalog between calls.
  const sorted = [...state.catalog].sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
  const start = (page - 1) * perPage;
  const data = sorted.slice(start, start + perPage);
  const nextPage = start + perPage < sorted.length ? page + 1 : null;
  return { status: 200, body: { data, meta: { page, per_page: perPage, total: sorted.length, next_page: nextPage } } };
}

export const ROUTES: readonly Route[] = [
  { method: 'GET', path: '/v1/products', handle: listProducts },
];

export type RouteMatch =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  /** The path exists but not for this method: answer 405 with `Allow`. */
  | { kind: 'wrong_method'; allow: string[] }
  | { kind: 'not_found' };

function matchPath(pattern: string, pathname: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const got = pathname.split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i += 1) {
    const segment = want[i] as string;
    const actual = got[i] as string;
    if (segment.startsWith(':')) {
      if (actual === '') return undefined;
      try {
        params[segment.slice(1)] = decodeURIComponent(actual);
      } catch {
        return undefined; // a malformed %-escape matches nothing: 404, not a crash
      }
    } else if (segment !== actual) {
      return undefined;
    }
  }
  return params;
}

export function matchRoute(routes: readonly Route[], method: string, pathname: string): RouteMatch {
  const allow: string[] = [];
  for (const route of routes) {
    const params = matchPath(route.path, pathname);
    if (!params) continue;
    if (route.method === method) return { kind: 'found', route, params };
    allow.push(route.method);
  }
  return allow.length > 0 ? { kind: 'wrong_method', allow } : { kind: 'not_found' };
}

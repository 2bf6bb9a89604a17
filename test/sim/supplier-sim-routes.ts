/**
 * Every endpoint of the simulated supplier API, in one table: the product listing here, the order routes
 * from supplier-sim-order-routes.ts (a later issue adds tracking the same way, e.g.
 * `{ method: 'GET', path: '/v1/orders/:id/tracking', ... }`); the server's pipeline (outage injection,
 * auth, rate limit, route faults, latency, logging, malformation) applies to every row without further wiring.
 */
import type { SimResponse } from './supplier-sim-http';
import { ORDER_ROUTES } from './supplier-sim-order-routes';
import { listPage, readPaging } from './supplier-sim-paging';
import type { SupplierSimState } from './supplier-sim-state';

export { DEFAULT_PER_PAGE, MAX_PER_PAGE } from './supplier-sim-paging';

export interface RouteContext {
  state: SupplierSimState;
  query: URLSearchParams;
  /** Values of `:name` segments of the route's path. */
  params: Record<string, string>;
  /** The request body parsed as JSON (for POST routes); rejects with a 400-worthy error if it is not JSON. */
  readJson(): Promise<unknown>;
  /** A request header's value (name case-insensitive; the first one if repeated). */
  header(name: string): string | undefined;
  now(): Date;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path pattern; `:name` matches one segment. */
  path: string;
  handle(context: RouteContext): SimResponse | Promise<SimResponse>;
}

/** `GET /v1/products?page=N&per_page=M`: offset paging over the catalog sorted by SKU. */
function listProducts({ state, query }: RouteContext): SimResponse {
  const paging = readPaging(query);
  if ('status' in paging) return paging;
  // Sorted on every call because tests may push products into the live catalog between calls.
  const sorted = [...state.catalog].sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
  return listPage(sorted, paging.page, paging.perPage);
}

export const ROUTES: readonly Route[] = [
  { method: 'GET', path: '/v1/products', handle: listProducts },
  ...ORDER_ROUTES,
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

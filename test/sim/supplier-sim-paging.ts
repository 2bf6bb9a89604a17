/**
 * Page-number paging shared by every list route (`/v1/products`, `/v1/orders`): strict `page` /
 * `per_page` parsing and the `{ data, meta: { page, per_page, total, next_page } }` list shape.
 */
import { apiError, type SimResponse } from './supplier-sim-http';

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

/** The page asked for, or the 400 answer for a bad `page` / `per_page`. */
export function readPaging(query: URLSearchParams): { page: number; perPage: number } | SimResponse {
  const page = positiveInt(query, 'page', 1);
  if (page === undefined) return apiError(400, 'invalid_parameter', 'page must be an integer of at least 1.');
  const perPage = positiveInt(query, 'per_page', DEFAULT_PER_PAGE);
  if (perPage === undefined || perPage > MAX_PER_PAGE) {
    return apiError(400, 'invalid_parameter', `per_page must be an integer from 1 to ${MAX_PER_PAGE}.`);
  }
  return { page, perPage };
}

/** One page of already sorted items in the list shape. */
export function listPage<T>(items: readonly T[], page: number, perPage: number): SimResponse {
  const start = (page - 1) * perPage;
  const data = items.slice(start, start + perPage);
  const nextPage = start + perPage < items.length ? page + 1 : null;
  return { status: 200, body: { data, meta: { page, per_page: perPage, total: items.length, next_page: nextPage } } };
}

/**
 * The small HTTP vocabulary of the simulated supplier: what a route returns, and the error envelope
 * `{ "error": { "code", "message" } }` every non-2xx answer uses (see README.md, "Errors").
 */

export interface SimResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** Error codes the supplier API documents (README.md, "Errors"). Later routes (tracking) add theirs here. */
export type SimErrorCode =
  | 'unauthorized'
  | 'validation_failed'
  | 'no_orderable_lines'
  | 'idempotency_key_missing'
  | 'idempotency_key_reused'
  | 'idempotency_key_in_progress'
  | 'duplicate_client_reference'
  | 'order_not_found'
  | 'rate_limited'
  | 'invalid_parameter'
  | 'not_found'
  | 'method_not_allowed'
  | 'internal_error'
  | 'bad_gateway'
  | 'service_unavailable'
  | 'gateway_timeout';

export function apiError(status: number, code: SimErrorCode, message: string, headers?: Record<string, string>): SimResponse {
  return { status, body: { error: { code, message } }, ...(headers ? { headers } : {}) };
}

/** The error envelope with extra documented members, e.g. `field` (422) or `order_id` (409 duplicate). */
export function apiErrorWith(status: number, code: SimErrorCode, message: string, extra: Record<string, unknown>): SimResponse {
  return { status, body: { error: { code, message, ...extra } } };
}

/** The canned error a simulated outage answers with, by status. */
export function outageError(status: number, retryAfterSeconds?: number): SimResponse {
  const headers = retryAfterSeconds === undefined ? undefined : { 'Retry-After': String(retryAfterSeconds) };
  switch (status) {
    case 429: return apiError(429, 'rate_limited', 'Too many requests. Retry after the number of seconds in Retry-After.', headers ?? { 'Retry-After': '1' });
    case 502: return apiError(502, 'bad_gateway', 'Upstream catalog service did not answer.', headers);
    case 503: return apiError(503, 'service_unavailable', 'Service temporarily unavailable (maintenance).', headers);
    case 504: return apiError(504, 'gateway_timeout', 'Upstream catalog service timed out.', headers);
    default: return apiError(status, 'internal_error', 'Internal server error.', headers);
  }
}

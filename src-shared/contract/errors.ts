/** Errors cross every boundary as data; the renderer shows `message`, never a stack. */
export const ERROR_CODES = [
  'invalid_input', 'not_found', 'invalid_state', 'conflict', 'unauthorized', 'forbidden', 'unknown_procedure', 'internal',
  // An outside service (Stripe, a supplier) could not be reached: nothing was changed, try again when online.
  'unavailable',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** Dotted path of the input field at fault, e.g. `order.shippingAddress.postcode`. */
  field?: string;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export function isApiError(value: unknown): value is ApiError {
  return typeof value === 'object' && value !== null && typeof (value as ApiError).code === 'string'
    && typeof (value as ApiError).message === 'string';
}

import type { ErrorCode } from '../../src-shared/contract/errors';

export const STATUS_BY_ERROR_CODE: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  unknown_procedure: 404,
  invalid_state: 409,
  conflict: 409,
  internal: 500,
  // An outside service (Stripe, a supplier) did not answer: the desk itself is fine.
  unavailable: 502,
};

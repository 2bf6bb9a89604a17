import type { ApiError, ErrorCode } from '../../src-shared/contract/errors';

/** An expected failure a service reports to the caller as data (never a stack). */
export class DeskError extends Error {
  constructor(readonly code: ErrorCode, message: string, readonly field?: string) {
    super(message);
    this.name = 'DeskError';
  }

  toApiError(): ApiError {
    return this.field === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, field: this.field };
  }
}

export const notFound = (what: string) => new DeskError('not_found', `${what} was not found. It may have been removed.`);

/**
 * A token bucket, as most wholesaler APIs apply per API key: `burst` requests at once, refilled at
 * `requestsPerSecond`. A denied request learns how many whole seconds to wait (HTTP's Retry-After is
 * integer seconds, so at least 1).
 */
export interface RateLimitOptions {
  requestsPerSecond: number;
  /** Bucket size; defaults to `requestsPerSecond` (one second's worth). */
  burst?: number;
}

export type RateDecision = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

export class TokenBucket {
  private tokens: number;
  private last: number;
  readonly limit: number;

  constructor(private readonly options: RateLimitOptions, private readonly clockMs: () => number) {
    if (!(options.requestsPerSecond > 0)) throw new RangeError('requestsPerSecond must be positive');
    this.limit = Math.max(1, Math.floor(options.burst ?? options.requestsPerSecond));
    this.tokens = this.limit;
    this.last = clockMs();
  }

  take(): RateDecision {
    const now = this.clockMs();
    this.tokens = Math.min(this.limit, this.tokens + ((now - this.last) / 1000) * this.options.requestsPerSecond);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { allowed: true, remaining: Math.floor(this.tokens) };
    }
    const seconds = (1 - this.tokens) / this.options.requestsPerSecond;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(seconds)) };
  }
}

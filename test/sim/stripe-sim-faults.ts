/**
 * Failures a test arms for the next requests to one route (`sim.failNext(route, failure, count)`), each
 * modelled on where it happens in front of or inside Stripe:
 * - `rate_limit`: Stripe's limiter rejects the request before the API runs (429, nothing saved or applied);
 * - `api_error`: a 500 once the endpoint has started; saved for replay by default, as the idempotency docs
 *   say of 500s (`saved: false` models a 500 from in front of the API: nothing saved, safe to retry);
 * - `decline`: the issuer declines (402 card_error with the given decline_code); on `POST /v1/payment_intents`
 *   with confirm it is the card's answer (the intent is recorded in `requires_payment_method`), elsewhere the
 *   intent is left as it was; saved for replay like any executed request;
 * - `drop_connection`: the socket is destroyed without an answer. `after_apply`: the endpoint ran and its
 *   answer was saved under the Idempotency-Key first, as when a response is lost on the way back, so a
 *   retry with the same key gets the saved answer. `before_apply`: nothing ran (the request was lost on
 *   the way in). A drop also hits replays, so `count: 2` defeats the SDK's one automatic reconnect.
 */
export type InjectedFailure =
  | { kind: 'rate_limit'; retryAfterSeconds?: number }
  | { kind: 'api_error'; saved?: boolean }
  | { kind: 'decline'; declineCode: string; message?: string; adviceCode?: string }
  | { kind: 'drop_connection'; when: 'before_apply' | 'after_apply' };

/** Where in the pipeline a failure is taken: network level (before anything), or inside the endpoint. */
type Stage = 'network' | 'endpoint' | 'answer';

function stageOf(failure: InjectedFailure): Stage {
  switch (failure.kind) {
    case 'rate_limit': return 'network';
    case 'drop_connection': return failure.when === 'before_apply' ? 'network' : 'answer';
    case 'api_error':
    case 'decline': return 'endpoint';
  }
}

interface Armed {
  route: string;
  failure: InjectedFailure;
  remaining: number;
}

export class FaultPlan {
  private armed: Armed[] = [];

  arm(route: string, failure: InjectedFailure, count: number): void {
    if (!Number.isInteger(count) || count < 1) throw new Error(`Stripe simulator: failure count must be a positive integer, got ${count}`);
    this.armed.push({ route, failure, remaining: count });
  }

  clear(): void {
    this.armed = [];
  }

  /** Takes (consumes one use of) the first armed failure for this route at this stage, if any. */
  take(route: string, stage: Stage): InjectedFailure | undefined {
    const found = this.armed.find((candidate) => candidate.route === route && stageOf(candidate.failure) === stage);
    if (!found) return undefined;
    found.remaining -= 1;
    if (found.remaining === 0) this.armed = this.armed.filter((candidate) => candidate !== found);
    return found.failure;
  }
}

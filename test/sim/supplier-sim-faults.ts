/**
 * Failure injection for one route (README.md, "Test controls": `failNext`), applied in the pipeline's
 * route step, i.e. only to requests that passed auth and the rate limit:
 * - `error`: answer `status` before the route does anything (nothing is created or read);
 * - `slow`: wait `delayMs`, then run the route and answer (the work happens even if the client gave up);
 * - `no_answer`: run the route (an order is created and saved), then hold the answer: never send it
 *   (default; the connection stays open until the client gives up or the simulator closes) or send it
 *   after `answerAfterMs`, i.e. after the client's timeout.
 */

export type RouteFault =
  | { kind: 'error'; status?: number; retryAfterSeconds?: number }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'no_answer'; answerAfterMs?: number };

/**
 * A route as `"<METHOD> <path pattern>"`, exactly as in the route table: 'POST /v1/orders',
 * 'GET /v1/orders', 'GET /v1/orders/:id', 'GET /v1/products'.
 */
export type RouteName = 'POST /v1/orders' | 'GET /v1/orders' | 'GET /v1/orders/:id' | 'GET /v1/products' | (string & {});

export type RouteFaults = Map<string, { remaining: number; fault: RouteFault }>;

export function setRouteFault(faults: RouteFaults, route: RouteName, count: number, fault: RouteFault): void {
  if (!Number.isInteger(count) || count < 0) throw new RangeError('count must be a non-negative integer');
  if (count === 0) faults.delete(route);
  else faults.set(route, { remaining: count, fault: structuredClone(fault) });
}

/** The fault for this request on this route, if one is pending (and counts it down). */
export function takeRouteFault(faults: RouteFaults, route: string): RouteFault | undefined {
  const pending = faults.get(route);
  if (!pending) return undefined;
  pending.remaining -= 1;
  if (pending.remaining <= 0) faults.delete(route);
  return pending.fault;
}

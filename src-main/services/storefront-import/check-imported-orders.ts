/**
 * Imported orders arrive unchecked: routing and the verification checks cost far more per order than saving it,
 * and a 100,000-order import must not wait for them (nor hold the file's transaction open). They run afterwards,
 * a few orders per transaction, on the core's connection, and again at start for any an interrupted run left.
 */
import type { Sql } from '../../db/query';
import { routeOrder } from '../routing/route-order';
import { runVerification } from '../verification/run-verification';

export interface CheckBatch {
  checked: number;
  /** Whether more orders wait after this batch. */
  more: boolean;
  orderIds: number[];
}

export function countUncheckedOrders(sql: Sql): number {
  const row = sql.raw.prepare('SELECT count(*) AS n FROM orders WHERE verified_at IS NULL AND storefront_hash IS NOT NULL AND cancelled_at IS NULL').get() as { n: number };
  return row.n;
}

/** Orders looked at per batch at most; the time budget usually ends a batch first. */
const BATCH_CEILING = 200;

/**
 * Routes and verifies unchecked orders, oldest id first, in one transaction, until `budgetMs` has passed (at least one
 * order): a caller keeps the core responsive by calling it again from a later turn of the event loop while `more`.
 * A check costs a few milliseconds (more on a busy machine), so a time budget holds the thread better than a count.
 */
export function checkImportedOrders(sql: Sql, budgetMs: number, actor: string, now: () => number): CheckBatch {
  const waiting = (sql.raw.prepare(`SELECT id FROM orders WHERE verified_at IS NULL AND storefront_hash IS NOT NULL AND cancelled_at IS NULL
    ORDER BY id LIMIT ?`).all(BATCH_CEILING + 1) as { id: number }[]).map((row) => row.id);
  const started = performance.now();
  const orderIds: number[] = [];
  sql.transaction(() => {
    for (const id of waiting.slice(0, BATCH_CEILING)) {
      if (orderIds.length > 0 && performance.now() - started >= budgetMs) break;
      const at = now();
      routeOrder(sql, id, actor, at);
      runVerification(sql, id, actor, at);
      orderIds.push(id);
    }
  });
  return { checked: orderIds.length, more: waiting.length > orderIds.length, orderIds };
}

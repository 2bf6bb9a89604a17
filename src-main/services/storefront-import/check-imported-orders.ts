/**
 * Imported orders arrive unchecked: routing and the verification checks cost far more per order than saving it,
 * and a 100,000-order import must not wait for them (nor hold the file's transaction open). They run afterwards,
 * a few orders per transaction, on the core's connection, and again at start for any an interrupted run left.
 */
import type { Sql } from '../../db/query';
import { routeOrder } from '../routing/route-order';
import { runVerification } from '../verification/run-verification';
import { recordTimelineEvent } from '../timeline';
import { placeHold } from '../orders/holds';
import { refreshStage } from '../orders/order-stage';

export interface CheckBatch {
  checked: number;
  /** Whether more orders wait after this batch. */
  more: boolean;
  orderIds: number[];
}

/** Imported orders (they carry a storefront fingerprint) still waiting for their checks; the orders_unverified index. */
const UNCHECKED = 'verified_at IS NULL AND storefront_hash IS NOT NULL AND cancelled_at IS NULL';

export function countUncheckedOrders(sql: Sql): number {
  const row = sql.raw.prepare(`SELECT count(*) AS n FROM orders WHERE ${UNCHECKED}`).get() as { n: number };
  return row.n;
}

/** Orders looked at per batch at most; the time budget usually ends a batch first. */
const BATCH_CEILING = 200;

/**
 * Routes and verifies unchecked orders, oldest id first, in one transaction, until `budgetMs` has passed (at least one
 * order): a caller keeps the core responsive by calling it again from a later turn of the event loop while `more`.
 * A check costs a few milliseconds (more on a busy machine), so a time budget holds the thread better than a count.
 */
/**
 * Taken out of the queue, held, with the reason on its timeline: a person runs the checks again from the order page
 * (the hold keeps it from going to a supplier meanwhile, as a failed check would).
 */
function markUncheckable(sql: Sql, orderId: number, actor: string, at: number, error: unknown): void {
  sql.raw.prepare('UPDATE orders SET verified_at = ? WHERE id = ?').run(at, orderId);
  const reason = error instanceof Error ? error.message : String(error);
  recordTimelineEvent(sql, { orderId, at, actor, kind: 'order.checks_failed', message: 'The checks could not run on this imported order', reason });
  placeHold(sql, orderId, 'OTHER', `The checks could not run after the import (${reason}). Run them again from this page, then release this hold.`, actor, at);
  refreshStage(sql, orderId);
}

export function checkImportedOrders(sql: Sql, budgetMs: number, actor: string, now: () => number): CheckBatch {
  const waiting = (sql.raw.prepare(`SELECT id FROM orders WHERE ${UNCHECKED}
    ORDER BY id LIMIT ?`).all(BATCH_CEILING + 1) as { id: number }[]).map((row) => row.id);
  const started = performance.now();
  const orderIds: number[] = [];
  const checkOne = sql.raw.transaction((id: number, at: number) => {
    routeOrder(sql, id, actor, at);
    runVerification(sql, id, actor, at);
  });
  sql.transaction(() => {
    for (const id of waiting.slice(0, BATCH_CEILING)) {
      if (orderIds.length > 0 && performance.now() - started >= budgetMs) break;
      const at = now();
      try {
        // Its own savepoint: an order whose checks fail cannot hold back every order after it.
        checkOne(id, at);
      } catch (error) {
        // Busy (an import saving): the sweep stops here and runs again after it.
        if ((error as { code?: unknown } | null)?.code === 'SQLITE_BUSY') throw error;
        markUncheckable(sql, id, actor, at, error);
      }
      orderIds.push(id);
    }
  });
  return { checked: orderIds.length, more: waiting.length > orderIds.length, orderIds };
}

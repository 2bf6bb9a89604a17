import { deriveStage, type Stage } from '../../../src-shared/domain/stage';
import type { Sql } from '../../db/query';
import type { DbOrder } from '../../db/schema';

/**
 * The stage column is a cache of deriveStage() so that lists can filter by it through an index.
 * Call this after any change to an order's axes or holds, inside the same transaction.
 */
export function refreshStage(sql: Sql, orderId: number): Stage {
  const row = sql.first(sql.qb.selectFrom('orders')
    .select(['submitted_at', 'cancelled_at', 'payment_status', 'fulfillment_status', 'has_exception'])
    .where('id', '=', orderId));
  if (!row) throw new Error(`Order ${orderId} vanished inside its own transaction`);
  const openHolds = sql.first(sql.qb.selectFrom('order_holds').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('order_id', '=', orderId).where('released_at', 'is', null))?.n ?? 0;
  const stage = deriveStage(stageInputsOf(row, openHolds));
  sql.run(sql.qb.updateTable('orders').set({ stage }).where('id', '=', orderId));
  return stage;
}

export function stageInputsOf(
  row: Pick<DbOrder, 'submitted_at' | 'cancelled_at' | 'payment_status' | 'fulfillment_status' | 'has_exception'>,
  openHolds: number,
) {
  return {
    submitted: row.submitted_at !== null,
    cancelled: row.cancelled_at !== null,
    paymentStatus: row.payment_status,
    fulfillmentStatus: row.fulfillment_status,
    openHolds,
    hasException: row.has_exception === 1,
  };
}

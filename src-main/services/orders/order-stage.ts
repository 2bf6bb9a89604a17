import { deriveStage, type Stage } from '../../../src-shared/domain/stage';
import type { Sql } from '../../db/query';
import type { DbOrder } from '../../db/schema';

/**
 * The stage column is a cache of deriveStage() so that lists can filter by it through an index.
 * Call this after any change to an order's axes, holds, outbox rows or supplier orders, inside the same
 * transaction. It also keeps the exception flag: an outbox row that is dead or unknown, or a supplier's
 * rejection nobody has dealt with yet (an open SUPPLIER_REJECTED hold), or a parcel in trouble needs a person (DOMAIN.md).
 */
export function refreshStage(sql: Sql, orderId: number): Stage {
  const row = sql.first(sql.qb.selectFrom('orders')
    .select(['submitted_at', 'cancelled_at', 'payment_status', 'fulfillment_status', 'stage', 'has_exception'])
    .where('id', '=', orderId));
  if (!row) throw new Error(`Order ${orderId} vanished inside its own transaction`);
  const holds = sql.all(sql.qb.selectFrom('order_holds').select('reason').where('order_id', '=', orderId).where('released_at', 'is', null));
  const stuck = sql.first(sql.qb.selectFrom('outbox').select('id').where('order_id', '=', orderId).where('status', 'in', ['dead', 'unknown']));
  // A parcel the carrier reports in trouble, until a person marks it handled (expiry is shown in the inbox only:
  // it follows from the clock, and the stage column changes only with the order).
  const troubled = sql.first(sql.qb.selectFrom('shipments').select('id').where('order_id', '=', orderId)
    .where('status', 'in', ['exception', 'attempt_fail']).where('handled_at', 'is', null));
  const hasException = stuck !== undefined || troubled !== undefined || holds.some((hold) => hold.reason === 'SUPPLIER_REJECTED');
  const stage = deriveStage(stageInputsOf({ ...row, has_exception: hasException ? 1 : 0 }, holds.length));
  // Written only when it changes: an unchanged stage would still rewrite the row and its stage index entry.
  if (stage !== row.stage || hasException !== (row.has_exception === 1)) {
    sql.run(sql.qb.updateTable('orders').set({ stage, has_exception: hasException ? 1 : 0 }).where('id', '=', orderId));
  }
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

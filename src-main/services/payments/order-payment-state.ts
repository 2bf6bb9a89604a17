import { derivePaymentStatus } from '../../../src-shared/domain/payments';
import { formatMoney } from '../../../src-shared/domain/money';
import type { Sql } from '../../db/query';
import { refreshStage } from '../orders/order-stage';
import { recordTimelineEvent } from '../timeline';

/**
 * Recomputes the order's payment axis from its payments inside the caller's transaction; the stage and
 * the exception flag follow (refreshStage).
 */
export function refreshOrderPayment(sql: Sql, orderId: number, actor: string, at: number): void {
  const order = sql.first(sql.qb.selectFrom('orders').select(['total', 'currency', 'payment_status']).where('id', '=', orderId));
  if (!order) throw new Error(`Order ${orderId} vanished inside its own transaction`);
  const payments = sql.all(sql.qb.selectFrom('payments')
    .select(['status', 'amount_authorized', 'amount_captured', 'amount_refunded']).where('order_id', '=', orderId));
  const status = derivePaymentStatus(payments.map((p) => ({
    status: p.status, authorized: p.amount_authorized, captured: p.amount_captured, refunded: p.amount_refunded,
  })), order.total);
  sql.run(sql.qb.updateTable('orders').set({ payment_status: status, updated_at: at }).where('id', '=', orderId));
  if (status !== order.payment_status) {
    recordTimelineEvent(sql, {
      orderId, at, actor, kind: 'order.payment_status_changed',
      message: `Payment: ${order.payment_status.replaceAll('_', ' ')} → ${status.replaceAll('_', ' ')}`,
    });
  }
  refreshStage(sql, orderId);
}

/** What is still owed on the order, in minor units (captured money counts, refunds give it back). */
export function amountDue(sql: Sql, orderId: number): number {
  const order = sql.first(sql.qb.selectFrom('orders').select('total').where('id', '=', orderId));
  const paid = sql.first(sql.qb.selectFrom('payments')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>(eb(eb.ref('amount_captured'), '-', eb.ref('amount_refunded'))), eb.val(0)).as('net'))
    .where('order_id', '=', orderId).where('status', '!=', 'failed'));
  return Math.max(0, (order?.total ?? 0) - Number(paid?.net ?? 0));
}

export const money = (amount: number, currency: string) => formatMoney({ amount, currency });

import type { Sql } from '../../db/query';

/**
 * Whether an order's checklist lets it move on: the checks have run, and every failure was either fixed
 * (a re-run passes) or overridden by a person with a note. Warnings never block; they inform.
 */
export function verificationPassed(sql: Sql, orderId: number): boolean {
  const order = sql.first(sql.qb.selectFrom('orders').select('verified_at').where('id', '=', orderId));
  if (!order || order.verified_at === null) return false;
  const blocking = sql.first(sql.qb.selectFrom('order_checks').select('code')
    .where('order_id', '=', orderId).where('outcome', '=', 'fail').where('overridden_at', 'is', null));
  return blocking === undefined;
}

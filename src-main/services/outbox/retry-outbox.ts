import type { ProcedureParsedInput } from '../../../src-shared/contract/procedures';
import type { Actor, ServiceDeps } from '../context';
import { DeskError, notFound } from '../errors';
import { refreshOrderPayment } from '../payments/order-payment-state';
import { recordTimelineEvent } from '../timeline';
import { requeuePo } from '../dispatch/supplier-order-actions';

/**
 * A person sends a stuck row again (after fixing the Stripe key, or deciding an unknown outcome should be
 * retried): the same idempotency key goes with it, so a far side that already applied it does not twice.
 * Returns the order the row belongs to.
 */
export function retryOutboxRow(deps: ServiceDeps, input: ProcedureParsedInput<'outbox.retry'>, actor: Actor): number {
  const { sql } = deps;
  const at = deps.now();
  return sql.transaction(() => {
    const row = sql.first(sql.qb.selectFrom('outbox').selectAll().where('id', '=', input.id));
    if (!row) throw notFound(`Outbox entry ${input.id}`);
    if (row.order_id === null) throw new DeskError('invalid_state', 'This entry no longer belongs to an order.');
    if (row.status === 'done') throw new DeskError('invalid_state', 'This was already done; there is nothing to try again.');
    if (row.status !== 'dead' && row.status !== 'unknown') {
      throw new DeskError('invalid_state', 'This is still queued: the desk sends it by itself as soon as it can.');
    }
    // The attempt count starts again: one more network blip must not make a person's retry give up at once.
    sql.run(sql.qb.updateTable('outbox').set({ status: 'pending', attempts: 0, next_attempt_at: at, updated_at: at, last_error: `Sent again by ${actor.name}` })
      .where('id', '=', row.id));
    recordTimelineEvent(sql, { orderId: row.order_id, at, actor: actor.name, kind: 'outbox.retried', message: `Trying again: ${row.kind.replace('.', ' ')}`, reason: row.last_error });
    // A PO's delivery goes back to the queue with its PO (a resend after an unknown outcome is marked as a possible duplicate).
    if (row.po_id !== null) requeuePo(sql, row.po_id, actor.name, at);
    refreshOrderPayment(sql, row.order_id, actor.name, at);
    return row.order_id;
  });
}

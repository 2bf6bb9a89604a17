import { PO_WITHDRAWABLE_STATUSES } from '../../../src-shared/domain/supplier-orders';
import type { Sql } from '../../db/query';
import type { Actor, ServiceDeps } from '../context';
import { DeskError } from '../errors';
import { recordTimelineEvent } from '../timeline';
import { movePo } from './po-state';
import { poOutboxRow, poRow, type PoRow } from './read-supplier-orders';

type Delivery = ReturnType<typeof poOutboxRow>;

/** Marks the PO's outbox row as never to be sent (kept for the record, not counted as waiting or stuck). */
function withdrawDelivery(sql: Sql, outbox: Delivery, why: string, at: number): void {
  if (outbox && outbox.status !== 'done') {
    sql.run(sql.qb.updateTable('outbox').set({ status: 'done', result: JSON.stringify({ withdrawn: true }), last_error: `Withdrawn: ${why}`, updated_at: at })
      .where('id', '=', outbox.id));
  }
}

function assertWithdrawable(po: PoRow, delivery: Delivery): void {
  if (!PO_WITHDRAWABLE_STATUSES.includes(po.status)) {
    throw new DeskError('invalid_state', `${po.number} is ${po.status.replaceAll('_', ' ')}: it may have reached the supplier, so it can only be cancelled with them.`, 'poId');
  }
  if (delivery?.status === 'in_flight') throw new DeskError('conflict', `${po.number} is being sent right now; try again in a moment.`, 'poId');
}

/**
 * A person takes back one PO that never reached its supplier (a refused address, a supplier that will not
 * take it): the PO is cancelled, its delivery withdrawn, and its lines are free to be prepared again
 * (after fixing the supplier's data, or choosing another supplier). Returns the order's id.
 */
export function withdrawSupplierOrder(deps: ServiceDeps, poId: number, note: string, actor: Actor): number {
  const { sql } = deps;
  const at = deps.now();
  return sql.transaction(() => {
    const po = poRow(sql, poId);
    const delivery = poOutboxRow(sql, po.id);
    assertWithdrawable(po, delivery);
    withdrawDelivery(sql, delivery, note, at);
    movePo(sql, po, { to: 'cancelled', actor: actor.name, at, reason: note });
    return po.order_id;
  });
}

/**
 * A cancelled customer order takes back what has not reached a supplier: drafts and queued POs are
 * cancelled and their outbox rows withdrawn (they will never be sent). POs a supplier has, or may have,
 * are marked cancellation_requested and the timeline says whom to ask: the desk does not send
 * cancellations to suppliers yet. Inside the caller's transaction.
 */
export function withdrawSupplierOrders(sql: Sql, orderId: number, actor: string, at: number): void {
  const pos = sql.all(sql.qb.selectFrom('purchase_orders').innerJoin('suppliers', 'suppliers.id', 'purchase_orders.supplier_id')
    .selectAll('purchase_orders').select('suppliers.name as supplier_name').where('order_id', '=', orderId).orderBy('sequence'));
  const deliveries = new Map(pos.map((po) => [po.id, poOutboxRow(sql, po.id)]));
  const sending = pos.find((po) => deliveries.get(po.id)?.status === 'in_flight');
  if (sending) throw new DeskError('conflict', `${sending.number} is being sent to ${sending.supplier_name} right now; try again in a moment.`);
  const askSupplier: string[] = [];
  for (const po of pos) {
    const { supplier_name: supplierName, ...row } = po;
    if (PO_WITHDRAWABLE_STATUSES.includes(po.status)) {
      withdrawDelivery(sql, deliveries.get(po.id), 'the order was cancelled before this went out', at);
      movePo(sql, row, { to: 'cancelled', actor, at, reason: 'The customer order was cancelled before this reached the supplier' });
    } else if (po.status === 'sent' || po.status === 'acknowledged' || po.status === 'unknown' || po.status === 'cancel_rejected') {
      movePo(sql, row, { to: 'cancellation_requested', actor, at, reason: `Ask ${supplierName} to cancel ${po.number}` });
      askSupplier.push(`${po.number} (${supplierName})`);
    }
  }
  if (askSupplier.length > 0) {
    recordTimelineEvent(sql, {
      orderId, at, actor, kind: 'po.cancellation_needed',
      message: `Ask the suppliers to cancel: ${askSupplier.join(', ')}`,
      reason: 'The desk does not send cancellations to suppliers yet; contact them and record their answer.',
    });
  }
}

import { canMovePo, PO_STATUS_LABELS, type PoStatus } from '../../../src-shared/domain/supplier-orders';
import type { Sql } from '../../db/query';
import { refreshFulfillment } from '../fulfillment/fulfillment-state';
import { recordTimelineEvent } from '../timeline';
import type { PoRow } from './read-supplier-orders';

export interface PoMove {
  to: PoStatus;
  actor: string;
  at: number;
  /** Why (a rejection, the error that put it on hold); kept on the PO and the timeline. */
  reason?: string | null;
  /** Extra columns written with the move (sent_at, supplier_reference, …). */
  set?: Partial<Pick<PoRow, 'sent_at' | 'queued_at' | 'acknowledged_at' | 'supplier_reference' | 'supplier_order_id' | 'possible_duplicate' | 'last_checked_at'>>;
}

/**
 * The one place a PO changes status: the move is checked against DOMAIN.md's machine, written with a
 * timeline event on the customer order, and the order's fulfillment axis and stage follow. Inside the
 * caller's transaction. A move to the status it already has only writes `set`.
 */
export function movePo(sql: Sql, po: PoRow, move: PoMove): void {
  if (po.status !== move.to && !canMovePo(po.status, move.to)) {
    throw new Error(`Supplier order ${po.number} cannot go from ${po.status} to ${move.to}`);
  }
  sql.run(sql.qb.updateTable('purchase_orders').set({
    ...move.set,
    status: move.to,
    status_reason: move.reason ?? null,
    updated_at: move.at,
  }).where('id', '=', po.id));
  if (po.status !== move.to) {
    recordTimelineEvent(sql, {
      orderId: po.order_id, at: move.at, actor: move.actor, kind: `po.${move.to}`,
      message: `Supplier order ${po.number}: ${PO_STATUS_LABELS[po.status].toLowerCase()} → ${PO_STATUS_LABELS[move.to].toLowerCase()}`,
      reason: move.reason ?? null,
    });
  }
  refreshFulfillment(sql, po.order_id, move.at);
}

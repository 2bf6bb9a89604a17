import { HOLD_REASON_LABELS, type HoldReason } from '../../../src-shared/domain/holds';
import type { Sql } from '../../db/query';
import { recordTimelineEvent } from '../timeline';

/** Places a hold unless one with the same reason is already open; on the timeline either way it is placed. */
export function placeHold(sql: Sql, orderId: number, reason: HoldReason, note: string, actor: string, at: number): boolean {
  const open = sql.first(sql.qb.selectFrom('order_holds').select('id').where('order_id', '=', orderId)
    .where('reason', '=', reason).where('released_at', 'is', null));
  if (open) return false;
  sql.run(sql.qb.insertInto('order_holds').values({ order_id: orderId, reason, note, placed_at: at, placed_by: actor }));
  recordTimelineEvent(sql, { orderId, at, actor, kind: 'order.hold_placed', message: `On hold: ${HOLD_REASON_LABELS[reason]}`, reason: note });
  return true;
}

/** Releases the open hold of this reason, if any, with a note; returns whether one was released. */
export function releaseHold(sql: Sql, orderId: number, reason: HoldReason, note: string, actor: string, at: number): boolean {
  const open = sql.first(sql.qb.selectFrom('order_holds').select('id').where('order_id', '=', orderId)
    .where('reason', '=', reason).where('released_at', 'is', null));
  if (!open) return false;
  sql.run(sql.qb.updateTable('order_holds').set({ released_at: at, released_by: actor, release_note: note }).where('id', '=', open.id));
  recordTimelineEvent(sql, { orderId, at, actor, kind: 'order.hold_released', message: `Hold released: ${HOLD_REASON_LABELS[reason]}`, reason: note });
  return true;
}

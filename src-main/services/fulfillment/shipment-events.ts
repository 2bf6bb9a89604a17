import { TRACKING_STATUS_LABELS, type TrackingStatus } from '../../../src-shared/domain/tracking/statuses';
import { applyTrackingEvents, unseenEvents, type TrackingEvent, type TrackingState } from '../../../src-shared/domain/tracking/events';
import type { NotificationKind } from '../../../src-shared/domain/notifications';
import type { Sql } from '../../db/query';
import { queueNotification } from '../notifications/queue-notification';
import { recordTimelineEvent } from '../timeline';
import { refreshFulfillment } from './fulfillment-state';

/** The shipment's history as the pure tracking domain takes it. */
export function trackingStateOf(sql: Sql, shipmentId: number): TrackingState & { orderId: number; trackingNumber: string } {
  const shipment = sql.first(sql.qb.selectFrom('shipments').select(['order_id', 'status', 'registered_at', 'tracking_number']).where('id', '=', shipmentId));
  if (!shipment) throw new Error(`Shipment ${shipmentId} vanished inside its own transaction`);
  const events = sql.all(sql.qb.selectFrom('tracking_events').select(['event_id', 'occurred_at', 'status', 'message', 'location'])
    .where('shipment_id', '=', shipmentId).orderBy('occurred_ms').orderBy('event_id'))
    .map((e) => ({ id: e.event_id, occurredAt: e.occurred_at, status: e.status, message: e.message, location: e.location }));
  // Stored in the order the domain sorts them; re-sorting through applyTrackingEvents keeps ties stable.
  const state = applyTrackingEvents({ status: 'pending', events: [], registeredAt: new Date(shipment.registered_at).toISOString() }, events);
  return { ...state, status: shipment.status, orderId: shipment.order_id, trackingNumber: shipment.tracking_number };
}

/** The customer e-mail a status reached for the first time calls for, if any. */
const NOTIFY_ON: Partial<Record<TrackingStatus, NotificationKind>> = {
  out_for_delivery: 'out_for_delivery',
  delivered: 'delivered',
  exception: 'delayed',
  attempt_fail: 'delayed',
};

/**
 * Applies a source's report (a tracking service poll, a supplier's answer, a person) to one shipment, in the
 * caller's transaction. Idempotent: events already seen add nothing, an older event never moves the status
 * (tracking/events.ts). Only new events are stored; a changed status is written with a timeline line, clears
 * a person's "handled" mark, may queue a customer e-mail (once per parcel and kind), and rolls the order up.
 * Returns whether anything changed.
 */
export function applyShipmentEvents(sql: Sql, shipmentId: number, incoming: readonly TrackingEvent[], actor: string, at: number): boolean {
  const before = trackingStateOf(sql, shipmentId);
  // Expired is the desk's derived status (tracking/expiry.ts); a source's own "expired" is not news.
  const fresh = unseenEvents(before, incoming.filter((event) => event.status !== 'expired'));
  if (fresh.length === 0) return false;
  const after = applyTrackingEvents(before, fresh);
  for (const event of fresh) {
    sql.run(sql.qb.insertInto('tracking_events').values({
      shipment_id: shipmentId, event_id: event.id, occurred_at: event.occurredAt, occurred_ms: Date.parse(event.occurredAt),
      status: event.status as Exclude<TrackingStatus, 'expired'>, message: event.message.slice(0, 500), location: event.location.slice(0, 200), received_at: at,
    }).onConflict((oc) => oc.doNothing()));
  }
  const lastEventAt = after.events.length === 0 ? null : Date.parse(after.events[after.events.length - 1]!.occurredAt);
  const statusChanged = after.status !== before.status;
  sql.run(sql.qb.updateTable('shipments').set({
    status: after.status as Exclude<TrackingStatus, 'expired'>, last_event_at: lastEventAt, updated_at: at,
    ...(statusChanged ? { handled_at: null, handled_by: null, handled_note: null } : {}),
  }).where('id', '=', shipmentId));
  if (statusChanged) {
    recordTimelineEvent(sql, {
      orderId: before.orderId, at, actor, kind: `shipment.${after.status}`,
      message: `Parcel ${before.trackingNumber}: ${TRACKING_STATUS_LABELS[after.status].toLowerCase()}`,
      reason: after.events.at(-1)?.message || null,
    });
    const kind = NOTIFY_ON[after.status];
    if (kind) queueNotification(sql, { orderId: before.orderId, kind, shipmentId }, at);
    refreshFulfillment(sql, before.orderId, at);
  }
  return true;
}

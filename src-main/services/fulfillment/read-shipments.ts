import type { ShipmentView } from '../../../src-shared/domain/shipments';
import { trackingUrlFor } from '../../../src-shared/domain/tracking/carriers';
import { effectiveTrackingStatus } from '../../../src-shared/domain/tracking/expiry';
import type { NotificationView } from '../../../src-shared/domain/notifications';
import type { Sql } from '../../db/query';

const iso = (ms: number) => new Date(ms).toISOString();

/** The order's parcels for the order page, with expiry applied for `now` and the shop's setting. */
export function shipmentsOf(sql: Sql, orderId: number, now: number, expireDays: number): ShipmentView[] {
  const shipments = sql.all(sql.qb.selectFrom('shipments')
    .innerJoin('purchase_orders', 'purchase_orders.id', 'shipments.po_id')
    .innerJoin('suppliers', 'suppliers.id', 'purchase_orders.supplier_id')
    .selectAll('shipments').select(['purchase_orders.number as po_number', 'suppliers.name as supplier_name'])
    .where('shipments.order_id', '=', orderId).orderBy('shipments.id'));
  if (shipments.length === 0) return [];
  const ids = shipments.map((s) => s.id);
  const lines = sql.all(sql.qb.selectFrom('shipment_lines').innerJoin('po_lines', 'po_lines.id', 'shipment_lines.po_line_id')
    .select(['shipment_lines.shipment_id', 'shipment_lines.po_line_id', 'shipment_lines.quantity', 'po_lines.order_line_id', 'po_lines.title', 'po_lines.supplier_sku'])
    .where('shipment_lines.shipment_id', 'in', ids).orderBy('po_lines.position'));
  const events = sql.all(sql.qb.selectFrom('tracking_events').selectAll().where('shipment_id', 'in', ids).orderBy('occurred_ms').orderBy('event_id'));
  return shipments.map((s) => {
    const history = events.filter((e) => e.shipment_id === s.id)
      .map((e) => ({ id: e.event_id, occurredAt: e.occurred_at, status: e.status, message: e.message, location: e.location }));
    const registeredAt = iso(s.registered_at);
    const lastNewsAt = s.last_event_at === null ? registeredAt : iso(s.last_event_at);
    return {
      id: s.id,
      poId: s.po_id,
      poNumber: s.po_number,
      supplierName: s.supplier_name,
      carrier: s.carrier,
      carrierName: s.carrier_name,
      trackingNumber: s.tracking_number,
      trackingUrl: s.tracking_url ?? trackingUrlFor(s.carrier, s.tracking_number),
      status: effectiveTrackingStatus({ status: s.status, events: history.slice(-1), registeredAt }, new Date(now), expireDays),
      source: s.source,
      lines: lines.filter((l) => l.shipment_id === s.id).map((l) => ({
        poLineId: l.po_line_id, orderLineId: l.order_line_id, title: l.title, supplierSku: l.supplier_sku, quantity: l.quantity,
      })),
      events: history,
      lastNewsAt,
      lastSyncedAt: s.last_synced_at === null ? null : iso(s.last_synced_at),
      handled: s.handled_at !== null && s.handled_by !== null ? { at: iso(s.handled_at), by: s.handled_by, note: s.handled_note ?? '' } : null,
      createdAt: iso(s.created_at),
    };
  });
}

export function notificationsOf(sql: Sql, orderId: number): NotificationView[] {
  return sql.all(sql.qb.selectFrom('customer_notifications')
    .innerJoin('outbox', 'outbox.notification_id', 'customer_notifications.id')
    .select(['customer_notifications.id', 'customer_notifications.kind', 'customer_notifications.shipment_id', 'customer_notifications.recipient',
      'customer_notifications.subject', 'customer_notifications.created_at', 'outbox.status', 'outbox.id as outbox_id', 'outbox.last_error'])
    .where('customer_notifications.order_id', '=', orderId).orderBy('customer_notifications.id'))
    .map((n) => ({
      id: n.id, kind: n.kind, shipmentId: n.shipment_id, recipient: n.recipient, subject: n.subject,
      delivery: n.status, outboxId: n.outbox_id, lastError: n.last_error, createdAt: iso(n.created_at),
    }));
}

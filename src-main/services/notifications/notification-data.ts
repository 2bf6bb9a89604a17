import type { NotificationKind } from '../../../src-shared/domain/notifications';
import type { DeskSettings } from '../../../src-shared/domain/settings';
import type { Sql } from '../../db/query';
import { HAND_EVENT_PREFIX_LIKE } from '../fulfillment/hand-events';
import type { CustomerEmailBranding, CustomerEmailData, CustomerEmailItem, CustomerEmailParcel } from './customer-email';

export interface NotificationSubject {
  orderId: number;
  kind: NotificationKind;
  /** The parcel the e-mail is about; null for order_confirmed. */
  shipmentId: number | null;
}

export function brandingOf(settings: DeskSettings): CustomerEmailBranding {
  return {
    shopName: settings.shopName, shopEmail: settings.shopEmail, accentColor: settings.emailAccentColor,
    logo: settings.emailLogo, signOff: settings.emailSignOff,
  };
}

/**
 * What the customer e-mail says, read from the order and its parcels: the parcel's items, the order's other
 * parcels, and what is not in any parcel yet (a split order says which parcel holds what).
 */
export function notificationData(sql: Sql, subject: NotificationSubject): { recipient: string; data: CustomerEmailData } | undefined {
  const order = sql.first(sql.qb.selectFrom('orders').select(['number', 'customer_name', 'customer_email']).where('id', '=', subject.orderId));
  if (!order) return undefined;
  const lines = sql.all(sql.qb.selectFrom('order_lines').select(['id', 'title', 'quantity']).where('order_id', '=', subject.orderId).orderBy('position'));
  const parcels = sql.all(sql.qb.selectFrom('shipments')
    .select(['id', 'carrier_name', 'tracking_number', 'tracking_url', 'status'])
    .where('order_id', '=', subject.orderId).orderBy('id'));
  const covered = sql.all(sql.qb.selectFrom('shipment_lines')
    .innerJoin('shipments', 'shipments.id', 'shipment_lines.shipment_id')
    .innerJoin('po_lines', 'po_lines.id', 'shipment_lines.po_line_id')
    .select(['shipment_lines.shipment_id', 'po_lines.order_line_id', 'shipment_lines.quantity'])
    .where('shipments.order_id', '=', subject.orderId));
  const titleOf = new Map(lines.map((line) => [line.id, line.title]));
  const inParcels = new Map<number, number>();
  const parcelOf = (id: number): CustomerEmailParcel | undefined => {
    const parcel = parcels.find((p) => p.id === id);
    if (!parcel) return undefined;
    const items = new Map<number, number>();
    for (const c of covered) if (c.shipment_id === id) items.set(c.order_line_id, (items.get(c.order_line_id) ?? 0) + c.quantity);
    return {
      carrierName: parcel.carrier_name, trackingNumber: parcel.tracking_number, trackingUrl: parcel.tracking_url,
      items: [...items].map(([lineId, quantity]) => ({ title: titleOf.get(lineId) ?? 'Item', quantity })),
    };
  };
  for (const c of covered) inParcels.set(c.order_line_id, (inParcels.get(c.order_line_id) ?? 0) + c.quantity);
  const stillToShip: CustomerEmailItem[] = lines
    .map((line) => ({ title: line.title, quantity: line.quantity - Math.min(line.quantity, inParcels.get(line.id) ?? 0) }))
    .filter((item) => item.quantity > 0);
  // The carrier's own words only: a status a person recorded by hand carries their note for colleagues
  // (shipments.ts recordStatusByHand), which is not for the customer.
  const latest = subject.shipmentId === null ? undefined : sql.first(sql.qb.selectFrom('tracking_events').select(['message', 'status'])
    .where('shipment_id', '=', subject.shipmentId).where('event_id', 'not like', HAND_EVENT_PREFIX_LIKE).orderBy('occurred_ms', 'desc').limit(1));
  const parcelStatus = parcels.find((p) => p.id === subject.shipmentId)?.status;
  return {
    recipient: order.customer_email,
    data: {
      kind: subject.kind,
      customerName: order.customer_name,
      orderNumber: order.number,
      items: lines.map((line) => ({ title: line.title, quantity: line.quantity })),
      parcel: subject.shipmentId === null ? null : parcelOf(subject.shipmentId) ?? null,
      otherParcels: parcels.filter((p) => p.id !== subject.shipmentId).map((p) => parcelOf(p.id)).filter((p): p is CustomerEmailParcel => p !== undefined),
      stillToShip,
      delay: subject.kind !== 'delayed' ? null
        : parcelStatus === 'exception' || parcelStatus === 'attempt_fail' ? parcelStatus : 'expired',
      carrierMessage: latest?.message ?? '',
    },
  };
}

import { CARRIER_NAMES, normalizeTrackingNumber, trackingUrlFor, type CarrierCode } from '../../../src-shared/domain/tracking/carriers';
import { detectCarrier } from '../../../src-shared/domain/tracking/detect-carrier';
import { derivedEventId } from '../../../src-shared/domain/tracking/events';
import { SHIPMENT_SOURCE_LABELS, type ShipmentSource } from '../../../src-shared/domain/shipments';
import { lineShipsOnThisPo, PARCEL_PO_STATUSES } from '../../../src-shared/domain/supplier-orders';
import type { ProcedureParsedInput } from '../../../src-shared/contract/procedures';
import type { Sql } from '../../db/query';
import { DeskError, notFound } from '../errors';
import { queueNotification } from '../notifications/queue-notification';
import { refreshStage } from '../orders/order-stage';
import { recordTimelineEvent } from '../timeline';
import { refreshFulfillment } from './fulfillment-state';
import { applyShipmentEvents } from './shipment-events';
import { movePo } from '../dispatch/po-state';
import { poRow } from '../dispatch/read-supplier-orders';
import { settleUnknownDelivery } from '../dispatch/supplier-answers';
import { HAND_EVENT_PREFIX } from './hand-events';
import { queueShopifyFulfillment } from '../shopify-sync/fulfillment-outbox';


/** As the shipments table allows: longer than any carrier's format. */
export const MAX_TRACKING_NUMBER_LENGTH = 64;

export interface NewShipment {
  poId: number;
  trackingNumber: string;
  /** Absent: detected from the number. */
  carrier?: CarrierCode | undefined;
  carrierName?: string;
  lines: { poLineId: number; quantity: number }[];
  source: ShipmentSource;
  supplierShipmentId?: string | null;
}

/**
 * Records a parcel of a supplier order, in the caller's transaction: its carrier (detected from the number
 * unless given), the PO lines it holds (never more than the PO still has to ship), the "shipped" e-mail to
 * the customer (once per parcel), and the order's roll-up. The same number on the same PO again is the same
 * parcel: a tracking file imported twice or a supplier API polled again gives `created: false`, and a person
 * typing it twice gets an error naming the field.
 */
export function addShipment(sql: Sql, input: NewShipment, actor: string, at: number): { shipmentId: number; created: boolean } {
  const trackingNumber = normalizeTrackingNumber(input.trackingNumber);
  if (trackingNumber === '') throw new DeskError('invalid_input', 'Enter the tracking number', 'trackingNumber');
  if (trackingNumber.length > MAX_TRACKING_NUMBER_LENGTH) {
    throw new DeskError('invalid_input', `Tracking number ${trackingNumber.slice(0, 20)}… is too long (${MAX_TRACKING_NUMBER_LENGTH} characters at most)`, 'trackingNumber');
  }
  const po = sql.first(sql.qb.selectFrom('purchase_orders').select(['id', 'order_id', 'number', 'status']).where('id', '=', input.poId));
  if (!po) throw notFound(`Supplier order ${input.poId}`);
  const existing = sql.first(sql.qb.selectFrom('shipments').select('id').where('po_id', '=', po.id).where('tracking_number', '=', trackingNumber));
  if (existing) {
    if (input.source === 'hand') throw new DeskError('conflict', `Parcel ${trackingNumber} is already recorded on ${po.number}.`, 'trackingNumber');
    return { shipmentId: existing.id, created: false };
  }
  if (!PARCEL_PO_STATUSES.includes(po.status)) {
    throw new DeskError('invalid_state', `${po.number} has not reached its supplier (${po.status.replace('_', ' ')}): it cannot have parcels yet.`, 'poId');
  }
  const detected = detectCarrier(trackingNumber);
  const carrier: CarrierCode | undefined = input.carrier ?? (detected.kind === 'detected' ? detected.carrier : undefined);
  if (!carrier) throw new DeskError('invalid_input', 'The tracking number’s format is not one the desk recognises: choose the carrier', 'carrier');
  const carrierName = carrier === 'other' ? (input.carrierName ?? '').trim() : detected.kind === 'detected' && detected.carrier === carrier ? detected.name : CARRIER_NAMES[carrier];
  if (carrierName === '') throw new DeskError('invalid_input', 'Enter the carrier’s name', 'carrierName');
  checkLines(sql, po.id, input.lines);
  // A parcel is the supplier's answer to "did the PO arrive?": a send that ended unknown is settled as sent, so
  // nobody is asked to decide on (or resend) an order the supplier is already shipping.
  if (po.status === 'unknown') {
    settleUnknownDelivery(sql, po.id, at, 'The supplier shipped it: it arrived');
    movePo(sql, poRow(sql, po.id), { to: 'sent', actor, at, reason: 'The supplier shipped it, so it arrived', set: { sent_at: at } });
  }

  const inserted = sql.first(sql.qb.insertInto('shipments').values({
    po_id: po.id, order_id: po.order_id, carrier, carrier_name: carrierName.slice(0, 80), tracking_number: trackingNumber,
    tracking_url: trackingUrlFor(carrier, trackingNumber), source: input.source, supplier_shipment_id: input.supplierShipmentId ?? null,
    status: 'pending', registered_at: at, created_at: at, updated_at: at,
  }).returning('id'));
  if (!inserted) throw new Error('The shipment insert returned no row');
  for (const line of input.lines) {
    sql.run(sql.qb.insertInto('shipment_lines').values({ shipment_id: inserted.id, po_line_id: line.poLineId, quantity: line.quantity }));
  }
  recordTimelineEvent(sql, {
    orderId: po.order_id, at, actor, kind: 'shipment.added',
    message: `Parcel ${trackingNumber} (${carrierName}) for ${po.number}: ${SHIPMENT_SOURCE_LABELS[input.source].toLowerCase()}`,
  });
  queueNotification(sql, { orderId: po.order_id, kind: 'shipped', shipmentId: inserted.id }, at);
  // Every source of parcels (by hand, a tracking file, a supplier's API) comes through here.
  queueShopifyFulfillment(sql, po.order_id, inserted.id, at);
  refreshFulfillment(sql, po.order_id, at);
  return { shipmentId: inserted.id, created: true };
}

/** Per PO line, how many pieces are already in this PO's parcels. */
export function quantitiesInParcels(sql: Sql, poId: number): Map<number, number> {
  return new Map(sql.all(sql.qb.selectFrom('shipment_lines').innerJoin('shipments', 'shipments.id', 'shipment_lines.shipment_id')
    .select(['shipment_lines.po_line_id', (eb) => eb.fn.sum<number>('shipment_lines.quantity').as('quantity')])
    .where('shipments.po_id', '=', poId).groupBy('shipment_lines.po_line_id')).map((row) => [row.po_line_id, Number(row.quantity)]));
}

/**
 * What a parcel holds when its source does not say (a tracking file without SKUs, a supplier API without
 * contents): everything the PO still has to ship.
 */
export function stillToShip(sql: Sql, poId: number): NewShipment['lines'] {
  const inParcels = quantitiesInParcels(sql, poId);
  return sql.all(sql.qb.selectFrom('po_lines').select(['id', 'quantity', 'status']).where('po_id', '=', poId).orderBy('position'))
    .filter((line) => lineShipsOnThisPo(line.status))
    .map((line) => ({ poLineId: line.id, quantity: line.quantity - (inParcels.get(line.id) ?? 0) }))
    .filter((line) => line.quantity > 0);
}

/** Every line must be on the PO, one the supplier ships, and fit what is not in a parcel yet. */
function checkLines(sql: Sql, poId: number, lines: NewShipment['lines']): void {
  if (lines.length === 0) throw new DeskError('invalid_input', 'Choose at least one item that is in the parcel', 'lines');
  const poLines = sql.all(sql.qb.selectFrom('po_lines').select(['id', 'title', 'quantity', 'status']).where('po_id', '=', poId));
  const inParcels = quantitiesInParcels(sql, poId);
  const seen = new Set<number>();
  lines.forEach((line, index) => {
    const poLine = poLines.find((candidate) => candidate.id === line.poLineId);
    if (!poLine) throw new DeskError('invalid_input', `Line ${line.poLineId} is not on this supplier order`, `lines.${index}.poLineId`);
    if (seen.has(line.poLineId)) throw new DeskError('invalid_input', `“${poLine.title}” is listed twice`, `lines.${index}.poLineId`);
    seen.add(line.poLineId);
    if (!lineShipsOnThisPo(poLine.status)) {
      throw new DeskError('invalid_input', `“${poLine.title}” was ${poLine.status} by this supplier: it cannot be in their parcel`, `lines.${index}.poLineId`);
    }
    const remaining = poLine.quantity - (inParcels.get(poLine.id) ?? 0);
    if (line.quantity > remaining) {
      throw new DeskError('invalid_input', remaining === 0
        ? `Every “${poLine.title}” is already in a parcel`
        : `Only ${remaining} of “${poLine.title}” are not in a parcel yet`, `lines.${index}.quantity`);
    }
  });
}

export function addShipmentByHand(sql: Sql, input: ProcedureParsedInput<'shipments.add'>, actor: string, at: number): number {
  return sql.transaction(() => {
    const { shipmentId } = addShipment(sql, { ...input, source: 'hand' }, actor, at);
    return orderOfShipment(sql, shipmentId);
  });
}

export function orderOfShipment(sql: Sql, shipmentId: number): number {
  const row = sql.first(sql.qb.selectFrom('shipments').select('order_id').where('id', '=', shipmentId));
  if (!row) throw notFound(`Parcel ${shipmentId}`);
  return row.order_id;
}

/** What the carrier said, typed by a person (a shop with no tracking service, a carrier it does not cover). */
export function recordStatusByHand(sql: Sql, input: ProcedureParsedInput<'shipments.recordStatus'>, actor: string, at: number): number {
  return sql.transaction(() => {
    const orderId = orderOfShipment(sql, input.shipmentId);
    const occurredAt = new Date(at).toISOString();
    const location = `entered by ${actor}`;
    applyShipmentEvents(sql, input.shipmentId, [{
      id: `${HAND_EVENT_PREFIX}${derivedEventId({ occurredAt, status: input.status, location })}`, occurredAt, status: input.status,
      message: input.note || 'Recorded by hand', location,
    }], actor, at);
    return orderId;
  });
}

/** A person dealt with a parcel's trouble: it leaves the exceptions inbox until its status changes again. */
export function markShipmentHandled(sql: Sql, input: ProcedureParsedInput<'shipments.markHandled'>, actor: string, at: number): number {
  return sql.transaction(() => {
    const shipment = sql.first(sql.qb.selectFrom('shipments').select(['order_id', 'tracking_number']).where('id', '=', input.shipmentId));
    if (!shipment) throw notFound(`Parcel ${input.shipmentId}`);
    sql.run(sql.qb.updateTable('shipments').set({ handled_at: at, handled_by: actor, handled_note: input.note, updated_at: at }).where('id', '=', input.shipmentId));
    recordTimelineEvent(sql, {
      orderId: shipment.order_id, at, actor, kind: 'shipment.handled', message: `Parcel ${shipment.tracking_number}: marked as handled`, reason: input.note,
    });
    refreshStage(sql, shipment.order_id);
    return shipment.order_id;
  });
}

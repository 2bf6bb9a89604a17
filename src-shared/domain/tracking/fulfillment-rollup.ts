/**
 * The customer order's fulfillment_status, rolled up from its supplier orders and their shipments.
 *
 * Counted per *order line*, not per PO line, because the customer bought order lines: a line is fulfilled
 * when its whole quantity is in shipments, whichever POs they came from.
 * Decisions a shop owner would expect:
 * - Rerouted PO lines need no special case: the replacement PO's line points at the same order line, and
 *   its shipments count for it.
 * - Rejected (and backordered) PO lines do NOT shrink what must ship. The customer still expects the item;
 *   until a person reroutes it or removes it from the order, the order is at most partially fulfilled. Treating
 *   a rejection as "nothing to ship" would show a customer's order as fulfilled or delivered with an item missing.
 * - A shipment counts as shipped as soon as the supplier gives its tracking number, whatever the carrier says
 *   yet (as Shopify's "fulfilled"): a shop without a tracking service must still see its orders fulfilled, and
 *   a label that never gets scanned is caught by expiry in the exceptions inbox rather than by holding the order
 *   back. Delivered waits for the carrier.
 * - Delivered needs everything shipped and every shipped piece delivered; extra pieces shipped beyond the
 *   ordered quantity are capped and do not stand in for another line.
 * - `returned` is never produced here: returns are their own flow, and the caller keeps it once set.
 */
import type { FulfillmentStatus } from '../order-status';
import type { PoLineStatus, PoStatus } from '../supplier-orders';
import type { TrackingStatus } from './statuses';

export interface RollupOrderLine {
  id: number;
  quantity: number;
}

export interface RollupSupplierOrder {
  id: number;
  status: PoStatus;
  lines: { id: number; orderLineId: number; quantity: number; status: PoLineStatus }[];
}

export interface RollupShipment {
  id: number;
  /** The effective status (expiry applied). */
  status: TrackingStatus;
  lines: { poLineId: number; quantity: number }[];
}

export interface RollupInput {
  orderLines: readonly RollupOrderLine[];
  supplierOrders: readonly RollupSupplierOrder[];
  shipments: readonly RollupShipment[];
}

/**
 * A PO counts as "out" (in_progress) once it has left the desk's hands. One on hold (its send failed) still
 * holds its lines: it goes again after a person's retry, so the order must not look unfulfilled (its lines
 * could otherwise be moved to another supplier and ordered twice).
 */
const PO_STATUSES_NOT_OUT: readonly PoStatus[] = ['draft', 'rejected', 'cancelled'];

export interface LineFulfillment {
  orderLineId: number;
  ordered: number;
  /** Quantity in shipments (capped at ordered). */
  shipped: number;
  /** Quantity in delivered shipments (capped at ordered). */
  delivered: number;
}

/** Per order line: how much has left and how much has arrived. */
export function lineFulfillment(input: RollupInput): LineFulfillment[] {
  const orderLineOfPoLine = new Map<number, number>();
  for (const po of input.supplierOrders) for (const line of po.lines) orderLineOfPoLine.set(line.id, line.orderLineId);
  const shipped = new Map<number, number>();
  const delivered = new Map<number, number>();
  for (const shipment of input.shipments) {
    for (const covered of shipment.lines) {
      const orderLineId = orderLineOfPoLine.get(covered.poLineId);
      if (orderLineId === undefined) throw new Error(`Shipment ${shipment.id} covers PO line ${covered.poLineId}, which is not on this order`);
      shipped.set(orderLineId, (shipped.get(orderLineId) ?? 0) + covered.quantity);
      if (shipment.status === 'delivered') delivered.set(orderLineId, (delivered.get(orderLineId) ?? 0) + covered.quantity);
    }
  }
  return input.orderLines.map((line) => ({
    orderLineId: line.id,
    ordered: line.quantity,
    shipped: Math.min(line.quantity, shipped.get(line.id) ?? 0),
    delivered: Math.min(line.quantity, delivered.get(line.id) ?? 0),
  }));
}

export function rollUpFulfillment(input: RollupInput): Exclude<FulfillmentStatus, 'returned'> {
  const lines = lineFulfillment(input).filter((line) => line.ordered > 0);
  const anyShipped = lines.some((line) => line.shipped > 0);
  const allShipped = lines.length > 0 && lines.every((line) => line.shipped === line.ordered);
  if (allShipped) return lines.every((line) => line.delivered === line.ordered) ? 'delivered' : 'fulfilled';
  if (anyShipped) return 'partially_fulfilled';
  const anyPoOut = input.supplierOrders.some((po) => !PO_STATUSES_NOT_OUT.includes(po.status));
  return anyPoOut || input.shipments.length > 0 ? 'in_progress' : 'unfulfilled';
}

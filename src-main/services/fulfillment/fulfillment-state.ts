import { rollUpFulfillment } from '../../../src-shared/domain/tracking/fulfillment-rollup';
import type { TrackingStatus } from '../../../src-shared/domain/tracking/statuses';
import { canMovePo, lineShipsOnThisPo, type PoLineStatus, type PoStatus } from '../../../src-shared/domain/supplier-orders';
import type { Sql } from '../../db/query';
import { refreshStage } from '../orders/order-stage';
import { recordTimelineEvent } from '../timeline';
import { queueNotification } from '../notifications/queue-notification';

/** The desk's own name on the timeline for what follows from tracking. */
export const TRACKING_ACTOR = 'desk (tracking)';

/** PO statuses whose shipping state follows from their parcels. */
const SHIPPING_PO_STATUSES: readonly PoStatus[] = ['sent', 'acknowledged', 'partially_shipped', 'shipped', 'cancel_rejected'];

interface OrderFacts {
  orderLines: { id: number; quantity: number }[];
  pos: { id: number; number: string; status: PoStatus }[];
  poLines: { id: number; po_id: number; order_line_id: number; quantity: number; status: PoLineStatus }[];
  shipments: { id: number; po_id: number; status: TrackingStatus }[];
  shipmentLines: { shipment_id: number; po_line_id: number; quantity: number }[];
}

function readFacts(sql: Sql, orderId: number): OrderFacts {
  return {
    orderLines: sql.all(sql.qb.selectFrom('order_lines').select(['id', 'quantity']).where('order_id', '=', orderId)),
    pos: sql.all(sql.qb.selectFrom('purchase_orders').select(['id', 'number', 'status']).where('order_id', '=', orderId)),
    poLines: sql.all(sql.qb.selectFrom('po_lines').innerJoin('purchase_orders', 'purchase_orders.id', 'po_lines.po_id')
      .select(['po_lines.id', 'po_lines.po_id', 'po_lines.order_line_id', 'po_lines.quantity', 'po_lines.status'])
      .where('purchase_orders.order_id', '=', orderId)),
    shipments: sql.all(sql.qb.selectFrom('shipments').select(['id', 'po_id', 'status']).where('order_id', '=', orderId)),
    shipmentLines: sql.all(sql.qb.selectFrom('shipment_lines').innerJoin('shipments', 'shipments.id', 'shipment_lines.shipment_id')
      .select(['shipment_lines.shipment_id', 'shipment_lines.po_line_id', 'shipment_lines.quantity'])
      .where('shipments.order_id', '=', orderId)),
  };
}

/**
 * What the PO's parcels say the supplier has done: every line it will ship is in parcels (shipped), and all
 * those parcels are delivered (delivered); some (partially_shipped); none (undefined: leave the PO alone).
 */
function poShippingStatus(facts: OrderFacts, poId: number): PoStatus | undefined {
  const lines = facts.poLines.filter((line) => line.po_id === poId && lineShipsOnThisPo(line.status));
  const parcels = facts.shipments.filter((shipment) => shipment.po_id === poId);
  if (lines.length === 0 || parcels.length === 0) return undefined;
  const delivered = new Set(parcels.filter((p) => p.status === 'delivered').map((p) => p.id));
  const ofPo = new Set(parcels.map((p) => p.id));
  const inParcels = new Map<number, number>();
  for (const covered of facts.shipmentLines) {
    if (ofPo.has(covered.shipment_id)) inParcels.set(covered.po_line_id, (inParcels.get(covered.po_line_id) ?? 0) + covered.quantity);
  }
  const allShipped = lines.every((line) => (inParcels.get(line.id) ?? 0) >= line.quantity);
  if (!allShipped) return 'partially_shipped';
  return parcels.every((p) => delivered.has(p.id)) ? 'delivered' : 'shipped';
}

/**
 * After any change to an order's supplier orders or parcels, inside the same transaction: each PO's shipping
 * status follows its parcels (forward only, by the PO machine), the order's fulfillment axis rolls up from
 * every PO and parcel (src-shared/domain/tracking/fulfillment-rollup.ts), the first time the order's POs go
 * out the customer is told the order is confirmed, and the stage follows.
 */
export function refreshFulfillment(sql: Sql, orderId: number, at: number): void {
  const order = sql.first(sql.qb.selectFrom('orders').select(['fulfillment_status', 'cancelled_at']).where('id', '=', orderId));
  if (!order) throw new Error(`Order ${orderId} vanished inside its own transaction`);
  const facts = readFacts(sql, orderId);
  for (const po of facts.pos) {
    if (!SHIPPING_PO_STATUSES.includes(po.status)) continue;
    const target = poShippingStatus(facts, po.id);
    if (!target || target === po.status) continue;
    // Through the machine's steps: parcels delivered before the PO showed them shipped go shipped → delivered.
    for (const step of target === 'delivered' ? ['shipped', 'delivered'] as const : [target]) {
      if (po.status === step || !canMovePo(po.status, step)) continue;
      sql.run(sql.qb.updateTable('purchase_orders').set({ status: step, status_reason: null, updated_at: at }).where('id', '=', po.id));
      recordTimelineEvent(sql, { orderId, at, actor: TRACKING_ACTOR, kind: `po.${step}`, message: `Supplier order ${po.number}: ${step.replace('_', ' ')}` });
      po.status = step;
    }
  }
  // A returned order stays returned: returns are their own flow.
  if (order.fulfillment_status !== 'returned') {
    const status = rollUpFulfillment({
      orderLines: facts.orderLines,
      supplierOrders: facts.pos.map((po) => ({
        id: po.id, status: po.status,
        lines: facts.poLines.filter((line) => line.po_id === po.id)
          .map((line) => ({ id: line.id, orderLineId: line.order_line_id, quantity: line.quantity, status: line.status })),
      })),
      shipments: facts.shipments.map((shipment) => ({
        id: shipment.id, status: shipment.status,
        lines: facts.shipmentLines.filter((line) => line.shipment_id === shipment.id).map((line) => ({ poLineId: line.po_line_id, quantity: line.quantity })),
      })),
    });
    if (status !== order.fulfillment_status) {
      sql.run(sql.qb.updateTable('orders').set({ fulfillment_status: status, updated_at: at }).where('id', '=', orderId));
      if (order.fulfillment_status === 'unfulfilled' && order.cancelled_at === null) queueNotification(sql, { orderId, kind: 'order_confirmed', shipmentId: null }, at);
    }
  }
  refreshStage(sql, orderId);
}

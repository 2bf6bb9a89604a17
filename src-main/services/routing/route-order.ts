import { chooseSupplier, type RoutingOffer } from '../../../src-shared/domain/routing';
import type { ProcedureParsedInput } from '../../../src-shared/contract/procedures';
import type { OrderDetail } from '../../../src-shared/domain/order';
import type { Sql } from '../../db/query';
import type { Actor, ServiceDeps } from '../context';
import { DeskError, notFound } from '../errors';
import { placeHold, releaseHold } from '../orders/holds';
import { refreshStage } from '../orders/order-stage';
import { getOrder } from '../orders/read-orders';
import { recordTimelineEvent } from '../timeline';
import { runVerification } from '../verification/run-verification';
import { syncAnswerHolds } from '../dispatch/supplier-answers';

export const FREE_TEXT_REASON = 'Free-text line: not in the catalog, so choose its supplier by hand';

function offersFor(sql: Sql, variantId: number): RoutingOffer[] {
  return sql.all(sql.qb.selectFrom('supplier_offers').innerJoin('suppliers', 'suppliers.id', 'supplier_offers.supplier_id')
    .select(['supplier_offers.supplier_id', 'suppliers.name', 'supplier_offers.priority', 'supplier_offers.stock', 'suppliers.ships_to', 'suppliers.status'])
    .where('supplier_offers.variant_id', '=', variantId))
    .map((o) => ({
      supplierId: o.supplier_id, supplierName: o.name, priority: o.priority, stock: o.stock,
      shipsTo: JSON.parse(o.ships_to) as string[], active: o.status === 'active',
    }));
}

/** Keeps the out-of-stock hold in step with the lines: placed while a catalog line has no supplier, released when none is left. */
function syncStockHold(sql: Sql, orderId: number, actor: string, at: number): void {
  const unserved = sql.all(sql.qb.selectFrom('order_lines').select(['position', 'title'])
    .where('order_id', '=', orderId).where('variant_id', 'is not', null).where('supplier_id', 'is', null).orderBy('position'));
  if (unserved.length > 0) {
    placeHold(sql, orderId, 'INVENTORY_OUT_OF_STOCK', `No supplier can serve: ${unserved.map((l) => `line ${l.position + 1} (${l.title})`).join(', ')}`, actor, at);
  } else {
    releaseHold(sql, orderId, 'INVENTORY_OUT_OF_STOCK', 'Every catalog line has a supplier now', actor, at);
  }
}

/**
 * Chooses a supplier for every catalog line of an order (DOMAIN.md routing), inside the caller's
 * transaction: the choice and its reason on each line, one timeline event, the stock hold kept in step.
 */
export function routeOrder(sql: Sql, orderId: number, actor: string, at: number): void {
  const order = sql.first(sql.qb.selectFrom('orders').select(['ship_country']).where('id', '=', orderId));
  if (!order) throw notFound(`Order ${orderId}`);
  const lines = sql.all(sql.qb.selectFrom('order_lines').select(['id', 'position', 'quantity', 'variant_id']).where('order_id', '=', orderId).orderBy('position'));
  const summary: string[] = [];
  for (const line of lines) {
    const decision = line.variant_id === null
      ? { supplierId: null, reason: FREE_TEXT_REASON }
      : chooseSupplier(line.quantity, order.ship_country, offersFor(sql, line.variant_id));
    sql.run(sql.qb.updateTable('order_lines').set({ supplier_id: decision.supplierId, routing_reason: decision.reason }).where('id', '=', line.id));
    if (line.variant_id !== null) summary.push(`line ${line.position + 1}: ${decision.reason}`);
  }
  if (summary.length > 0) recordTimelineEvent(sql, { orderId, at, actor, kind: 'order.routed', message: 'Suppliers chosen for the catalog lines', reason: summary.join('\n') });
  syncStockHold(sql, orderId, actor, at);
  refreshStage(sql, orderId);
}

/** A person overrides routing for one line; the reason is kept on the line and the timeline. */
export function setLineSupplier(deps: ServiceDeps, input: ProcedureParsedInput<'orders.setLineSupplier'>, actor: Actor): OrderDetail {
  const { sql } = deps;
  const at = deps.now();
  sql.transaction(() => {
    const order = sql.first(sql.qb.selectFrom('orders').select(['number', 'cancelled_at', 'fulfillment_status', 'verified_at']).where('id', '=', input.orderId));
    if (!order) throw notFound(`Order ${input.orderId}`);
    if (order.cancelled_at !== null) throw new DeskError('invalid_state', `Order ${order.number} is cancelled.`);
    if (order.fulfillment_status !== 'unfulfilled') throw new DeskError('invalid_state', `Order ${order.number} has already gone to its suppliers; its lines can no longer be moved.`);
    const line = sql.first(sql.qb.selectFrom('order_lines').select(['position', 'title']).where('id', '=', input.lineId).where('order_id', '=', input.orderId));
    if (!line) throw new DeskError('not_found', `Line ${input.lineId} is not part of order ${order.number}.`, 'lineId');
    const supplier = sql.first(sql.qb.selectFrom('suppliers').select('name').where('id', '=', input.supplierId));
    if (!supplier) throw new DeskError('not_found', `Supplier ${input.supplierId} was not found.`, 'supplierId');
    sql.run(sql.qb.updateTable('order_lines').set({ supplier_id: input.supplierId, routing_reason: `Chosen by ${actor.name}: ${input.reason}` }).where('id', '=', input.lineId));
    // A supplier that rejected this line lets go of it: the next purchase order goes to the one chosen now.
    const released = sql.run(sql.qb.updateTable('po_lines').set({ status: 'rerouted' }).where('order_line_id', '=', input.lineId).where('status', '=', 'rejected'));
    if (released.changes > 0) syncAnswerHolds(sql, input.orderId, actor.name, at);
    recordTimelineEvent(sql, {
      orderId: input.orderId, at, actor: actor.name, kind: 'order.line_supplier_changed',
      message: `Line ${line.position + 1} (${line.title}) goes to ${supplier.name}`, reason: input.reason,
    });
    syncStockHold(sql, input.orderId, actor.name, at);
    // The stock check looks at the lines' suppliers: a checked order is checked again with the new one.
    if (order.verified_at !== null) runVerification(sql, input.orderId, actor.name, at);
    else refreshStage(sql, input.orderId);
  });
  return getOrder(deps, input.orderId);
}

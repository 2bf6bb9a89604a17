import { chooseSupplier } from '../../../src-shared/domain/routing';
import type { ProcedureParsedInput } from '../../../src-shared/contract/procedures';
import { SupplierOrderError } from '../../adapters/supplier-orders-http';
import type { Logger } from '../../core/logger';
import type { Sql } from '../../db/query';
import type { Actor } from '../context';
import { DeskError } from '../errors';
import { recordTimelineEvent } from '../timeline';
import { movePo } from './po-state';
import { prepareDrafts } from './prepare-supplier-orders';
import { poLines, poOutboxRow, poRow, type PoRow } from './read-supplier-orders';
import type { DispatchDeps } from './send-supplier-orders';
import { applyApiOrder, settleUnknownDelivery, syncAnswerHolds } from './supplier-answers';
import { supplierApiAccess, type SupplierChannels } from './supplier-outbox';

/**
 * An e-mail PO whose send ended unknown: a person either sends it again (the same Message-ID and PO number,
 * marked "[Possible duplicate]") or records that it arrived. Never resent without this decision.
 */
export function resolveUnknownPo(deps: DispatchDeps, input: ProcedureParsedInput<'supplierOrders.resolveUnknown'>, actor: Actor): number {
  const { sql } = deps;
  const at = deps.now();
  return sql.transaction(() => {
    const po = poRow(sql, input.poId);
    if (po.status !== 'unknown') throw new DeskError('invalid_state', `Supplier order ${po.number} is ${po.status.replaceAll('_', ' ')}, not waiting for this decision.`);
    const row = poOutboxRow(sql, po.id);
    if (input.decision === 'mark_sent') {
      settleUnknownDelivery(sql, po.id, at, `Marked as sent by ${actor.name}`);
      movePo(sql, po, { to: 'sent', actor: actor.name, at, reason: input.note, set: { sent_at: at } });
    } else {
      if (!row) throw new DeskError('invalid_state', `Supplier order ${po.number} has nothing to send again.`);
      sql.run(sql.qb.updateTable('outbox').set({ status: 'pending', attempts: 0, next_attempt_at: at, updated_at: at, last_error: `Sent again by ${actor.name}, marked as a possible duplicate` })
        .where('id', '=', row.id));
      movePo(sql, po, { to: 'queued', actor: actor.name, at, reason: input.note, set: { possible_duplicate: 1 } });
    }
    return po.order_id;
  });
}

/** A person retries a PO's dead or unknown delivery through outbox.retry: the PO goes back to the queue with it. */
export function requeuePo(sql: Sql, poId: number, actor: string, at: number): void {
  const po = poRow(sql, poId);
  if (po.status === 'on_hold' || po.status === 'unknown') {
    movePo(sql, po, { to: 'queued', actor, at, set: po.status === 'unknown' ? { possible_duplicate: 1 } : {} });
  }
}

/**
 * Moves a PO's rejected and backordered lines to the next supplier that can serve them (never one that
 * already said no to that line) as new draft POs, ready to preview and send. A backordered line is
 * withdrawn from its supplier: the timeline says to tell them.
 */
export function reroutePo(deps: DispatchDeps, poId: number, actor: Actor): number {
  const { sql } = deps;
  const at = deps.now();
  return sql.transaction(() => {
    const po = poRow(sql, poId);
    const lines = poLines(sql, po.id).filter((l) => l.status === 'rejected' || l.status === 'backordered');
    if (lines.length === 0) throw new DeskError('invalid_state', `Supplier order ${po.number} has no rejected or backordered line to move.`);
    const order = sql.first(sql.qb.selectFrom('orders').select(['ship_country', 'number']).where('id', '=', po.order_id));
    const moved: string[] = [];
    const stuck: string[] = [];
    for (const line of lines) {
      const orderLine = sql.first(sql.qb.selectFrom('order_lines').select(['id', 'variant_id', 'quantity', 'title']).where('id', '=', line.order_line_id));
      if (!orderLine || orderLine.variant_id === null) {
        stuck.push(`${line.title} (not in the catalog)`);
        continue;
      }
      const refused = new Set(sql.all(sql.qb.selectFrom('po_lines').innerJoin('purchase_orders', 'purchase_orders.id', 'po_lines.po_id')
        .select('purchase_orders.supplier_id').where('po_lines.order_line_id', '=', line.order_line_id)).map((r) => r.supplier_id));
      const offers = sql.all(sql.qb.selectFrom('supplier_offers').innerJoin('suppliers', 'suppliers.id', 'supplier_offers.supplier_id')
        .select(['supplier_offers.supplier_id', 'suppliers.name', 'supplier_offers.priority', 'supplier_offers.stock', 'suppliers.ships_to', 'suppliers.status'])
        .where('supplier_offers.variant_id', '=', orderLine.variant_id))
        .filter((o) => !refused.has(o.supplier_id))
        .map((o) => ({ supplierId: o.supplier_id, supplierName: o.name, priority: o.priority, stock: o.stock, shipsTo: JSON.parse(o.ships_to) as string[], active: o.status === 'active' }));
      const decision = chooseSupplier(orderLine.quantity, order?.ship_country ?? '', offers);
      if (decision.supplierId === null) {
        stuck.push(`${line.title} (${offers.length === 0 ? 'no other supplier offers it' : decision.reason})`);
        continue;
      }
      sql.run(sql.qb.updateTable('order_lines').set({ supplier_id: decision.supplierId, routing_reason: `Moved from ${po.number} by ${actor.name}: ${decision.reason}` }).where('id', '=', orderLine.id));
      sql.run(sql.qb.updateTable('po_lines').set({ status: 'rerouted', note: line.status === 'backordered' ? `Withdrawn (was backordered until ${line.expected_date}); tell the supplier` : line.note })
        .where('id', '=', line.id));
      moved.push(`${line.title} → ${decision.reason}`);
    }
    if (moved.length === 0) throw new DeskError('invalid_state', `No other supplier can take these lines: ${stuck.join('; ')}. Release the hold with a note and refund or cancel them.`);
    const withdrawn = lines.some((l) => l.status === 'backordered');
    recordTimelineEvent(sql, {
      orderId: po.order_id, at, actor: actor.name, kind: 'po.rerouted',
      message: `Lines moved off ${po.number}${withdrawn ? ` (tell the supplier the backordered lines are withdrawn)` : ''}`,
      reason: [...moved, ...stuck.map((s) => `not moved: ${s}`)].join('\n'),
    });
    prepareDrafts(sql, po.order_id, actor.name, at);
    syncAnswerHolds(sql, po.order_id, actor.name, at);
    return po.order_id;
  });
}

/**
 * POs an API supplier may still have news about: sent and not answered, answered with backorders still
 * pending, or acknowledged and not fully shipped (its parcels come from the same order resource).
 */
function posToCheck(sql: Sql, poId?: number): PoRow[] {
  let query = sql.qb.selectFrom('purchase_orders').selectAll().where('channel', '=', 'api').where('supplier_order_id', 'is not', null);
  // A backorder is not the last word: the supplier may move its date, confirm it or reject it later.
  query = poId === undefined
    ? query.where((eb) => eb.or([
      eb('status', 'in', ['sent', 'partially_shipped', 'cancel_rejected']),
      eb.and([
        eb('status', '=', 'acknowledged'),
        eb.exists(eb.selectFrom('po_lines').select('po_lines.id').whereRef('po_lines.po_id', '=', 'purchase_orders.id').where('po_lines.status', '=', 'confirmed')),
      ]),
      eb.and([
        eb('status', '=', 'acknowledged'),
        eb.exists(eb.selectFrom('po_lines').select('po_lines.id').whereRef('po_lines.po_id', '=', 'purchase_orders.id').where('po_lines.status', '=', 'backordered')),
      ]),
    ]))
    : query.where('id', '=', poId);
  return sql.all(query.orderBy('id'));
}

/**
 * Asks the supplier APIs about POs waiting for an answer (the desk cannot receive webhooks). Reads are not
 * side effects, so they do not go through the outbox; a failure is logged and the next round tries again.
 * With `poId`, that PO only, and a failure is thrown for the person who asked.
 */
export async function checkSupplierOrders(deps: DispatchDeps, channels: SupplierChannels, logger: Logger, poId?: number): Promise<number[]> {
  const { sql } = deps;
  const pos = posToCheck(sql, poId);
  if (poId !== undefined && pos.length === 0) {
    const po = poRow(sql, poId);
    throw new DeskError('invalid_state', po.channel === 'email'
      ? `${po.number} went by e-mail: record the supplier's answer by hand.`
      : `${po.number} has not reached the supplier yet; it is checked once it has.`);
  }
  const touched: number[] = [];
  for (const po of pos) {
    const access = supplierApiAccess(deps, po.supplier_id);
    try {
      if ('missing' in access) throw new SupplierOrderError({ retry: false, message: `${access.missing}.` });
      const remote = await channels.ordersClient(access.baseUrl, access.apiKey).get(po.supplier_order_id!);
      const problems = sql.transaction(() => applyApiOrder(sql, po.id, remote, deps.now()));
      for (const problem of problems) logger.warn(`${po.number}: ${problem}`);
      touched.push(po.order_id);
    } catch (error) {
      if (!(error instanceof SupplierOrderError)) throw error;
      if (poId !== undefined) throw new DeskError('unavailable', error.failure.message);
      logger.warn(`checking ${po.number} at ${'name' in access ? access.name : 'its supplier'} failed: ${error.failure.message}`);
    }
  }
  return touched;
}

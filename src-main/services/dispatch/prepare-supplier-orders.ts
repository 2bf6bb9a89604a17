import { PAID_ENOUGH_TO_SEND } from '../../../src-shared/domain/stage';
import { formatPoNumber } from '../../../src-shared/domain/supplier-orders';
import type { Sql } from '../../db/query';
import { DeskError, notFound } from '../errors';
import { recordTimelineEvent } from '../timeline';
import { verificationPassed } from '../verification/verification-state';
import type { PoRow } from './read-supplier-orders';

/** Order lines already spoken for by a PO (a draft, one with the supplier, or one the supplier refused and nobody moved yet). */
function linesInPos(sql: Sql, orderId: number): Set<number> {
  return new Set(sql.all(sql.qb.selectFrom('po_lines').innerJoin('purchase_orders', 'purchase_orders.id', 'po_lines.po_id')
    .select('po_lines.order_line_id')
    .where('purchase_orders.order_id', '=', orderId)
    .where('purchase_orders.status', '!=', 'cancelled')
    // A rejected line stays with its PO until it is moved (reroute, or a person choosing another supplier).
    .where('po_lines.status', '!=', 'rerouted')).map((row) => row.order_line_id));
}

interface DraftLine { orderLineId: number; supplierSku: string; title: string; quantity: number; unitCost: number; currency: string }

/**
 * Splits the order's lines that no PO holds yet into one DRAFT PO per routed supplier, inside the caller's
 * transaction. Drafts never left the desk, so earlier drafts are replaced (routing may have changed);
 * their numbers are reused, which keeps numbers unique and stable from the first send on.
 * Returns the drafts made.
 */
export function prepareDrafts(sql: Sql, orderId: number, actor: string, at: number): PoRow[] {
  const order = sql.first(sql.qb.selectFrom('orders')
    .select(['id', 'number', 'submitted_at', 'cancelled_at', 'notes', 'customer_name', 'customer_email', 'customer_phone',
      'ship_line1', 'ship_line2', 'ship_city', 'ship_region', 'ship_postcode', 'ship_country'])
    .where('id', '=', orderId));
  if (!order) throw notFound(`Order ${orderId}`);
  if (order.cancelled_at !== null) throw new DeskError('invalid_state', `Order ${order.number} is cancelled; nothing goes to suppliers.`);
  if (order.submitted_at === null) throw new DeskError('invalid_state', `Order ${order.number} is still a draft; submit it first.`);

  sql.run(sql.qb.deleteFrom('purchase_orders').where('order_id', '=', orderId).where('status', '=', 'draft'));
  const held = linesInPos(sql, orderId);
  const lines = sql.all(sql.qb.selectFrom('order_lines')
    .leftJoin('supplier_offers', (join) => join.onRef('supplier_offers.variant_id', '=', 'order_lines.variant_id').onRef('supplier_offers.supplier_id', '=', 'order_lines.supplier_id'))
    .leftJoin('suppliers', 'suppliers.id', 'order_lines.supplier_id')
    .select(['order_lines.id', 'order_lines.position', 'order_lines.title', 'order_lines.sku', 'order_lines.quantity', 'order_lines.supplier_id',
      'supplier_offers.supplier_sku', 'supplier_offers.cost', 'supplier_offers.currency as offer_currency', 'suppliers.currency as supplier_currency'])
    .where('order_lines.order_id', '=', orderId).orderBy('order_lines.position'))
    .filter((line) => !held.has(line.id));
  if (lines.length === 0) return [];

  const unrouted = lines.filter((line) => line.supplier_id === null);
  if (unrouted.length > 0) {
    throw new DeskError('invalid_state', `Choose a supplier first for ${unrouted.map((l) => `line ${l.position + 1} (${l.title})`).join(', ')}.`);
  }
  const bySupplier = new Map<number, DraftLine[]>();
  for (const line of lines) {
    // A free-text line sent by hand to a supplier has no offer: the shop's own SKU stands in, at no known cost.
    const supplierSku = line.supplier_sku ?? line.sku;
    if (!supplierSku) {
      throw new DeskError('invalid_state', `Line ${line.position + 1} (${line.title}) has no SKU the supplier would know; add it to the catalog with the supplier’s SKU.`);
    }
    const draft: DraftLine = {
      orderLineId: line.id, supplierSku, title: line.title, quantity: line.quantity,
      unitCost: line.cost ?? 0, currency: line.offer_currency ?? line.supplier_currency ?? 'USD',
    };
    bySupplier.set(line.supplier_id!, [...(bySupplier.get(line.supplier_id!) ?? []), draft]);
  }

  const shipTo = JSON.stringify({
    name: order.customer_name, line1: order.ship_line1, line2: order.ship_line2, city: order.ship_city, region: order.ship_region,
    postcode: order.ship_postcode, country: order.ship_country, phone: order.customer_phone, email: order.customer_email,
  });
  let sequence = Number(sql.first(sql.qb.selectFrom('purchase_orders').select((eb) => eb.fn.max<number>('sequence').as('n')).where('order_id', '=', orderId))?.n ?? 0);
  const drafts: PoRow[] = [];
  for (const [supplierId, draftLines] of bySupplier) {
    const supplier = sql.first(sql.qb.selectFrom('suppliers').select(['name', 'channel', 'status', 'currency']).where('id', '=', supplierId));
    if (!supplier) throw notFound(`Supplier ${supplierId}`);
    const currencies = new Set(draftLines.map((l) => l.currency));
    if (currencies.size > 1) {
      throw new DeskError('invalid_state', `${supplier.name}'s offers for this order are in ${[...currencies].join(' and ')}; one purchase order has one currency.`);
    }
    sequence += 1;
    const po = sql.first(sql.qb.insertInto('purchase_orders').values({
      order_id: orderId, supplier_id: supplierId, number: formatPoNumber(order.number, sequence), sequence, channel: supplier.channel,
      status: 'draft', supplier_reference: '', possible_duplicate: 0, currency: draftLines[0]!.currency, ship_to: shipTo, notes: order.notes,
      created_at: at, updated_at: at,
    }).returningAll());
    if (!po) throw new Error('The supplier order insert returned no row');
    draftLines.forEach((line, index) => {
      sql.run(sql.qb.insertInto('po_lines').values({
        po_id: po.id, order_line_id: line.orderLineId, position: index + 1, supplier_sku: line.supplierSku, title: line.title,
        quantity: line.quantity, unit_cost: line.unitCost, status: 'pending', note: '',
      }));
    });
    drafts.push(po);
  }
  recordTimelineEvent(sql, {
    orderId, at, actor, kind: 'po.prepared',
    message: `${drafts.length === 1 ? 'Supplier order' : 'Supplier orders'} prepared: ${drafts.map((po) => po.number).join(', ')}`,
  });
  return drafts;
}

/** Holds that do not stop a send: the one about the card's expiry, and (for re-routed lines) the suppliers' own answers. */
const HOLDS_THAT_ALLOW_SENDING = ['AUTHORIZATION_EXPIRING', 'SUPPLIER_REJECTED', 'INVENTORY_OUT_OF_STOCK'] as const;

/** Why the order's drafts may not go to suppliers now; empty when they may. */
export function sendBlockers(sql: Sql, orderId: number): string[] {
  const order = sql.first(sql.qb.selectFrom('orders').select(['number', 'payment_status', 'fulfillment_status', 'cancelled_at', 'submitted_at']).where('id', '=', orderId));
  if (!order) throw notFound(`Order ${orderId}`);
  if (order.cancelled_at !== null) return [`Order ${order.number} is cancelled.`];
  if (order.submitted_at === null) return [`Order ${order.number} is still a draft.`];
  const blockers: string[] = [];
  if (!verificationPassed(sql, orderId)) blockers.push('The verification checks have not passed (run them, or override the failures with a note).');
  if (!PAID_ENOUGH_TO_SEND.includes(order.payment_status)) blockers.push('No payment is taken or authorized yet.');
  // The first send needs a clean order; a later one (lines moved off a supplier that said no) may go while those holds are open.
  const allowed: readonly string[] = order.fulfillment_status === 'unfulfilled' ? ['AUTHORIZATION_EXPIRING'] : HOLDS_THAT_ALLOW_SENDING;
  const holds = sql.all(sql.qb.selectFrom('order_holds').select('reason').where('order_id', '=', orderId).where('released_at', 'is', null))
    .filter((hold) => !allowed.includes(hold.reason));
  if (holds.length > 0) blockers.push(`${holds.length === 1 ? 'A hold is' : `${holds.length} holds are`} open (${holds.map((h) => h.reason.toLowerCase().replaceAll('_', ' ')).join(', ')}).`);
  return blockers;
}


import type { DuplicateCandidate, VerificationFacts } from '../../../src-shared/domain/verification';
import type { Sql } from '../../db/query';
import type { DbOrder, Row } from '../../db/schema';
import { readSettings } from '../settings';

/** The usual order value needs some history before it means anything. */
const MIN_HISTORY_FOR_USUAL_VALUE = 10;
/** …and is the median of this many recent orders in the order's currency. */
const USUAL_VALUE_SAMPLE = 200;
/** Candidates beyond this are not looked at: a duplicate is among the nearest few. */
const MAX_CANDIDATES = 50;

function linesOf(sql: Sql, orderIds: readonly number[]) {
  if (orderIds.length === 0) return new Map<number, { sku: string; title: string; quantity: number }[]>();
  const rows = sql.all(sql.qb.selectFrom('order_lines').select(['order_id', 'sku', 'title', 'quantity'])
    .where('order_id', 'in', orderIds).orderBy('order_id').orderBy('position'));
  const byOrder = new Map<number, { sku: string; title: string; quantity: number }[]>();
  for (const row of rows) {
    const lines = byOrder.get(row.order_id) ?? [];
    lines.push({ sku: row.sku, title: row.title, quantity: row.quantity });
    byOrder.set(row.order_id, lines);
  }
  return byOrder;
}

/**
 * Other live orders that could be this purchase: the same storefront id at any time, or — placed within
 * the duplicate window on either side (an import may bring the older one second) — the same e-mail or the
 * same folded name (the checks count nobody as the same customer on the address alone). One indexed
 * lookup per way of matching, merged: an OR across them would let SQLite scan a million orders.
 */
function duplicateCandidates(sql: Sql, order: Row<DbOrder>, windowMinutes: number): DuplicateCandidate[] {
  const windowMs = windowMinutes * 60_000;
  const live = () => sql.qb.selectFrom('orders').selectAll()
    .where('id', '!=', order.id).where('cancelled_at', 'is', null).where('submitted_at', 'is not', null);
  const inWindow = <Q extends ReturnType<typeof live>>(query: Q) => query
    .where('created_at', '>=', order.created_at - windowMs).where('created_at', '<=', order.created_at + windowMs)
    .orderBy('created_at', 'desc').limit(MAX_CANDIDATES);
  const found = new Map<number, Row<DbOrder>>();
  const add = (rows: Row<DbOrder>[]) => rows.forEach((row) => found.set(row.id, row));
  if (order.external_id !== null) add(sql.all(live().where('source', '=', order.source).where('external_id', '=', order.external_id)));
  if (order.customer_email !== '') add(sql.all(inWindow(live().where('customer_email', '=', order.customer_email))));
  if (order.customer_name_key !== '') add(sql.all(inWindow(live().where('customer_name_key', '=', order.customer_name_key))));
  const rows = [...found.values()].sort((a, b) => b.created_at - a.created_at).slice(0, MAX_CANDIDATES);
  const lines = linesOf(sql, rows.map((r) => r.id));
  return rows.map((r) => ({
    number: r.number, source: r.source, externalId: r.external_id, customerName: r.customer_name, customerEmail: r.customer_email,
    shippingAddress: { line1: r.ship_line1, line2: r.ship_line2, city: r.ship_city, region: r.ship_region, postcode: r.ship_postcode, country: r.ship_country },
    lines: lines.get(r.id) ?? [],
    createdAt: r.created_at,
  }));
}

function usualOrderValue(sql: Sql, order: Row<DbOrder>) {
  const totals = sql.all(sql.qb.selectFrom('orders').select('total')
    .where('id', '!=', order.id).where('currency', '=', order.currency).where('cancelled_at', 'is', null).where('submitted_at', 'is not', null)
    .orderBy('created_at', 'desc').limit(USUAL_VALUE_SAMPLE)).map((r) => r.total).sort((a, b) => a - b);
  if (totals.length < MIN_HISTORY_FOR_USUAL_VALUE) return null;
  const middle = Math.floor(totals.length / 2);
  const median = totals.length % 2 === 1 ? totals[middle] as number : Math.round(((totals[middle - 1] as number) + (totals[middle] as number)) / 2);
  return { amount: median, currency: order.currency };
}

/** Everything the checks look at, read from the database in the caller's transaction. */
export function gatherVerificationFacts(sql: Sql, orderId: number): VerificationFacts {
  const order = sql.first(sql.qb.selectFrom('orders').selectAll().where('id', '=', orderId));
  if (!order) throw new Error(`Order ${orderId} vanished inside its own transaction`);
  const settings = readSettings(sql);
  const lines = sql.all(sql.qb.selectFrom('order_lines')
    .leftJoin('variants', 'variants.id', 'order_lines.variant_id').leftJoin('products', 'products.id', 'variants.product_id')
    .select(['order_lines.position', 'order_lines.title', 'order_lines.sku', 'order_lines.quantity', 'order_lines.variant_id',
      'order_lines.supplier_id', 'order_lines.routing_reason', 'products.restricted_countries'])
    .where('order_lines.order_id', '=', orderId).orderBy('order_lines.position'));
  const recentFromEmail = order.customer_email === '' ? 0 : Number(sql.first(sql.qb.selectFrom('orders').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('id', '!=', order.id).where('customer_email', '=', order.customer_email).where('cancelled_at', 'is', null)
    .where('created_at', '>=', order.created_at - settings.velocityWindowMinutes * 60_000).where('created_at', '<=', order.created_at))?.n ?? 0);
  return {
    order: {
      number: order.number,
      customer: { name: order.customer_name, email: order.customer_email, phone: order.customer_phone },
      shippingAddress: { line1: order.ship_line1, line2: order.ship_line2, city: order.ship_city, region: order.ship_region, postcode: order.ship_postcode, country: order.ship_country },
      billingCountry: order.billing_country === '' ? null : order.billing_country,
      externalId: order.external_id,
      source: order.source,
      total: { amount: order.total, currency: order.currency },
      createdAt: order.created_at,
      lines: lines.map((l) => ({ title: l.title, sku: l.sku, quantity: l.quantity, variantId: l.variant_id })),
    },
    candidates: duplicateCandidates(sql, order, settings.duplicateWindowMinutes),
    recentOrdersFromEmail: recentFromEmail,
    usualOrderValue: usualOrderValue(sql, order),
    lineAvailability: lines.map((l) => ({ position: l.position, title: l.title, available: l.supplier_id !== null, reason: l.routing_reason })),
    lineRestrictions: lines.map((l) => ({ position: l.position, title: l.title, restrictedCountries: JSON.parse(l.restricted_countries ?? '[]') as string[] })),
    settings,
  };
}

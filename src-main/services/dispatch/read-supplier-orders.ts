import type { SupplierOrderView } from '../../../src-shared/domain/supplier-orders';
import { placeholder, type Sql } from '../../db/query';
import type { DbPoLine, DbPurchaseOrder, Row } from '../../db/schema';
import { notFound } from '../errors';

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

export type PoRow = Row<DbPurchaseOrder>;
export type PoLineRow = Row<DbPoLine>;

export function poRow(sql: Sql, poId: number): PoRow {
  // Read several times for every PO the outbox sends: compiled once.
  const po = sql.prepared('po.row', () => sql.qb.selectFrom('purchase_orders').selectAll().where('id', '=', placeholder<number>('id'))).first({ id: poId });
  if (!po) throw notFound(`Supplier order ${poId}`);
  return po;
}

export function poLines(sql: Sql, poId: number): PoLineRow[] {
  return sql.all(sql.qb.selectFrom('po_lines').selectAll().where('po_id', '=', poId).orderBy('position'));
}

/** The outbox row that delivers this PO (the newest, should a PO ever be sent twice). */
export function poOutboxRow(sql: Sql, poId: number) {
  return sql.first(sql.qb.selectFrom('outbox').selectAll().where('po_id', '=', poId).orderBy('id', 'desc').limit(1));
}

/** An order's POs as the order page shows them, oldest first. */
export function supplierOrdersOf(sql: Sql, orderId: number): SupplierOrderView[] {
  const pos = sql.all(sql.qb.selectFrom('purchase_orders').innerJoin('suppliers', 'suppliers.id', 'purchase_orders.supplier_id')
    .selectAll('purchase_orders').select(['suppliers.name as supplier_name', 'suppliers.order_email', 'suppliers.api_base_url'])
    .where('purchase_orders.order_id', '=', orderId).orderBy('purchase_orders.sequence'));
  return pos.map((po) => {
    const lines = poLines(sql, po.id);
    const delivery = poOutboxRow(sql, po.id);
    const money = (amount: number) => ({ amount, currency: po.currency });
    return {
      id: po.id,
      number: po.number,
      orderId: po.order_id,
      supplier: { id: po.supplier_id, name: po.supplier_name },
      channel: po.channel,
      destination: po.channel === 'email' ? po.order_email : hostOf(po.api_base_url),
      status: po.status,
      statusReason: po.status_reason,
      supplierReference: po.supplier_reference,
      total: money(lines.filter((l) => l.status !== 'rerouted').reduce((sum, l) => sum + l.quantity * l.unit_cost, 0)),
      lines: lines.map((l) => ({
        id: l.id, orderLineId: l.order_line_id, position: l.position, supplierSku: l.supplier_sku, title: l.title, quantity: l.quantity,
        unitCost: money(l.unit_cost), status: l.status, expectedDate: l.expected_date, rejectionReason: l.rejection_reason, note: l.note,
      })),
      possibleDuplicate: po.possible_duplicate === 1,
      delivery: delivery ? {
        outboxId: delivery.id, status: delivery.status, attempts: delivery.attempts, lastError: delivery.last_error,
        nextAttemptAt: delivery.status === 'pending' || delivery.status === 'failed' ? iso(delivery.next_attempt_at) : null,
      } : null,
      createdAt: iso(po.created_at),
      queuedAt: isoOrNull(po.queued_at),
      sentAt: isoOrNull(po.sent_at),
      acknowledgedAt: isoOrNull(po.acknowledged_at),
      lastCheckedAt: isoOrNull(po.last_checked_at),
    };
  });
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

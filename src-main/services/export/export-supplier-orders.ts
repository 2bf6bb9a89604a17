/**
 * The supplier orders (POs) export for the shop's accountant: one row per PO, what the shop owes its
 * suppliers. Same format as the orders export (export-orders.ts): ISO 8601 UTC times, decimal money with the
 * ISO 4217 code beside it, stable snake_case headers.
 *
 * Paged by keyset on the PO's id (its rowid, so each page is an index range): POs are created in id order,
 * and purchase_orders has no index on created_at that a (created_at, id) keyset could use. The range filters
 * on the PO's created_at.
 * The total and line count leave out lines moved to another supplier ('rerouted'), as the order page does
 * (read-supplier-orders.ts).
 */
import { minorToDecimalString } from '../../../src-shared/domain/money';
import { placeholder, type Sql } from '../../db/query';
import { csvChunks, type CsvColumn, type CsvOptions } from './csv-chunks';
import { rangeBounds, type ExportRange } from './export-range';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function supplierOrdersPageQuery(sql: Sql) {
  return sql.prepared('export.supplier-orders.page', () => sql.qb.selectFrom('purchase_orders')
    .innerJoin('orders', 'orders.id', 'purchase_orders.order_id')
    .innerJoin('suppliers', 'suppliers.id', 'purchase_orders.supplier_id')
    .select([
      'purchase_orders.id', 'purchase_orders.number', 'orders.number as order_number', 'suppliers.name as supplier_name',
      'purchase_orders.status', 'purchase_orders.status_reason', 'purchase_orders.supplier_reference',
      'purchase_orders.created_at', 'purchase_orders.sent_at', 'purchase_orders.acknowledged_at', 'purchase_orders.currency',
    ])
    .select((eb) => [
      eb.selectFrom('po_lines').select((l) => l.fn.coalesce(l.fn.sum<number>(l(l.ref('quantity'), '*', l.ref('unit_cost'))), l.val(0)).as('n'))
        .whereRef('po_lines.po_id', '=', 'purchase_orders.id').where('po_lines.status', '!=', 'rerouted').as('total_cost'),
      eb.selectFrom('po_lines').select((l) => l.fn.countAll<number>().as('n'))
        .whereRef('po_lines.po_id', '=', 'purchase_orders.id').where('po_lines.status', '!=', 'rerouted').as('line_count'),
    ])
    .where('purchase_orders.id', '>', placeholder<number>('afterId'))
    .where('purchase_orders.created_at', '>=', placeholder<number>('from'))
    .where('purchase_orders.created_at', '<', placeholder<number>('to'))
    .orderBy('purchase_orders.id')
    .limit(placeholder<number>('limit')));
}

export type SupplierOrderExportRow = ReturnType<ReturnType<typeof supplierOrdersPageQuery>['all']>[number];

/** The POs created in the range, oldest first, one page at a time. */
export function* supplierOrderExportPages(sql: Sql, range: ExportRange = {}): Generator<SupplierOrderExportRow[], void, undefined> {
  const { from, to, pageSize } = rangeBounds(range);
  const query = supplierOrdersPageQuery(sql);
  let afterId = 0;
  for (;;) {
    const rows = query.all({ from, to, limit: pageSize, afterId });
    if (rows.length > 0) yield rows;
    const last = rows.at(-1);
    if (!last || rows.length < pageSize) return;
    afterId = last.id;
  }
}

const text = (header: string, value: (row: SupplierOrderExportRow) => string | null): CsvColumn<SupplierOrderExportRow> => ({ header, type: 'text', value });

export const SUPPLIER_ORDER_EXPORT_COLUMNS: readonly CsvColumn<SupplierOrderExportRow>[] = [
  text('po_number', (po) => po.number),
  text('order_number', (po) => po.order_number),
  text('supplier', (po) => po.supplier_name),
  text('status', (po) => po.status),
  text('status_reason', (po) => po.status_reason),
  text('supplier_reference', (po) => po.supplier_reference),
  text('created_at', (po) => iso(po.created_at)),
  text('sent_at', (po) => iso(po.sent_at)),
  text('acknowledged_at', (po) => iso(po.acknowledged_at)),
  text('currency', (po) => po.currency),
  { header: 'total_cost', type: 'number', value: (po) => minorToDecimalString(po.total_cost ?? 0, po.currency) },
  { header: 'line_count', type: 'number', value: (po) => po.line_count ?? 0 },
];

/** supplier-orders.csv: the header, then one chunk per page of POs. */
export function exportSupplierOrdersCsv(sql: Sql, range: ExportRange = {}, options: CsvOptions = {}): Generator<string, void, undefined> {
  return csvChunks(SUPPLIER_ORDER_EXPORT_COLUMNS, supplierOrderExportPages(sql, range), options);
}

/** CSV exports for the shop's accountant (issue 7). */

export const EXPORT_KINDS = ['orders', 'order_lines', 'supplier_orders'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export const EXPORT_KIND_LABELS: Record<ExportKind, string> = {
  orders: 'Orders (one row per order)',
  order_lines: 'Orders with their lines (one row per item; the desk can import it back)',
  supplier_orders: 'Supplier orders (one row per purchase order)',
};

/**
 * A finished export. The desk writes it into the `exports` folder of its data directory (the renderer never names
 * a path: it cannot write where it likes), and says where it is.
 */
export interface ExportResult {
  kind: ExportKind;
  fileName: string;
  /** The full path on this computer. */
  path: string;
  bytes: number;
  /** Data rows written (the header not counted). */
  rows: number;
  createdAt: string;
}

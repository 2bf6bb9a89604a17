import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { formatOrderNumber } from '../../src-shared/domain/order-number';
import { deriveStage } from '../../src-shared/domain/stage';
import type { ImportedOrder } from '../../src-shared/domain/storefront-orders';
import { configureConnection, openDatabase } from '../../src-main/db/open';
import { planImportedOrder, type ImportedOrderPlan } from '../../src-main/services/storefront-import/imported-order-row';
import { readAnyOrderFile } from '../../src-main/services/storefront-import/read-any-order-file';

/**
 * The raw limit of an orders import: the orders rows and order_lines rows the import writes for a file, values
 * worked out beforehand (outside the clock) with the import's own planImportedOrder, inserted by plain
 * better-sqlite3 prepared statements in one transaction into a freshly migrated desk database (so the FTS
 * triggers and CHECKs on orders cost here what they cost the import).
 */
export interface RawOrderRows {
  orders: { order: ImportedOrder; plan: ImportedOrderPlan }[];
}

/** Reads the file outside any clock; throws if the file had problems, since the raw side would then insert more. */
export function rawOrderRows(bytes: Uint8Array, now: number): RawOrderRows {
  const orders: RawOrderRows['orders'] = [];
  const problems: string[] = [];
  readAnyOrderFile(bytes, { defaultCurrency: 'USD' }, {
    onOrder: ({ order }) => orders.push({ order, plan: planImportedOrder(order, now) }),
    onProblem: (problem) => {
      if (!problem.kept) problems.push(`line ${problem.line}: ${problem.reason}`);
    },
  });
  if (problems.length > 0) throw new Error(`the bench file has rows the import rejects: ${problems.slice(0, 3).join('; ')}`);
  return { orders };
}

/** ms for one transaction inserting every order and its lines. */
export function rawOrderInsertMs(rows: RawOrderRows, at: number): number {
  const dir = mkdtempSync(join(tmpdir(), 'petdrop-bench-raw-orders-'));
  try {
    openDatabase(dir).db.close();
    const db = new Database(join(dir, 'desk.sqlite'), { fileMustExist: true });
    try {
      configureConnection(db);
      // The import thread's cache size, so neither side has more of the database in memory.
      db.pragma('cache_size = -65536');
      const insertOrder = db.prepare(`INSERT INTO orders (number, source, external_id, customer_id, customer_name, customer_name_key,
        customer_email, customer_phone, ship_line1, ship_line2, ship_city, ship_region, ship_postcode, ship_country, billing_country,
        currency, subtotal, shipping_charge, tax_total, discount_total, total, payment_status, fulfillment_status, has_exception,
        stage, notes, created_at, updated_at, submitted_at, cancelled_at, closed_at, verified_at, storefront_number,
        storefront_hash, storefront_updated_at)
        VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)`);
      const insertLine = db.prepare(`INSERT INTO order_lines (order_id, position, title, sku, quantity, unit_price, line_total, variant_id, supplier_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL)`);
      // Everything but the clock is computed before it starts: positional arrays, ready to bind.
      const prepared = rows.orders.map(({ order, plan }, index) => {
        const c = plan.columns;
        const stage = deriveStage({
          submitted: true, cancelled: plan.cancelledAt !== null, paymentStatus: plan.paymentStatus,
          fulfillmentStatus: plan.fulfillmentStatus, openHolds: 0, hasException: false,
        });
        return {
          order: [formatOrderNumber(index + 1), order.source, order.externalId, c.customer_name, c.customer_name_key, c.customer_email,
            c.customer_phone, c.ship_line1, c.ship_line2, c.ship_city, c.ship_region, c.ship_postcode, c.ship_country, c.billing_country,
            c.currency, c.subtotal, c.shipping_charge, c.tax_total, c.discount_total, c.total, plan.paymentStatus, plan.fulfillmentStatus,
            stage, c.notes, plan.createdAt, at, plan.createdAt, plan.cancelledAt, plan.needsChecks ? null : at, c.storefront_number,
            plan.fingerprint, order.updatedAt ?? null],
          lines: plan.lines.map((line, position) => [position, line.title, line.sku, line.quantity, line.unit_price, line.line_total]),
        };
      });
      const start = performance.now();
      db.transaction(() => {
        for (const row of prepared) {
          const orderId = insertOrder.run(row.order).lastInsertRowid;
          for (const line of row.lines) insertLine.run(orderId, ...line);
        }
      }).immediate();
      const ms = performance.now() - start;
      const count = (db.prepare('SELECT count(*) AS n FROM orders').get() as { n: number }).n;
      if (count !== rows.orders.length) throw new Error(`raw insert wrote ${count} orders of ${rows.orders.length}`);
      return ms;
    } finally {
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE_NAME } from '../../../src-main/db/open';

/**
 * Gives a supplier an offer (by default stock 7, cost 1.00 in its currency; one variant each) for every SKU a feed will
 * name, straight through SQL: a 100,000-SKU catalog in a second, under the services it tests.
 */
export interface SeedValues { stock: number; cost: number; leadTimeDays: number | null }

export function seedOffers(dataDir: string, supplierId: number, skus: readonly string[], valuesOf: (index: number) => SeedValues = () => ({ stock: 7, cost: 100, leadTimeDays: null })): void {
  const db = new Database(join(dataDir, DATABASE_FILE_NAME));
  try {
    db.transaction(() => {
      const productId = Number(db.prepare("INSERT INTO products (title, species, created_at, updated_at) VALUES ('Feed test product', 'dog', 0, 0)").run().lastInsertRowid);
      const variant = db.prepare("INSERT INTO variants (product_id, sku, title, retail_price, currency) VALUES (?, ?, ?, 2000, 'EUR')");
      const offer = db.prepare("INSERT INTO supplier_offers (variant_id, supplier_id, supplier_sku, cost, currency, stock, lead_time_days, priority, updated_at) VALUES (?, ?, ?, ?, 'EUR', ?, ?, 1, 0)");
      [...new Set(skus)].forEach((sku, index) => {
        const variantId = Number(variant.run(productId, `V${supplierId}-${sku}`, `Variant ${sku}`).lastInsertRowid);
        const values = valuesOf(index);
        offer.run(variantId, supplierId, sku, values.cost, values.stock, values.leadTimeDays);
      });
    })();
  } finally {
    db.close();
  }
}

export interface OfferState { supplier_sku: string; stock: number; cost: number; currency: string; lead_time_days: number | null; updated_at: number }

export function offerStates(dataDir: string): Map<string, OfferState> {
  const db = new Database(join(dataDir, DATABASE_FILE_NAME), { readonly: true });
  try {
    const rows = db.prepare('SELECT supplier_sku, stock, cost, currency, lead_time_days, updated_at FROM supplier_offers').all() as OfferState[];
    return new Map(rows.map((r) => [r.supplier_sku, r]));
  } finally {
    db.close();
  }
}

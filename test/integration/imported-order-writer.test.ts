/**
 * The writer under the file import and the Shopify pull, on a real SQLite file: an order the database refuses
 * halfway leaves none of its rows behind (there is no savepoint per order), and the order numbers it reserved in
 * a block are given back, so numbering goes on without a gap or a repeat.
 */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/open';
import { createSql } from '../../src-main/db/query';
import { ImportedOrderWriter } from '../../src-main/services/storefront-import/save-imported-orders';
import type { ImportedOrder } from '../../src-shared/domain/storefront-orders';
import { useTempDirs } from './support/temp-dir';

const makeDir = useTempDirs();

function order(number: string, overrides: Partial<ImportedOrder> = {}): ImportedOrder {
  return {
    source: 'shopify', externalId: number.slice(1), number, createdAt: '2026-03-15T14:22:33.000Z', currency: 'USD',
    customer: { name: 'Jane Doe', email: 'jane@example.com', phone: '' },
    shipping: { name: 'Jane Doe', line1: '12 Elm Street', line2: '', city: 'Boston', region: 'MA', postcode: '02134', country: 'US', phone: '' },
    billingCountry: 'US', lines: [{ title: 'Kibble', sku: 'KIB-1', quantity: 1, unitPrice: 1999 }],
    subtotal: 1999, shippingCharge: 0, taxes: 0, discount: 0, total: 1999, paymentState: 'paid', paidAt: null,
    paymentReference: 'pay_1', cancelledAt: null, notes: '', tags: [], riskLevel: 'low',
    ...overrides,
  };
}

const COUNTS = `SELECT (SELECT count(*) FROM orders) AS orders, (SELECT count(*) FROM order_lines) AS lines,
  (SELECT count(*) FROM order_events) AS events, (SELECT count(*) FROM payments) AS payments`;

describe('saving storefront orders', () => {
  it('leaves nothing of an order the database refuses after its first row, and goes on with the next', () => {
    const { db } = openDatabase(makeDir());
    try {
      const sql = createSql(db);
      const writer = new ImportedOrderWriter(sql, { actor: 'test', now: () => 0, via: 'a test' });
      db.transaction(() => {
        // A quantity of 0 passes no reader; here it stands for any row the database refuses after the order's own.
        const refused = order('#1', { lines: [{ title: 'Kibble', sku: 'KIB-1', quantity: 1, unitPrice: 1999 }, { title: 'Toy', sku: '', quantity: 0, unitPrice: 0 }] });
        expect(() => writer.save(refused)).toThrow(/CHECK constraint failed/);
        expect(db.prepare(COUNTS).get()).toEqual({ orders: 0, lines: 0, events: 0, payments: 0 });
        expect(writer.save(order('#2'))).toBe('imported');
        writer.finish();
      })();
      expect(db.prepare(COUNTS).get()).toEqual({ orders: 1, lines: 1, events: 1, payments: 1 });
    } finally {
      db.close();
    }
  });

  it('applies a change made within the same second as the last one, and a file never hides a later API copy', () => {
    const { db } = openDatabase(makeDir());
    try {
      const sql = createSql(db);
      const save = (o: ImportedOrder) => db.transaction(() => {
        const writer = new ImportedOrderWriter(sql, { actor: 'test', now: () => 0, via: 'a test' });
        const outcome = writer.save(o);
        writer.finish();
        return outcome;
      })();
      const at = '2026-03-15T15:00:00Z';
      expect(save(order('#1', { updatedAt: at }))).toBe('imported');
      // Shopify's times have whole seconds: a second change within the same one comes with the same time.
      expect(save(order('#1', { updatedAt: at, notes: 'Leave at the door' }))).toBe('updated');
      // An older copy is still skipped.
      expect(save(order('#1', { updatedAt: '2026-03-15T14:59:59Z', notes: 'stale' }))).toBe('unchanged');
      // A file (no time) changes the note; the API's copy of the same time comes next and is compared by content.
      expect(save(order('#1', { notes: 'from an old file' }))).toBe('updated');
      expect(save(order('#1', { updatedAt: at, notes: 'Leave at the door' }))).toBe('updated');
      expect(db.prepare('SELECT notes FROM orders').pluck().get()).toBe('Leave at the door');
    } finally {
      db.close();
    }
  });

  it('gives back the order numbers its block did not use, and repeats none across writers', () => {
    const { db } = openDatabase(makeDir());
    try {
      const sql = createSql(db);
      for (const batch of [['#1', '#2'], ['#3']]) {
        const writer = new ImportedOrderWriter(sql, { actor: 'test', now: () => 0, via: 'a test' });
        db.transaction(() => {
          for (const number of batch) writer.save(order(number));
          writer.finish();
        })();
      }
      expect(db.prepare('SELECT number FROM orders ORDER BY id').pluck().all()).toEqual(['PD-1001', 'PD-1002', 'PD-1003']);
      expect(db.prepare("SELECT value FROM counters WHERE name = 'order_number'").pluck().get()).toBe(1003);
    } finally {
      db.close();
    }
  });
});

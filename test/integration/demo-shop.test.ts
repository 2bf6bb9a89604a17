import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME } from '../../src-main/db/open';
import { STAGES } from '../../src-shared/domain/stage';
import { useTempDirs } from './support/temp-dir';
import { useTestCore } from './support/open-test-core';

const makeDir = useTempDirs();
const openTestCore = useTestCore(makeDir);
const fixedClock = () => Date.parse('2026-11-30T12:00:00Z');

const FINGERPRINT_SQL = `SELECT count(*) AS orders, sum(total) AS money,
  group_concat(number || ':' || stage || ':' || customer_email || ':' || total, ',') AS rows
  FROM (SELECT * FROM orders ORDER BY id)`;

describe('demo shop', () => {
  it('is deterministic, covers every stage, and keeps every invariant of a real order', async () => {
    const a = openTestCore({ now: fixedClock });
    const b = openTestCore({ now: fixedClock });
    const progress: { done: number; total: number; finished: boolean }[] = [];
    a.core.events.listen((event, payload) => {
      if (event === 'demo.progress') progress.push(payload as (typeof progress)[number]);
    });
    expect(await a.call('demo.load', { orders: 5000 })).toEqual({ orders: 5000 });
    await b.call('demo.load', { orders: 5000 });
    expect(a.peek(FINGERPRINT_SQL)).toEqual(b.peek(FINGERPRINT_SQL));

    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toEqual({ done: 5000, total: 5000, finished: true });

    const counts = await a.call('orders.stageCounts', {});
    for (const stage of STAGES) expect(counts[stage], stage).toBeGreaterThan(0);

    const broken = a.peek<{ n: number }>(`SELECT count(*) AS n FROM orders o
      WHERE o.subtotal IS NOT (SELECT sum(line_total) FROM order_lines WHERE order_id = o.id)
         OR NOT EXISTS (SELECT 1 FROM order_events WHERE order_id = o.id AND kind = 'order.created')
         OR (o.stage = 'needs_review') <> EXISTS (SELECT 1 FROM order_holds WHERE order_id = o.id AND released_at IS NULL)`);
    expect(broken.n).toBe(0);
    const pets = a.peek<{ customers: number; pets: number }>('SELECT (SELECT count(*) FROM customers) AS customers, (SELECT count(*) FROM pets) AS pets');
    expect(pets.customers).toBeGreaterThan(100);
    expect(pets.pets).toBeGreaterThan(pets.customers / 2);
    // The catalog behind the orders: suppliers with offers, lines linked to variants, submitted lines routed.
    expect(a.peek('SELECT (SELECT count(*) FROM suppliers) AS suppliers, (SELECT count(*) FROM supplier_offers) > 20 AS offers')).toEqual({ suppliers: 3, offers: 1 });
    const lines = a.peek<{ linked: number; unrouted_submitted: number }>(`SELECT
      (SELECT count(*) FROM order_lines WHERE variant_id IS NULL) AS linked,
      (SELECT count(*) FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.submitted_at IS NOT NULL AND l.supplier_id IS NULL) AS unrouted_submitted`);
    expect(lines).toEqual({ linked: 0, unrouted_submitted: 0 });
  });

  it('adds to a desk that already has orders without clashing numbers or e-mails', async () => {
    const t = openTestCore();
    await t.call('demo.load', { orders: 300 });
    await t.call('demo.load', { orders: 300 });
    expect(t.peek<{ n: number; unique_numbers: number }>('SELECT count(*) AS n, count(DISTINCT number) AS unique_numbers FROM orders')).toEqual({ n: 600, unique_numbers: 600 });
    const created = await t.call('orders.list', { limit: 1 });
    expect(created.total).toBe(600);
  });
});

describe('a large demo shop', () => {
  it('loads 20,000 orders, numbering customers uniquely past the in-memory customer window', async () => {
    const t = openTestCore();
    await t.call('demo.load', { orders: 20_000 });
    const db = new Database(join(t.dataDir, DATABASE_FILE_NAME), { readonly: true });
    try {
      const emails = (db.prepare('SELECT email FROM customers').all() as { email: string }[]).map((r) => r.email);
      const numbers = new Set(emails.map((e) => /\.(\d+)@/.exec(e)?.[1]));
      expect(emails.length).toBeGreaterThan(6_000);
      expect(numbers.size).toBe(emails.length);
      expect(db.prepare('SELECT count(*) AS n FROM orders').get()).toEqual({ n: 20_000 });
    } finally {
      db.close();
    }
  });
});

describe('demo loads at the same time', () => {
  it('refuses the second with a clear message while the first completes whole', async () => {
    const t = openTestCore();
    const [first, second] = await Promise.all([t.attempt('demo.load', { orders: 3000 }), t.attempt('demo.load', { orders: 3000 })]);
    expect(first).toEqual({ ok: true, value: { orders: 3000 } });
    expect(second).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/already being loaded/) } });
    expect(t.peek('SELECT count(*) AS n FROM orders')).toEqual({ n: 3000 });
    // And afterwards a further load is fine and adds whole, with fresh customers.
    expect(await t.call('demo.load', { orders: 3000 })).toEqual({ orders: 3000 });
    const after = t.peek<{ n: number; emails: number; customers: number }>('SELECT (SELECT count(*) FROM orders) AS n, (SELECT count(DISTINCT email) FROM customers) AS emails, (SELECT count(*) FROM customers) AS customers');
    expect(after.n).toBe(6000);
    expect(after.emails).toBe(after.customers);
  });
});

/**
 * Orders files imported through the real core: the upload decoded, the file read and saved on the import thread
 * (its own connection to the real SQLite file), the run recorded, the imported orders checked afterwards. What is
 * proven: every order once (a second import of the same file changes nothing), storefront payments become manual
 * payments with the storefront's reference, a changed order is updated with the change on its timeline, and a
 * cancelled import leaves every table as it was.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ImportProgress, ImportRunView } from '../../src-shared/domain/storefront-import';
import { validOrder } from '../fixtures/orders';
import { useTestCore, type TestCore } from './support/open-test-core';
import { useTempDirs } from './support/temp-dir';
import { makeLargeShopifyFile, shopifyCsv, shopifyItemRow, shopifyOrderRow } from '../fixtures/storefront/shopify-file';

const openCore = useTestCore(useTempDirs());
const fixture = (name: string) => readFileSync(new URL(`../fixtures/storefront/${name}`, import.meta.url));
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** Every table an import writes, counted: equal footprints, nothing written. */
const FOOTPRINT = `SELECT (SELECT count(*) FROM orders) AS orders, (SELECT count(*) FROM order_lines) AS lines,
  (SELECT count(*) FROM order_events) AS events, (SELECT count(*) FROM payments) AS payments,
  (SELECT count(*) FROM customers) AS customers, (SELECT count(*) FROM order_holds) AS holds,
  (SELECT value FROM counters WHERE name = 'order_number') AS counter,
  (SELECT group_concat(storefront_hash) FROM orders) AS hashes`;

async function importFile(desk: TestCore, fileName: string, bytes: Uint8Array): Promise<ImportRunView> {
  return desk.call('orderImport.run', { fileName, contentBase64: base64(bytes) });
}

/** The import's checks run after it on the core's event loop; this waits for them to finish. */
async function checksDone(desk: TestCore): Promise<void> {
  for (let turn = 0; turn < 500; turn += 1) {
    const { n } = desk.peek<{ n: number }>('SELECT count(*) AS n FROM orders WHERE verified_at IS NULL AND storefront_hash IS NOT NULL AND cancelled_at IS NULL');
    if (n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the imported orders were never checked');
}

describe('importing a Shopify orders export', () => {
  it('imports a multi-line order with its customer, address, lines, totals and the storefront payment as a manual payment', async () => {
    const desk = openCore();
    const run = await importFile(desk, 'orders_export.csv', fixture('shopify-multi-line.csv'));
    expect(run).toMatchObject({ status: 'done', format: 'shopify', ordersRead: 2, imported: 2, updated: 0, unchanged: 0, rejected: 0 });

    const order = desk.peek<Record<string, unknown>>("SELECT * FROM orders WHERE source = 'shopify' AND storefront_number = '#1001'");
    expect(order).toMatchObject({
      customer_email: 'jane@example.com', ship_city: 'Boston', ship_postcode: '02134', ship_country: 'US', currency: 'USD',
      shipping_charge: 500, total: 6261, payment_status: 'paid', fulfillment_status: 'unfulfilled',
    });
    expect((order.subtotal as number) + (order.shipping_charge as number) + (order.tax_total as number) - (order.discount_total as number)).toBe(6261);
    const lines = desk.peek<{ n: number; skus: string }>("SELECT count(*) AS n, group_concat(sku, '|') AS skus FROM order_lines WHERE order_id = ? ORDER BY position", order.id);
    expect(lines).toEqual({ n: 3, skus: 'KIB-SAL-2|TOY-ROPE-L|' });
    const payment = desk.peek<Record<string, unknown>>('SELECT provider, method, reference, status, amount_captured FROM payments WHERE order_id = ?', order.id);
    expect(payment).toMatchObject({ provider: 'manual', method: 'storefront', status: 'captured', amount_captured: 6261 });
    expect(payment.reference).not.toBe('');
    const customer = desk.peek<{ n: number }>("SELECT count(*) AS n FROM customers WHERE email = 'jane@example.com'");
    expect(customer.n).toBe(1);

    const pending = desk.peek<Record<string, unknown>>("SELECT payment_status, currency FROM orders WHERE storefront_number = '#1002'");
    expect(pending).toEqual({ payment_status: 'pending', currency: 'EUR' });
    await checksDone(desk);
  });

  it('numbers imported orders from the desk counter, so the next order typed in follows them', async () => {
    const desk = openCore();
    await importFile(desk, 'orders_export.csv', fixture('shopify-multi-line.csv'));
    const numbers = desk.peek<{ numbers: string }>('SELECT group_concat(number, \',\') AS numbers FROM (SELECT number FROM orders ORDER BY id)');
    expect(numbers.numbers).toBe('PD-1001,PD-1002');
    const typed = await desk.call('orders.create', { submit: false, order: validOrder() });
    expect(typed.number).toBe('PD-1003');
  });

  it('changes nothing when the same file is imported a second time', async () => {
    const desk = openCore();
    await importFile(desk, 'orders_export.csv', fixture('shopify-multi-line.csv'));
    await checksDone(desk);
    const before = desk.peek(FOOTPRINT);
    const again = await importFile(desk, 'orders_export.csv', fixture('shopify-multi-line.csv'));
    expect(again).toMatchObject({ status: 'done', imported: 0, updated: 0, unchanged: 2, heldBack: 0 });
    expect(desk.peek(FOOTPRINT)).toEqual(before);
  });

  it('updates an order changed in the storefront and puts the change on its timeline', async () => {
    const desk = openCore();
    const first = shopifyCsv([shopifyOrderRow('#7001', { 'Financial Status': 'pending' })]);
    await importFile(desk, 'day1.csv', first);
    const changed = shopifyCsv([shopifyOrderRow('#7001', {
      'Financial Status': 'paid', 'Shipping Address1': '99 New Road', 'Shipping Street': '99 New Road', 'Lineitem quantity': '2',
      Subtotal: '39.98', Total: '39.98',
    })]);
    const run = await importFile(desk, 'day2.csv', changed);
    expect(run).toMatchObject({ imported: 0, updated: 1 });
    const order = desk.peek<Record<string, unknown>>("SELECT id, ship_line1, total, payment_status FROM orders WHERE storefront_number = '#7001'");
    expect(order).toMatchObject({ ship_line1: '99 New Road', total: 3998, payment_status: 'paid' });
    const event = desk.peek<{ reason: string }>("SELECT reason FROM order_events WHERE order_id = ? AND kind = 'order.storefront_updated'", order.id);
    expect(event.reason).toContain('Shipping address: 12 Elm Street');
    expect(event.reason).toContain('99 New Road');
    expect(event.reason).toContain('Line added: 2 × Salmon Kibble 2 kg');
  });

  it('imports a BOM + CRLF file with quoted commas and line breaks, and stores formula-like text as plain text', async () => {
    const desk = openCore();
    const run = await importFile(desk, 'bom-crlf.csv', fixture('shopify-bom-crlf-quoted.csv'));
    expect(run).toMatchObject({ status: 'done', format: 'shopify', imported: 2, rejected: 0 });
    const first = desk.peek<Record<string, string>>("SELECT ship_line1, ship_line2, notes FROM orders WHERE storefront_number = '#2001'");
    expect(first).toEqual({
      ship_line1: 'Flat 3, 12 Baker Street', ship_line2: 'Rear entrance, blue door',
      notes: 'Ring twice, then wait.\nIf nobody answers, leave with number 14, "the green house".',
    });
    const line = desk.peek<{ title: string }>("SELECT title FROM order_lines JOIN orders ON orders.id = order_id WHERE storefront_number = '#2001'");
    expect(line.title).toBe('Chew "Bone", beef');
    const risky = desk.peek<Record<string, string>>("SELECT customer_name, customer_email, notes FROM orders WHERE storefront_number = '#2002'");
    expect(risky).toEqual({ customer_name: "=cmd|' /C calc'!A0", customer_email: '=HYPERLINK("http://evil.example","click")', notes: '=1+2' });
  });

  it('reports each refused row with its line and reason and imports the rest', async () => {
    const desk = openCore();
    const run = await importFile(desk, 'currencies.csv', fixture('shopify-currencies.csv'));
    expect(run.status).toBe('done');
    expect(run.rejected).toBeGreaterThan(0);
    const mixed = run.problems.find((p) => p.orderNumber === '#3004' && !p.kept);
    expect(mixed?.reason).toMatch(/currenc/i);
    expect(mixed?.line).toBeGreaterThan(1);
    expect(desk.peek<{ n: number }>("SELECT count(*) AS n FROM orders WHERE storefront_number = '#3004'").n).toBe(0);
    expect(desk.peek<{ n: number }>("SELECT count(*) AS n FROM orders WHERE storefront_number = '#3005'").n).toBe(1);
  });

  it('keeps a 5 MB note cut short with a notice, and formula-like text as plain text', async () => {
    const desk = openCore();
    const hugeNote = 'x'.repeat(5 * 1024 * 1024);
    const bytes = shopifyCsv([
      shopifyOrderRow('#8001', { Notes: hugeNote }),
      shopifyOrderRow('#8002', { 'Shipping Name': '=HYPERLINK("http://evil","click")', 'Lineitem name': '+SUM(1,2)' }),
    ]);
    const run = await importFile(desk, 'odd.csv', bytes);
    expect(run).toMatchObject({ status: 'done', imported: 2, rejected: 0 });
    expect(run.problems.find((p) => p.orderNumber === '#8001')).toMatchObject({ kept: true });
    const note = desk.peek<{ length: number }>("SELECT length(notes) AS length FROM orders WHERE storefront_number = '#8001'");
    expect(note.length).toBeLessThan(hugeNote.length);
    const line = desk.peek<{ title: string }>("SELECT title FROM order_lines JOIN orders ON orders.id = order_lines.order_id WHERE storefront_number = '#8002'");
    expect(line.title).toBe('+SUM(1,2)');
  });

  it('imports an order without a shipping address (it waits for one) and a cancelled one as cancelled', async () => {
    const desk = openCore();
    const run = await importFile(desk, 'statuses.csv', fixture('shopify-statuses.csv'));
    expect(run.status).toBe('done');
    const cancelled = desk.peek<{ n: number }>("SELECT count(*) AS n FROM orders WHERE cancelled_at IS NOT NULL AND stage = 'cancelled'");
    expect(cancelled.n).toBeGreaterThan(0);
    const noAddress = desk.peek<{ n: number }>("SELECT count(*) AS n FROM orders WHERE ship_line1 = '' AND ship_country = ''");
    expect(noAddress.n).toBeGreaterThan(0);
    await checksDone(desk);
    // The verification checks see the missing address and hold the order for a person.
    const held = desk.peek<{ n: number }>(`SELECT count(*) AS n FROM orders JOIN order_holds ON order_holds.order_id = orders.id
      WHERE orders.ship_line1 = '' AND orders.cancelled_at IS NULL AND order_holds.reason = 'INCORRECT_ADDRESS' AND order_holds.released_at IS NULL`);
    expect(held.n).toBeGreaterThan(0);
  });

  it('leaves the database as it was when the import is cancelled midway', async () => {
    const desk = openCore();
    await importFile(desk, 'orders_export.csv', fixture('shopify-multi-line.csv'));
    await checksDone(desk);
    const before = desk.peek(FOOTPRINT);
    let cancelledAt = -1;
    const stop = desk.core.events.listen((event, payload) => {
      if (event !== 'orderImport.progress') return;
      const progress = payload as ImportProgress;
      if (cancelledAt < 0 && progress.phase === 'reading' && progress.ordersRead > 0) {
        cancelledAt = progress.ordersRead;
        void desk.call('orderImport.cancel', {});
      }
    });
    try {
      const run = await importFile(desk, 'big.csv', makeLargeShopifyFile(40_000));
      expect(run.status).toBe('cancelled');
      expect(run.imported).toBe(0);
    } finally {
      stop();
    }
    expect(cancelledAt).toBeGreaterThan(0);
    expect(desk.peek(FOOTPRINT)).toEqual(before);
    const runs = await desk.call('orderImport.runs', {});
    expect(runs.map((r) => r.status)).toEqual(['cancelled', 'done']);
  });

  it('refuses a change made while a big file is being saved with a sentence (nothing half-done), and takes it after', async () => {
    const desk = openCore();
    let attempt: Promise<unknown> | undefined;
    const stop = desk.core.events.listen((event, payload) => {
      if (event !== 'orderImport.progress' || attempt) return;
      if ((payload as ImportProgress).ordersRead > 0) attempt = desk.attempt('orders.create', { submit: false, order: validOrder() });
    });
    try {
      const run = await importFile(desk, 'big.csv', makeLargeShopifyFile(20_000));
      expect(run).toMatchObject({ status: 'done', imported: 20_000 });
    } finally {
      stop();
    }
    expect(await attempt).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/saving an import/) } });
    expect(desk.peek<{ n: number }>("SELECT count(*) AS n FROM orders WHERE source = 'manual'").n).toBe(0);
    const typed = await desk.call('orders.create', { submit: false, order: validOrder() });
    expect(typed.number).toBe('PD-21001');
  });

  it('starts no import when Cancel comes while the file is still being decoded', async () => {
    const desk = openCore();
    const running = desk.call('orderImport.run', { fileName: 'orders_export.csv', contentBase64: base64(fixture('shopify-multi-line.csv')) });
    const cancelled = await desk.call('orderImport.cancel', {});
    expect(cancelled).toEqual({ cancelled: true });
    expect(await running).toMatchObject({ status: 'cancelled', imported: 0 });
    expect(desk.peek<{ n: number }>('SELECT count(*) AS n FROM orders').n).toBe(0);
  });

  it('refuses a file that is not an orders export, naming the file field', async () => {
    const desk = openCore();
    const result = await desk.attempt('orderImport.run', { fileName: 'notes.csv', contentBase64: base64(Buffer.from('a,b\n1,2\n')) });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.field).toBe('mapping');
    expect(desk.peek<{ n: number }>('SELECT count(*) AS n FROM orders').n).toBe(0);
  });

  it('reads a multi-line order whose later rows carry only the line item columns', async () => {
    const desk = openCore();
    const bytes = shopifyCsv([
      shopifyOrderRow('#9001', { Subtotal: '32.98', Total: '32.98' }),
      shopifyItemRow('#9001', { quantity: 1, title: 'Rope Toy', price: '12.99', sku: 'TOY-ROPE' }),
    ]);
    const run = await importFile(desk, 'two-lines.csv', bytes);
    expect(run).toMatchObject({ imported: 1, rejected: 0 });
    const lines = desk.peek<{ n: number; total: number }>("SELECT count(*) AS n, sum(line_total) AS total FROM order_lines JOIN orders ON orders.id = order_id WHERE storefront_number = '#9001'");
    expect(lines).toEqual({ n: 2, total: 3298 });
  });
});

/**
 * The accountant's exports from a real desk (a SQLite file with orders sent to suppliers through the real
 * outbox), read back with the desk's own CSV reader: every order and PO once, values as the order page shows
 * them, and a customer's formula neutralised. The export runs on its own read-only connection to the desk's
 * file while the core is open, as a worker would.
 */
import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME } from '../../src-main/db/open';
import { createSql, type Sql } from '../../src-main/db/query';
import { restoreCsvText } from '../../src-main/services/export/csv-cells';
import {
  ORDER_EXPORT_COLUMNS, ORDER_LINE_EXPORT_COLUMNS, exportOrderLinesCsv, exportOrdersCsv,
} from '../../src-main/services/export/export-orders';
import { SUPPLIER_ORDER_EXPORT_COLUMNS, exportSupplierOrdersCsv } from '../../src-main/services/export/export-supplier-orders';
import { writeCsvFile } from '../../src-main/services/export/write-csv-file';
import { parseFeed } from '../../src-main/services/feeds/parse-feed';
import { readAnyOrderFile } from '../../src-main/services/storefront-import/read-any-order-file';
import { minorToDecimalString } from '../../src-shared/domain/money';
import type { ImportedOrderAt, ImportRowProblem } from '../../src-shared/domain/storefront-orders';
import type { OrderDetail } from '../../src-shared/domain/order';
import { useDispatchShop, type DispatchShop } from './support/dispatch-shop';
import { useTempDirs } from './support/temp-dir';

const openShop = useDispatchShop();
const makeDir = useTempDirs();

const FORMULA_NAME = '=HYPERLINK("http://x","y")';
const TRICKY_NOTES = 'Ring twice, then "knock"\r\nGate code: 1,234\nback door';

const connections: Database.Database[] = [];
afterEach(() => {
  for (const db of connections.splice(0)) db.close();
});

function readOnlySql(shop: DispatchShop): Sql {
  const db = new Database(join(shop.dataDir, DATABASE_FILE_NAME), { readonly: true });
  connections.push(db);
  return createSql(db);
}

/** The file as the desk's importer would read it: header names and rows as records keyed by header. */
function readCsv(text: string): { headers: string[]; rows: Record<string, string>[] } {
  const parsed = parseFeed(Buffer.from(text, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.reason);
  expect(parsed.rowIssues).toEqual([]);
  return {
    headers: parsed.headers,
    rows: parsed.rows.map((r) => Object.fromEntries(parsed.headers.map((h, i) => [h, r.cells[i] ?? '']))),
  };
}

/** Two orders an hour apart (the first with a formula for a name and a note full of CSV syntax), the first sent to both suppliers. */
async function shopWithOrders() {
  const shop = await openShop();
  const first = await shop.readyOrder({
    customer: { name: FORMULA_NAME, email: 'formula@example.com', phone: '+49 30 1234567' },
    notes: TRICKY_NOTES,
  });
  await shop.call('supplierOrders.send', { orderId: first.id });
  await shop.deliver();
  shop.clock.advance(60 * 60_000);
  const second = await shop.readyOrder();
  return { shop, orders: [await shop.call('orders.get', { id: first.id }), second] };
}

const money = (m: { amount: number; currency: string }) => minorToDecimalString(m.amount, m.currency);

describe('orders export', () => {
  it('reads back as one row per order with the values the order page shows, oldest first', async () => {
    const { shop, orders } = await shopWithOrders();
    const sql = readOnlySql(shop);
    const { headers, rows } = readCsv([...exportOrdersCsv(sql)].join(''));
    expect(headers).toEqual(ORDER_EXPORT_COLUMNS.map((c) => c.header));
    expect(rows).toHaveLength(2);
    rows.forEach((row, index) => {
      const order = orders[index] as OrderDetail;
      expect({ ...row, customer_name: restoreCsvText(row.customer_name!), customer_phone: restoreCsvText(row.customer_phone!) }).toEqual({
        order_number: order.number,
        created_at: order.createdAt,
        stage: order.stage,
        payment_status: 'paid',
        fulfillment_status: order.fulfillmentStatus,
        cancelled_at: '',
        customer_name: order.customer.name,
        customer_email: order.customer.email,
        customer_phone: order.customer.phone,
        ship_line1: order.shippingAddress.line1,
        ship_line2: order.shippingAddress.line2,
        ship_city: order.shippingAddress.city,
        ship_region: order.shippingAddress.region,
        ship_postcode: order.shippingAddress.postcode,
        ship_country: 'DE',
        billing_country: order.billingCountry,
        currency: 'EUR',
        subtotal: money(order.subtotal),
        shipping: money(order.shippingCharge),
        taxes: '0.00',
        discount: '0.00',
        total: money(order.total),
        amount_paid: money(order.total),
        amount_refunded: '0.00',
        source: order.source,
        external_id: '',
        storefront_number: '',
        line_count: '2',
        notes: order.notes,
      });
    });
    expect(rows[0]!.total).toBe('200.87');
    expect(rows[0]!.notes).toBe(TRICKY_NOTES);
    expect(rows.map((r) => r.stage)).toEqual(['awaiting_supplier', 'ready_to_send']);
  });

  it('writes a customer name that is a formula as text a spreadsheet will not run, and a phone starting with + as text', async () => {
    const { shop } = await shopWithOrders();
    const text = [...exportOrdersCsv(readOnlySql(shop))].join('');
    expect(text).toContain('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(text).not.toMatch(/(^|,)"?=HYPERLINK/mu);
    const { rows } = readCsv(text);
    expect(rows[0]!.customer_name).toBe(`'${FORMULA_NAME}`);
    expect(rows[0]!.customer_phone).toBe("'+49 30 1234567");
  });

  it('gives the same file read one order per page as read in one page, orders created in the same millisecond included', async () => {
    const { shop, orders } = await shopWithOrders();
    // Same created_at as the second order: only the id tells them apart, so the page cursor must too.
    const third = await shop.readyOrder({ customer: { name: 'Ana Cruz', email: 'ana@example.com', phone: '+49 30 7654321' } });
    expect(third.createdAt).toBe(orders[1]!.createdAt);
    const sql = readOnlySql(shop);
    const whole = [...exportOrdersCsv(sql)];
    const paged = [...exportOrdersCsv(sql, { pageSize: 1 })];
    expect(whole).toHaveLength(2);
    expect(paged).toHaveLength(4);
    expect(paged.join('')).toBe(whole.join(''));
    expect(readCsv(paged.join('')).rows.map((r) => r.order_number)).toEqual([...orders, third].map((o) => o.number));
    expect([...exportOrderLinesCsv(sql, { pageSize: 1 })].join('')).toBe([...exportOrderLinesCsv(sql)].join(''));
  });

  it('exports only the orders created in [from, to)', async () => {
    const { shop, orders } = await shopWithOrders();
    const sql = readOnlySql(shop);
    const second = Date.parse(orders[1]!.createdAt);
    const numbers = (range: { from?: number; to?: number }) => readCsv([...exportOrdersCsv(sql, range)].join('')).rows.map((r) => r.order_number);
    expect(numbers({ from: second })).toEqual([orders[1]!.number]);
    expect(numbers({ to: second })).toEqual([orders[0]!.number]);
    const empty = [...exportOrdersCsv(sql, { from: second + 1 })].join('');
    expect(empty).toBe(`\uFEFF${ORDER_EXPORT_COLUMNS.map((c) => c.header).join(',')}\r\n`);
  });
});

describe('order lines export', () => {
  it('reads back as one row per line with its order’s columns, prices and routed supplier', async () => {
    const { shop, orders } = await shopWithOrders();
    const { headers, rows } = readCsv([...exportOrderLinesCsv(readOnlySql(shop))].join(''));
    expect(headers).toEqual(ORDER_LINE_EXPORT_COLUMNS.map((c) => c.header));
    const expected = orders.flatMap((order) => order.lines.map((line, index) => ({
      order_number: order.number, created_at: order.createdAt, cancelled_at: '', payment_status: 'paid', fulfillment_status: order.fulfillmentStatus,
      customer_name: order.customer.name, customer_email: order.customer.email, customer_phone: order.customer.phone,
      ship_line1: order.shippingAddress.line1, ship_line2: order.shippingAddress.line2, ship_city: order.shippingAddress.city,
      ship_region: order.shippingAddress.region, ship_postcode: order.shippingAddress.postcode, ship_country: 'DE', billing_country: order.billingCountry,
      currency: 'EUR', subtotal: money(order.subtotal), shipping: money(order.shippingCharge), taxes: '0.00', discount: '0.00', total: money(order.total),
      amount_paid: money(order.total), amount_refunded: '0.00', source: order.source, external_id: '', storefront_number: '', notes: order.notes,
      line: String(index + 1), sku: line.sku, title: line.title, quantity: String(line.quantity),
      unit_price: money(line.unitPrice), line_total: money(line.lineTotal), supplier: line.supplier?.name ?? '',
    })));
    expect(rows.map((row) => ({ ...row, customer_name: restoreCsvText(row.customer_name!), customer_phone: restoreCsvText(row.customer_phone!) })))
      .toEqual(expected);
    expect(rows.map((r) => [r.sku, r.line_total, r.supplier])).toEqual([
      ['DOG-ACANA-LAMB-11', '179.98', 'Tiergroßhandel Müller'], ['DOG-KONG-CLASSIC-L', '14.99', 'PetSupply API'],
      ['DOG-ACANA-LAMB-11', '179.98', 'Tiergroßhandel Müller'], ['DOG-KONG-CLASSIC-L', '14.99', 'PetSupply API'],
    ]);
    expect(rows[0]!.notes).toBe(TRICKY_NOTES);
    expect(rows[0]!.customer_name).toBe(`'${FORMULA_NAME}`);
  });

  it('is read back by the desk layout as the same orders: customer, address, lines, totals, currency, notes', async () => {
    const { shop, orders } = await shopWithOrders();
    const text = [...exportOrderLinesCsv(readOnlySql(shop), { pageSize: 1 })].join('');
    const read: ImportedOrderAt[] = [];
    const problems: ImportRowProblem[] = [];
    const result = readAnyOrderFile(Buffer.from(text, 'utf8'), { defaultCurrency: 'USD' }, {
      onOrder: (at) => read.push(at), onProblem: (problem) => problems.push(problem),
    });
    expect(problems).toEqual([]);
    expect(result).toMatchObject({ format: 'desk', orders: 2 });
    read.forEach(({ order: imported }, index) => {
      const order = orders[index] as OrderDetail;
      expect(imported).toMatchObject({
        number: order.number,
        externalId: order.number,
        createdAt: order.createdAt,
        currency: order.total.currency,
        customer: order.customer,
        shipping: { ...order.shippingAddress, name: order.customer.name, phone: order.customer.phone, country: 'DE' },
        lines: order.lines.map((line) => ({ title: line.title, sku: line.sku, quantity: line.quantity, unitPrice: line.unitPrice.amount })),
        subtotal: order.subtotal.amount,
        shippingCharge: order.shippingCharge.amount,
        total: order.total.amount,
        paymentState: 'paid',
        // The export writes line breaks as typed; the reader gives every one back as \n.
        notes: order.notes.replace(/\r\n?/gu, '\n'),
      });
      if (order.source === 'manual' || order.source === 'demo') expect(imported.deskNumber).toBe(order.number);
    });
    expect(read[0]!.order.customer.name).toBe(FORMULA_NAME);
  });
});

describe('supplier orders export', () => {
  it('reads back as one row per PO with the supplier, status, times and total cost of the order page', async () => {
    const { shop, orders } = await shopWithOrders();
    const { headers, rows } = readCsv([...exportSupplierOrdersCsv(readOnlySql(shop))].join(''));
    expect(headers).toEqual(SUPPLIER_ORDER_EXPORT_COLUMNS.map((c) => c.header));
    const pos = orders[0]!.supplierOrders;
    expect(pos).toHaveLength(2);
    expect(rows).toEqual(pos.map((po) => ({
      po_number: po.number, order_number: orders[0]!.number, supplier: po.supplier.name, status: 'sent', status_reason: '',
      supplier_reference: po.supplierReference, created_at: po.createdAt, sent_at: po.sentAt, acknowledged_at: '',
      currency: 'EUR', total_cost: money(po.total), line_count: String(po.lines.length),
    })));
    expect(rows.map((r) => r.total_cost)).toEqual(['104.00', '4.20']);
    expect(rows.every((r) => r.sent_at !== '')).toBe(true);
    expect([...exportSupplierOrdersCsv(readOnlySql(shop), { pageSize: 1 })].join('')).toBe([...exportSupplierOrdersCsv(readOnlySql(shop))].join(''));
  });
});

describe('writeCsvFile', () => {
  it('writes the whole export under its name and leaves no partial file behind', async () => {
    const { shop } = await shopWithOrders();
    const dir = makeDir();
    const path = join(dir, 'orders.csv');
    const sql = readOnlySql(shop);
    const { bytes } = await writeCsvFile(exportOrdersCsv(sql, { pageSize: 1 }), path);
    const written = readFileSync(path);
    expect(written.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(written.toString('utf8')).toBe([...exportOrdersCsv(sql)].join(''));
    expect(bytes).toBe(written.length);
    expect(readdirSync(dir)).toEqual(['orders.csv']);
  });

  it('leaves no file at all when the export fails half way', async () => {
    const dir = makeDir();
    const path = join(dir, 'orders.csv');
    function* failing() {
      yield 'header\r\n';
      throw new Error('database went away');
    }
    await expect(writeCsvFile(failing(), path)).rejects.toThrow('database went away');
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('export.run (the procedure the Export dialog calls)', () => {
  it('writes the file into the data directory’s exports folder, says where and how many rows, and filters by day', async () => {
    const { shop, orders } = await shopWithOrders();
    const all = await shop.call('export.run', { kind: 'orders' });
    expect(all).toMatchObject({ kind: 'orders', rows: 2, fileName: expect.stringMatching(/^orders-2026-11-30T\d{2}-\d{2}-\d{2}\.csv$/u) });
    expect(all.path).toBe(join(shop.dataDir, 'exports', all.fileName));
    const text = readFileSync(all.path, 'utf8');
    expect(all.bytes).toBe(Buffer.byteLength(text));
    expect(readCsv(text).rows.map((r) => r.order_number)).toEqual(orders.map((o) => o.number));

    const lines = await shop.call('export.run', { kind: 'order_lines', from: '2026-11-30', to: '2026-11-30' });
    expect(lines.rows).toBe(4);
    expect((await shop.call('export.run', { kind: 'supplier_orders', to: '2026-11-29' })).rows).toBe(0);
    expect(readdirSync(join(shop.dataDir, 'exports')).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });

  it('refuses a range that ends before it starts, naming the field, and writes nothing', async () => {
    const { shop } = await shopWithOrders();
    const result = await shop.attempt('export.run', { kind: 'orders', from: '2026-12-01', to: '2026-11-30' });
    expect(result).toMatchObject({ ok: false, error: { field: 'to', message: 'From must not be after To' } });
    expect(existsSync(join(shop.dataDir, 'exports'))).toBe(false);
    for (const bad of ['30/11/2026', '2026-13-01', '2026-02-30']) {
      const refused = await shop.attempt('export.run', { kind: 'orders', from: bad });
      expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'from', message: expect.stringMatching(/^From (must be a date like|is not a real date)/u) } });
    }
  });
});

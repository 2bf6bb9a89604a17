/**
 * Issue 7: "what the desk exports, re-imported, gives the same orders". A real desk with imported Shopify orders
 * (paid, pending, cancelled, several lines, taxes and a discount, formula-like text) and an order typed in by hand
 * exports its orders with their lines; that file imported into a fresh desk gives the same orders, and imported
 * back into the same desk changes nothing.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validOrder } from '../fixtures/orders';
import { shopifyCsv, shopifyOrderRow } from '../fixtures/storefront/shopify-file';
import { useTestCore, type TestCore } from './support/open-test-core';
import { useTempDirs } from './support/temp-dir';

const openCore = useTestCore(useTempDirs());
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** What makes two orders "the same" for the shop: who, where, what, how much, paid, cancelled. */
async function ordersOf(desk: TestCore) {
  const page = await desk.call('orders.list', { search: '', limit: 100 });
  const details = await Promise.all(page.rows.map((row) => desk.call('orders.get', { id: row.id })));
  return details
    .map((o) => ({
      customer: o.customer, address: o.shippingAddress, currency: o.currency, notes: o.notes,
      lines: o.lines.map((l) => ({ title: l.title, sku: l.sku, quantity: l.quantity, unitPrice: l.unitPrice.amount })),
      subtotal: o.subtotal.amount, shipping: o.shippingCharge.amount, taxes: o.taxTotal.amount, discount: o.discountTotal.amount,
      total: o.total.amount, paymentStatus: o.paymentStatus, cancelled: o.cancelledAt !== null, createdAt: o.createdAt,
    }))
    .sort((a, b) => `${a.createdAt}${a.customer.email}${a.total}`.localeCompare(`${b.createdAt}${b.customer.email}${b.total}`));
}

async function settle(desk: TestCore) {
  for (let turn = 0; turn < 300; turn += 1) {
    const { n } = desk.peek<{ n: number }>('SELECT count(*) AS n FROM orders WHERE verified_at IS NULL AND storefront_hash IS NOT NULL AND cancelled_at IS NULL');
    if (n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('exporting orders and importing the export', () => {
  it('gives the same orders in a fresh desk, and changes nothing when imported back into the same desk', async () => {
    const source = openCore();
    await source.call('orderImport.run', {
      fileName: 'orders_export.csv', contentBase64: base64(readFileSync(new URL('../fixtures/storefront/shopify-multi-line.csv', import.meta.url))),
    });
    await source.call('orderImport.run', {
      fileName: 'more.csv',
      contentBase64: base64(shopifyCsv([
        shopifyOrderRow('#6001', { 'Billing Name': '=HYPERLINK("http://evil.example","click")', 'Shipping Name': '=HYPERLINK("http://evil.example","click")', Notes: 'Ring twice,\n"then" knock', 'Cancelled at': '2026-03-16 09:00:00 -0400', 'Financial Status': 'voided' }),
        shopifyOrderRow('#6002', { 'Financial Status': 'refunded', Email: '@risk@example.com' }),
      ])),
    });
    await source.call('orders.create', { submit: true, order: validOrder() });
    await settle(source);
    const before = await ordersOf(source);
    expect(before).toHaveLength(5);

    const exported = await source.call('export.run', { kind: 'order_lines' });
    const file = readFileSync(exported.path);
    expect(file.toString('utf8')).toContain("'=HYPERLINK");

    // The other desk has its own PD-1001: same number, another order. It is not taken for the exported one.
    const fresh = openCore();
    const own = await fresh.call('orders.create', { submit: false, order: validOrder({ customer: { name: 'Zoë Other', email: 'zoe@example.org', phone: '' } }) });
    expect(own.number).toBe('PD-1001');
    const ownBefore = await fresh.call('orders.get', { id: own.id });
    const run = await fresh.call('orderImport.run', { fileName: exported.fileName, contentBase64: base64(file) });
    expect(run).toMatchObject({ status: 'done', format: 'desk', imported: 5, updated: 0, rejected: 0 });
    await settle(fresh);
    expect((await fresh.call('orders.get', { id: own.id })).customer).toEqual(ownBefore.customer);
    expect((await ordersOf(fresh)).filter((o) => o.customer.email !== 'zoe@example.org')).toEqual(before);

    const footprint = () => source.peek('SELECT (SELECT count(*) FROM orders) AS orders, (SELECT count(*) FROM order_lines) AS lines, (SELECT count(*) FROM order_events) AS events, (SELECT count(*) FROM payments) AS payments');
    const counted = footprint();
    const back = await source.call('orderImport.run', { fileName: exported.fileName, contentBase64: base64(file) });
    expect(back).toMatchObject({ status: 'done', imported: 0, updated: 0, heldBack: 0, unchanged: 5 });
    expect(footprint()).toEqual(counted);
  });
});

/**
 * An imported order the desk has already sent to a supplier is not altered by a later import of a changed copy:
 * the difference is on its timeline and a hold asks a person to pass it on. An order not sent yet is updated.
 * Real core, real supplier e-mail over the outbox to a real SMTP server (support/dispatch-shop.ts).
 */
import { describe, expect, it } from 'vitest';
import { shopifyCsv, shopifyOrderRow, type ShopifyRow } from '../fixtures/storefront/shopify-file';
import { useDispatchShop, type DispatchShop } from './support/dispatch-shop';

const openShop = useDispatchShop();

/** A paid order for the shop's food (supplied by e-mail), to Berlin. */
function berlinOrder(name: string, overrides: ShopifyRow = {}): ShopifyRow {
  return shopifyOrderRow(name, {
    Currency: 'EUR', Subtotal: '179.98', Total: '179.98', 'Lineitem quantity': '2', 'Lineitem name': 'Acana Adult Dog, Lamb, 11.4 kg',
    'Lineitem price': '89.99', 'Lineitem sku': 'DOG-ACANA-LAMB-11', Email: 'lena@example.de', 'Billing Name': 'Lena Schmidt',
    'Billing Address1': 'Hauptstraße 5', 'Billing City': 'Berlin', 'Billing Zip': '10115', 'Billing Province': '', 'Billing Country': 'DE',
    'Shipping Name': 'Lena Schmidt', 'Shipping Street': 'Hauptstraße 5', 'Shipping Address1': 'Hauptstraße 5', 'Shipping City': 'Berlin',
    'Shipping Zip': '10115', 'Shipping Province': '', 'Shipping Country': 'DE', 'Shipping Phone': '+49301234567',
    ...overrides,
  });
}

async function importRows(shop: DispatchShop, rows: ShopifyRow[]) {
  return shop.call('orderImport.run', { fileName: 'orders_export.csv', contentBase64: Buffer.from(shopifyCsv(rows)).toString('base64') });
}

async function checked(shop: DispatchShop, storefrontNumber: string) {
  for (let turn = 0; turn < 300; turn += 1) {
    const found = (await shop.call('orders.list', { search: storefrontNumber })).rows[0];
    if (found) {
      const order = await shop.call('orders.get', { id: found.id });
      if (order.verifiedAt !== null) return order;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`${storefrontNumber} was never checked`);
}

describe('a changed order that the desk already sent to its supplier', () => {
  it('is not altered: the difference is on its timeline and a hold asks a person to pass it on', async () => {
    const shop = await openShop();
    await importRows(shop, [berlinOrder('#4401')]);
    const order = await checked(shop, '#4401');
    expect(order.stage).toBe('ready_to_send');
    await shop.call('supplierOrders.send', { orderId: order.id });
    await shop.deliver();
    expect((await shop.call('orders.get', { id: order.id })).supplierOrders.every((po) => po.status === 'sent')).toBe(true);

    const run = await importRows(shop, [berlinOrder('#4401', { 'Shipping Address1': 'Neue Straße 9', 'Shipping Street': 'Neue Straße 9' })]);
    expect(run).toMatchObject({ imported: 0, updated: 0, heldBack: 1 });
    const after = await shop.call('orders.get', { id: order.id });
    expect(after.shippingAddress.line1).toBe('Hauptstraße 5');
    const event = after.timeline.find((e) => e.kind === 'order.storefront_changed');
    expect(event?.reason).toContain('Shipping address: Hauptstraße 5');
    expect(event?.reason).toContain('Neue Straße 9');
    expect(after.holds.filter((h) => h.releasedAt === null).map((h) => h.reason)).toContain('OTHER');

    // The same changed file again tells nothing new.
    const again = await importRows(shop, [berlinOrder('#4401', { 'Shipping Address1': 'Neue Straße 9', 'Shipping Street': 'Neue Straße 9' })]);
    expect(again).toMatchObject({ unchanged: 1, heldBack: 0 });

    // A second change while the hold is still open is added to that hold's note.
    const third = await importRows(shop, [berlinOrder('#4401', { 'Shipping Address1': 'Neue Straße 9', 'Shipping Street': 'Neue Straße 9', Notes: 'Gate code 1234' })]);
    expect(third).toMatchObject({ heldBack: 1 });
    const held = (await shop.call('orders.get', { id: order.id })).holds.filter((h) => h.releasedAt === null && h.reason === 'OTHER');
    expect(held).toHaveLength(1);
    expect(held[0]?.note).toContain('Neue Straße 9');
    expect(held[0]?.note).toContain('Then changed again');
  });

  it('is updated while it has not gone to a supplier yet', async () => {
    const shop = await openShop();
    await importRows(shop, [berlinOrder('#4402')]);
    const order = await checked(shop, '#4402');
    const run = await importRows(shop, [berlinOrder('#4402', { 'Shipping Address1': 'Neue Straße 9', 'Shipping Street': 'Neue Straße 9' })]);
    expect(run).toMatchObject({ updated: 1, heldBack: 0 });
    const after = await checked(shop, '#4402');
    expect(after.id).toBe(order.id);
    expect(after.shippingAddress.line1).toBe('Neue Straße 9');
    expect(after.timeline.some((e) => e.kind === 'order.storefront_updated')).toBe(true);
  });
});

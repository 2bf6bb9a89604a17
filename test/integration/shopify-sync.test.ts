/**
 * The desk wired to a Shopify store (issue 7), on real parts: the real core on a real SQLite file, the Shopify
 * simulator and an SMTP server on 127.0.0.1. Orders are pulled since a saved cursor, and a parcel of a Shopify
 * order goes back to Shopify as one fulfilment, through the outbox, even when the desk stops halfway.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME } from '../../src-main/db/open';
import type { OrderDetail } from '../../src-shared/domain/order';
import { startShopifySim, type SeedOrderInput, type ShopifySim } from '../sim/shopify-sim';
import { useDispatchShop, type DispatchShop } from './support/dispatch-shop';

const TOKEN = 'shpat_petdrop_sync_secret_5be1c9';
const START = '2026-11-30T10:00:00Z';
const MINUTE = 60_000;
const UPS = '1Z5R89390357567127';

const openShop = useDispatchShop();
const sims: ShopifySim[] = [];
afterEach(async () => {
  for (const sim of sims.splice(0)) await sim.close();
});

/** A paid order for the e-mail supplier's dog food (a SKU in the shop's catalog), shipped to Berlin. */
function dogFoodOrder(n: number): SeedOrderInput {
  return {
    displayFinancialStatus: 'PAID', currencyCode: 'EUR', shippingCharge: 590, tax: 0, discount: 0,
    email: `customer${n}@example.com`,
    customer: { displayName: `Customer ${n}`, email: `customer${n}@example.com`, phone: null },
    shippingAddress: { name: `Customer ${n}`, address1: 'Hauptstraße 1', address2: null, city: 'Berlin', provinceCode: null, zip: '10115', countryCodeV2: 'DE', phone: null },
    billingCountry: 'DE',
    lineItems: [{ title: 'Adult Dog Food, Lamb, 11.4 kg', sku: 'DOG-ACANA-LAMB-11', quantity: 2, unitPrice: 8999 }],
  };
}

async function connectedShop(): Promise<{ shop: DispatchShop; sim: ShopifySim }> {
  const shop = await openShop();
  const sim = await startShopifySim({ accessToken: TOKEN, now: START, port: 0, rateLimit: null });
  sims.push(sim);
  await shop.call('settings.update', { shopifyStoreUrl: sim.url, shopifyAccessToken: TOKEN, shopifySyncMinutes: 15 });
  return { shop, sim };
}

function peekAll<T>(shop: DispatchShop, sqlText: string, ...params: unknown[]): T[] {
  const db = new Database(join(shop.dataDir, DATABASE_FILE_NAME), { readonly: true });
  try {
    return db.prepare(sqlText).all(...params) as T[];
  } finally {
    db.close();
  }
}

async function deskOrderOf(shop: DispatchShop, externalId: number): Promise<OrderDetail> {
  const [row] = peekAll<{ id: number }>(shop, "SELECT id FROM orders WHERE source = 'shopify' AND external_id = ?", String(externalId));
  if (!row) throw new Error(`Shopify order ${externalId} is not in the desk`);
  return shop.call('orders.get', { id: row.id });
}

/** Pulls one Shopify order, sends its PO to the e-mail supplier, and records a parcel for all of it by hand. */
async function shippedShopifyOrder(shop: DispatchShop, sim: ShopifySim) {
  const [seeded] = sim.seedOrders([dogFoodOrder(1)]);
  await shop.call('shopify.syncNow', {});
  const pulled = await deskOrderOf(shop, seeded!.id);
  expect(pulled.stage).toBe('ready_to_send');
  await shop.call('supplierOrders.send', { orderId: pulled.id });
  await shop.deliver();
  const sent = await shop.call('orders.get', { id: pulled.id });
  const po = sent.supplierOrders[0]!;
  await shop.call('supplierOrders.confirm', { poId: po.id, lines: [{ lineId: po.lines[0]!.id, status: 'confirmed' }] });
  const withParcel = await shop.call('shipments.add', { poId: po.id, trackingNumber: UPS, lines: [{ poLineId: po.lines[0]!.id, quantity: 2 }] });
  return { seeded: seeded!, order: withParcel };
}

const shopifyRows = (shop: DispatchShop) => peekAll<{ id: number; status: string; idempotency_key: string; payload: string; last_error: string | null }>(
  shop, "SELECT id, status, idempotency_key, payload, last_error FROM outbox WHERE kind = 'shopify.fulfillment' ORDER BY id");

describe('pulling Shopify orders since the saved cursor', () => {
  it('a second pull brings only the orders changed or created since, counts the repeated one as unchanged, and duplicates none', async () => {
    const { shop, sim } = await connectedShop();
    const first = sim.seedOrders([dogFoodOrder(1)])[0]!;
    sim.advanceClock(MINUTE);
    sim.seedOrders([dogFoodOrder(2)]);
    sim.advanceClock(MINUTE);
    const third = sim.seedOrders([dogFoodOrder(3)])[0]!;

    const afterFirst = await shop.call('shopify.syncNow', {});
    expect(afterFirst).toMatchObject({ configured: true, lastError: null, lastRun: { format: 'shopify_api', status: 'done', ordersRead: 3, imported: 3 } });

    sim.advanceClock(5 * MINUTE);
    sim.updateOrder(first.id, { note: 'Leave at the door' });
    const created = sim.seedOrders([dogFoodOrder(4)])[0]!;
    const afterSecond = await shop.call('shopify.syncNow', {});

    // Inclusive cursor: the first pull's last order (the third) comes again, and is not changed by it.
    expect(sim.requestsFor('DeskOrders').at(-1)!.variables).toMatchObject({ query: "updated_at:>='2026-11-30T10:02:00Z'" });
    expect(afterSecond.lastRun).toMatchObject({ ordersRead: 3, imported: 1, updated: 1, unchanged: 1, rejected: 0 });
    const inDesk = peekAll<{ external_id: string }>(shop, "SELECT external_id FROM orders WHERE source = 'shopify' ORDER BY external_id");
    expect(inDesk.map((o) => o.external_id).sort()).toEqual([first.id, sim.orders()[1]!.id, third.id, created.id].map(String).sort());
    const updated = await deskOrderOf(shop, first.id);
    expect(updated.notes).toBe('Leave at the door');
    expect(updated.timeline.filter((e) => e.kind === 'order.storefront_updated')).toHaveLength(1);
    expect((await deskOrderOf(shop, third.id)).timeline.some((e) => e.kind === 'order.storefront_updated')).toBe(false);

    // Nothing new (the orders read again are the repeated last ones): no run is added to the import history.
    const thirdPull = await shop.call('shopify.syncNow', {});
    expect(thirdPull.lastError).toBeNull();
    expect(thirdPull.lastRun?.id).toBe(afterSecond.lastRun?.id);
    expect((await shop.call('orderImport.runs', {})).filter((run) => run.format === 'shopify_api')).toHaveLength(2);
    expect(peekAll(shop, "SELECT id FROM orders WHERE source = 'shopify'")).toHaveLength(4);
  });

  it('a pull stopped by Shopify after its first page keeps that page and its cursor, and the next round goes on from there', async () => {
    const shop = await openShop();
    // A small cost bucket on a clock that stands still: the second page is refused as THROTTLED.
    const sim = await startShopifySim({ accessToken: TOKEN, now: START, port: 0, rateLimit: { maximumAvailable: 1000, restoreRate: 50 } });
    sims.push(sim);
    await shop.call('settings.update', { shopifyStoreUrl: sim.url, shopifyAccessToken: TOKEN });
    for (let n = 1; n <= 15; n += 1) {
      sim.seedOrders([dogFoodOrder(n)]);
      sim.advanceClock(MINUTE);
    }

    const stopped = await shop.call('shopify.syncNow', {});

    expect(stopped.lastError).toMatch(/slow down/);
    expect(stopped.lastRun).toMatchObject({ status: 'failed', ordersRead: 10, imported: 10 });
    expect(peekAll(shop, "SELECT id FROM orders WHERE source = 'shopify'")).toHaveLength(10);

    sim.advanceClock(60_000);
    const resumed = await shop.call('shopify.syncNow', {});

    expect(resumed.lastError).toBeNull();
    // From the tenth order's second (inclusive): it again, unchanged, and the five after it.
    expect(sim.requestsFor('DeskOrders').at(-1)!.variables).toMatchObject({ query: "updated_at:>='2026-11-30T10:09:00Z'" });
    expect(resumed.lastRun).toMatchObject({ status: 'done', ordersRead: 6, imported: 5, unchanged: 1 });
    const externalIds = peekAll<{ external_id: string }>(shop, "SELECT external_id FROM orders WHERE source = 'shopify'").map((o) => o.external_id);
    expect(externalIds.sort()).toEqual(sim.orders().map((o) => String(o.id)).sort());
  });

  it('keeps the access token out of the settings, the status and the log, and a refused token ends the round with a sentence about it', async () => {
    const { shop, sim } = await connectedShop();
    sim.seedOrders([dogFoodOrder(1)]);
    await shop.call('shopify.syncNow', {});
    const settings = await shop.call('settings.get', {});
    expect(settings).toMatchObject({ shopifyStoreUrl: sim.url, shopifyTokenStored: true });

    const wrong = 'shpat_wrong_token_771a';
    await shop.call('settings.update', { shopifyAccessToken: wrong });
    const refused = await shop.call('shopify.syncNow', {});

    expect(refused.lastError).toMatch(/access token/);
    expect(refused.lastError).toMatch(/Settings/);
    const seen = JSON.stringify([settings, refused, await shop.call('shopify.status', {}), shop.log]);
    expect(seen).not.toContain(TOKEN);
    expect(seen).not.toContain(wrong);
  });
});

describe('the Shopify settings', () => {
  it('refuse a store address that is not the shop’s myshopify.com (or this computer) and a token with spaces, naming the field, and store nothing', async () => {
    const shop = await openShop();
    for (const [input, field] of [
      [{ shopifyStoreUrl: 'https://evil.example.com' }, 'shopifyStoreUrl'],
      [{ shopifyStoreUrl: 'http://petdrop.myshopify.com' }, 'shopifyStoreUrl'],
      [{ shopifyStoreUrl: 'https://petdrop.myshopify.com/admin' }, 'shopifyStoreUrl'],
      [{ shopifyAccessToken: 'shpat with spaces' }, 'shopifyAccessToken'],
      [{ shopifySyncMinutes: -1 }, 'shopifySyncMinutes'],
    ] as const) {
      const result = await shop.attempt('settings.update', input);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', field } });
    }
    expect(await shop.call('settings.get', {})).toMatchObject({ shopifyStoreUrl: '', shopifyTokenStored: false, shopifySyncMinutes: 15 });
    expect(await shop.call('shopify.status', {})).toMatchObject({ configured: false, lastSyncAt: null, lastRun: null });

    const saved = await shop.call('settings.update', { shopifyStoreUrl: 'https://PetDrop.myshopify.com/' });
    expect(saved.shopifyStoreUrl).toBe('https://petdrop.myshopify.com');
  });
});

describe('pushing a parcel to Shopify', () => {
  it('a parcel added by hand on a pulled Shopify order becomes exactly one Shopify fulfilment with its carrier and tracking number', async () => {
    const { shop, sim } = await connectedShop();
    const { seeded, order } = await shippedShopifyOrder(shop, sim);
    const rows = shopifyRows(shop);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.idempotency_key).toBe(`shopify-fulfillment:${order.shipments[0]!.id}`);
    expect(JSON.parse(rows[0]!.payload)).toEqual({ shipmentId: order.shipments[0]!.id });

    await shop.deliver(2);

    const fulfilments = sim.fulfillments(seeded.id);
    expect(fulfilments).toHaveLength(1);
    expect(fulfilments[0]!.trackingInfo).toEqual([{ company: 'UPS', number: UPS, url: `https://www.ups.com/track?tracknum=${UPS}` }]);
    expect(fulfilments[0]!.lines.map((l) => l.quantity)).toEqual([2]);
    expect(shopifyRows(shop)[0]!.status).toBe('done');
    const after = await shop.call('orders.get', { id: order.id });
    expect(after.timeline.filter((e) => e.kind === 'shopify.fulfilled')).toHaveLength(1);
    expect(sim.requestsFor('DeskFulfillmentCreate')).toHaveLength(1);
  });

  it('a push still waiting when the desk closes is sent once after the restart', async () => {
    const { shop, sim } = await connectedShop();
    const { seeded } = await shippedShopifyOrder(shop, sim);
    expect(shopifyRows(shop)[0]!.status).toBe('pending');

    shop.core.close();
    const reopened = shop.reopen();
    await reopened.deliver(2);

    expect(sim.fulfillments(seeded.id)).toHaveLength(1);
    expect(shopifyRows(reopened)[0]!.status).toBe('done');
  });

  it('a push cut off after Shopify applied it is sent again after a restart, finds that fulfilment, and Shopify still has exactly one', async () => {
    const { shop, sim } = await connectedShop();
    const { seeded, order } = await shippedShopifyOrder(shop, sim);
    // Shopify applies the fulfilment but its answer never comes back; the desk stops while waiting for it.
    sim.failNext('DeskFulfillmentCreate', 1, { kind: 'no_answer' });
    // Never settles in this desk: its answer is held, and the desk closes under it.
    void shop.core.background.outbox.drain().catch(() => 0);
    for (let waited = 0; sim.fulfillments(seeded.id).length === 0; waited += 1) {
      if (waited > 400) throw new Error('the simulator never received the fulfilment');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(shopifyRows(shop)[0]!.status).toBe('in_flight');
    shop.core.close();

    const reopened = shop.reopen();
    // Reading the order first makes a resend safe: the row goes back to the queue, not to a person.
    expect(shopifyRows(reopened)[0]!.status).toBe('pending');
    await reopened.deliver(2);

    expect(sim.fulfillments(seeded.id)).toHaveLength(1);
    expect(sim.requestsFor('DeskFulfillmentCreate')).toHaveLength(1);
    expect(shopifyRows(reopened)[0]!.status).toBe('done');
    const after = await reopened.call('orders.get', { id: order.id });
    expect(after.timeline.find((e) => e.kind === 'shopify.fulfilled')!.message).toContain('Shopify already had it');
  });

  it('a parcel the supplier’s API reports on a Shopify order is pushed to Shopify too', async () => {
    const { shop, sim } = await connectedShop();
    // The API supplier acknowledges on the first read and ships on the next one.
    shop.sim.setOrderScenario({ autoAcknowledgeAfterPolls: 1, autoShipAfterPolls: 1 });
    const [seeded] = sim.seedOrders([{ ...dogFoodOrder(1), lineItems: [{ title: 'KONG Classic, Large', sku: 'DOG-KONG-CLASSIC-L', quantity: 1, unitPrice: 1499 }] }]);
    await shop.call('shopify.syncNow', {});
    const pulled = await deskOrderOf(shop, seeded!.id);
    await shop.call('supplierOrders.send', { orderId: pulled.id });
    await shop.deliver();

    await shop.core.background.syncTracking();
    await shop.deliver();
    await shop.core.background.syncTracking();
    await shop.deliver(2);

    const parcel = (await shop.call('orders.get', { id: pulled.id })).shipments[0]!;
    expect(parcel.source).toBe('supplier_api');
    const fulfilments = sim.fulfillments(seeded!.id);
    expect(fulfilments).toHaveLength(1);
    expect(fulfilments[0]!.trackingInfo[0]).toMatchObject({ company: parcel.carrierName, number: parcel.trackingNumber });
  });

  it('a parcel of an order cancelled in Shopify is not pushed: the row waits for a person, and the order’s timeline says why', async () => {
    const { shop, sim } = await connectedShop();
    const { seeded, order } = await shippedShopifyOrder(shop, sim);
    sim.cancelOrder(seeded.id);

    await shop.deliver(2);

    expect(shopifyRows(shop)[0]).toMatchObject({ status: 'dead', last_error: expect.stringContaining('cancelled') });
    expect(sim.fulfillments(seeded.id)).toEqual([]);
    const after = await shop.call('orders.get', { id: order.id });
    expect(after.timeline.find((e) => e.kind === 'shopify.fulfillment_failed')).toBeDefined();
    const inbox = await shop.call('exceptions.list', {});
    expect(JSON.stringify(inbox)).toContain(`outbox:${shopifyRows(shop)[0]!.id}`);
  });

  it('without a stored access token the push waits, saying so, and goes once the token is back', async () => {
    const { shop, sim } = await connectedShop();
    const { seeded } = await shippedShopifyOrder(shop, sim);
    await shop.call('settings.update', { shopifyAccessToken: '' });

    await shop.deliver();

    expect(shopifyRows(shop)[0]).toMatchObject({ status: 'failed', last_error: expect.stringMatching(/access token/) });
    expect(sim.fulfillments(seeded.id)).toEqual([]);

    await shop.call('settings.update', { shopifyAccessToken: TOKEN });
    await shop.deliver(2);

    expect(sim.fulfillments(seeded.id)).toHaveLength(1);
    expect(shopifyRows(shop)[0]!.status).toBe('done');
  });

  it('a parcel on an order that did not come from Shopify queues nothing for Shopify', async () => {
    const { shop } = await connectedShop();
    const ready = await shop.readyOrder();
    await shop.call('supplierOrders.send', { orderId: ready.id });
    await shop.deliver();
    const po = (await shop.call('orders.get', { id: ready.id })).supplierOrders[0]!;
    await shop.call('supplierOrders.confirm', { poId: po.id, lines: [{ lineId: po.lines[0]!.id, status: 'confirmed' }] });

    const withParcel = await shop.call('shipments.add', { poId: po.id, trackingNumber: UPS, lines: [{ poLineId: po.lines[0]!.id, quantity: 2 }] });

    expect(withParcel.shipments).toHaveLength(1);
    expect(shopifyRows(shop)).toEqual([]);
  });
});

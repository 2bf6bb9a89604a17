/**
 * The desk's Shopify Admin adapter (src-main/adapters/shopify-admin.ts) against the real Shopify simulator over
 * loopback http: paging and cursors into ImportedOrder, a fulfilment pushed once even when retried or when its
 * answer was lost, and failures that say whether to retry without ever quoting the token.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  createShopifyAdminClient, ShopifyError, type ShopifyAdminClient, type ShopifyCursor,
} from '../../src-main/adapters/shopify-admin';
import type { ImportedOrder } from '../../src-shared/domain/storefront-orders';
import { startShopifySim, type ShopifySim, type ShopifySimOptions } from '../sim/shopify-sim';

const TOKEN = 'shpat_test_petdrop_adapter_7d1e';
const START = new Date('2026-11-30T10:00:00Z');
const MINUTE = 60_000;
const UPS = { company: 'UPS', number: '1Z999AA10123456784', url: 'https://www.ups.com/track?tracknum=1Z999AA10123456784' };

const sims: ShopifySim[] = [];
afterEach(async () => {
  for (const sim of sims.splice(0)) await sim.close();
});

async function startSim(options: ShopifySimOptions = {}): Promise<ShopifySim> {
  const sim = await startShopifySim({ accessToken: TOKEN, now: START, port: 0, ...options });
  sims.push(sim);
  return sim;
}

function adapterFor(sim: ShopifySim, accessToken = TOKEN, timeoutMs?: number): ShopifyAdminClient {
  return createShopifyAdminClient({ storeUrl: sim.url, accessToken, ...(timeoutMs ? { timeoutMs } : {}) });
}

/** Every page since the cursor, as the background pull will do it; the cursor moves to the last order. */
async function pullAll(shop: ShopifyAdminClient, since: ShopifyCursor | null) {
  const orders: ImportedOrder[] = [];
  let after: string | null = null;
  let cursor = since;
  let pages = 0;
  for (;;) {
    const page = await shop.ordersSince(since, after, 10);
    pages += 1;
    expect(page.unreadable).toEqual([]);
    expect(page.tooManyLines).toEqual([]);
    orders.push(...page.orders);
    cursor = page.cursor ?? cursor;
    if (!page.hasNextPage) return { orders, cursor, pages };
    after = page.endCursor;
  }
}

async function failureOf(promise: Promise<unknown>): Promise<ShopifyError['failure']> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ShopifyError);
  return (error as ShopifyError).failure;
}

describe('pulling orders', () => {
  it('pulls every order once over several pages as ImportedOrders with minor-unit money and the payment state', async () => {
    const sim = await startSim({ rateLimit: null });
    sim.seedOrders(21);
    sim.seedOrders([{
      displayFinancialStatus: 'PENDING', currencyCode: 'JPY', shippingCharge: 500, tax: 0, discount: 0,
      lineItems: [{ title: 'Cat tree', sku: 'CJ-CAT-0040', quantity: 2, unitPrice: 6990 }, { title: 'Gift note', sku: null, quantity: 1, unitPrice: 0 }],
    }]);

    const { orders, cursor, pages } = await pullAll(adapterFor(sim), null);

    expect(pages).toBe(3);
    expect(orders.map((o) => o.number)).toEqual(Array.from({ length: 22 }, (_, i) => `#${1001 + i}`));
    expect(new Set(orders.map((o) => o.externalId)).size).toBe(22);
    const first = orders[0]!;
    const simFirst = sim.orders()[0]!;
    expect(first).toMatchObject({
      source: 'shopify', externalId: String(simFirst.id), currency: 'EUR', total: 3989, shippingCharge: 490, taxes: 0,
      paymentState: 'paid', createdAt: '2026-11-30T10:00:00Z', updatedAt: '2026-11-30T10:00:00Z',
      shipping: { country: 'DE', city: 'Berlin' }, lines: [{ sku: 'CJ-DOG-0001', quantity: 1, unitPrice: 3499 }],
    });
    const yen = orders[21]!;
    expect(yen).toMatchObject({
      currency: 'JPY', paymentState: 'pending', shippingCharge: 500, subtotal: 13980, total: 14480,
      lines: [{ title: 'Cat tree', sku: 'CJ-CAT-0040', quantity: 2, unitPrice: 6990 }, { title: 'Gift note', sku: '', quantity: 1, unitPrice: 0 }],
    });
    expect(cursor).toEqual({ updatedAt: '2026-11-30T10:00:00Z', id: `gid://shopify/Order/${sim.orders()[21]!.id}` });
  });

  it('a pull since the saved cursor gives exactly the orders changed or created after it, and two pulls never make a duplicate', async () => {
    const sim = await startSim({ rateLimit: null });
    const seeded = sim.seedOrders(12);
    const shop = adapterFor(sim);
    const desk = new Map<string, ImportedOrder>();
    const firstPull = await pullAll(shop, null);
    for (const order of firstPull.orders) desk.set(order.externalId, order);

    // In the cursor's own second: an exclusive bound would never see it.
    sim.updateOrder(seeded[0]!.id, { tags: ['same-second'] });
    sim.advanceClock(5 * MINUTE);
    sim.updateOrder(seeded[3]!.id, { note: 'Leave at the door' });
    sim.cancelOrder(seeded[8]!.id);
    const [created] = sim.seedOrders(1);

    const secondPull = await pullAll(shop, firstPull.cursor);
    const changed = secondPull.orders.filter((order) => JSON.stringify(desk.get(order.externalId)) !== JSON.stringify(order));
    for (const order of secondPull.orders) desk.set(order.externalId, order);

    // The cursor's own second comes back (inclusive bound); the unchanged ones there do not count as changes.
    expect(changed.map((o) => o.number).sort()).toEqual([seeded[0]!.name, seeded[3]!.name, seeded[8]!.name, created!.name].sort());
    expect(desk.size).toBe(13);
    expect(desk.get(String(seeded[3]!.id))!.notes).toBe('Leave at the door');
    expect(desk.get(String(seeded[8]!.id))!.cancelledAt).toBe('2026-11-30T10:05:00Z');
    expect(sim.requestsFor('DeskOrders').at(-1)!.variables).toMatchObject({ query: "updated_at:>='2026-11-30T10:00:00Z'" });

    const thirdPull = await pullAll(shop, secondPull.cursor);
    expect(thirdPull.orders.map((o) => o.number).sort()).toEqual([seeded[3]!.name, seeded[8]!.name, created!.name].sort());
    expect(thirdPull.orders.every((o) => JSON.stringify(o) === JSON.stringify(desk.get(o.externalId)))).toBe(true);
  });
});

describe('pushing a fulfilment', () => {
  function openOrder(sim: ShopifySim) {
    const [order] = sim.seedOrders([{ lineItems: [
      { title: 'Cat tree', sku: 'CJ-CAT-0040', quantity: 2, unitPrice: 6990 },
      { title: 'Dog bowl', sku: 'CJ-DOG-0002', quantity: 1, unitPrice: 1290 },
    ] }]);
    return order!;
  }

  it('fulfils the lines by SKU once; a second push with the same tracking number finds it and sends nothing', async () => {
    const sim = await startSim();
    const order = openOrder(sim);
    const shop = adapterFor(sim);
    const parcel = { ...UPS, lines: [{ sku: 'CJ-CAT-0040', quantity: 2 }] };

    const first = await shop.fulfill(String(order.id), parcel);
    const second = await shop.fulfill(`gid://shopify/Order/${order.id}`, { ...parcel, number: '1z999aa1 0123456784' });

    expect(first).toEqual({ fulfillmentId: expect.stringMatching(/^gid:\/\/shopify\/Fulfillment\/\d+$/), alreadyThere: false });
    expect(second).toEqual({ fulfillmentId: first.fulfillmentId, alreadyThere: true });
    const fulfilments = sim.fulfillments(order.id);
    expect(fulfilments).toHaveLength(1);
    expect(fulfilments[0]!.trackingInfo).toEqual([{ company: 'UPS', number: UPS.number, url: UPS.url }]);
    expect(fulfilments[0]!.lines.map((l) => l.quantity)).toEqual([2]);
    expect(fulfilments[0]!.notifyCustomer).toBe(false);
    expect(sim.requestsFor('DeskFulfillmentCreate')).toHaveLength(1);
  });

  it('an answer lost after Shopify applied the push is retryable, and the retry finds that fulfilment instead of making a second', async () => {
    const sim = await startSim();
    const order = openOrder(sim);
    const shop = adapterFor(sim, TOKEN, 1_000);
    const parcel = { ...UPS, lines: [{ sku: 'CJ-CAT-0040', quantity: 2 }, { sku: 'CJ-DOG-0002', quantity: 1 }] };
    sim.failNext('DeskFulfillmentCreate', 1, { kind: 'no_answer' });

    const lost = await failureOf(shop.fulfill(String(order.id), parcel));
    expect(lost).toMatchObject({ retry: true, code: 'unavailable' });
    expect(sim.fulfillments(order.id)).toHaveLength(1);

    const retried = await shop.fulfill(String(order.id), parcel);

    expect(retried).toEqual({ fulfillmentId: `gid://shopify/Fulfillment/${sim.fulfillments(order.id)[0]!.id}`, alreadyThere: true });
    expect(sim.fulfillments(order.id)).toHaveLength(1);
    expect(sim.requestsFor('DeskFulfillmentCreate')).toHaveLength(1);
  });

  it('refuses a cancelled order, an unknown SKU, an unknown order and lines already taken without sending a fulfilment', async () => {
    // Six 520-point order reads would empty the default bucket, and the fixed clock never refills it.
    const sim = await startSim({ rateLimit: null });
    const order = openOrder(sim);
    const cancelled = openOrder(sim);
    sim.cancelOrder(cancelled.id);
    const shop = adapterFor(sim);

    expect(await failureOf(shop.fulfill(String(cancelled.id), { ...UPS, lines: [{ sku: 'CJ-CAT-0040', quantity: 1 }] })))
      .toMatchObject({ code: 'cancelled', retry: false, message: expect.stringContaining(cancelled.name) });
    expect(await failureOf(shop.fulfill(String(order.id), { ...UPS, lines: [{ sku: 'NOPE-1', quantity: 1 }] })))
      .toMatchObject({ code: 'unknown_sku', retry: false, message: expect.stringContaining('NOPE-1') });
    expect(await failureOf(shop.fulfill('9999999999999', { ...UPS, lines: [{ sku: 'CJ-CAT-0040', quantity: 1 }] })))
      .toMatchObject({ code: 'unknown_order', retry: false });
    expect(sim.requestsFor('DeskFulfillmentCreate')).toHaveLength(0);

    // A second parcel for lines a first parcel already took: nothing is sent, and the caller hears why.
    await shop.fulfill(String(order.id), { ...UPS, lines: [{ sku: 'CJ-CAT-0040', quantity: 2 }] });
    expect(await failureOf(shop.fulfill(String(order.id), { ...UPS, number: '1Z999AA10123456791', lines: [{ sku: 'CJ-CAT-0040', quantity: 1 }] })))
      .toMatchObject({ code: 'nothing_remains', retry: false });
    expect(sim.fulfillments(order.id)).toHaveLength(1);
  });

  it('caps a line at what remains on Shopify, so a parcel for more than is open fulfils only the rest', async () => {
    const sim = await startSim();
    const order = openOrder(sim);
    const shop = adapterFor(sim);
    await shop.fulfill(String(order.id), { ...UPS, lines: [{ sku: 'CJ-CAT-0040', quantity: 1 }] });

    const second = await shop.fulfill(String(order.id), { ...UPS, number: '1Z999AA10123456791', lines: [{ sku: 'CJ-CAT-0040', quantity: 2 }] });

    expect(second.alreadyThere).toBe(false);
    expect(sim.fulfillments(order.id).map((f) => f.lines.map((l) => l.quantity))).toEqual([[1], [1]]);
  });
});

describe('orders the desk must not import as read', () => {
  it('flags an order with more lines than one page and one with money in a second currency, and imports the rest', async () => {
    const sim = await startSim();
    const [long, mixed, plain] = sim.seedOrders(3);
    // The simulator never sends either case (README), so the answer is altered on its way in, as Shopify could send it.
    const alter: typeof fetch = async (input, init) => {
      const answer = await fetch(input, init);
      const body = await answer.json() as { data?: { orders?: { edges: Array<{ node: Record<string, any> }> } } };
      for (const { node } of body.data?.orders?.edges ?? []) {
        if (node.name === long!.name) node.lineItems.pageInfo.hasNextPage = true;
        if (node.name === mixed!.name) node.totalTaxSet.shopMoney.currencyCode = 'USD';
      }
      return new Response(JSON.stringify(body), { status: answer.status, headers: answer.headers });
    };
    const shop = createShopifyAdminClient({ storeUrl: sim.url, accessToken: TOKEN, fetchImpl: alter });

    const page = await shop.ordersSince(null, null);

    expect(page.orders.map((o) => o.number)).toEqual([plain!.name]);
    expect(page.tooManyLines).toEqual([long!.name]);
    expect(page.unreadable).toEqual([{ number: mixed!.name, reason: expect.stringContaining('totalTaxSet is in USD') }]);
    expect(page.cursor).toEqual({ updatedAt: '2026-11-30T10:00:00Z', id: `gid://shopify/Order/${plain!.id}` });
  });
});

describe('failures', () => {
  it('a wrong access token is not retried and the message names Settings, never the token', async () => {
    const sim = await startSim();
    sim.seedOrders(1);
    const wrongToken = 'shpat_wrong_secret_4242';

    const failure = await failureOf(adapterFor(sim, wrongToken).ordersSince(null, null));

    expect(failure).toMatchObject({ retry: false, status: 401, code: 'auth', message: expect.stringContaining('Settings') });
    expect(JSON.stringify(failure)).not.toContain(wrongToken);
    expect(JSON.stringify(failure)).not.toContain(TOKEN);
  });

  it('a THROTTLED answer is retryable after the wait Shopify\'s bucket implies, and a 429 after its Retry-After', async () => {
    const sim = await startSim({ rateLimit: { maximumAvailable: 1000, restoreRate: 50 } });
    sim.seedOrders(30);
    const shop = adapterFor(sim);
    const first = await shop.ordersSince(null, null, 10); // 762 of 1000 points: 238 left

    const throttled = await failureOf(shop.ordersSince(null, first.endCursor, 10));

    expect(throttled).toMatchObject({ retry: true, code: 'throttled', afterMs: Math.ceil((762 - 238) / 50) * 1000 });
    sim.advanceClock(throttled.afterMs!);
    expect((await shop.ordersSince(null, first.endCursor, 10)).orders[0]!.number).toBe('#1011');

    const http429 = await startSim({ throttledAs: 'http429' });
    http429.seedOrders(1);
    http429.failNext('DeskOrders', 1, { kind: 'throttled' });
    const refused = await failureOf(adapterFor(http429).ordersSince(null, null));
    expect(refused).toMatchObject({ retry: true, code: 'throttled', status: 429, afterMs: expect.any(Number) });
    expect(refused.afterMs).toBeGreaterThanOrEqual(1000);
  });

  it('a 5xx and an unreachable store are retryable; a document Shopify rejects is not', async () => {
    const sim = await startSim();
    sim.seedOrders(1);
    sim.failNext('DeskOrders', 1, { kind: 'error', status: 503 });
    expect(await failureOf(adapterFor(sim).ordersSince(null, null))).toMatchObject({ retry: true, status: 503 });

    // A cursor Shopify did not issue: the desk's own request is wrong, and retrying would only repeat it.
    expect(await failureOf(adapterFor(sim).ordersSince(null, 'bm90LW91cnM=')))
      .toMatchObject({ retry: false, code: 'refused', message: expect.stringContaining('BAD_REQUEST') });

    const closed = await startSim();
    const unreachable = adapterFor(closed);
    await closed.close();
    sims.splice(sims.indexOf(closed), 1);
    expect(await failureOf(unreachable.ordersSince(null, null))).toMatchObject({ retry: true, code: 'unavailable' });
  });

  it('refuses a store address that is not https://<shop>.myshopify.com or loopback http, naming the field', () => {
    const make = (storeUrl: string) => () => createShopifyAdminClient({ storeUrl, accessToken: TOKEN });
    expect(make('http://petdrop.myshopify.com')).toThrow(/store address must use https/);
    expect(make('https://evil.example.com')).toThrow(/myshopify\.com/);
    expect(make('https://petdrop.myshopify.com/admin?x=1')).toThrow(/without a path/);
    expect(make('petdrop.myshopify.com')).not.toThrow();
    expect(() => createShopifyAdminClient({ storeUrl: 'https://petdrop.myshopify.com', accessToken: '' })).toThrow(/access token in Settings/);
  });
});

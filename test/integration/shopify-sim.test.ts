/**
 * The Shopify simulator (test/sim/shopify-sim.ts; GraphQL Admin API 2026-10 shapes) spoken to with the official
 * @shopify/admin-api-client, as the desk will: paging a pull, pulling since a saved cursor, fulfilling once,
 * over-fulfilment refused, a wrong token, throttling. The documents are the adapter's (the README's, character for character).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createAdminApiClient, type AdminApiClient } from '@shopify/admin-api-client';
import {
  MAX_QUERY_COST, SHOPIFY_API_VERSION, startShopifySim, type ShopifySim, type ShopifySimOptions,
} from '../sim/shopify-sim';
// The documents the desk's adapter sends, so the simulator is tested on exactly those.
import { DESK_FULFILLMENT_CREATE, DESK_ORDER, DESK_ORDERS } from '../../src-main/adapters/shopify-admin-documents';

const TOKEN = 'shpat_test_petdrop_0f3c9a';
const START = new Date('2026-11-30T10:00:00Z');
const MINUTE = 60_000;

const sims: ShopifySim[] = [];
afterEach(async () => {
  for (const sim of sims.splice(0)) await sim.close();
});

async function startSim(options: ShopifySimOptions = {}): Promise<ShopifySim> {
  const sim = await startShopifySim({ accessToken: TOKEN, now: START, ...options });
  sims.push(sim);
  return sim;
}

/**
 * The client always builds https://{storeDomain}/admin/api/{version}/graphql.json; for the loopback simulator the
 * desk gives it `127.0.0.1:<port>` and a fetch that sends the same request over plain http.
 */
function clientFor(sim: ShopifySim, accessToken = TOKEN): AdminApiClient {
  return createAdminApiClient({
    storeDomain: sim.storeDomain,
    apiVersion: SHOPIFY_API_VERSION,
    accessToken,
    customFetchApi: (url, init) => fetch(url.replace(/^https:\/\/127\.0\.0\.1:/, 'http://127.0.0.1:'), init as RequestInit),
  });
}

interface OrderNode {
  id: string;
  name: string;
  updatedAt: string;
  [field: string]: unknown;
}

async function pullPage(client: AdminApiClient, variables: { first: number; after?: string | null; query?: string }) {
  const answer = await client.request(DESK_ORDERS, { variables });
  expect(answer.errors).toBeUndefined();
  const orders = answer.data.orders as { edges: Array<{ cursor: string; node: OrderNode }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
  return { orders, extensions: answer.extensions };
}

/** The desk's pull as README "Pull since a cursor" describes it: inclusive lower bound, every page, in order. */
async function pullSince(client: AdminApiClient, since: string | null): Promise<OrderNode[]> {
  const nodes: OrderNode[] = [];
  let after: string | null = null;
  for (;;) {
    const { orders } = await pullPage(client, { first: 10, after, ...(since ? { query: `updated_at:>='${since}'` } : {}) });
    nodes.push(...orders.edges.map((edge) => edge.node));
    if (!orders.pageInfo.hasNextPage) return nodes;
    after = orders.pageInfo.endCursor;
  }
}

/** The desk's upsert, keyed by the storefront id: what a node did to the desk's copy. */
function apply(desk: Map<string, string>, node: OrderNode): 'new' | 'changed' | 'unchanged' {
  const before = desk.get(node.id);
  const after = JSON.stringify(node);
  desk.set(node.id, after);
  if (before === undefined) return 'new';
  return before === after ? 'unchanged' : 'changed';
}

describe('pulling orders', () => {
  it('pulls every order once, page by page with opaque cursors, oldest update first, in Shopify shapes', async () => {
    // Three 762-point pages exceed the default 2000-point bucket, and the fixed clock never refills it by itself.
    const sim = await startSim({ rateLimit: null });
    for (let i = 0; i < 23; i += 1) {
      sim.seedOrders(1);
      if (i % 3 === 0) sim.advanceClock(MINUTE); // several orders share an updatedAt second: ties go by id
    }
    const client = clientFor(sim);

    const nodes = await pullSince(client, null);

    expect(sim.requestsFor('DeskOrders')).toHaveLength(3);
    expect(nodes.map((n) => n.name)).toEqual(Array.from({ length: 23 }, (_, i) => `#${1001 + i}`));
    const keys = nodes.map((n) => [Date.parse(n.updatedAt), Number(n.id.split('/').pop())] as const);
    expect(keys).toEqual([...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
    const first = nodes[0]!;
    expect(first).toMatchObject({
      id: expect.stringMatching(/^gid:\/\/shopify\/Order\/\d+$/),
      legacyResourceId: first.id.split('/').pop(),
      createdAt: '2026-11-30T10:00:00Z',
      displayFinancialStatus: 'PAID',
      currencyCode: 'EUR',
      totalPriceSet: { shopMoney: { amount: '39.89', currencyCode: 'EUR' } },
      totalShippingPriceSet: { shopMoney: { amount: '4.9', currencyCode: 'EUR' } },
      totalTaxSet: { shopMoney: { amount: '0.0', currencyCode: 'EUR' } },
      shippingAddress: { countryCodeV2: 'DE', city: 'Berlin' },
      lineItems: { edges: [{ node: { sku: 'CJ-DOG-0001', quantity: 1, originalUnitPriceSet: { shopMoney: { amount: '34.99' } } } }] },
    });
  });

  it('a second pull since the saved cursor changes exactly the orders updated, cancelled or created after it, including one updated in the cursor\'s own second', async () => {
    const sim = await startSim();
    sim.seedOrders(12);
    const client = clientFor(sim);
    const desk = new Map<string, string>();
    const firstPull = await pullSince(client, null);
    for (const node of firstPull) apply(desk, node);
    const cursor = firstPull.at(-1)!.updatedAt;

    // Same second as the cursor: an exclusive `updated_at:>` bound would never see this one.
    sim.updateOrder(firstPull[0]!.id, { note: 'Gift wrap, please' });
    sim.advanceClock(5 * MINUTE);
    sim.updateOrder(firstPull[4]!.id, { tags: ['vip'] });
    sim.cancelOrder(firstPull[7]!.id);
    const [created] = sim.seedOrders(1);

    const secondPull = await pullSince(client, cursor);
    const changed = secondPull.filter((node) => apply(desk, node) !== 'unchanged').map((node) => node.name);

    expect(changed.sort()).toEqual([firstPull[0]!.name, firstPull[4]!.name, firstPull[7]!.name, created!.name].sort());
    expect(desk.size).toBe(13);
    expect(JSON.parse(desk.get(firstPull[7]!.id)!).cancelledAt).toBe('2026-11-30T10:05:00Z');
  });

  it('an order updated while a pull is between pages comes again at the end of that same pull', async () => {
    const sim = await startSim();
    const seeded = sim.seedOrders(15);
    const client = clientFor(sim);
    const page1 = await pullPage(client, { first: 10 });
    sim.advanceClock(MINUTE);
    sim.updateOrder(seeded[2]!.id, { note: 'changed mid-pull' });
    sim.updateOrder(seeded[12]!.id, { note: 'changed mid-pull too' });
    const page2 = await pullPage(client, { first: 10, after: page1.orders.pageInfo.endCursor });

    expect(page2.orders.edges.map((e) => e.node.name)).toEqual(['#1011', '#1012', '#1014', '#1015', '#1003', '#1013']);
    expect(page2.orders.pageInfo.hasNextPage).toBe(false);
  });
});

describe('pushing a fulfilment', () => {
  async function openOrder(sim: ShopifySim) {
    const [seeded] = sim.seedOrders([{ lineItems: [{ title: 'Cat tree', sku: 'CJ-CAT-0040', quantity: 2, unitPrice: 6990 }] }]);
    const answer = await clientFor(sim).request(DESK_ORDER, { variables: { id: `gid://shopify/Order/${seeded!.id}` } });
    expect(answer.errors).toBeUndefined();
    const fo = answer.data.order.fulfillmentOrders.nodes[0];
    return { orderId: seeded!.id, foId: fo.id as string, lineId: fo.lineItems.nodes[0].id as string };
  }

  const fulfilment = (foId: string, lineId: string, quantity: number, number = '1Z999AA10123456784') => ({
    lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: foId, fulfillmentOrderLineItems: [{ id: lineId, quantity }] }],
    trackingInfo: { company: 'UPS', number, url: `https://www.ups.com/track?tracknum=${number}` },
    notifyCustomer: false,
  });

  it('creates one fulfilment with its tracking; the order shows it, closes its fulfillment order and moves its updatedAt', async () => {
    const sim = await startSim();
    const { orderId, foId, lineId } = await openOrder(sim);
    sim.advanceClock(MINUTE);
    const client = clientFor(sim);

    const answer = await client.request(DESK_FULFILLMENT_CREATE, { variables: { fulfillment: fulfilment(foId, lineId, 2) } });

    expect(answer.errors).toBeUndefined();
    expect(answer.data.fulfillmentCreate).toEqual({
      fulfillment: {
        id: expect.stringMatching(/^gid:\/\/shopify\/Fulfillment\/\d+$/),
        status: 'SUCCESS',
        createdAt: '2026-11-30T10:01:00Z',
        trackingInfo: [{ company: 'UPS', number: '1Z999AA10123456784', url: 'https://www.ups.com/track?tracknum=1Z999AA10123456784' }],
      },
      userErrors: [],
    });
    expect(sim.fulfillments(orderId)).toHaveLength(1);
    const after = await client.request(DESK_ORDER, { variables: { id: `gid://shopify/Order/${orderId}` } });
    expect(after.data.order).toMatchObject({
      updatedAt: '2026-11-30T10:01:00Z',
      displayFulfillmentStatus: 'FULFILLED',
      fulfillments: [{ trackingInfo: [{ number: '1Z999AA10123456784' }] }],
      fulfillmentOrders: { nodes: [{ status: 'CLOSED', lineItems: { nodes: [{ remainingQuantity: 0, totalQuantity: 2 }] } }] },
    });
  });

  it('refuses to fulfil more than remains with a userError and changes nothing, also when the first answer was lost', async () => {
    const sim = await startSim();
    const { orderId, foId, lineId } = await openOrder(sim);
    const client = clientFor(sim);

    const tooMany = await client.request(DESK_FULFILLMENT_CREATE, { variables: { fulfillment: fulfilment(foId, lineId, 3) } });
    expect(tooMany.data.fulfillmentCreate).toEqual({
      fulfillment: null,
      userErrors: [{ field: ['fulfillment'], message: 'Invalid fulfillment order line item quantity requested.' }],
    });
    expect(sim.fulfillments(orderId)).toEqual([]);

    // A crash after Shopify fulfilled but before the desk heard: the retry is refused, and the order says why.
    sim.failNext('DeskFulfillmentCreate', 1, { kind: 'no_answer' });
    const lost = await client.request(DESK_FULFILLMENT_CREATE, {
      variables: { fulfillment: fulfilment(foId, lineId, 2) }, signal: AbortSignal.timeout(1_000),
    });
    expect(lost.errors?.message).toMatch(/abort|timeout/i);
    const retry = await client.request(DESK_FULFILLMENT_CREATE, { variables: { fulfillment: fulfilment(foId, lineId, 2) } });
    expect(retry.data.fulfillmentCreate.userErrors).toEqual([
      { field: ['fulfillment'], message: `Fulfillment order ${foId.split('/').pop()} has an unfulfillable status= closed.` },
    ]);
    const order = await client.request(DESK_ORDER, { variables: { id: `gid://shopify/Order/${orderId}` } });
    expect(order.data.order.fulfillments.map((f: { trackingInfo: Array<{ number: string }> }) => f.trackingInfo[0]!.number)).toEqual(['1Z999AA10123456784']);
    expect(sim.fulfillments(orderId)).toHaveLength(1);
  });
});

describe('refusals', () => {
  it('answers a wrong or missing access token with 401 and Shopify\'s message, and serves nothing', async () => {
    const sim = await startSim();
    sim.seedOrders(2);

    const wrong = await clientFor(sim, 'shpat_wrong').request(DESK_ORDERS, { variables: { first: 5 } });
    expect(wrong.errors?.networkStatusCode).toBe(401);
    expect(wrong.data).toBeUndefined();
    const missing = await fetch(sim.graphqlUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query: DESK_ORDERS, variables: { first: 5 } }) });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });
    expect(sim.requests.map((r) => r.authorized)).toEqual([false, false]);
  });

  it('throttles when the cost bucket is empty (200 + THROTTLED, actualQueryCost null) and serves again once it refills', async () => {
    const sim = await startSim({ rateLimit: { maximumAvailable: 1000, restoreRate: 50 } });
    sim.seedOrders(30);
    const client = clientFor(sim);

    const first = await pullPage(client, { first: 10 });
    const cost = first.extensions!.cost as { requestedQueryCost: number; actualQueryCost: number; throttleStatus: { currentlyAvailable: number } };
    expect(cost.requestedQueryCost).toBe(762);
    expect(cost.actualQueryCost).toBe(cost.requestedQueryCost);
    expect(cost.throttleStatus).toEqual({ maximumAvailable: 1000, currentlyAvailable: 238, restoreRate: 50 });

    const throttled = await client.request(DESK_ORDERS, { variables: { first: 10, after: first.orders.pageInfo.endCursor } });
    expect(throttled.errors?.networkStatusCode).toBe(200);
    expect(throttled.errors?.graphQLErrors).toEqual([{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' } }]);
    expect(throttled.data).toBeUndefined();
    expect(throttled.extensions?.cost).toEqual({
      requestedQueryCost: 762, actualQueryCost: null, throttleStatus: { maximumAvailable: 1000, currentlyAvailable: 238, restoreRate: 50 },
    });

    sim.advanceClock(Math.ceil((762 - 238) / 50) * 1000);
    const again = await pullPage(client, { first: 10, after: first.orders.pageInfo.endCursor });
    expect(again.orders.edges[0]!.node.name).toBe('#1011');
  });

  it('answers a throttled request with 429 and Retry-After when set to, which the client retries when told to', async () => {
    const sim = await startSim({ throttledAs: 'http429' });
    sim.seedOrders(1);
    sim.failNext('DeskOrders', 1, { kind: 'throttled' });

    const refused = await clientFor(sim).request(DESK_ORDERS, { variables: { first: 5 } });
    expect(refused.errors?.networkStatusCode).toBe(429);
    expect(sim.requests[0]).toMatchObject({ status: 429, throttled: true });

    sim.failNext('DeskOrders', 1, { kind: 'throttled' });
    const retried = await clientFor(sim).request(DESK_ORDERS, { variables: { first: 5 }, retries: 1 });
    expect(retried.errors).toBeUndefined();
    expect(retried.data.orders.edges).toHaveLength(1);
  });

  it('refuses a query costing over 1000 points before running it (MAX_COST_EXCEEDED), as the brief\'s nested sizes would be', async () => {
    const sim = await startSim();
    const tooBig = DESK_ORDERS.replace('lineItems(first: 20)', 'lineItems(first: 250)');

    const answer = await clientFor(sim).request(tooBig, { variables: { first: 10 } });

    expect(answer.errors?.graphQLErrors?.[0]).toMatchObject({
      message: `Query cost is 7662, which exceeds the single query max cost limit (${MAX_QUERY_COST}).`,
      extensions: { code: 'MAX_COST_EXCEEDED', cost: 7662, maxCost: 1000 },
    });
  });

  it('answers an operation it does not know with a GraphQL error naming the ones it knows', async () => {
    const sim = await startSim();
    const answer = await clientFor(sim).request('query ShopName { shop { name } }');
    expect(answer.errors?.graphQLErrors?.[0]).toMatchObject({
      message: expect.stringContaining('DeskOrders, DeskOrder and DeskFulfillmentCreate'),
      extensions: { code: 'UNKNOWN_OPERATION' },
    });
  });
});

/**
 * Runs the Shopify simulator (GraphQL Admin API 2026-10 shapes) by itself:
 *   npx tsx test/sim/shopify-sim-cli.ts [--demo] [--port 4013] [--step-ms 6000] [--latency 0] [--orders 12]
 * --demo seeds --orders orders, then every --step-ms something happens to the store, printed as it happens: a
 * new order comes in, a customer changes an order's note, now and then an order is cancelled. Fulfilments the desk pushes are
 * printed too. It binds 127.0.0.1 only, prints the store address and token, and stops on Ctrl+C.
 */
import { parseArgs } from 'node:util';
import { startShopifySim } from './shopify-sim';

const { values } = parseArgs({
  options: {
    demo: { type: 'boolean', default: false },
    port: { type: 'string', default: '4013' },
    'step-ms': { type: 'string', default: '6000' },
    latency: { type: 'string', default: '0' },
    orders: { type: 'string', default: '12' },
  },
});

const sim = await startShopifySim({ port: Number(values.port), latencyMs: Number(values.latency) });

console.log(`Shopify simulator (GraphQL Admin API ${sim.apiVersion} shapes): ${sim.graphqlUrl}`);
console.log(`store address for the desk: http://${sim.storeDomain}  (X-Shopify-Access-Token ${sim.accessToken})`);
console.log(`try: curl -H "X-Shopify-Access-Token: ${sim.accessToken}" -H "Content-Type: application/json" ${sim.graphqlUrl} \\`);
console.log(`       -d '{"query":"query DeskOrder($id: ID!) { order(id: $id) { id name } }","variables":{"id":"gid://shopify/Order/5600000000001"}}'`);

let timer: NodeJS.Timeout | undefined;
if (values.demo) {
  for (const order of sim.seedOrders(Number(values.orders))) {
    console.log(`seeded ${order.name}  gid://shopify/Order/${order.id}  ${order.customer?.displayName ?? ''}  ${order.lineItems.length} line(s)`);
  }
  let turn = 0;
  const fulfilmentsSeen = new Set<number>();
  timer = setInterval(() => {
    for (const order of sim.orders()) {
      for (const f of order.fulfillments) {
        if (fulfilmentsSeen.has(f.id)) continue;
        fulfilmentsSeen.add(f.id);
        console.log(`${order.name}: fulfilled by the desk (${f.trackingInfo.map((t) => `${t.company ?? '?'} ${t.number ?? ''}`).join(', ') || 'no tracking'})`);
      }
    }
    const open = sim.orders().filter((o) => !o.cancelledAt);
    // Mostly new orders and changed notes; a cancellation now and then.
    const step = [0, 1, 0, 1, 2][turn % 5];
    turn += 1;
    if (step === 0) {
      const [order] = sim.seedOrders(1);
      console.log(`${order!.name}: new order from ${order!.customer?.displayName ?? 'a guest'}`);
    } else if (step === 1 && open.length > 0) {
      const order = open[turn % open.length]!;
      sim.updateOrder(order.id, { note: `Customer note changed at ${sim.now().toISOString()}` });
      console.log(`${order.name}: customer changed the note`);
    } else if (step === 2 && open.length > 3) {
      const order = open.find((o) => o.fulfillments.length === 0 && o.fulfillmentOrders.every((fo) => fo.status === 'OPEN'));
      if (order) {
        sim.cancelOrder(order.id);
        console.log(`${order.name}: cancelled by the shop`);
      }
    }
  }, Number(values['step-ms']));
}

const stop = () => {
  if (timer) clearInterval(timer);
  void sim.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

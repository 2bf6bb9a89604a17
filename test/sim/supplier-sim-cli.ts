/**
 * Runs the supplier simulator by itself, for the demo shop and for poking at the API by hand:
 *   npx tsx test/sim/supplier-sim-cli.ts [--demo] [--port 0] [--seed 1] [--count 1234] [--currency EUR] [--rps 10] [--latency 0] [--ack-after-polls N]
 * --demo serves the demo shop's "PetSupply Direct" catalog on the address and key the demo supplier is
 * set up with (resources/demo/pet-store.json), so "Pull from API now" works on a demo desk; it also takes
 * orders (POST /v1/orders) and acknowledges each one on its second poll (--ack-after-polls, default 2 with --demo).
 * It binds 127.0.0.1 only, prints the base URL and API key, and stops on Ctrl+C.
 */
import { parseArgs } from 'node:util';
import petStore from '../../resources/demo/pet-store.json';
import { demoSimCatalog } from './demo-sim-catalog';
import { DEFAULT_SIM_API_KEY, startSupplierSim } from './supplier-sim';

const { values } = parseArgs({
  options: {
    demo: { type: 'boolean', default: false },
    port: { type: 'string' },
    seed: { type: 'string', default: '1' },
    count: { type: 'string', default: '1234' },
    currency: { type: 'string', default: 'EUR' },
    rps: { type: 'string' },
    latency: { type: 'string', default: '0' },
    'ack-after-polls': { type: 'string' },
  },
});

const demo = values.demo === true;
const apiKey = demo ? petStore.demoApiSupplier.apiKey : DEFAULT_SIM_API_KEY;
const port = Number(values.port ?? (demo ? new URL(petStore.demoApiSupplier.baseUrl).port : 0));
const sim = await startSupplierSim({
  port,
  apiKey,
  catalog: demo ? demoSimCatalog() : { seed: Number(values.seed), count: Number(values.count), currency: values.currency },
  latencyMs: Number(values.latency),
  ...(values.rps ? { rateLimit: { requestsPerSecond: Number(values.rps) } } : {}),
});
const ackAfter = values['ack-after-polls'] ?? (demo ? '2' : undefined);
// The demo also ships what it acknowledged, on the poll after, so the desk's tracking sync has parcels to follow.
if (ackAfter !== undefined) sim.setOrderScenario({ autoAcknowledgeAfterPolls: Number(ackAfter), ...(demo ? { autoShipAfterPolls: 1 } : {}) });
console.log(`supplier simulator: ${sim.url}  (API key ${apiKey}, ${sim.state.catalog.length} products)`);
console.log(`try: curl -H "Authorization: Bearer ${apiKey}" "${sim.url}/v1/products?per_page=2"`);
console.log(`     curl -H "Authorization: Bearer ${apiKey}" "${sim.url}/v1/orders?client_reference=PO-1001"`);
const stop = () => { void sim.close().then(() => process.exit(0)); };
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

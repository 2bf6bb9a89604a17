/**
 * Runs the supplier simulator by itself, for the demo shop and for poking at the API by hand:
 *   npx tsx test/sim/supplier-sim-cli.ts [--seed 1] [--count 1234] [--currency EUR] [--rps 10] [--latency 0]
 * It prints the base URL and API key, binds 127.0.0.1 on a free port, and stops on Ctrl+C.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_SIM_API_KEY, startSupplierSim } from './supplier-sim';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    count: { type: 'string', default: '1234' },
    currency: { type: 'string', default: 'EUR' },
    rps: { type: 'string' },
    latency: { type: 'string', default: '0' },
  },
});

const sim = await startSupplierSim({
  apiKey: DEFAULT_SIM_API_KEY,
  catalog: { seed: Number(values.seed), count: Number(values.count), currency: values.currency },
  latencyMs: Number(values.latency),
  ...(values.rps ? { rateLimit: { requestsPerSecond: Number(values.rps) } } : {}),
});
console.log(`supplier simulator: ${sim.url}  (API key ${DEFAULT_SIM_API_KEY}, ${sim.state.catalog.length} products)`);
console.log(`try: curl -H "Authorization: Bearer ${DEFAULT_SIM_API_KEY}" "${sim.url}/v1/products?per_page=2"`);
const stop = () => { void sim.close().then(() => process.exit(0)); };
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

/**
 * Runs the Stripe simulator by itself, for the demo shop and for poking at it by hand:
 *   npx tsx test/sim/stripe-sim-cli.ts [--port 4011] [--key sk_test_...] [--latency 0] [--capture-window-hours 168]
 * It binds 127.0.0.1 only (port 4011 by default, so the demo shop's Stripe settings stay valid), prints the
 * address and the secret key to enter in the desk's Stripe settings, and stops on Ctrl+C. Payment links it
 * creates open a small local page where a test card "pays".
 */
import { parseArgs } from 'node:util';
import { DEFAULT_STRIPE_SIM_KEY, startStripeSim } from './stripe-sim';

const DEMO_STRIPE_SIM_PORT = 4011;

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: String(DEMO_STRIPE_SIM_PORT) },
    key: { type: 'string', default: DEFAULT_STRIPE_SIM_KEY },
    latency: { type: 'string', default: '0' },
    'capture-window-hours': { type: 'string', default: '168' },
  },
});

const sim = await startStripeSim({
  port: Number(values.port),
  apiKey: values.key,
  latencyMs: Number(values.latency),
  captureWindowSeconds: Math.round(Number(values['capture-window-hours']) * 3600),
});
console.log(`Stripe simulator: ${sim.url}  (host 127.0.0.1, port ${sim.port}, protocol http)`);
console.log(`secret key: ${sim.apiKey}`);
console.log(`try: curl -u ${sim.apiKey}: ${sim.url}/v1/payment_intents -d amount=1999 -d currency=usd -d capture_method=manual -d confirm=true -d payment_method=pm_card_visa`);
const stop = () => { void sim.close().then(() => process.exit(0)); };
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

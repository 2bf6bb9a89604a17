/**
 * Runs the tracking simulator (AfterShip Tracking API 2026-07 shapes) by itself:
 *   npx tsx test/sim/tracking-sim-cli.ts [--demo] [--port 4012] [--step-ms 4000] [--latency 0] [--rps 5]
 * --demo seeds a few demo parcels and moves them forward, one scan every --step-ms, printing each change:
 * one is delivered, one meets a failed attempt then is delivered, one waits at a pickup point, one goes to
 * Exception, and one stalls after its first scan (no news: the desk should flag it). Parcels the desk registers
 * itself move one scan per step to delivered. It binds 127.0.0.1
 * only, prints the base URL and key, and stops on Ctrl+C.
 */
import { parseArgs } from 'node:util';
import { startTrackingSim, type SimTag } from './tracking-sim';

const { values } = parseArgs({
  options: {
    demo: { type: 'boolean', default: false },
    port: { type: 'string', default: '4012' },
    'step-ms': { type: 'string', default: '4000' },
    latency: { type: 'string', default: '0' },
    rps: { type: 'string' },
  },
});

const sim = await startTrackingSim({
  port: Number(values.port),
  latencyMs: Number(values.latency),
  ...(values.rps ? { rateLimit: { requestsPerSecond: Number(values.rps) } } : {}),
});

type Step = [SimTag, string, string] | ['stall'];
const DEMO: Array<{ number: string; slug: string; title: string; steps: Step[] }> = [
  { number: '1Z999AA10123456784', slug: 'ups', title: 'Order #1001 (TailTrail dog food)', steps: [
    ['InfoReceived', 'Shipper created a label', 'Hamburg, DE'],
    ['InTransit', 'Departed from facility', 'Hamburg, DE'],
    ['InTransit', 'Arrived at facility', 'Berlin, DE'],
    ['OutForDelivery', 'Out for delivery', 'Berlin, DE'],
    ['Delivered', 'Delivered, front door', 'Berlin, DE'],
  ] },
  { number: 'JJD0099999999999999', slug: 'dhl', title: 'Order #1002 (cat tree)', steps: [
    ['InfoReceived', 'Shipment information received', 'Leipzig, DE'],
    ['InTransit', 'Shipment picked up', 'Leipzig, DE'],
    ['OutForDelivery', 'With delivery courier', 'München, DE'],
    ['AttemptFail', 'Recipient not at home', 'München, DE'],
    ['OutForDelivery', 'With delivery courier (2nd attempt)', 'München, DE'],
    ['Delivered', 'Delivered to neighbour', 'München, DE'],
  ] },
  { number: 'RR123456785GB', slug: 'royal-mail', title: 'Order #1003 (bird seed)', steps: [
    ['InfoReceived', 'Sender preparing item', 'London, GB'],
    ['InTransit', 'Item received', 'London, GB'],
    ['AvailableForPickup', 'Ready for collection at Post Office', 'Leeds, GB'],
  ] },
  { number: '123456789012', slug: 'fedex', title: 'Order #1004 (aquarium)', steps: [
    ['InfoReceived', 'Label created', 'Memphis, US'],
    ['InTransit', 'In transit', 'Memphis, US'],
    ['Exception', 'Package damaged, returning to sender', 'Indianapolis, US'],
  ] },
  { number: '00340434161234567890', slug: 'dpd', title: 'Order #1005 (dog bed)', steps: [
    ['InfoReceived', 'Parcel data received', 'Aschaffenburg, DE'],
    ['stall'],
  ] },
];

console.log(`tracking simulator (AfterShip 2026-07 shapes): ${sim.apiBase}  (as-api-key ${sim.apiKey})`);
console.log(`try: curl -H "as-api-key: ${sim.apiKey}" "${sim.apiBase}/trackings?limit=5"`);

let timer: NodeJS.Timeout | undefined;
if (values.demo) {
  const cursors = DEMO.map(() => 0);
  for (const parcel of DEMO) {
    const t = sim.seedTracking({ tracking_number: parcel.number, slug: parcel.slug, title: parcel.title });
    console.log(`seeded ${t.slug} ${t.tracking_number}  id ${t.id}  ${t.tag}  — ${t.title}`);
  }
  let turn = 0;
  // Parcels the desk registers (the demo supplier's UPS parcels) follow the plain path, one scan per step.
  const seeded = new Set(DEMO.map((parcel) => parcel.number));
  const PATH: Record<string, [SimTag, string] | undefined> = {
    Pending: ['InTransit', 'Picked up by the carrier'],
    InfoReceived: ['InTransit', 'Picked up by the carrier'],
    InTransit: ['OutForDelivery', 'Out for delivery'],
    OutForDelivery: ['Delivered', 'Delivered, front door'],
  };
  const moveRegistered = () => {
    for (const tracking of sim.trackings()) {
      const next = PATH[tracking.tag];
      if (seeded.has(tracking.tracking_number) || !next) continue;
      sim.advance(tracking.tracking_number, next[0], { message: next[1], location: 'Berlin, DE', slug: tracking.slug });
      console.log(`${tracking.slug} ${tracking.tracking_number}: ${next[0]} — ${next[1]} (registered by the desk)`);
    }
  };
  timer = setInterval(() => {
    moveRegistered();
    // One demo parcel moves per step, round-robin over those with steps left.
    for (let tries = 0; tries < DEMO.length; tries += 1) {
      const i = turn % DEMO.length;
      turn += 1;
      const parcel = DEMO[i]!;
      const step = parcel.steps[cursors[i]!];
      if (!step) continue;
      cursors[i]! += 1;
      if (step[0] === 'stall') {
        sim.stall(parcel.number);
        console.log(`${parcel.slug} ${parcel.number}: stalled (no more news)`);
      } else {
        const [tag, message, location] = step;
        const expectedDelivery = tag === 'InTransit' ? new Date(sim.now().getTime() + 2 * 86_400_000).toISOString().slice(0, 10) : undefined;
        sim.advance(parcel.number, tag, { message, location, ...(expectedDelivery ? { expectedDelivery } : {}) });
        console.log(`${parcel.slug} ${parcel.number}: ${tag} — ${message} (${location})`);
      }
      return;
    }
  }, Number(values['step-ms']));
}

const stop = () => {
  if (timer) clearInterval(timer);
  void sim.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

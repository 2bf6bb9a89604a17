import { afterEach, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { startStripeSim, type StripeSim } from '../sim/stripe-sim';
import { validOrder } from '../fixtures/orders';
import { callDesk } from '../support/desk-api';
import { startHostProcess, stopHostProcess } from '../support/host-process';
import { useTempDirs } from './support/temp-dir';

const makeDir = useTempDirs();
const CAPTURE = 'POST /v1/payment_intents/:id/capture' as const;
const running: ChildProcess[] = [];
const sims: StripeSim[] = [];
afterEach(async () => {
  for (const child of running.splice(0)) await stopHostProcess(child);
  for (const sim of sims.splice(0)) await sim.close();
});

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('a desk killed while a capture is on the wire', () => {
  it('captures exactly once after it starts again, with the key it made when the capture was asked for', async () => {
    const sim = await startStripeSim();
    sims.push(sim);
    const dataDir = makeDir();
    let host = await startHostProcess(dataDir);
    running.push(host.child);
    await callDesk(host.url, 'settings.update', { stripeApiUrl: sim.url, stripeSecretKey: sim.apiKey, captureRequiresSupplierAck: false });
    const order = await callDesk(host.url, 'orders.create', { submit: true, order: validOrder() });
    const intentId = sim.createAuthorizedIntent({ amount: order.total.amount, currency: 'eur' });
    const attached = await callDesk(host.url, 'payments.attachStripe', { orderId: order.id, paymentIntentId: intentId });

    // Stripe answers slowly; the desk's process is killed (no clean shutdown) while the capture is in flight.
    sim.setLatency(1_500);
    await callDesk(host.url, 'payments.capture', { paymentId: attached.payments[0]!.id });
    await until('the capture to reach Stripe', () => (sim.requestsTo(CAPTURE).length > 0 ? true : undefined));
    await stopHostProcess(host.child, 'SIGKILL');
    running.splice(0);
    sim.setLatency(0);

    host = await startHostProcess(dataDir);
    running.push(host.child);
    const settled = await until('the payment to be captured', async () => {
      const now = await callDesk(host.url, 'orders.get', { id: order.id });
      return now.payments[0]?.status === 'captured' ? now : undefined;
    });
    expect(settled.paymentStatus).toBe('paid');
    expect(settled.stage).toBe('ready_to_send');
    expect(sim.captures(intentId)).toHaveLength(1);
    const attempts = sim.requestsTo(CAPTURE);
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    expect(new Set(attempts.map((r) => r.idempotencyKey)).size).toBe(1);
    expect(settled.timeline.filter((e) => e.kind === 'payment.captured')).toHaveLength(1);
  }, 120_000);
});

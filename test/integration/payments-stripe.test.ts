import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../src-main/core/core';
import type { Logger } from '../../src-main/core/logger';
import type { OrderDetail } from '../../src-shared/domain/order';
import type { ExceptionList } from '../../src-shared/domain/exceptions';
import { startStripeSim, type StripeSim } from '../sim/stripe-sim';
import { validOrder } from '../fixtures/orders';
import { useTempDirs } from './support/temp-dir';

const makeDir = useTempDirs();
const CAPTURE = 'POST /v1/payment_intents/:id/capture' as const;
const sims: StripeSim[] = [];
const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) core.close();
  for (const sim of sims.splice(0)) await sim.close();
});

/** A desk whose outbox the test steps by hand, on a clock the test moves, logging into an array. */
function openDesk(dataDir: string, clock: { now: () => number }, log: string[]) {
  const logger: Logger = {
    info: (m) => log.push(m), warn: (m) => log.push(m), error: (m, e) => log.push(`${m} ${e instanceof Error ? e.stack : String(e)}`),
  };
  const core = openCore({ dataDir, host: 'browser', version: 'test', logger, now: clock.now, dailyBackup: false, backgroundWork: false });
  cores.push(core);
  const answers: string[] = [];
  const call = async <T = OrderDetail>(name: string, input: unknown): Promise<T> => {
    const result = await core.dispatch(name as never, input as never, { actor: { name: 'owner' } });
    answers.push(JSON.stringify(result));
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return result.value as T;
  };
  return { core, call, answers };
}

async function setUp(options: { requireAck?: boolean } = {}) {
  const sim = await startStripeSim();
  sims.push(sim);
  const dataDir = makeDir();
  let now = Date.parse('2026-11-30T10:00:00Z');
  const clock = { now: () => now, advance: (ms: number) => { now += ms; } };
  const log: string[] = [];
  const desk = openDesk(dataDir, clock, log);
  await desk.call('settings.update', { stripeApiUrl: sim.url, stripeSecretKey: sim.apiKey, captureRequiresSupplierAck: options.requireAck ?? false });
  const order = await desk.call('orders.create', { submit: true, order: validOrder() });
  expect(order.stage).toBe('ready_to_pay');
  return { sim, dataDir, clock, log, desk, order };
}

/** Steps the outbox until nothing is due, moving the clock past each back-off; returns the rounds it took. */
async function deliver(desk: { core: Core }, clock: { advance: (ms: number) => void }, rounds = 12): Promise<void> {
  for (let round = 0; round < rounds; round += 1) {
    await desk.core.background.outbox.drain();
    clock.advance(20 * 60_000);
  }
}

describe('card payments through the Stripe simulator', () => {
  it('captures exactly once through a 500, a 429 and a connection dropped after the capture was applied, every attempt with one key', async () => {
    const { sim, clock, desk, order } = await setUp();
    const intentId = sim.createAuthorizedIntent({ amount: order.total.amount, currency: 'eur', metadata: { order: order.number } });
    const attached = await desk.call('payments.attachStripe', { orderId: order.id, paymentIntentId: intentId });
    expect(attached.paymentStatus).toBe('authorized');
    expect(attached.payments[0]).toMatchObject({ status: 'authorized', card: { brand: 'visa', last4: '4242' }, captureBefore: expect.any(String) });
    expect(attached.nextStep.kind).toBe('capture');

    const requested = await desk.call('payments.capture', { paymentId: attached.payments[0]!.id });
    expect(requested.payments[0]?.actions).toEqual([expect.objectContaining({ kind: 'capture', status: 'pending' })]);
    // One failure per attempt, in this order; the SDK itself reconnects once after a reset, so the drop is armed twice.
    const failures = [
      () => sim.failNext(CAPTURE, { kind: 'api_error', saved: false }),
      () => sim.failNext(CAPTURE, { kind: 'rate_limit', retryAfterSeconds: 30 }),
      () => sim.failNext(CAPTURE, { kind: 'drop_connection', when: 'after_apply' }, 2),
    ];
    for (const arm of failures) {
      arm();
      await deliver(desk, clock, 1);
      const waiting = await desk.call('orders.get', { id: order.id });
      expect(waiting.payments[0]?.actions[0]).toMatchObject({ status: 'failed', lastError: expect.any(String) });
    }
    expect(sim.captures(intentId)).toHaveLength(1); // the dropped answer's capture was applied
    await deliver(desk, clock, 2);

    const captured = await desk.call('orders.get', { id: order.id });
    expect(captured.payments[0]).toMatchObject({ status: 'captured', captured: { amount: order.total.amount } });
    expect(captured.paymentStatus).toBe('paid');
    expect(captured.stage).toBe('ready_to_send');
    expect(sim.captures(intentId)).toHaveLength(1);
    const attempts = sim.requestsTo(CAPTURE);
    // The 500, the 429, the dropped answer (capture applied), the SDK's own reconnect (dropped too), then the
    // outbox's next attempt: Stripe replays the saved capture instead of capturing again.
    expect(attempts.map((r) => [r.status, r.injected ?? null, r.dropped, r.replayed])).toEqual([
      [500, 'api_error', false, false], [429, 'rate_limit', false, false], [0, 'drop_connection', true, false],
      [0, 'drop_connection', true, true], [200, null, false, true],
    ]);
    expect(new Set(attempts.map((r) => r.idempotencyKey)).size).toBe(1);
    expect(attempts[0]?.idempotencyKey).toMatch(/^petdrop-stripe\.capture-/u);
  });

  it('captures once when the desk is stopped while the capture is on the wire, and started again', async () => {
    const { sim, dataDir, clock, log, desk, order } = await setUp();
    const intentId = sim.createAuthorizedIntent({ amount: order.total.amount, currency: 'eur' });
    const attached = await desk.call('payments.attachStripe', { orderId: order.id, paymentIntentId: intentId });
    await desk.call('payments.capture', { paymentId: attached.payments[0]!.id });
    sim.setLatency(400);
    const cutOff = desk.core.background.outbox.drain().catch(() => 0);
    while (sim.requestsTo(CAPTURE).length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    desk.core.close(); // the row is in flight; its answer will find the desk gone
    await cutOff;
    sim.setLatency(0);

    const again = openDesk(dataDir, clock, log);
    await deliver(again, clock, 3);
    const after = await again.call('orders.get', { id: order.id });
    expect(after.payments[0]).toMatchObject({ status: 'captured' });
    expect(sim.captures(intentId)).toHaveLength(1);
    expect(new Set(sim.requestsTo(CAPTURE).map((r) => r.idempotencyKey)).size).toBe(1);
    expect(after.timeline.filter((e) => e.kind === 'payment.captured')).toHaveLength(1);
  });

  it('does not retry a hard decline: the order shows the reason and waits for a person', async () => {
    const { sim, clock, desk, order } = await setUp();
    const intentId = sim.createAuthorizedIntent({ amount: order.total.amount, currency: 'eur' });
    const attached = await desk.call('payments.attachStripe', { orderId: order.id, paymentIntentId: intentId });
    sim.failNext(CAPTURE, { kind: 'decline', declineCode: 'stolen_card' }, 5);
    await desk.call('payments.capture', { paymentId: attached.payments[0]!.id });
    await deliver(desk, clock);
    const after = await desk.call('orders.get', { id: order.id });
    expect(sim.requestsTo(CAPTURE)).toHaveLength(1);
    expect(after.payments[0]).toMatchObject({ status: 'authorized', failureMessage: expect.stringMatching(/declined \(stolen card\)/u) });
    expect(after.payments[0]?.actions[0]).toMatchObject({ status: 'dead', attempts: 1 });
    expect(after.stage).toBe('exception');
  });

  it('gives up on a refused key until a person fixes it in Settings and tries again, still with the first key', async () => {
    const { sim, clock, desk, order } = await setUp();
    const intentId = sim.createAuthorizedIntent({ amount: order.total.amount, currency: 'eur' });
    const attached = await desk.call('payments.attachStripe', { orderId: order.id, paymentIntentId: intentId });
    await desk.call('settings.update', { stripeSecretKey: 'sk_test_revokedRevokedRevoked' });
    await desk.call('payments.capture', { paymentId: attached.payments[0]!.id });
    await deliver(desk, clock, 3);
    const stuck = await desk.call('orders.get', { id: order.id });
    const action = stuck.payments[0]!.actions[0]!;
    expect(action).toMatchObject({ status: 'dead', attempts: 1, lastError: expect.stringMatching(/refused the secret key/u) });
    expect(stuck.stage).toBe('exception');

    await desk.call('settings.update', { stripeSecretKey: sim.apiKey });
    await desk.call('outbox.retry', { id: action.id });
    await deliver(desk, clock, 1);
    const done = await desk.call('orders.get', { id: order.id });
    expect(done.payments[0]).toMatchObject({ status: 'captured' });
    expect(done.stage).toBe('ready_to_send');
    expect(new Set(sim.requestsTo(CAPTURE).map((r) => r.idempotencyKey)).size).toBe(1);
    expect(sim.captures(intentId)).toHaveLength(1);
  });

  it('captures part, refunds part, and refuses what the money does not allow', async () => {
    const { sim, clock, desk, order } = await setUp();
    const intentId = sim.createAuthorizedIntent({ amount: order.total.amount, currency: 'eur' });
    const attached = await desk.call('payments.attachStripe', { orderId: order.id, paymentIntentId: intentId });
    const paymentId = attached.payments[0]!.id;
    await expect(desk.call('payments.capture', { paymentId, amount: order.total.amount + 1 })).rejects.toThrow(/more than/u);
    await desk.call('payments.capture', { paymentId, amount: 10_000 });
    await expect(desk.call('payments.capture', { paymentId })).rejects.toThrow(/still on its way/u);
    await deliver(desk, clock, 2);
    const partly = await desk.call('orders.get', { id: order.id });
    expect(partly.paymentStatus).toBe('partially_paid');
    expect(sim.intent(intentId)).toMatchObject({ status: 'succeeded', amount_received: 10_000 });

    await desk.call('payments.refund', { paymentId, amount: 2_500, reason: 'One bag arrived torn' });
    await deliver(desk, clock, 2);
    const refunded = await desk.call('orders.get', { id: order.id });
    expect(refunded.payments[0]).toMatchObject({ refunded: { amount: 2_500 } });
    expect(refunded.paymentStatus).toBe('partially_refunded');
    expect(sim.refunds(intentId)).toEqual([expect.objectContaining({ amount: 2_500 })]);
    await expect(desk.call('payments.refund', { paymentId, amount: 7_501, reason: 'too much' })).rejects.toThrow(/more than/u);
  });

  it('makes a payment link, sees it paid, and warns before the authorization lapses', async () => {
    const { sim, clock, desk, order } = await setUp({ requireAck: true });
    await desk.call('payments.createLink', { orderId: order.id });
    const queued = await desk.call('orders.get', { id: order.id });
    expect(queued.paymentStatus).toBe('pending');
    expect(queued.payments[0]?.actions[0]).toMatchObject({ kind: 'payment_link', status: 'pending' });
    await deliver(desk, clock, 1);
    const linked = await desk.call('orders.get', { id: order.id });
    expect(linked.payments[0]?.paymentLinkUrl).toMatch(new RegExp(`^${sim.url}/pay/cs_`, 'u'));
    expect(linked.nextStep.kind).toBe('await_payment');

    const sessionId = linked.payments[0]!.paymentLinkUrl!.split('/pay/')[1]!;
    sim.completeCheckout(sessionId, { card: 'visa' });
    const paid = await desk.call('payments.refresh', { paymentId: linked.payments[0]!.id });
    expect(paid.payments[0]).toMatchObject({ status: 'authorized', authorized: { amount: order.total.amount }, card: { last4: '4242' } });
    // The shop captures after the suppliers acknowledge (the default): not offered yet, and refused if asked.
    expect(paid.nextStep.kind).toBe('send');
    expect(paid.captureBlockers).toEqual([expect.stringMatching(/suppliers have not acknowledged/u)]);
    await expect(desk.call('payments.capture', { paymentId: paid.payments[0]!.id })).rejects.toThrow(/cannot be charged yet/u);

    // Two hours before the authorization lapses (the warning starts 24 hours before): a hold says so, once.
    const deadline = Date.parse(paid.payments[0]!.captureBefore!);
    clock.advance(deadline - 2 * 3_600_000 - clock.now());
    await desk.core.background.watchPayments();
    await desk.core.background.watchPayments();
    const warned = await desk.call('orders.get', { id: order.id });
    expect(warned.holds).toEqual([expect.objectContaining({ reason: 'AUTHORIZATION_EXPIRING', releasedAt: null, note: expect.stringMatching(/Capture before/u) })]);
    expect(warned.stage).toBe('needs_review');
    // The exceptions inbox lists it with the one action that resolves it: capture this payment.
    const [expiring] = (await desk.call<ExceptionList>('exceptions.list', {})).items;
    expect(expiring).toMatchObject({ kind: 'authorization_expiring', orderId: order.id, action: { kind: 'capture', paymentId: paid.payments[0]!.id } });
    expect(expiring!.reason).toMatch(/Capture before/u);

    clock.advance(3 * 3_600_000);
    await desk.core.background.watchPayments();
    const lapsed = await desk.call('orders.get', { id: order.id });
    expect(lapsed.payments[0]?.status).toBe('expired');
    expect(lapsed.paymentStatus).toBe('expired');
    expect((await desk.call<ExceptionList>('exceptions.list', {})).items.map((item) => item.kind)).not.toContain('authorization_expiring');
  });
});

describe('money is never taken twice, nor for an order that cannot ship', () => {
  it('refuses cash while a card authorization waits, and captures no more than the order still owes', async () => {
    const { sim, desk, order } = await setUp();
    const intentId = sim.createAuthorizedIntent({ amount: order.total.amount, currency: 'eur' });
    const attached = await desk.call('payments.attachStripe', { orderId: order.id, paymentIntentId: intentId });
    await expect(desk.call('payments.recordManual', { orderId: order.id, method: 'bank_transfer', reference: 'SEPA 1' })).rejects.toThrow(/card payment waiting/u);
    const second = sim.createAuthorizedIntent({ amount: 500, currency: 'eur' });
    await expect(desk.call('payments.attachStripe', { orderId: order.id, paymentIntentId: second })).rejects.toThrow(/card payment waiting/u);
    await expect(desk.call('payments.capture', { paymentId: attached.payments[0]!.id, amount: order.total.amount + 1 })).rejects.toThrow(/more than/u);
  });

  it('checks a queued capture again when it goes out: a hold placed meanwhile stops it', async () => {
    const { sim, clock, desk, order } = await setUp();
    const intentId = sim.createAuthorizedIntent({ amount: order.total.amount, currency: 'eur' });
    const attached = await desk.call('payments.attachStripe', { orderId: order.id, paymentIntentId: intentId });
    await desk.call('payments.capture', { paymentId: attached.payments[0]!.id });
    await desk.call('holds.place', { orderId: order.id, note: 'Customer called: wrong size, wait' });
    await deliver(desk, clock, 2);
    const after = await desk.call('orders.get', { id: order.id });
    expect(sim.requestsTo(CAPTURE)).toHaveLength(0);
    expect(after.payments[0]?.actions[0]).toMatchObject({ status: 'dead', lastError: expect.stringMatching(/^Not captured: .*open hold/u) });
  });

  it('cancelling an order waits for a capture on its way, and releases a waiting authorization through the outbox', async () => {
    const { sim, clock, desk, order } = await setUp();
    const intentId = sim.createAuthorizedIntent({ amount: order.total.amount, currency: 'eur' });
    const attached = await desk.call('payments.attachStripe', { orderId: order.id, paymentIntentId: intentId });
    await desk.call('payments.capture', { paymentId: attached.payments[0]!.id, amount: 1_000 });
    await expect(desk.call('orders.cancel', { id: order.id, reason: 'Customer changed their mind' })).rejects.toThrow(/still on its way/u);
    await deliver(desk, clock, 1);

    const other = await desk.call('orders.create', { submit: true, order: validOrder({ customer: { name: 'Ana Costa', email: 'ana@example.com', phone: '' } }) });
    const otherIntent = sim.createAuthorizedIntent({ amount: other.total.amount, currency: 'eur' });
    await desk.call('payments.attachStripe', { orderId: other.id, paymentIntentId: otherIntent });
    const cancelled = await desk.call('orders.cancel', { id: other.id, reason: 'Out of stock everywhere' });
    expect(cancelled.payments[0]?.actions[0]).toMatchObject({ kind: 'cancel', status: 'pending' });
    await deliver(desk, clock, 1);
    expect(sim.intent(otherIntent).status).toBe('canceled');
    expect((await desk.call('orders.get', { id: other.id })).paymentStatus).toBe('voided');
  });

  it('keeps a capture queued for as long as Stripe cannot be reached, and sends it once the network is back', async () => {
    const { sim, clock, desk, order } = await setUp();
    const intentId = sim.createAuthorizedIntent({ amount: order.total.amount, currency: 'eur' });
    const attached = await desk.call('payments.attachStripe', { orderId: order.id, paymentIntentId: intentId });
    await desk.call('settings.update', { stripeApiUrl: 'http://127.0.0.1:9' }); // the discard port: nothing answers
    await desk.call('payments.capture', { paymentId: attached.payments[0]!.id });
    await deliver(desk, clock, 12);
    const offline = await desk.call('orders.get', { id: order.id });
    expect(offline.payments[0]?.actions[0]).toMatchObject({ status: 'failed', attempts: 12, lastError: expect.stringMatching(/connection|reached/u) });
    expect(offline.stage).toBe('ready_to_send');

    await desk.call('settings.update', { stripeApiUrl: sim.url });
    await deliver(desk, clock, 1);
    expect((await desk.call('orders.get', { id: order.id })).payments[0]?.status).toBe('captured');
    expect(sim.captures(intentId)).toHaveLength(1);
  });

  it('finds a refund it already made by its key before sending it again, so a lost answer never refunds twice', async () => {
    const { sim, clock, desk, order } = await setUp();
    const intentId = sim.createAuthorizedIntent({ amount: order.total.amount, currency: 'eur' });
    const attached = await desk.call('payments.attachStripe', { orderId: order.id, paymentIntentId: intentId });
    await desk.call('payments.capture', { paymentId: attached.payments[0]!.id });
    await deliver(desk, clock, 1);
    sim.failNext('POST /v1/refunds', { kind: 'drop_connection', when: 'after_apply' }, 2);
    await desk.call('payments.refund', { paymentId: attached.payments[0]!.id, amount: 1_500, reason: 'Late delivery' });
    await deliver(desk, clock, 3);
    const after = await desk.call('orders.get', { id: order.id });
    expect(after.payments[0]).toMatchObject({ refunded: { amount: 1_500 } });
    expect(sim.refunds(intentId)).toHaveLength(1);
    expect(sim.requestsTo('GET /v1/refunds').length).toBeGreaterThanOrEqual(1);
    expect(sim.requestsTo('POST /v1/refunds')).toHaveLength(2);
  });
});

describe('the Stripe secret key', () => {
  it('never appears in an answer, the log, or any file of the data directory in clear text', async () => {
    const { sim, dataDir, clock, log, desk, order } = await setUp();
    const intentId = sim.createAuthorizedIntent({ amount: order.total.amount, currency: 'eur' });
    const attached = await desk.call('payments.attachStripe', { orderId: order.id, paymentIntentId: intentId });
    sim.failNext(CAPTURE, { kind: 'api_error', saved: false });
    await desk.call('payments.capture', { paymentId: attached.payments[0]!.id });
    await deliver(desk, clock, 2);
    const settings = await desk.call<{ stripeKeyStored: boolean }>('settings.get', {});
    expect(settings.stripeKeyStored).toBe(true);
    desk.core.close();
    // The next day's start writes the daily backup, which holds the sealed key too.
    clock.advance(24 * 3_600_000);
    const nextDay = openCore({ dataDir, host: 'browser', version: 'test', logger: { info: (m) => log.push(m), warn: (m) => log.push(m), error: (m) => log.push(m) }, now: clock.now, backgroundWork: false });
    nextDay.close();

    expect(desk.answers.join('\n')).not.toContain(sim.apiKey);
    expect(log.join('\n')).not.toContain(sim.apiKey);
    const files = readdirSync(dataDir, { recursive: true }).map(String).map((name) => join(dataDir, name)).filter((path) => statSync(path).isFile());
    expect(files.some((path) => path.endsWith('desk.sqlite'))).toBe(true);
    expect(files.some((path) => path.includes('backup'))).toBe(true);
    for (const path of files) expect(readFileSync(path).includes(Buffer.from(sim.apiKey)), path).toBe(false);
  });
});

/**
 * Issue 5's crash test. The desk runs as a real process (the browser host, with its background outbox
 * worker) and is SIGKILLed at random points while 100 orders (200 POs: one e-mail, one API per order) are
 * sent to a real SMTP server (the catcher) and the supplier simulator, both living in this test process so
 * they outlive every desk. Both peers also fail on purpose: 451 replies, slow DATA, connections dropped
 * after the message was taken; API 5xx, slow answers, orders created whose answer never comes.
 *
 * What must hold afterwards, whatever the seed:
 * - the simulator has exactly one order per API PO (the outbox's idempotency key and the lookup by
 *   client_reference after a crash), and no POST ever needed a second key for the same PO;
 * - every e-mail PO reached the SMTP server at least once, all copies of one PO with the same Message-ID,
 *   and every extra copy marked as a possible duplicate (an e-mail cut off by a crash is "unknown" and a
 *   person — here the test — decides to resend it: afterCrash 'ask');
 * - no PO is lost: every PO ends sent with its delivery done, and the outbox is empty of open work.
 *
 * The seed is printed; `CRASH_SEED=<seed>` replays the same kill points and faults (the timing of the
 * processes still varies, so a replay is close, not identical).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { OrderDetail } from '../../src-shared/domain/order';
import type { SupplierOrderView } from '../../src-shared/domain/supplier-orders';
import { startSmtpCatcher, type SmtpCatcher, type SmtpFault } from '../sim/smtp-catcher';
import { startSupplierSim, type RouteFault, type SupplierSim } from '../sim/supplier-sim';
import { callDesk } from '../support/desk-api';
import { seededRandom, seedFrom, type SeededRandom } from '../support/seeded-random';
import { crashableHost, type CrashableHost } from './support/crashable-host';
import { SHOP_DOMAIN, setUpDispatchShopOverHttp, simCatalog } from '../support/dispatch-shop-over-http';
import { useTempDirs } from './support/temp-dir';

const ORDERS = 100;
const SIM_KEY = 'sim_crash_key_4b81d2';
const POST_ORDERS = 'POST /v1/orders';
const FIND_ORDERS = 'GET /v1/orders';
/** Settling after the last restart waits out the outbox's back-off (seconds after a few failed attempts). */
const SETTLE_DEADLINE_MS = 120_000;

const makeDir = useTempDirs();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A request that the desk answered with an error (not one lost with a killed process). */
function deskRefused(error: unknown, name: string): boolean {
  return error instanceof Error && error.message.startsWith(`${name}: `);
}

/**
 * One fault (or none: a slow DATA of 0 ms is an ordinary message) for each of the next `count` messages,
 * in order. 451s are retried by the outbox with back-off; a drop after DATA ends the send "unknown".
 */
function emailFaultPlan(random: SeededRandom, count: number): SmtpFault[] {
  return Array.from({ length: count }, (): SmtpFault => {
    const roll = random.next();
    if (roll < 0.12) return { kind: 'reply', stage: 'rcpt', code: 451 };
    if (roll < 0.20) return { kind: 'reply', stage: 'data', code: 451 };
    if (roll < 0.27) return { kind: 'drop_after_data' };
    // Slow final replies widen the window in which a kill finds a message taken but not yet answered.
    if (roll < 0.50) return { kind: 'slow', stage: 'data', delayMs: random.int(150, 700) };
    return { kind: 'slow', stage: 'data', delayMs: 0 };
  });
}

/**
 * The simulator holds one fault per route, so a new one is armed before each kill. `no_answer` without
 * answerAfterMs creates the order and never answers: the desk's request hangs until the kill that follows
 * (within 800 ms) cuts it, the case "the supplier has it, the desk does not know".
 */
function armApiFault(random: SeededRandom, sim: SupplierSim): string {
  const faults: [RouteFault, number][] = [
    [{ kind: 'error', status: 500 }, random.int(1, 3)],
    [{ kind: 'error', status: 503, retryAfterSeconds: 1 }, random.int(1, 2)],
    [{ kind: 'slow', delayMs: random.int(200, 900) }, random.int(1, 3)],
    [{ kind: 'no_answer', answerAfterMs: random.int(200, 900) }, random.int(1, 2)],
    [{ kind: 'no_answer' }, 1],
  ];
  const [fault, count] = random.pick(faults);
  sim.failNext(POST_ORDERS, count, fault);
  // The lookup a desk makes before sending again after a crash may fail too (it is retried like a send).
  if (random.chance(0.3)) sim.failNext(FIND_ORDERS, 1, { kind: 'error', status: 502 });
  const detail = fault.kind === 'error' ? ` ${fault.status}` : fault.kind === 'slow' ? ` ${fault.delayMs} ms` : fault.answerAfterMs === undefined ? ' (never)' : ` ${fault.answerAfterMs} ms`;
  return `${fault.kind}${detail} x${count}`;
}

/**
 * Sends every order's POs, one order after another, through whatever host is up. A request lost with a
 * killed desk may or may not have committed (the send is one transaction): the order is read from the
 * next desk and sent again only if it still has drafts or no POs.
 */
async function sendAll(host: CrashableHost, orderIds: readonly number[]): Promise<number> {
  let interrupted = 0;
  for (const orderId of orderIds) {
    let url = await host.nextUrl(undefined);
    for (;;) {
      try {
        await callDesk(url, 'supplierOrders.send', { orderId });
        break;
      } catch (error) {
        if (deskRefused(error, 'supplierOrders.send')) throw error;
      }
      interrupted += 1;
      url = await host.nextUrl(url);
      try {
        const order = await callDesk(url, 'orders.get', { id: orderId });
        if (order.supplierOrders.length > 0 && order.supplierOrders.every((po) => po.status !== 'draft')) break;
      } catch (error) {
        if (deskRefused(error, 'orders.get')) throw error;
        // The next desk was killed too before it answered: ask the one after it.
      }
    }
  }
  return interrupted;
}

interface Settled {
  orders: OrderDetail[];
  resends: number;
  /** What the test had to do that the design does not expect (an API PO unknown, a PO on hold). */
  surprises: string[];
}

const isDone = (po: SupplierOrderView) => (po.status === 'sent' || po.status === 'acknowledged') && po.delivery?.status === 'done';

/**
 * After the last restart: what a person would do. An e-mail PO whose send ended unknown is sent again
 * (same Message-ID, marked as a possible duplicate); anything else needing a person is retried and noted
 * as a surprise. Waits until every PO is sent with its delivery done. The orders are read only when the
 * outbox summary says a person is needed or nothing is left to deliver: reading 100 orders on every round
 * would compete with the desk's own worker for its one thread.
 */
async function settleAll(url: string, orderIds: readonly number[]): Promise<Settled> {
  const deadline = Date.now() + SETTLE_DEADLINE_MS;
  const finished = new Map<number, OrderDetail>();
  const surprises: string[] = [];
  let resends = 0;
  let latest = new Map<number, OrderDetail>();
  for (let round = 0; ; round += 1) {
    const summary = await callDesk(url, 'outbox.summary', {});
    if (round === 0 || summary.needsPerson > 0 || summary.queued + summary.retrying === 0) {
      latest = new Map();
      for (const orderId of orderIds.filter((id) => !finished.has(id))) {
        const order = await callDesk(url, 'orders.get', { id: orderId });
        latest.set(orderId, order);
        for (const po of order.supplierOrders) {
          if (po.status === 'unknown' && po.channel === 'email') {
            await callDesk(url, 'supplierOrders.resolveUnknown', { poId: po.id, decision: 'resend', note: 'Crash test: not in the supplier’s inbox as far as we know; send again' });
            resends += 1;
          } else if ((po.status === 'unknown' || po.status === 'on_hold') && po.delivery) {
            surprises.push(`${po.number} (${po.channel}) was ${po.status}: ${po.statusReason ?? po.delivery.lastError ?? ''}`);
            await callDesk(url, 'outbox.retry', { id: po.delivery.outboxId });
          }
        }
        if (order.supplierOrders.length === 2 && order.supplierOrders.every(isDone)) finished.set(orderId, order);
      }
      if (finished.size === orderIds.length) break;
    }
    if (Date.now() > deadline) {
      const open = [...latest.values()].flatMap((o) => o.supplierOrders.filter((po) => !isDone(po)))
        .map((po) => `${po.number} ${po.status} delivery=${po.delivery?.status ?? 'none'} attempts=${po.delivery?.attempts ?? 0} next=${po.delivery?.nextAttemptAt ?? '-'} error=${po.delivery?.lastError ?? '-'}`);
      throw new Error(`POs did not settle within ${SETTLE_DEADLINE_MS / 1000} s (outbox ${JSON.stringify(summary)}):\n${open.join('\n')}`);
    }
    await sleep(500);
  }
  return { orders: orderIds.map((id) => finished.get(id)!), resends, surprises };
}

/** Outbound traffic so far: messages the SMTP server kept and requests the supplier API saw. */
const traffic = (smtp: SmtpCatcher, sim: SupplierSim) => smtp.messages.length + sim.state.requests.length;
/** Order placements the simulator carried out (or refused) and never answered: held, or cut off by a kill. */
const heldPosts = (sim: SupplierSim) => sim.state.requests.filter((r) => r.method === 'POST' && r.status === 0).length;

/** Waits until `ready()` (or `timeoutMs`: the assertions on what the kills cut then say what was missed). */
async function until(ready: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ready() && Date.now() < deadline) await sleep(10);
}

describe('supplier orders through crashes', () => {
  it('loses no PO when the desk is SIGKILLed mid-send: one supplier order per API PO, each e-mail PO arrives at least once under one stable Message-ID', async () => {
    const seed = seedFrom('CRASH_SEED');
    const random = seededRandom(seed);
    console.log(`crash test seed ${seed} (CRASH_SEED=${seed} replays the same kill points and faults)`);

    const smtp: SmtpCatcher = await startSmtpCatcher();
    cleanups.push(() => smtp.close());
    const sim = await startSupplierSim({ apiKey: SIM_KEY, catalog: simCatalog() });
    cleanups.push(() => sim.close());
    const host = crashableHost(makeDir());
    cleanups.push(() => host.stop());
    const started = Date.now();
    const firstUrl = await host.start();

    const shop = await setUpDispatchShopOverHttp(firstUrl, smtp, sim, SIM_KEY);
    const orders: OrderDetail[] = [];
    // A few requests at a time: the desk answers them one by one, the overlap only saves round trips.
    for (let n = 0; n < ORDERS; n += 4) {
      orders.push(...await Promise.all([0, 1, 2, 3].filter((i) => n + i < ORDERS).map((i) => shop.readyOrder(firstUrl, n + i))));
    }
    const orderIds = orders.map((o) => o.id);

    // The first e-mail is taken by the server, whose final reply then waits for 30 s: the first kill lands
    // on it, the "handed over, desk died before the answer" case. The seeded plan follows.
    smtp.failNext(1, { kind: 'slow', stage: 'data', delayMs: 30_000 });
    for (const fault of emailFaultPlan(random, 90)) smtp.failNext(1, fault);
    const kills = random.int(5, 8);
    const armed: string[] = [];
    const sending = sendAll(host, orderIds);
    sending.catch(() => {}); // awaited below; this only keeps an early failure from being an unhandled rejection meanwhile
    // Kills while POs are being queued and delivered. The desk's worker takes one row at a time, so a
    // kill cuts at most one delivery in flight (an e-mail: unknown, for a person; an API call: sent again
    // after asking the supplier), besides the supplierOrders.send request the sender has on the wire.
    // Each kill point is a random 50–800 ms after the new desk has started sending: its start-up alone
    // takes seconds on a busy machine, and a kill before anything flows would prove little.
    const timings = { orders: Date.now() - started, kills: 0, settle: 0 };
    for (let k = 0; k < kills; k += 1) {
      if (k === 0) {
        const before = smtp.messages.length;
        armed.push('(first e-mail held)');
        await until(() => smtp.messages.length > before);
      } else if (k === 1) {
        // The supplier creates the order and the answer never comes: the second kill lands on that, the
        // "the supplier has it, the desk does not know" case for the lookup by client_reference.
        sim.failNext(POST_ORDERS, 1, { kind: 'no_answer' });
        armed.push('no_answer (never) x1');
        const before = heldPosts(sim);
        await until(() => heldPosts(sim) > before);
      } else {
        armed.push(armApiFault(random, sim));
        const before = traffic(smtp, sim);
        await until(() => traffic(smtp, sim) > before);
      }
      await sleep(random.int(50, 800));
      await host.kill();
      await host.start();
    }
    // No hanging API answers after the last restart: nothing would cut them but the client's 30 s timeout.
    sim.failNext(POST_ORDERS, 0, { kind: 'error' });
    sim.failNext(FIND_ORDERS, 0, { kind: 'error' });
    const interruptedSends = await sending;

    const url = await host.nextUrl(undefined);
    timings.kills = Date.now() - started - timings.orders;
    const settled = await settleAll(url, orderIds);
    timings.settle = Date.now() - started - timings.orders - timings.kills;

    // Every PO is out, and the outbox has nothing left to do or to ask.
    const pos = settled.orders.flatMap((o) => o.supplierOrders);
    const emailPos = pos.filter((po) => po.channel === 'email');
    const apiPos = pos.filter((po) => po.channel === 'api');
    expect(emailPos).toHaveLength(ORDERS);
    expect(apiPos).toHaveLength(ORDERS);
    expect(await callDesk(url, 'outbox.summary', {})).toMatchObject({ queued: 0, retrying: 0, needsPerson: 0 });

    // The supplier API: one order per API PO, none for anything else.
    const simOrders = sim.orders();
    const byReference = new Map<string, number>();
    for (const order of simOrders) byReference.set(order.client_reference, (byReference.get(order.client_reference) ?? 0) + 1);
    const duplicates = [...byReference.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
    const apiMissing = apiPos.filter((po) => !byReference.has(po.number)).map((po) => po.number);
    expect(apiMissing).toEqual([]);
    expect(duplicates).toBe(0);
    expect([...byReference.keys()].sort()).toEqual(apiPos.map((po) => po.number).sort());
    // A second key for the same PO would have met 409 duplicate_client_reference: the key is made once, with the PO.
    expect(sim.state.requests.filter((r) => r.method === 'POST' && r.status === 409)).toEqual([]);

    // The SMTP server: each e-mail PO at least once, every copy under the PO's one Message-ID, copies marked.
    const copies = new Map<string, typeof smtp.messages>();
    for (const mail of smtp.messages) {
      const number = String(mail.headers.get('x-petdrop-po') ?? '');
      copies.set(number, [...(copies.get(number) ?? []), mail]);
    }
    const emailMissing = emailPos.filter((po) => !copies.has(po.number)).map((po) => po.number);
    expect(emailMissing).toEqual([]);
    expect([...copies.keys()].sort()).toEqual(emailPos.map((po) => po.number).sort());
    for (const [number, mails] of copies) {
      expect(new Set(mails.map((m) => m.messageId)), number).toEqual(new Set([`<po-${number}.petdrop@${SHOP_DOMAIN}>`]));
      // Only a send that ended unknown can leave a stored copy behind, so every later copy is a marked resend.
      for (const extra of mails.slice(1)) expect(extra.headers.get('x-petdrop-resend'), number).toBe('possible-duplicate');
    }

    // Where the kills landed: an e-mail cut off by a kill is unknown with the recovery's sentence; an API
    // call cut off left a POST the simulator never answered.
    const unknownEvents = settled.orders.flatMap((o) => o.timeline.filter((e) => e.kind === 'po.unknown'));
    const emailsCutByKill = unknownEvents.filter((e) => e.reason?.startsWith('The desk stopped')).length;
    const apiCallsCut = sim.state.requests.filter((r) => r.method === 'POST' && r.status === 0).length;
    const lost = apiMissing.length + emailMissing.length + pos.filter((po) => !isDone(po)).length;
    const unexpectedErrors = host.output.filter((line) => /failed unexpectedly|could not be recorded/.test(line));
    console.log([
      `crash test: seed ${seed}; kills cut ${interruptedSends} supplierOrders.send requests, ${emailsCutByKill} e-mails and ${apiCallsCut} API calls in flight; `
        + `${unknownEvents.length - emailsCutByKill} e-mails unknown after a dropped connection; API faults armed: ${armed.join(', ')}; `
        + `orders made in ${timings.orders} ms, kill phase ${timings.kills} ms, settled in ${timings.settle} ms`,
      `crash test: ${pos.length} POs, ${host.kills} kills, sim orders ${simOrders.length} (duplicates ${duplicates}), e-mails ${smtp.messages.length} for ${emailPos.length} POs (resends ${settled.resends}), lost ${lost}`,
      ...settled.surprises.map((s) => `  surprise: ${s}`),
      ...unexpectedErrors.map((line) => `  host: ${line}`),
    ].join('\n'));
    expect(host.kills).toBe(kills);
    // The two cases the first kills were aimed at did happen (else this run proved less than it says).
    expect(emailsCutByKill).toBeGreaterThanOrEqual(1);
    expect(apiCallsCut).toBeGreaterThanOrEqual(1);
    expect(settled.surprises).toEqual([]);
    expect(unexpectedErrors).toEqual([]);
    expect(lost).toBe(0);
  }, 300_000);
});

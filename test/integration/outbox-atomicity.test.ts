/**
 * Issue 5's outbox guarantee, as properties over the real core on a real SQLite file: an action that implies a
 * side effect on the outside world writes exactly one outbox row per side effect, in the transaction of the
 * change that causes it, and when that transaction fails after the outbox insert, neither the row nor the
 * change is left. Nothing is delivered while an action is under test (the shop's background work is off;
 * the test steps the outbox itself), so every row a step finds is one the action wrote.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProcedureName } from '../../src-shared/contract/names';
import {
  diffLedgers, INJECTED_FAULT, useSideEffectShop, writtenTables,
  type FaultTrigger, type Ledger, type LedgerDiff, type OrderKind, type SideEffectShop,
} from './support/side-effect-shop';

const openWorld = useSideEffectShop();

type Action =
  | { kind: 'send' | 'prepare' | 'createLink' | 'cancelOrder'; order: number }
  | { kind: 'capture' | 'refund'; order: number; pick: number; partial: boolean }
  | { kind: 'cancelPayment'; order: number; pick: number }
  | { kind: 'reject' | 'reroute' | 'retry'; order: number; pick: number }
  | { kind: 'resolve'; order: number; pick: number; decision: 'resend' | 'mark_sent' }
  | { kind: 'deliver'; dropEmail: boolean };

type Expected = { ok: false; why: string } | { ok: true; rows: number };

interface Plan {
  /** What was done, for the coverage count and failure messages. */
  label: string;
  procedure: ProcedureName;
  input: Record<string, unknown>;
  /** What the domain rules (DOMAIN.md, the services' checks) say should happen, from the state before. */
  expected: Expected;
  /** After a success: the new rows are linked to the right order, PO and payment, and their state change came with them. */
  verify(diff: LedgerDiff, post: Ledger, at: number): void;
}

const values = <R>(map: Map<number, R>): R[] => [...map.values()];
const byId = <R extends { id: number }>(rows: R[]): R[] => rows.sort((a, b) => a.id - b.id);
const refused = (why: string): Expected => ({ ok: false, why });
const CARD_ACTIONS = ['stripe.capture', 'stripe.cancel', 'stripe.refund'];
const UNSETTLED = ['pending', 'in_flight', 'failed', 'unknown'];

const posOf = (l: Ledger, orderId: number) => byId(values(l.purchase_orders).filter((po) => po.order_id === orderId));
const paymentsOf = (l: Ledger, orderId: number) => byId(values(l.payments).filter((p) => p.order_id === orderId));
const openHolds = (l: Ledger, orderId: number) => values(l.order_holds).filter((h) => h.order_id === orderId && h.released_at === null).map((h) => h.reason);
const cardActionBusy = (l: Ledger, match: { payment_id?: number; order_id?: number }) => values(l.outbox).some((row) =>
  CARD_ACTIONS.includes(row.kind) && UNSETTLED.includes(row.status)
  && (match.payment_id === undefined || row.payment_id === match.payment_id) && (match.order_id === undefined || row.order_id === match.order_id));
const amountDue = (l: Ledger, orderId: number) => Math.max(0, l.orders.get(orderId)!.total
  - paymentsOf(l, orderId).filter((p) => p.status !== 'failed').reduce((sum, p) => sum + p.amount_captured - p.amount_refunded, 0));

/** supplierOrders.send per sendBlockers and prepareDrafts: one new row per PO that goes out. */
function sendOutcome(l: Ledger, orderId: number): Expected {
  const order = l.orders.get(orderId)!;
  if (order.cancelled_at !== null) return refused('the order is cancelled');
  if (!['authorized', 'partially_paid', 'paid'].includes(order.payment_status)) return refused(`the payment is ${order.payment_status}`);
  const allowed = order.fulfillment_status === 'unfulfilled' ? ['AUTHORIZATION_EXPIRING'] : ['AUTHORIZATION_EXPIRING', 'SUPPLIER_REJECTED', 'INVENTORY_OUT_OF_STOCK'];
  const blocking = openHolds(l, orderId).filter((reason) => !allowed.includes(reason));
  if (blocking.length > 0) return refused(`holds ${blocking.join(', ')}`);
  const pos = posOf(l, orderId);
  const drafts = pos.filter((po) => po.status === 'draft');
  if (drafts.length > 0) return { ok: true, rows: drafts.length };
  const live = new Set(pos.filter((po) => po.status !== 'cancelled').map((po) => po.id));
  const held = new Set(values(l.po_lines).filter((line) => live.has(line.po_id) && line.status !== 'rerouted').map((line) => line.order_line_id));
  const free = values(l.order_lines).filter((line) => line.order_id === orderId && !held.has(line.id));
  if (free.length === 0) return refused('every line is with a supplier');
  return { ok: true, rows: new Set(free.map((line) => line.supplier_id)).size };
}

/** supplierOrders.reroute: a rejected or backordered line moves when a supplier that has not refused it offers it. */
function rerouteOutcome(world: SideEffectShop, l: Ledger, poId: number): Expected {
  if (l.orders.get(l.purchase_orders.get(poId)!.order_id)!.cancelled_at !== null) return refused('the order is cancelled');
  const lines = values(l.po_lines).filter((line) => line.po_id === poId && (line.status === 'rejected' || line.status === 'backordered'));
  if (lines.length === 0) return refused('no rejected or backordered line');
  const movable = lines.some((line) => {
    const orderLine = l.order_lines.get(line.order_line_id)!;
    const refusedBy = new Set(values(l.po_lines).filter((other) => other.order_line_id === line.order_line_id)
      .map((other) => l.purchase_orders.get(other.po_id)!.supplier_id));
    return world.offers.some((offer) => offer.variant_id === orderLine.variant_id && !refusedBy.has(offer.supplier_id) && offer.stock >= orderLine.quantity);
  });
  return movable ? { ok: true, rows: 0 } : refused('no other supplier offers the lines');
}

/** The rows an action added are new, waiting, once-keyed, and made at the action's time. */
function expectFreshRows(diff: LedgerDiff, at: number, kinds: string[]): void {
  for (const row of diff.outbox.added) {
    expect(kinds).toContain(row.kind);
    expect(row).toMatchObject({ status: 'pending', attempts: 0, created_at: at, next_attempt_at: at });
    expect(row.idempotency_key.startsWith(`petdrop-${row.kind}-`)).toBe(true);
  }
}

const addedEvents = (diff: LedgerDiff, kind: string) => diff.order_events.added.filter((e) => e.kind === kind);

function planAction(world: SideEffectShop, l: Ledger, orderIds: number[], action: Exclude<Action, { kind: 'deliver' }>): Plan | undefined {
  const orderId = orderIds[action.order % orderIds.length]!;
  const order = l.orders.get(orderId)!;
  const pickFrom = <R>(rows: R[], pick: number) => (rows.length === 0 ? undefined : rows[pick % rows.length]);

  switch (action.kind) {
    case 'send': {
      const moved = values(l.po_lines).some((line) => line.status === 'rerouted' && l.purchase_orders.get(line.po_id)!.order_id === orderId);
      return {
        label: moved ? 'supplierOrders.send (moved lines)' : 'supplierOrders.send',
        procedure: 'supplierOrders.send', input: { orderId }, expected: sendOutcome(l, orderId),
        verify(diff, post, at) {
          const queued = posOf(post, orderId).filter((po) => po.status === 'queued' && (l.purchase_orders.get(po.id)?.status ?? 'draft') === 'draft');
          expect(queued.length).toBeGreaterThan(0);
          // Each PO that went out has exactly one new row, and every new row is such a PO's.
          expect(diff.outbox.added.map((row) => row.po_id).sort()).toEqual(queued.map((po) => po.id).sort());
          expectFreshRows(diff, at, ['supplier.email', 'supplier.api']);
          for (const po of queued) {
            const row = diff.outbox.added.find((r) => r.po_id === po.id)!;
            expect(row).toMatchObject({ kind: `supplier.${po.channel}`, order_id: orderId, payment_id: null });
            expect(JSON.parse(row.payload)).toEqual({ poNumber: po.number });
            expect(po.queued_at).toBe(at);
            expect(addedEvents(diff, 'po.queued').filter((e) => e.order_id === orderId && e.message.includes(po.number))).toHaveLength(1);
          }
          expect(addedEvents(diff, 'po.queued')).toHaveLength(queued.length);
          // The e-mail is frozen with the PO: one message per e-mail PO that went out, none for the API.
          expect(diff.po_messages.added.map((m) => m.po_id).sort()).toEqual(queued.filter((po) => po.channel === 'email').map((po) => po.id).sort());
          expect(post.orders.get(orderId)!.fulfillment_status).toBe('in_progress');
        },
      };
    }
    case 'prepare':
      return {
        label: 'supplierOrders.prepare', procedure: 'supplierOrders.prepare', input: { orderId },
        expected: order.cancelled_at === null ? { ok: true, rows: 0 } : refused('the order is cancelled'),
        verify(diff) {
          expect(diff.purchase_orders.added.every((po) => po.status === 'draft')).toBe(true);
        },
      };
    case 'capture': {
      const payment = pickFrom(paymentsOf(l, orderId), action.pick);
      if (!payment) return undefined;
      const due = amountDue(l, orderId);
      const capturable = Math.min(payment.amount_authorized - payment.amount_captured, due);
      const amount = action.partial ? Math.max(1, Math.floor(capturable / 2)) : undefined;
      let expected: Expected = { ok: true, rows: 1 };
      if (payment.provider !== 'stripe' || payment.stripe_payment_intent_id === null) expected = refused('not a card payment');
      else if (payment.status !== 'authorized') expected = refused(`the payment is ${payment.status}`);
      else if (order.cancelled_at !== null) expected = refused('the order is cancelled');
      else if (cardActionBusy(l, { payment_id: payment.id })) expected = refused('a card action is on its way');
      else if (openHolds(l, orderId).some((reason) => reason !== 'AUTHORIZATION_EXPIRING')) expected = refused('an open hold');
      else if (due === 0) expected = refused('nothing is due');
      return {
        label: 'payments.capture', procedure: 'payments.capture', input: { paymentId: payment.id, ...(amount ? { amount } : {}) }, expected,
        verify(diff, post, at) {
          expectFreshRows(diff, at, ['stripe.capture']);
          const row = diff.outbox.added[0]!;
          expect(row).toMatchObject({ order_id: orderId, payment_id: payment.id, po_id: null });
          expect(JSON.parse(row.payload)).toEqual({ intentId: payment.stripe_payment_intent_id, amount: amount ?? capturable });
          expect(diff.order_events.added.map((e) => [e.kind, e.order_id, e.at])).toEqual([['payment.capture_requested', orderId, at]]);
          expect(post.payments.get(payment.id)).toEqual(payment); // the capture is Stripe's to confirm, through the outbox
        },
      };
    }
    case 'cancelPayment': {
      const payment = pickFrom(paymentsOf(l, orderId), action.pick);
      if (!payment) return undefined;
      let expected: Expected = { ok: true, rows: 1 };
      if (payment.provider !== 'stripe' || payment.stripe_payment_intent_id === null || payment.status !== 'authorized') expected = refused(`a ${payment.provider} payment ${payment.status}`);
      else if (cardActionBusy(l, { payment_id: payment.id })) expected = refused('a card action is on its way');
      return {
        label: 'payments.cancel', procedure: 'payments.cancel', input: { paymentId: payment.id, reason: 'Out of stock everywhere' }, expected,
        verify(diff, _post, at) {
          expectFreshRows(diff, at, ['stripe.cancel']);
          expect(diff.outbox.added[0]).toMatchObject({ order_id: orderId, payment_id: payment.id, po_id: null });
          expect(diff.order_events.added.map((e) => [e.kind, e.order_id, e.at])).toEqual([['payment.cancel_requested', orderId, at]]);
        },
      };
    }
    case 'refund': {
      const payment = pickFrom(paymentsOf(l, orderId), action.pick);
      if (!payment) return undefined;
      const refundable = payment.amount_captured - payment.amount_refunded;
      const amount = action.partial ? Math.max(1, Math.floor(refundable / 2)) : refundable;
      const manual = payment.provider === 'manual';
      let expected: Expected = { ok: true, rows: manual ? 0 : 1 };
      if (refundable <= 0) expected = refused('nothing to refund');
      else if (!manual && cardActionBusy(l, { payment_id: payment.id })) expected = refused('a card action is on its way');
      return {
        label: manual ? 'payments.refund (by hand, no side effect)' : 'payments.refund (card)',
        procedure: 'payments.refund', input: { paymentId: payment.id, amount: Math.max(1, amount), reason: 'The customer sent it back' }, expected,
        verify(diff, post, at) {
          if (manual) {
            // Money given back by hand is no call to the outside world: recorded at once, no row.
            expect(post.payments.get(payment.id)!.amount_refunded).toBe(payment.amount_refunded + amount);
            expect(addedEvents(diff, 'payment.refunded')).toHaveLength(1);
            return;
          }
          expectFreshRows(diff, at, ['stripe.refund']);
          const row = diff.outbox.added[0]!;
          expect(row).toMatchObject({ order_id: orderId, payment_id: payment.id, po_id: null });
          expect(JSON.parse(row.payload)).toEqual({ intentId: payment.stripe_payment_intent_id, amount });
          expect(diff.order_events.added.map((e) => [e.kind, e.order_id, e.at])).toEqual([['payment.refund_requested', orderId, at]]);
          expect(post.payments.get(payment.id)).toEqual(payment);
        },
      };
    }
    case 'createLink': {
      const due = amountDue(l, orderId);
      let expected: Expected = { ok: true, rows: 1 };
      if (order.cancelled_at !== null) expected = refused('the order is cancelled');
      else if (due === 0) expected = refused('nothing is due');
      else if (paymentsOf(l, orderId).some((p) => p.status === 'awaiting_customer' || p.status === 'authorized')) expected = refused('a card payment is waiting');
      return {
        label: 'payments.createLink', procedure: 'payments.createLink', input: { orderId }, expected,
        verify(diff, _post, at) {
          expectFreshRows(diff, at, ['stripe.checkout']);
          expect(diff.payments.added).toHaveLength(1);
          const payment = diff.payments.added[0]!;
          expect(payment).toMatchObject({ order_id: orderId, provider: 'stripe', status: 'awaiting_customer' });
          const row = diff.outbox.added[0]!;
          expect(row).toMatchObject({ order_id: orderId, payment_id: payment.id, po_id: null });
          expect(JSON.parse(row.payload)).toMatchObject({ amount: due, orderNumber: order.number });
          expect(addedEvents(diff, 'payment.link_requested').map((e) => [e.order_id, e.at])).toEqual([[orderId, at]]);
        },
      };
    }
    case 'cancelOrder': {
      const authorized = paymentsOf(l, orderId).filter((p) => p.status === 'authorized' && p.stripe_payment_intent_id !== null);
      let expected: Expected = { ok: true, rows: authorized.length };
      if (order.cancelled_at !== null) expected = refused('already cancelled');
      else if (!['unfulfilled', 'in_progress'].includes(order.fulfillment_status)) expected = refused(`fulfillment ${order.fulfillment_status}`);
      else if (cardActionBusy(l, { order_id: orderId })) expected = refused('a card action is on its way');
      return {
        label: authorized.length > 0 ? 'orders.cancel (releases the authorization)' : 'orders.cancel (no card to release)',
        procedure: 'orders.cancel', input: { id: orderId, reason: 'The customer changed their mind' }, expected,
        verify(diff, post, at) {
          expectFreshRows(diff, at, ['stripe.cancel']);
          expect(diff.outbox.added.map((row) => [row.order_id, row.payment_id]).sort()).toEqual(authorized.map((p) => [orderId, p.id]).sort());
          expect(post.orders.get(orderId)!.cancelled_at).toBe(at);
          expect(addedEvents(diff, 'order.cancelled').map((e) => [e.order_id, e.at])).toEqual([[orderId, at]]);
          // What had not reached a supplier is withdrawn with the order: its row will never be sent.
          for (const po of posOf(l, orderId).filter((p) => p.status === 'draft' || p.status === 'queued')) {
            expect(post.purchase_orders.get(po.id)!.status).toBe('cancelled');
            const row = values(post.outbox).find((r) => r.po_id === po.id);
            if (row) expect(row.status).toBe('done');
          }
        },
      };
    }
    case 'reject': {
      const po = pickFrom(posOf(l, orderId), action.pick);
      if (!po) return undefined;
      const lines = byId(values(l.po_lines).filter((line) => line.po_id === po.id));
      return {
        label: 'supplierOrders.confirm (rejected)', procedure: 'supplierOrders.confirm',
        input: { poId: po.id, supplierReference: '', lines: lines.map((line) => ({ lineId: line.id, status: 'rejected', rejectionReason: 'out_of_stock' })) },
        expected: ['sent', 'acknowledged', 'rejected', 'unknown'].includes(po.status) ? { ok: true, rows: 0 } : refused(`the PO is ${po.status}`),
        verify() {},
      };
    }
    case 'reroute': {
      const po = pickFrom(posOf(l, orderId), action.pick);
      if (!po) return undefined;
      return {
        label: 'supplierOrders.reroute', procedure: 'supplierOrders.reroute', input: { poId: po.id }, expected: rerouteOutcome(world, l, po.id),
        verify(diff) {
          expect(diff.purchase_orders.added.length).toBeGreaterThan(0);
          expect(diff.purchase_orders.added.every((added) => added.status === 'draft')).toBe(true);
        },
      };
    }
    case 'retry': {
      const row = pickFrom(byId(values(l.outbox).filter((r) => r.order_id === orderId)), action.pick);
      if (!row) return undefined;
      const po = row.po_id === null ? undefined : l.purchase_orders.get(row.po_id);
      return {
        label: 'outbox.retry', procedure: 'outbox.retry', input: { id: row.id },
        expected: row.status === 'dead' || row.status === 'unknown' ? { ok: true, rows: 0 } : refused(`the row is ${row.status}`),
        verify(diff, post, at) {
          // The same row, with its idempotency key, goes back to the queue: a retry is never a second row.
          expect(diff.outbox.changed.map((c) => [c.after.id, c.after.status, c.after.idempotency_key])).toEqual([[row.id, 'pending', row.idempotency_key]]);
          expect(addedEvents(diff, 'outbox.retried').map((e) => [e.order_id, e.at])).toEqual([[orderId, at]]);
          if (po && (po.status === 'unknown' || po.status === 'on_hold')) expect(post.purchase_orders.get(po.id)!.status).toBe('queued');
        },
      };
    }
    case 'resolve': {
      const po = pickFrom(posOf(l, orderId), action.pick);
      if (!po) return undefined;
      return {
        label: `supplierOrders.resolveUnknown (${action.decision})`, procedure: 'supplierOrders.resolveUnknown',
        input: { poId: po.id, decision: action.decision, note: 'Phoned the supplier' },
        expected: po.status === 'unknown' ? { ok: true, rows: 0 } : refused(`the PO is ${po.status}`),
        verify(diff, post, at) {
          const row = values(l.outbox).find((r) => r.po_id === po.id)!;
          expect(row.status).toBe('unknown');
          if (action.decision === 'resend') {
            // The PO's one row goes back to the queue: no second row, so it can never go out twice by the desk's doing.
            expect(diff.outbox.changed.map((c) => [c.after.id, c.before.status, c.after.status])).toEqual([[row.id, 'unknown', 'pending']]);
            expect(post.purchase_orders.get(po.id)).toMatchObject({ status: 'queued', possible_duplicate: 1 });
            expect(addedEvents(diff, 'po.queued').map((e) => [e.order_id, e.at])).toEqual([[orderId, at]]);
          } else {
            expect(post.outbox.get(row.id)!.status).not.toBe('pending');
            expect(post.purchase_orders.get(po.id)!.status).toBe('sent');
          }
        },
      };
    }
  }
}

/** Which timeline event is the state change an outbox row of this kind comes with. */
const CAUSES: Record<string, string[]> = {
  'supplier.email': ['po.queued'], 'supplier.api': ['po.queued'], 'stripe.capture': ['payment.capture_requested'],
  'stripe.cancel': ['payment.cancel_requested', 'order.cancelled'], 'stripe.refund': ['payment.refund_requested'], 'stripe.checkout': ['payment.link_requested'],
};
const REQUESTS: Record<string, string> = {
  'payment.capture_requested': 'stripe.capture', 'payment.cancel_requested': 'stripe.cancel', 'payment.refund_requested': 'stripe.refund', 'payment.link_requested': 'stripe.checkout',
};

/** What holds at every moment, whatever happened before: each row with its change, each change with its row. */
function expectLedgerConsistent(l: Ledger): void {
  const rows = values(l.outbox);
  expect(new Set(rows.map((row) => row.idempotency_key)).size).toBe(rows.length);
  const events = values(l.order_events);
  for (const po of values(l.purchase_orders)) {
    // A PO that was queued once has its one row for ever (a resend re-queues it); one that never left the desk has none.
    const own = rows.filter((row) => row.po_id === po.id);
    const queuedOnce = po.queued_at !== null;
    expect(own.length, `${po.number} is ${po.status} (queued_at ${po.queued_at}) with ${own.length} outbox rows`).toBe(queuedOnce ? 1 : 0);
    if (po.status === 'draft') expect(queuedOnce, `${po.number} is a draft`).toBe(false);
    if (po.channel === 'email') expect(l.po_messages.has(po.id), `${po.number} (${po.status}) and its frozen e-mail`).toBe(queuedOnce);
  }
  for (const row of rows) {
    const po = row.po_id === null ? undefined : l.purchase_orders.get(row.po_id);
    if (row.po_id !== null) expect(po?.order_id, `outbox row ${row.id} and its PO`).toBe(row.order_id);
    const cause = events.filter((e) => e.order_id === row.order_id && e.at === row.created_at && CAUSES[row.kind]!.includes(e.kind) && (!po || e.message.includes(po.number)));
    expect(cause.length, `the timeline event for outbox row ${row.id} (${row.kind})`).toBe(1);
  }
  for (const event of events.filter((e) => e.kind in REQUESTS)) {
    const made = rows.filter((row) => row.order_id === event.order_id && row.created_at === event.at && row.kind === REQUESTS[event.kind]);
    expect(made.length, `the outbox row for ${event.kind} on order ${event.order_id}`).toBe(1);
  }
}

type Tally = Map<string, { ok: number; refused: number }>;

/** Runs one action and checks the property on what it committed; says whether the action went through. */
async function runStep(world: SideEffectShop, orderIds: number[], action: Action, tally: Tally): Promise<boolean> {
  const { shop } = world;
  if (action.kind === 'deliver') {
    // Not under test: moves POs and payments on (sent, captured, unknown) so later actions meet other states.
    if (action.dropEmail) shop.smtp.failNext(1, { kind: 'drop_after_data' });
    await shop.deliver();
    shop.smtp.clearFaults();
    expectLedgerConsistent(world.ledger());
    return true;
  }
  const pre = world.ledger();
  const plan = planAction(world, pre, orderIds, action);
  if (!plan) return false;
  const at = shop.clock.now();
  const result = await shop.attempt(plan.procedure, plan.input);
  const post = world.ledger();
  const diff = diffLedgers(pre, post);
  const what = `${plan.label} ${JSON.stringify(plan.input)}`;
  const count = tally.get(plan.label) ?? { ok: 0, refused: 0 };
  tally.set(plan.label, count);
  if (result.ok) {
    count.ok += 1;
    expect(plan.expected, `${what} succeeded`).toMatchObject({ ok: true });
    expect(diff.outbox.added.length, `${what}: new outbox rows`).toBe((plan.expected as { rows: number }).rows);
    plan.verify(diff, post, at);
  } else {
    count.refused += 1;
    expect(result.error.code, `${what}: ${result.error.message}`).not.toBe('internal');
    expect(plan.expected, `${what} was refused: ${result.error.message}`).toMatchObject({ ok: false });
    // A refusal writes nothing at all: no row, no status, no timeline event.
    expect(writtenTables(diff), `${what} was refused (${result.error.message}) but wrote`).toEqual([]);
  }
  expectLedgerConsistent(post);
  shop.clock.advance(1000); // every action its own second: a row and its timeline event are matched by time
  return result.ok;
}

const orderKinds = fc.array(fc.constantFrom<OrderKind>('paid', 'paid', 'card', 'card', 'unpaid'), { minLength: 1, maxLength: 3 });
const target = fc.nat({ max: 5 });
const onOrder = <K extends 'send' | 'prepare' | 'createLink' | 'cancelOrder'>(kind: K) => fc.record({ kind: fc.constant(kind), order: target });
const onPo = <K extends 'reject' | 'reroute' | 'retry'>(kind: K) => fc.record({ kind: fc.constant(kind), order: target, pick: target });
const onPayment = <K extends 'capture' | 'refund'>(kind: K) => fc.record({ kind: fc.constant(kind), order: target, pick: target, partial: fc.boolean() });
// Weighted so that runs get far enough (sent, answered, unknown, captured) for the later actions to succeed too.
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: onOrder('send') },
  { weight: 1, arbitrary: onOrder('prepare') },
  { weight: 2, arbitrary: onOrder('createLink') },
  { weight: 1, arbitrary: onOrder('cancelOrder') },
  { weight: 3, arbitrary: onPayment('capture') },
  { weight: 2, arbitrary: onPayment('refund') },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancelPayment' as const), order: target, pick: target }) },
  { weight: 3, arbitrary: onPo('reject') },
  { weight: 3, arbitrary: onPo('reroute') },
  { weight: 2, arbitrary: onPo('retry') },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('resolve' as const), order: target, pick: target, decision: fc.constantFrom('resend' as const, 'mark_sent' as const) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('deliver' as const), dropEmail: fc.boolean() }) },
);

/** One walk through every path the property must have taken at least once (random runs follow it). */
const TOUR: [OrderKind[], Action[]] = [['paid', 'card', 'unpaid', 'card', 'card'], [
  { kind: 'send', order: 0 },
  { kind: 'send', order: 0 },
  { kind: 'capture', order: 1, pick: 0, partial: false },
  { kind: 'capture', order: 1, pick: 0, partial: false },
  { kind: 'createLink', order: 2 },
  { kind: 'createLink', order: 2 },
  { kind: 'cancelPayment', order: 4, pick: 0 },
  { kind: 'cancelPayment', order: 4, pick: 0 },
  { kind: 'deliver', dropEmail: true },
  { kind: 'retry', order: 0, pick: 0 },
  { kind: 'retry', order: 0, pick: 1 },
  { kind: 'deliver', dropEmail: true },
  { kind: 'resolve', order: 0, pick: 1, decision: 'resend' },
  { kind: 'resolve', order: 0, pick: 0, decision: 'resend' },
  { kind: 'deliver', dropEmail: false },
  { kind: 'reject', order: 0, pick: 0 },
  { kind: 'reroute', order: 0, pick: 1 },
  { kind: 'reroute', order: 0, pick: 0 },
  { kind: 'send', order: 0 },
  { kind: 'refund', order: 1, pick: 0, partial: true },
  { kind: 'refund', order: 0, pick: 0, partial: true },
  { kind: 'cancelOrder', order: 1 },
  { kind: 'cancelOrder', order: 3 },
  { kind: 'send', order: 3 },
  { kind: 'send', order: 1 },
]];

describe('outbox atomicity', () => {
  it('writes exactly one outbox row per implied side effect, with its state change, and nothing at all for a refused action', async () => {
    const tally: Tally = new Map();
    await fc.assert(fc.asyncProperty(orderKinds, fc.array(action, { minLength: 4, maxLength: 16 }), async (kinds, actions) => {
      const world = await openWorld();
      const orderIds: number[] = [];
      for (const kind of kinds) orderIds.push(await world.makeOrder(kind));
      for (const step of actions) await runStep(world, orderIds, step, tally);
    }), { numRuns: 20, examples: [TOUR] });

    // The runs did reach every action that implies a side effect, and saw refusals too.
    const done = (label: string) => tally.get(label)?.ok ?? 0;
    for (const label of ['supplierOrders.send', 'supplierOrders.send (moved lines)', 'payments.capture', 'payments.cancel', 'payments.refund (card)',
      'payments.refund (by hand, no side effect)', 'payments.createLink', 'orders.cancel (releases the authorization)', 'supplierOrders.confirm (rejected)',
      'supplierOrders.reroute', 'supplierOrders.resolveUnknown (resend)', 'outbox.retry']) {
      expect(done(label), `${label} succeeded at least once`).toBeGreaterThan(0);
    }
    expect([...tally.values()].reduce((sum, c) => sum + c.refused, 0)).toBeGreaterThan(5);
  });
});

type FaultAction = 'send' | 'send after reroute' | 'resend' | 'capture' | 'cancelPayment' | 'refund' | 'createLink' | 'cancelOrder';
type Statement = 'PO update' | 'timeline insert' | 'order update';
const TRIGGERS: Record<Statement, Pick<FaultTrigger, 'on' | 'table'>> = {
  'PO update': { on: 'UPDATE', table: 'purchase_orders' },
  'timeline insert': { on: 'INSERT', table: 'order_events' },
  'order update': { on: 'UPDATE', table: 'orders' },
};
/**
 * The statements each action runs AFTER its outbox write, in its transaction (read from the services):
 * send-supplier-orders.ts: enqueueOutbox → movePo (UPDATE purchase_orders, INSERT po.queued, refreshFulfillment/refreshStage UPDATE orders);
 * resolveUnknownPo 'resend': UPDATE outbox → the same movePo; record-payments.ts capture/cancel/refund: enqueueOutbox → the timeline
 * event only; requestPaymentLink: → timeline event, refreshOrderPayment (UPDATE orders); cancelOrder: releaseCardAuthorizations →
 * withdrawSupplierOrders (UPDATE purchase_orders when a PO is queued), UPDATE orders, INSERT order.cancelled, refreshStage.
 * The order row is written only when one of its axes or its stage changes (refreshStage, refreshFulfillment): a send
 * changes it with its first PO only, and a send after a reroute not at all (the order is already with its suppliers).
 */
const AFTER_OUTBOX_WRITE: Record<FaultAction, Statement[]> = {
  'send': ['PO update', 'timeline insert', 'order update'],
  'send after reroute': ['PO update', 'timeline insert'],
  'resend': ['PO update', 'timeline insert', 'order update'],
  'capture': ['timeline insert'],
  'cancelPayment': ['timeline insert'],
  'refund': ['timeline insert'],
  'createLink': ['timeline insert', 'order update'],
  'cancelOrder': ['timeline insert', 'order update', 'PO update'],
};

interface FaultCase { statement: number; order: 'paid' | 'card'; prepared: boolean; sentFirst: boolean; nth: 1 | 2; partial: boolean }

/** Brings a new order to where `action` is allowed and returns the action; the order's other work is delivered first. */
async function setUpFor(world: SideEffectShop, action: FaultAction, c: FaultCase): Promise<{ orderId: number; step: Action; statements: Statement[] }> {
  const { shop } = world;
  const statements = AFTER_OUTBOX_WRITE[action];
  switch (action) {
    case 'send': {
      const orderId = await world.makeOrder(c.order);
      if (c.prepared) await shop.call('supplierOrders.prepare', { orderId });
      // After the second PO's row the order is already in progress: nothing about it changes any more.
      return { orderId, step: { kind: 'send', order: 0 }, statements: c.nth === 2 ? statements.filter((s) => s !== 'order update') : statements };
    }
    case 'send after reroute': {
      const orderId = await world.makeOrder(c.order);
      const sent = await shop.call('supplierOrders.send', { orderId });
      await shop.deliver();
      const emailPo = sent.supplierOrders.find((po) => po.channel === 'email')!;
      await shop.call('supplierOrders.confirm', { poId: emailPo.id, lines: emailPo.lines.map((line) => ({ lineId: line.id, status: 'rejected', rejectionReason: 'out_of_stock' })) });
      await shop.call('supplierOrders.reroute', { poId: emailPo.id });
      return { orderId, step: { kind: 'send', order: 0 }, statements };
    }
    case 'resend': {
      const orderId = await world.makeOrder(c.order);
      await shop.call('supplierOrders.send', { orderId });
      shop.smtp.failNext(1, { kind: 'drop_after_data' });
      await shop.deliver();
      shop.smtp.clearFaults();
      const order = await shop.call('orders.get', { id: orderId });
      expect(order.supplierOrders.map((po) => [po.channel, po.status])).toEqual([['email', 'unknown'], ['api', 'sent']]);
      return { orderId, step: { kind: 'resolve', order: 0, pick: 0, decision: 'resend' }, statements };
    }
    case 'capture':
    case 'cancelPayment':
      return { orderId: await world.makeOrder('card'), step: action === 'capture' ? { kind: 'capture', order: 0, pick: 0, partial: c.partial } : { kind: 'cancelPayment', order: 0, pick: 0 }, statements };
    case 'refund': {
      const orderId = await world.makeOrder('card');
      const order = await shop.call('orders.get', { id: orderId });
      await shop.call('payments.capture', { paymentId: order.payments[0]!.id });
      await shop.deliver();
      expect((await shop.call('orders.get', { id: orderId })).paymentStatus).toBe('paid');
      return { orderId, step: { kind: 'refund', order: 0, pick: 0, partial: c.partial }, statements };
    }
    case 'createLink':
      return { orderId: await world.makeOrder('unpaid'), step: { kind: 'createLink', order: 0 }, statements };
    case 'cancelOrder': {
      const orderId = await world.makeOrder('card');
      // With its POs queued, the cancel also withdraws them: one more statement after the outbox write.
      if (c.sentFirst) await shop.call('supplierOrders.send', { orderId });
      return { orderId, step: { kind: 'cancelOrder', order: 0 }, statements: c.sentFirst ? statements : statements.filter((s) => s !== 'PO update') };
    }
  }
}

const faultCase: fc.Arbitrary<FaultCase> = fc.record({
  statement: fc.nat({ max: 11 }), order: fc.constantFrom('paid' as const, 'card' as const), prepared: fc.boolean(), sentFirst: fc.boolean(),
  nth: fc.constantFrom(1 as const, 2 as const), partial: fc.boolean(),
});

describe('a failure after the outbox write, before commit', () => {
  it.each(Object.keys(AFTER_OUTBOX_WRITE) as FaultAction[])(
    '%s: leaves neither the outbox row nor its state change, and the same action then succeeds with exactly its rows',
    async (action) => {
      const tally: Tally = new Map();
      await fc.assert(fc.asyncProperty(faultCase, async (c) => {
        const world = await openWorld();
        const { shop } = world;
        const { orderId, step, statements } = await setUpFor(world, action, c);
        const statement = statements[c.statement % statements.length]!;
        const pre = world.ledger();
        const plan = planAction(world, pre, [orderId], step as Exclude<Action, { kind: 'deliver' }>)!;
        expect(plan.expected, `${action} is allowed after its set-up`).toMatchObject({ ok: true });
        const rows = (plan.expected as { rows: number }).rows;

        // Fires on the chosen statement only once the action's outbox write is done: the nth new row, or the resent row back in the queue.
        const resent = step.kind === 'resolve' ? values(pre.outbox).find((row) => row.status === 'unknown') : undefined;
        const newestRow = Math.max(0, ...pre.outbox.keys());
        const guard = resent ? `(SELECT status FROM outbox WHERE id = ${resent.id}) = 'pending'`
          : `(SELECT count(*) FROM outbox WHERE id > ${newestRow}) >= ${Math.min(c.nth, rows)}`;
        const injectedBefore = shop.log.filter((line) => line.includes(INJECTED_FAULT)).length;
        const removeFault = world.injectFault({ ...TRIGGERS[statement], guard });
        let failed;
        try {
          failed = await shop.attempt(plan.procedure, plan.input);
        } finally {
          removeFault();
        }
        const what = `${action}, failing on the ${statement} after outbox write ${resent ? '(resend)' : Math.min(c.nth, rows)}`;
        expect(failed, what).toMatchObject({ ok: false, error: { code: 'internal' } });
        expect(shop.log.filter((line) => line.includes(INJECTED_FAULT)), `${what}: the injected fault is what stopped it`).toHaveLength(injectedBefore + 1);

        const diff = diffLedgers(pre, world.ledger());
        expect(diff.outbox, `${what}: no outbox row written or moved`).toEqual({ added: [], removed: [], changed: [] });
        if (action === 'send' && !c.prepared) {
          // The drafts are made (and committed) before the send's own transaction, as supplierOrders.prepare would: that is all that stays.
          expect(diff.purchase_orders.added.map((po) => po.status), what).toEqual(['draft', 'draft']);
          expect(diff.order_events.added.map((e) => e.kind), what).toEqual(['po.prepared']);
          expect(writtenTables(diff).filter((t) => !/^(purchase_orders|po_lines|order_events) \(\+\d+ ~0 -0\)$/u.test(t)), what).toEqual([]);
        } else {
          expect(writtenTables(diff), `${what}: nothing of the action stays`).toEqual([]);
        }

        // Nothing was wrong with the action: without the fault it goes through, with exactly its rows.
        expect(await runStep(world, [orderId], step, tally), `${action} once the fault is gone`).toBe(true);
      }), { numRuns: 6 });
    },
  );
});

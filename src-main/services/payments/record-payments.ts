import { captureBlockers, paymentStatusOfIntent } from '../../../src-shared/domain/payments';
import { ACKNOWLEDGED_PO_STATUSES } from '../../../src-shared/domain/supplier-orders';
import type { ProcedureParsedInput } from '../../../src-shared/contract/procedures';
import type { Sql } from '../../db/query';
import type { DbPayment, Row } from '../../db/schema';
import { StripeCallError } from '../../adapters/stripe-gateway';
import type { Actor } from '../context';
import { DeskError, notFound } from '../errors';
import { enqueueOutbox } from '../outbox/outbox-store';
import { readSettings } from '../settings';
import { recordTimelineEvent } from '../timeline';
import { verificationPassed } from '../verification/verification-state';
import { amountDue, money, refreshOrderPayment } from './order-payment-state';
import { stripeGateway, type StripeDeps } from './stripe-access';

interface PayableOrder { id: number; number: string; currency: string; total: number }

/** An order that may take money: submitted and not cancelled. */
function payableOrder(sql: Sql, orderId: number): PayableOrder {
  const order = sql.first(sql.qb.selectFrom('orders').select(['id', 'number', 'currency', 'total', 'submitted_at', 'cancelled_at']).where('id', '=', orderId));
  if (!order) throw notFound(`Order ${orderId}`);
  if (order.cancelled_at !== null) throw new DeskError('invalid_state', `Order ${order.number} is cancelled; it takes no payment.`);
  if (order.submitted_at === null) throw new DeskError('invalid_state', `Order ${order.number} is still a draft; submit it before taking payment.`);
  return order;
}

function paymentRow(sql: Sql, paymentId: number): Row<DbPayment> & { number: string } {
  const row = sql.first(sql.qb.selectFrom('payments').innerJoin('orders', 'orders.id', 'payments.order_id')
    .selectAll('payments').select('orders.number').where('payments.id', '=', paymentId));
  if (!row) throw notFound(`Payment ${paymentId}`);
  return row;
}

/** A capture, cancel or refund of this payment already on its way (or waiting for a person) must finish first. */
function assertNoActionInProgress(sql: Sql, payment: { id: number; number: string }): void {
  const busy = sql.first(sql.qb.selectFrom('outbox').select(['kind', 'status']).where('payment_id', '=', payment.id)
    .where('kind', 'in', ['stripe.capture', 'stripe.cancel', 'stripe.refund']).where('status', 'in', ['pending', 'in_flight', 'failed', 'unknown']));
  if (busy) {
    const what = busy.kind.replace('stripe.', '');
    throw new DeskError('conflict', busy.status === 'unknown'
      ? `A ${what} of this payment on order ${payment.number} may or may not have reached Stripe; settle that one first (check it, then try it again).`
      : `A ${what} of this payment on order ${payment.number} is still on its way; wait for it to finish.`);
  }
}

/** A card authorization already waiting on the order: taking money another way as well would charge twice. */
function assertNoOpenAuthorization(sql: Sql, order: PayableOrder): void {
  const open = sql.first(sql.qb.selectFrom('payments').select(['amount_authorized', 'amount_captured', 'currency']).where('order_id', '=', order.id)
    .where('status', 'in', ['authorized', 'awaiting_customer']));
  if (open) {
    throw new DeskError('conflict', `Order ${order.number} already has a card payment waiting; capture it, or cancel it before taking the money another way.`);
  }
}

const METHOD_WORDS = { cash: 'cash', bank_transfer: 'bank transfer', storefront: 'the storefront' } as const;

/** Money received outside Stripe (cash, bank transfer, paid in the storefront): recorded as taken, no outside call. */
export function recordManualPayment(deps: StripeDeps, input: ProcedureParsedInput<'payments.recordManual'>, actor: Actor): void {
  const { sql } = deps;
  const at = deps.now();
  sql.transaction(() => {
    const order = payableOrder(sql, input.orderId);
    assertNoOpenAuthorization(sql, order);
    const due = amountDue(sql, order.id);
    const amount = input.amount ?? due;
    if (due === 0) throw new DeskError('invalid_state', `Order ${order.number} is already paid in full.`);
    if (amount > due) {
      throw new DeskError('invalid_input', `${money(amount, order.currency)} is more than the ${money(due, order.currency)} still due on order ${order.number}.`, 'amount');
    }
    const payment = sql.first(sql.qb.insertInto('payments').values({
      order_id: order.id, provider: 'manual', method: input.method, reference: input.reference, status: 'captured', currency: order.currency,
      amount_authorized: amount, amount_captured: amount, amount_refunded: 0, created_at: at, updated_at: at,
    }).returning('id'));
    recordTimelineEvent(sql, {
      orderId: order.id, at, actor: actor.name, kind: 'payment.recorded',
      message: `${money(amount, order.currency)} received by ${METHOD_WORDS[input.method]}${input.reference ? ` (reference ${input.reference})` : ''}`,
      data: { paymentId: payment?.id },
    });
    refreshOrderPayment(sql, order.id, actor.name, at);
  });
}

/** Looks a PaymentIntent up at Stripe and attaches it: an authorization made elsewhere (a storefront, Stripe's dashboard). */
export async function attachPaymentIntent(deps: StripeDeps, input: ProcedureParsedInput<'payments.attachStripe'>, actor: Actor): Promise<void> {
  const { sql } = deps;
  const order = payableOrder(sql, input.orderId);
  let intent;
  try {
    intent = await stripeGateway(deps).retrieveIntent(input.paymentIntentId);
  } catch (error) {
    if (error instanceof StripeCallError) throw new DeskError(error.failure.retry ? 'unavailable' : 'invalid_input', error.failure.message, 'paymentIntentId');
    throw error;
  }
  if (intent.currency !== order.currency) {
    throw new DeskError('invalid_input', `${intent.id} is in ${intent.currency}, but order ${order.number} is in ${order.currency}.`, 'paymentIntentId');
  }
  const status = paymentStatusOfIntent(intent.status);
  const at = deps.now();
  sql.transaction(() => {
    payableOrder(sql, order.id);
    if (status === 'authorized' || status === 'awaiting_customer') assertNoOpenAuthorization(sql, order);
    if (status === 'authorized' && amountDue(sql, order.id) === 0) {
      throw new DeskError('invalid_state', `Order ${order.number} is already paid in full; cancel ${intent.id} in Stripe instead of attaching it.`, 'paymentIntentId');
    }
    const taken = sql.first(sql.qb.selectFrom('payments').innerJoin('orders', 'orders.id', 'payments.order_id').select('orders.number')
      .where('payments.stripe_payment_intent_id', '=', intent.id));
    if (taken) throw new DeskError('conflict', `${intent.id} is already attached to order ${taken.number}.`, 'paymentIntentId');
    sql.run(sql.qb.insertInto('payments').values({
      order_id: order.id, provider: 'stripe', method: 'card', reference: intent.id, status, currency: order.currency,
      amount_authorized: intent.status === 'requires_capture' ? intent.amountCapturable : intent.amountReceived,
      amount_captured: intent.amountReceived, amount_refunded: intent.amountRefunded,
      stripe_payment_intent_id: intent.id, card_brand: intent.cardBrand, card_last4: intent.cardLast4, capture_before: intent.captureBefore,
      created_at: at, updated_at: at,
    }));
    recordTimelineEvent(sql, {
      orderId: order.id, at, actor: actor.name, kind: 'payment.attached',
      message: `Stripe payment ${intent.id} attached: ${status.replaceAll('_', ' ')}, ${money(intent.amount, order.currency)}`
        + (intent.cardBrand ? ` on ${intent.cardBrand} ····${intent.cardLast4}` : ''),
    });
    refreshOrderPayment(sql, order.id, actor.name, at);
  });
}

/**
 * A payment link for a phone order: the customer types the card on Stripe's page, never into the desk.
 * Creating it is a call to Stripe, so it goes through the outbox (queued while offline).
 */
export function requestPaymentLink(deps: StripeDeps, input: ProcedureParsedInput<'payments.createLink'>, actor: Actor): void {
  const { sql } = deps;
  const at = deps.now();
  stripeGateway(deps); // refuses now, with a sentence, when Stripe is not set up
  sql.transaction(() => {
    const order = payableOrder(sql, input.orderId);
    const due = amountDue(sql, order.id);
    if (due === 0) throw new DeskError('invalid_state', `Order ${order.number} is already paid in full.`);
    const open = sql.first(sql.qb.selectFrom('payments').select('id').where('order_id', '=', order.id).where('status', 'in', ['awaiting_customer', 'authorized']));
    if (open) throw new DeskError('conflict', `Order ${order.number} already has a card payment waiting; use or cancel that one first.`);
    const payment = sql.first(sql.qb.insertInto('payments').values({
      order_id: order.id, provider: 'stripe', method: 'card', reference: '', status: 'awaiting_customer', currency: order.currency,
      amount_authorized: 0, amount_captured: 0, amount_refunded: 0, created_at: at, updated_at: at,
    }).returning('id'));
    if (!payment) throw new Error('The payment insert returned no id');
    enqueueOutbox(sql, { kind: 'stripe.checkout', orderId: order.id, paymentId: payment.id, payload: { amount: due, currency: order.currency, orderNumber: order.number } }, at);
    recordTimelineEvent(sql, { orderId: order.id, at, actor: actor.name, kind: 'payment.link_requested', message: `Payment link for ${money(due, order.currency)} requested` });
    refreshOrderPayment(sql, order.id, actor.name, at);
  });
}

/**
 * Whether the suppliers have taken the order on: at least one PO, every PO that still counts (not cancelled,
 * not rejected) acknowledged or further, and no draft waiting to go out.
 */
function suppliersAcknowledged(sql: Sql, orderId: number): boolean {
  const pos = sql.all(sql.qb.selectFrom('purchase_orders').select('status').where('order_id', '=', orderId).where('status', 'not in', ['cancelled', 'rejected']));
  return pos.length > 0 && pos.every((po) => ACKNOWLEDGED_PO_STATUSES.includes(po.status));
}

/** Why this order's card payment may not be captured now; empty when it may. */
export function captureBlockersFor(sql: Sql, orderId: number): string[] {
  // The expiring-authorization hold asks for exactly this capture, so it is the one hold that does not block it.
  const openHolds = sql.first(sql.qb.selectFrom('order_holds').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('order_id', '=', orderId).where('released_at', 'is', null).where('reason', '!=', 'AUTHORIZATION_EXPIRING'))?.n ?? 0;
  return captureBlockers({
    verificationPassed: verificationPassed(sql, orderId),
    openHolds: Number(openHolds),
    requireSupplierAck: readSettings(sql).captureRequiresSupplierAck,
    suppliersAcknowledged: suppliersAcknowledged(sql, orderId),
  });
}

/** Records a capture (full or part of the authorization) for the outbox; Stripe applies it once, however often it is sent. */
export function requestCapture(deps: StripeDeps, input: ProcedureParsedInput<'payments.capture'>, actor: Actor): void {
  const { sql } = deps;
  const at = deps.now();
  sql.transaction(() => {
    const payment = paymentRow(sql, input.paymentId);
    if (payment.provider !== 'stripe' || payment.stripe_payment_intent_id === null) {
      throw new DeskError('invalid_state', 'Only an authorized card payment is captured; money recorded by hand is already taken.');
    }
    if (payment.status !== 'authorized') throw new DeskError('invalid_state', `This payment is ${payment.status.replaceAll('_', ' ')}, not authorized, so there is nothing to capture.`);
    payableOrder(sql, payment.order_id);
    assertNoActionInProgress(sql, payment);
    const blockers = captureBlockersFor(sql, payment.order_id);
    if (blockers.length > 0) throw new DeskError('invalid_state', `Order ${payment.number} cannot be charged yet: ${blockers.join(' ')}`);
    // Never more than the card allows, nor more than the order still owes (money may have come another way).
    const authorized = payment.amount_authorized - payment.amount_captured;
    const due = amountDue(sql, payment.order_id);
    if (due === 0) throw new DeskError('invalid_state', `Order ${payment.number} is already paid in full; cancel this authorization instead.`);
    const capturable = Math.min(authorized, due);
    const amount = input.amount ?? capturable;
    if (amount > capturable) {
      throw new DeskError('invalid_input', `${money(amount, payment.currency)} is more than the ${money(capturable, payment.currency)} `
        + (capturable < authorized ? 'still due on the order.' : 'authorized.'), 'amount');
    }
    enqueueOutbox(sql, { kind: 'stripe.capture', orderId: payment.order_id, paymentId: payment.id, payload: { intentId: payment.stripe_payment_intent_id, amount } }, at);
    recordTimelineEvent(sql, {
      orderId: payment.order_id, at, actor: actor.name, kind: 'payment.capture_requested',
      message: `Capture of ${money(amount, payment.currency)} requested${amount < authorized ? ` (the other ${money(authorized - amount, payment.currency)} will be released)` : ''}`,
    });
  });
}

/** Releases an authorization the shop will not capture (the order cannot be fulfilled). */
export function requestCancel(deps: StripeDeps, input: ProcedureParsedInput<'payments.cancel'>, actor: Actor): void {
  const { sql } = deps;
  const at = deps.now();
  sql.transaction(() => {
    const payment = paymentRow(sql, input.paymentId);
    if (payment.provider !== 'stripe' || payment.stripe_payment_intent_id === null || payment.status !== 'authorized') {
      throw new DeskError('invalid_state', 'Only an authorized card payment can be cancelled; refund money that was already taken.');
    }
    assertNoActionInProgress(sql, payment);
    enqueueOutbox(sql, { kind: 'stripe.cancel', orderId: payment.order_id, paymentId: payment.id, payload: { intentId: payment.stripe_payment_intent_id } }, at);
    recordTimelineEvent(sql, { orderId: payment.order_id, at, actor: actor.name, kind: 'payment.cancel_requested', message: 'Cancelling the card authorization requested', reason: input.reason });
  });
}

/** Gives money back, in full or in part: through Stripe via the outbox, or recorded by hand for money taken by hand. */
export function requestRefund(deps: StripeDeps, input: ProcedureParsedInput<'payments.refund'>, actor: Actor): void {
  const { sql } = deps;
  const at = deps.now();
  sql.transaction(() => {
    const payment = paymentRow(sql, input.paymentId);
    const refundable = payment.amount_captured - payment.amount_refunded;
    if (refundable <= 0) throw new DeskError('invalid_state', 'Nothing of this payment is left to refund.');
    const amount = input.amount ?? refundable;
    if (amount > refundable) {
      throw new DeskError('invalid_input', `${money(amount, payment.currency)} is more than the ${money(refundable, payment.currency)} left to refund.`, 'amount');
    }
    if (payment.provider === 'manual') {
      sql.run(sql.qb.updateTable('payments').set({ amount_refunded: payment.amount_refunded + amount, updated_at: at }).where('id', '=', payment.id));
      recordTimelineEvent(sql, { orderId: payment.order_id, at, actor: actor.name, kind: 'payment.refunded', message: `${money(amount, payment.currency)} given back by hand`, reason: input.reason });
      refreshOrderPayment(sql, payment.order_id, actor.name, at);
      return;
    }
    assertNoActionInProgress(sql, payment);
    enqueueOutbox(sql, { kind: 'stripe.refund', orderId: payment.order_id, paymentId: payment.id, payload: { intentId: payment.stripe_payment_intent_id, amount } }, at);
    recordTimelineEvent(sql, { orderId: payment.order_id, at, actor: actor.name, kind: 'payment.refund_requested', message: `Refund of ${money(amount, payment.currency)} requested`, reason: input.reason });
  });
}

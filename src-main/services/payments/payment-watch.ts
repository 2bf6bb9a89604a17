import { paymentStatusOfIntent } from '../../../src-shared/domain/payments';
import type { IntentSnapshot, StripeGateway } from '../../adapters/stripe-gateway';
import { StripeCallError } from '../../adapters/stripe-gateway';
import type { Sql } from '../../db/query';
import type { Logger } from '../../core/logger';
import { placeHold, releaseHold } from '../orders/holds';
import { readSettings } from '../settings';
import { recordTimelineEvent } from '../timeline';
import { money, refreshOrderPayment } from './order-payment-state';

const WATCH_ACTOR = 'desk (payments)';

/**
 * Writes what Stripe says about an intent onto the payment (status, amounts, card, capture deadline) —
 * unless the payment moved while Stripe was being asked, or a capture, cancel or refund of it is under
 * way: the outbox settles those, and an older answer must not put a captured payment back to authorized.
 */
function applyIntent(sql: Sql, paymentId: number, seenUpdatedAt: number, intent: IntentSnapshot, at: number): void {
  const payment = sql.first(sql.qb.selectFrom('payments').selectAll().where('id', '=', paymentId));
  if (!payment || payment.updated_at !== seenUpdatedAt) return;
  const acting = sql.first(sql.qb.selectFrom('outbox').select('id').where('payment_id', '=', paymentId)
    .where('kind', 'in', ['stripe.capture', 'stripe.cancel', 'stripe.refund']).where('status', 'in', ['pending', 'in_flight', 'failed', 'unknown']));
  if (acting) return;
  const status = paymentStatusOfIntent(intent.status);
  sql.run(sql.qb.updateTable('payments').set({
    status,
    stripe_payment_intent_id: intent.id,
    amount_authorized: status === 'authorized' ? intent.amountCapturable : Math.max(payment.amount_authorized, intent.amountReceived),
    amount_captured: intent.amountReceived,
    card_brand: intent.cardBrand, card_last4: intent.cardLast4, capture_before: intent.captureBefore,
    updated_at: at,
  }).where('id', '=', paymentId));
  if (status !== payment.status) {
    recordTimelineEvent(sql, {
      orderId: payment.order_id, at, actor: WATCH_ACTOR, kind: 'payment.updated',
      message: status === 'authorized'
        ? `The customer paid the link: ${money(intent.amountCapturable, payment.currency)} authorized${intent.cardBrand ? ` on ${intent.cardBrand} ····${intent.cardLast4}` : ''}`
        : `Stripe says the payment is now ${status.replaceAll('_', ' ')}`,
    });
  }
  refreshOrderPayment(sql, payment.order_id, WATCH_ACTOR, at);
}

/** A payment link nobody paid before Stripe closed it (about a day): the order can take a new one. */
function expireLink(sql: Sql, paymentId: number, orderId: number, seenUpdatedAt: number, at: number): void {
  const moved = sql.first(sql.qb.selectFrom('payments').select('id').where('id', '=', paymentId).where('updated_at', '!=', seenUpdatedAt));
  if (moved) return;
  sql.run(sql.qb.updateTable('payments').set({ status: 'expired', updated_at: at }).where('id', '=', paymentId));
  recordTimelineEvent(sql, { orderId, at, actor: WATCH_ACTOR, kind: 'payment.link_expired', message: 'The payment link expired unpaid; send a new one or take the payment another way' });
  refreshOrderPayment(sql, orderId, WATCH_ACTOR, at);
}

/**
 * Asks Stripe about card payments the desk is waiting on (a payment link not paid yet): the desk cannot
 * receive webhooks, so it polls. Returns how many changed. A Stripe outage is logged and tried next time.
 */
export async function refreshAwaitingPayments(sql: Sql, gateway: StripeGateway, now: () => number, logger: Logger, onlyPaymentId?: number): Promise<number> {
  let query = sql.qb.selectFrom('payments').select(['id', 'order_id', 'stripe_checkout_session_id', 'stripe_payment_intent_id', 'status', 'updated_at'])
    .where('provider', '=', 'stripe').where('status', 'in', ['awaiting_customer', 'authorized']);
  if (onlyPaymentId !== undefined) query = query.where('id', '=', onlyPaymentId);
  let changed = 0;
  for (const payment of sql.all(query)) {
    try {
      let intentId = payment.stripe_payment_intent_id;
      if (intentId === null && payment.stripe_checkout_session_id !== null) {
        const session = await gateway.retrieveCheckout(payment.stripe_checkout_session_id);
        intentId = session.paymentIntentId;
        if (session.status === 'expired' && intentId === null) {
          sql.transaction(() => expireLink(sql, payment.id, payment.order_id, payment.updated_at, now()));
          changed += 1;
          continue;
        }
      }
      if (intentId === null) continue;
      const intent = await gateway.retrieveIntent(intentId);
      sql.transaction(() => applyIntent(sql, payment.id, payment.updated_at, intent, now()));
      changed += 1;
    } catch (error) {
      if (!(error instanceof StripeCallError)) throw error;
      logger.warn(`payment ${payment.id}: ${error.failure.message}`);
      if (onlyPaymentId !== undefined) throw error;
    }
  }
  return changed;
}

/**
 * Card authorizations lapse (Stripe's capture_before, about 7 days): an AUTHORIZATION_EXPIRING hold is
 * placed the configured number of hours before, once per payment; a lapsed one is marked expired.
 */
export function watchAuthorizations(sql: Sql, at: number): number {
  const warningMs = readSettings(sql).authorizationWarningHours * 3_600_000;
  const authorized = sql.all(sql.qb.selectFrom('payments').innerJoin('orders', 'orders.id', 'payments.order_id')
    .select(['payments.id', 'payments.order_id', 'payments.capture_before', 'payments.currency', 'payments.amount_authorized', 'payments.created_at', 'orders.cancelled_at'])
    .where('payments.status', '=', 'authorized').where('payments.capture_before', 'is not', null));
  let touched = 0;
  for (const payment of authorized) {
    const deadline = payment.capture_before as number;
    if (deadline > at + warningMs) continue;
    sql.transaction(() => {
      if (deadline <= at) {
        sql.run(sql.qb.updateTable('payments').set({ status: 'expired', updated_at: at }).where('id', '=', payment.id));
        recordTimelineEvent(sql, {
          orderId: payment.order_id, at, actor: WATCH_ACTOR, kind: 'payment.expired',
          message: `The card authorization of ${money(payment.amount_authorized, payment.currency)} lapsed uncaptured; take the payment again`,
        });
        releaseHold(sql, payment.order_id, 'AUTHORIZATION_EXPIRING', 'The authorization lapsed; the payment is taken again', WATCH_ACTOR, at);
        refreshOrderPayment(sql, payment.order_id, WATCH_ACTOR, at);
        touched += 1;
        return;
      }
      // A cancelled order's authorization is being released: nothing to warn about.
      if (payment.cancelled_at !== null) return;
      // Once per payment: a hold a person released (with a note) is not put back by the next sweep.
      const warned = sql.first(sql.qb.selectFrom('order_holds').select('id').where('order_id', '=', payment.order_id)
        .where('reason', '=', 'AUTHORIZATION_EXPIRING').where('placed_at', '>=', payment.created_at));
      if (warned) return;
      placeHold(sql, payment.order_id, 'AUTHORIZATION_EXPIRING',
        `Capture before ${new Date(deadline).toISOString().replace('T', ' ').slice(0, 16)} UTC, or the authorization of ${money(payment.amount_authorized, payment.currency)} lapses`,
        WATCH_ACTOR, at);
      refreshOrderPayment(sql, payment.order_id, WATCH_ACTOR, at);
      touched += 1;
    });
  }
  return touched;
}

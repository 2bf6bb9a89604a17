import { StripeCallError, type StripeFailure, type StripeGateway } from '../../adapters/stripe-gateway';
import type { Sql } from '../../db/query';
import type { OutboxAttempt, OutboxHandler } from '../outbox/outbox-worker';
import type { OutboxRow } from '../outbox/outbox-store';
import { releaseHold } from '../orders/holds';
import { recordTimelineEvent } from '../timeline';
import { money, refreshOrderPayment } from './order-payment-state';
import { captureBlockersFor } from './record-payments';

/** The outbox's own name on the timeline. */
const OUTBOX_ACTOR = 'desk (outbox)';
/** A soft decline may pass later, but not forever: after this many tries a person decides. */
const MAX_CARD_ATTEMPTS = 5;

type Settled = Extract<OutboxAttempt, { kind: 'done' | 'dead' }>;

/**
 * A failure as the outbox's next move. Being offline, a 429 or a 5xx is retried for as long as it takes;
 * a soft card decline only a few times (the card will not change its mind every two seconds for ever).
 */
function failureAttempt(failure: StripeFailure, attempts: number): OutboxAttempt {
  if (!failure.retry) return { kind: 'dead', error: failure.message };
  if (failure.declineCode !== undefined && attempts >= MAX_CARD_ATTEMPTS) {
    return { kind: 'dead', error: `${failure.message} Tried ${attempts} times; a person should decide now.` };
  }
  return { kind: 'retry', error: failure.message, afterMs: failure.afterMs };
}

/** Runs a Stripe call for the outbox: a StripeCallError becomes a retry or a dead row; anything else throws (and is retried). */
async function attempt(row: OutboxRow, work: () => Promise<unknown>, onUnexpectedState?: () => Promise<OutboxAttempt>): Promise<OutboxAttempt> {
  try {
    return { kind: 'done', result: await work() };
  } catch (error) {
    if (!(error instanceof StripeCallError)) throw error;
    if (error.failure.unexpectedState && onUnexpectedState) return onUnexpectedState();
    return failureAttempt(error.failure, row.attempts);
  }
}

function payloadOf<T>(row: OutboxRow): T {
  return JSON.parse(row.payload) as T;
}

function paymentOf(sql: Sql, row: OutboxRow) {
  if (row.payment_id === null) throw new Error(`Outbox row ${row.id} has lost its payment`);
  const payment = sql.first(sql.qb.selectFrom('payments').selectAll().where('id', '=', row.payment_id));
  if (!payment) throw new Error(`Payment ${row.payment_id} vanished`);
  return payment;
}

function failed(sql: Sql, row: OutboxRow, outcome: Settled, what: string, at: number): boolean {
  if (outcome.kind !== 'dead') return false;
  const payment = paymentOf(sql, row);
  sql.run(sql.qb.updateTable('payments').set({ failure_message: outcome.error, updated_at: at }).where('id', '=', payment.id));
  recordTimelineEvent(sql, { orderId: payment.order_id, at, actor: OUTBOX_ACTOR, kind: 'payment.action_failed', message: `${what} failed and needs a person`, reason: outcome.error });
  refreshOrderPayment(sql, payment.order_id, OUTBOX_ACTOR, at);
  return true;
}

/** Why a queued capture must not go out now, or undefined when it may. */
function captureStoppedBy(sql: Sql, row: OutboxRow): string | undefined {
  if (row.order_id === null) return 'the order is gone.';
  const order = sql.first(sql.qb.selectFrom('orders').select(['number', 'cancelled_at']).where('id', '=', row.order_id));
  if (!order) return 'the order is gone.';
  if (order.cancelled_at !== null) return `order ${order.number} was cancelled after the capture was asked for.`;
  const blockers = captureBlockersFor(sql, row.order_id);
  return blockers.length > 0 ? blockers.join(' ') : undefined;
}

interface IntentResult { status: string; amountReceived: number; amountRefunded: number; captureBefore: number | null; cardBrand: string | null; cardLast4: string | null }

/**
 * The Stripe side effects. Each call sends the row's idempotency key, so a resend after a dropped
 * connection, a 500 or a restart is applied by Stripe once (it replays its first answer for 24 hours).
 */
export function stripeOutboxHandlers(gateway: () => StripeGateway, sql: Sql): Record<string, OutboxHandler> {
  const capture: OutboxHandler = {
    afterCrash: 'resend',
    perform: async (row) => {
      const { intentId, amount } = payloadOf<{ intentId: string; amount: number }>(row);
      // Asked for while everything was in order; checked again now, because a capture queued offline
      // may go out days later, after the order was cancelled or put on hold.
      const stop = captureStoppedBy(sql, row);
      if (stop) return { kind: 'dead', error: `Not captured: ${stop}` };
      // Stripe says the intent is past capturing: it may be this very capture, applied before the answer was lost.
      const reconcile = async (): Promise<OutboxAttempt> => {
        const intent = await gateway().retrieveIntent(intentId);
        return intent.status === 'succeeded'
          ? { kind: 'done', result: intent }
          : { kind: 'dead', error: `Stripe says the payment is ${intent.status.replaceAll('_', ' ')}, so it cannot be captured.` };
      };
      return attempt(row, () => gateway().capture(intentId, amount, row.idempotency_key), reconcile);
    },
    settle(sql, row, outcome, at) {
      if (failed(sql, row, outcome, 'Capturing the card payment', at)) return;
      const intent = (outcome as { result: IntentResult }).result;
      const payment = paymentOf(sql, row);
      sql.run(sql.qb.updateTable('payments').set({
        status: 'captured', amount_captured: intent.amountReceived, failure_message: null, updated_at: at,
      }).where('id', '=', payment.id));
      recordTimelineEvent(sql, { orderId: payment.order_id, at, actor: OUTBOX_ACTOR, kind: 'payment.captured', message: `Stripe captured ${money(intent.amountReceived, payment.currency)}` });
      releaseHold(sql, payment.order_id, 'AUTHORIZATION_EXPIRING', 'Captured before the authorization lapsed', OUTBOX_ACTOR, at);
      refreshOrderPayment(sql, payment.order_id, OUTBOX_ACTOR, at);
    },
  };

  const cancel: OutboxHandler = {
    afterCrash: 'resend',
    perform: (row) => {
      const { intentId } = payloadOf<{ intentId: string }>(row);
      const reconcile = async (): Promise<OutboxAttempt> => {
        const intent = await gateway().retrieveIntent(intentId);
        return intent.status === 'canceled' ? { kind: 'done', result: intent } : { kind: 'dead', error: `Stripe says the payment is ${intent.status.replaceAll('_', ' ')}, so it cannot be cancelled.` };
      };
      return attempt(row, () => gateway().cancel(intentId, row.idempotency_key), reconcile);
    },
    settle(sql, row, outcome, at) {
      if (failed(sql, row, outcome, 'Cancelling the card authorization', at)) return;
      const payment = paymentOf(sql, row);
      sql.run(sql.qb.updateTable('payments').set({ status: 'voided', failure_message: null, updated_at: at }).where('id', '=', payment.id));
      recordTimelineEvent(sql, { orderId: payment.order_id, at, actor: OUTBOX_ACTOR, kind: 'payment.voided', message: 'The card authorization was cancelled; the money is released to the customer' });
      releaseHold(sql, payment.order_id, 'AUTHORIZATION_EXPIRING', 'The authorization was cancelled', OUTBOX_ACTOR, at);
      refreshOrderPayment(sql, payment.order_id, OUTBOX_ACTOR, at);
    },
  };

  const refund: OutboxHandler = {
    afterCrash: 'resend',
    perform: async (row) => {
      const { intentId, amount } = payloadOf<{ intentId: string; amount: number }>(row);
      // Stripe forgets an idempotency key after 24 hours, and a refund (unlike a capture) could then happen
      // twice: look for the refund this row may already have made (it carries the key) before every attempt,
      // the first included — the claim that counts attempts is a bookkeeping commit a power cut may undo.
      const earlier = await attempt(row, () => gateway().findRefundByKey(intentId, row.idempotency_key));
      if (earlier.kind !== 'done') return earlier;
      if (earlier.result !== undefined) return earlier;
      return attempt(row, () => gateway().refund(intentId, amount, row.idempotency_key));
    },
    settle(sql, row, outcome, at) {
      if (failed(sql, row, outcome, 'The refund', at)) return;
      const { amount } = payloadOf<{ amount: number }>(row);
      const payment = paymentOf(sql, row);
      sql.run(sql.qb.updateTable('payments').set({ amount_refunded: payment.amount_refunded + amount, failure_message: null, updated_at: at }).where('id', '=', payment.id));
      recordTimelineEvent(sql, { orderId: payment.order_id, at, actor: OUTBOX_ACTOR, kind: 'payment.refunded', message: `Stripe refunded ${money(amount, payment.currency)}` });
      refreshOrderPayment(sql, payment.order_id, OUTBOX_ACTOR, at);
    },
  };

  const checkout: OutboxHandler = {
    afterCrash: 'resend',
    perform: (row) => {
      const input = payloadOf<{ amount: number; currency: string; orderNumber: string }>(row);
      return attempt(row, () => gateway().createCheckout({ ...input, description: `Order ${input.orderNumber}` }, row.idempotency_key));
    },
    settle(sql, row, outcome, at) {
      if (outcome.kind === 'dead') {
        const payment = paymentOf(sql, row);
        sql.run(sql.qb.updateTable('payments').set({ status: 'failed', failure_message: outcome.error, updated_at: at }).where('id', '=', payment.id));
        recordTimelineEvent(sql, { orderId: payment.order_id, at, actor: OUTBOX_ACTOR, kind: 'payment.action_failed', message: 'The payment link could not be made', reason: outcome.error });
        refreshOrderPayment(sql, payment.order_id, OUTBOX_ACTOR, at);
        return;
      }
      const session = outcome.result as { id: string; url: string | null };
      const payment = paymentOf(sql, row);
      // 'awaiting_customer' again if a person retried a link that had failed before.
      sql.run(sql.qb.updateTable('payments').set({
        status: 'awaiting_customer', failure_message: null, stripe_checkout_session_id: session.id, payment_link_url: session.url, reference: session.id, updated_at: at,
      }).where('id', '=', payment.id));
      refreshOrderPayment(sql, payment.order_id, OUTBOX_ACTOR, at);
      recordTimelineEvent(sql, { orderId: payment.order_id, at, actor: OUTBOX_ACTOR, kind: 'payment.link_ready', message: 'The payment link is ready to send to the customer' });
    },
  };

  return { 'stripe.capture': capture, 'stripe.cancel': cancel, 'stripe.refund': refund, 'stripe.checkout': checkout };
}

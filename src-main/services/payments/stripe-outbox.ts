import { StripeCallError, type StripeFailure, type StripeGateway } from '../../adapters/stripe-gateway';
import type { Sql } from '../../db/query';
import type { OutboxAttempt, OutboxHandler } from '../outbox/outbox-worker';
import type { OutboxRow } from '../outbox/outbox-store';
import { releaseHold } from '../orders/holds';
import { recordTimelineEvent } from '../timeline';
import { money, refreshOrderPayment } from './order-payment-state';

/** The outbox's own name on the timeline. */
const OUTBOX_ACTOR = 'desk (outbox)';
/** A soft decline may pass later, but not forever: after this many tries a person decides. */
const MAX_CARD_ATTEMPTS = 5;

type Settled = Extract<OutboxAttempt, { kind: 'done' | 'dead' }>;

function failureAttempt(failure: StripeFailure): OutboxAttempt {
  return failure.retry ? { kind: 'retry', error: failure.message, afterMs: failure.afterMs } : { kind: 'dead', error: failure.message };
}

/** Runs a Stripe call for the outbox: a StripeCallError becomes a retry or a dead row; anything else throws (and is retried). */
async function attempt(work: () => Promise<unknown>, onUnexpectedState?: () => Promise<OutboxAttempt>): Promise<OutboxAttempt> {
  try {
    return { kind: 'done', result: await work() };
  } catch (error) {
    if (!(error instanceof StripeCallError)) throw error;
    if (error.failure.unexpectedState && onUnexpectedState) return onUnexpectedState();
    return failureAttempt(error.failure);
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

interface IntentResult { status: string; amountReceived: number; amountRefunded: number; captureBefore: number | null; cardBrand: string | null; cardLast4: string | null }

/**
 * The Stripe side effects. Each call sends the row's idempotency key, so a resend after a dropped
 * connection, a 500 or a restart is applied by Stripe once (it replays its first answer for 24 hours).
 */
export function stripeOutboxHandlers(gateway: () => StripeGateway): Record<string, OutboxHandler> {
  const capture: OutboxHandler = {
    afterCrash: 'resend',
    maxAttempts: MAX_CARD_ATTEMPTS,
    perform: (row) => {
      const { intentId, amount } = payloadOf<{ intentId: string; amount: number }>(row);
      // Stripe says the intent is past capturing: it may be this very capture, applied before the answer was lost.
      const reconcile = async (): Promise<OutboxAttempt> => {
        const intent = await gateway().retrieveIntent(intentId);
        return intent.status === 'succeeded'
          ? { kind: 'done', result: intent }
          : { kind: 'dead', error: `Stripe says the payment is ${intent.status.replaceAll('_', ' ')}, so it cannot be captured.` };
      };
      return attempt(() => gateway().capture(intentId, amount, row.idempotency_key), reconcile);
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
      return attempt(() => gateway().cancel(intentId, row.idempotency_key), reconcile);
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
    perform: (row) => {
      const { intentId, amount } = payloadOf<{ intentId: string; amount: number }>(row);
      return attempt(() => gateway().refund(intentId, amount, row.idempotency_key));
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
      return attempt(() => gateway().createCheckout({ ...input, description: `Order ${input.orderNumber}` }, row.idempotency_key));
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
      sql.run(sql.qb.updateTable('payments').set({ stripe_checkout_session_id: session.id, payment_link_url: session.url, reference: session.id, updated_at: at })
        .where('id', '=', payment.id));
      recordTimelineEvent(sql, { orderId: payment.order_id, at, actor: OUTBOX_ACTOR, kind: 'payment.link_ready', message: 'The payment link is ready to send to the customer' });
    },
  };

  return { 'stripe.capture': capture, 'stripe.cancel': cancel, 'stripe.refund': refund, 'stripe.checkout': checkout };
}

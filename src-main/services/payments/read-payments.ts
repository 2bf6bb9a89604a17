import type { PaymentAction, PaymentView } from '../../../src-shared/domain/payments';
import type { Sql } from '../../db/query';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The outbox kinds that act on a payment, as the payment panel names them. */
const ACTION_KINDS: Record<string, PaymentAction['kind']> = {
  'stripe.capture': 'capture', 'stripe.cancel': 'cancel', 'stripe.refund': 'refund', 'stripe.checkout': 'payment_link',
};

export function paymentsForOrder(sql: Sql, orderId: number): PaymentView[] {
  const rows = sql.all(sql.qb.selectFrom('payments').selectAll().where('order_id', '=', orderId).orderBy('id'));
  if (rows.length === 0) return [];
  const actions = sql.all(sql.qb.selectFrom('outbox')
    .select(['id', 'kind', 'payment_id', 'payload', 'status', 'attempts', 'last_error', 'created_at'])
    .where('payment_id', 'in', rows.map((r) => r.id)).orderBy('id'));
  return rows.map((p) => ({
    id: p.id,
    provider: p.provider,
    method: p.method,
    reference: p.reference,
    status: p.status,
    authorized: { amount: p.amount_authorized, currency: p.currency },
    captured: { amount: p.amount_captured, currency: p.currency },
    refunded: { amount: p.amount_refunded, currency: p.currency },
    stripePaymentIntentId: p.stripe_payment_intent_id,
    paymentLinkUrl: p.payment_link_url,
    card: p.card_brand && p.card_last4 ? { brand: p.card_brand, last4: p.card_last4 } : null,
    captureBefore: iso(p.capture_before),
    failureMessage: p.failure_message,
    actions: actions.filter((a) => a.payment_id === p.id && ACTION_KINDS[a.kind]).map((a) => {
      const payload = JSON.parse(a.payload) as { amount?: number };
      return {
        id: a.id,
        kind: ACTION_KINDS[a.kind] as PaymentAction['kind'],
        amount: typeof payload.amount === 'number' ? { amount: payload.amount, currency: p.currency } : null,
        status: a.status,
        attempts: a.attempts,
        lastError: a.last_error,
        createdAt: new Date(a.created_at).toISOString(),
      };
    }),
    createdAt: new Date(p.created_at).toISOString(),
  }));
}

import { useState } from 'react';
import { formatMoney } from '../../../src-shared/domain/money';
import type { OrderDetail } from '../../../src-shared/domain/order';
import type { PaymentAction, PaymentView } from '../../../src-shared/domain/payments';
import { CardIcon } from '../../components/Icons';
import { formatDateTime } from '../../components/format';
import { useOrderDetail } from '../orders/detail/orderDetailStore';
import { CancelPaymentDialog, CaptureDialog, RefundDialog } from './PaymentDialogs';
import {
  actionStatus, actionTitle, capturable, captureDeadline, methodLabel, moneyActionInProgress, PAYMENT_STATUS_LABELS, refundable,
} from './paymentModel';
import { LinkStatus } from './TakePaymentDialog';

type Open = { kind: 'capture' | 'cancel' | 'refund'; paymentId: number } | null;

/**
 * Every payment on the order: how, how much (authorized, captured, refunded), its status, the card's last four,
 * the capture deadline (warned under 24 hours), and what was asked of Stripe with how far it got. Actions are
 * queued in the outbox and done by the core in the background; the order changes when they finish.
 */
export function PaymentsPanel({ order, onTakePayment }: { order: OrderDetail; onTakePayment(): void }) {
  const busy = useOrderDetail((s) => s.busy);
  const act = useOrderDetail((s) => s.act);
  const [open, setOpen] = useState<Open>(null);
  const live = order.cancelledAt === null && order.submittedAt !== null;
  const selected = open ? order.payments.find((p) => p.id === open.paymentId) ?? null : null;
  const canTakeMore = live && order.amountDue.amount > 0;

  return (
    <section className="card" aria-labelledby="d-payments" id="payments" data-testid="payments">
      <div className="card-title-row">
        <h2 id="d-payments" className="card-title">Payments</h2>
        {canTakeMore && (
          <button type="button" className="button button-small" data-testid="take-payment" disabled={busy !== null} onClick={onTakePayment}>
            Take payment…
          </button>
        )}
      </div>
      <dl className="facts payments-facts">
        <div><dt>Order total</dt><dd>{formatMoney(order.total)}</dd></div>
        <div><dt>Still due</dt><dd data-testid="amount-due" className={order.amountDue.amount > 0 ? 'due-open' : 'due-settled'}>{formatMoney(order.amountDue)}</dd></div>
      </dl>
      {order.payments.length === 0 ? (
        <p className="muted" data-testid="payments-empty">
          {live ? 'No payment yet. Use “Take payment” to record money received, attach a Stripe payment, or send the customer a payment link.'
            : 'No payment.'}
        </p>
      ) : (
        <ul className="payments">
          {order.payments.map((payment) => (
            <PaymentRow key={payment.id} payment={payment} order={order} busy={busy !== null}
              onOpen={(kind) => setOpen({ kind, paymentId: payment.id })}
              onRetry={(action) => void act('retry', 'outbox.retry', { id: action.id }, { showError: true, notice: () => `${actionTitle(action)}: trying again.` })} />
          ))}
        </ul>
      )}
      {open?.kind === 'capture' && (
        <CaptureDialog payment={selected} busy={busy === 'payment'} onClose={() => setOpen(null)}
          onConfirm={(amount) => act('payment', 'payments.capture', { paymentId: open.paymentId, amount }, {
            notice: () => `Capture of ${formatMoney({ amount, currency: order.currency })} queued.`,
          })} />
      )}
      {open?.kind === 'cancel' && (
        <CancelPaymentDialog payment={selected} busy={busy === 'payment'} onClose={() => setOpen(null)}
          onConfirm={(reason) => act('payment', 'payments.cancel', { paymentId: open.paymentId, reason }, { notice: () => 'Cancelling the authorization: queued.' })} />
      )}
      {open?.kind === 'refund' && (
        <RefundDialog payment={selected} busy={busy === 'payment'} onClose={() => setOpen(null)}
          onConfirm={(input) => act('payment', 'payments.refund', input, {
            notice: () => `Refund of ${formatMoney({ amount: input.amount, currency: order.currency })} ${selected?.provider === 'manual' ? 'recorded' : 'queued'}.`,
          })} />
      )}
    </section>
  );
}

function PaymentRow({ payment, order, busy, onOpen, onRetry }: {
  payment: PaymentView;
  order: OrderDetail;
  busy: boolean;
  onOpen(kind: 'capture' | 'cancel' | 'refund'): void;
  onRetry(action: PaymentAction): void;
}) {
  const inProgress = moneyActionInProgress(payment);
  const toCapture = capturable(payment);
  const toRefund = refundable(payment);
  const deadline = payment.status === 'authorized' ? captureDeadline(payment.captureBefore) : 'none';
  const card = payment.provider === 'stripe';
  // A cancelled order still gives money back and releases card authorizations; it captures nothing.
  const cancelled = order.cancelledAt !== null;
  const blocked = toCapture.amount > 0 && order.captureBlockers.length > 0;
  const actionsLocked = busy || inProgress !== null;
  const lockReason = inProgress ? `Wait until “${actionTitle(inProgress)}” has finished` : undefined;

  return (
    <li className={`payment payment-${payment.status}`} data-testid="payment" data-payment-id={payment.id} data-status={payment.status}
      data-provider={payment.provider} data-method={payment.method}>
      <div className="payment-head">
        {card && <CardIcon size={16} className="payment-icon" />}
        <span className="strong" data-testid="payment-method">
          {methodLabel(payment)}
          {payment.card && <span className="payment-card" data-testid="payment-card"> · {payment.card.brand} ····{payment.card.last4}</span>}
        </span>
        <span className={`badge payment-status payment-status-${payment.status}`} data-testid="payment-status-badge">{PAYMENT_STATUS_LABELS[payment.status]}</span>
      </div>
      <dl className="payment-amounts" data-testid="payment-amounts">
        {payment.status === 'authorized' || payment.provider === 'stripe'
          ? <div><dt>Authorized</dt><dd data-testid="payment-authorized">{formatMoney(payment.authorized)}</dd></div> : null}
        <div><dt>Captured</dt><dd data-testid="payment-captured">{formatMoney(payment.captured)}</dd></div>
        {payment.refunded.amount > 0 && <div><dt>Refunded</dt><dd data-testid="payment-refunded">{formatMoney(payment.refunded)}</dd></div>}
      </dl>
      {(payment.reference || payment.stripePaymentIntentId) && (
        <p className="muted small payment-ref">
          {payment.stripePaymentIntentId ? <>Stripe <span className="mono">{payment.stripePaymentIntentId}</span></> : <>Reference <span className="mono">{payment.reference}</span></>}
          {' · '}{formatDateTime(payment.createdAt)}
        </p>
      )}
      {deadline !== 'none' && payment.captureBefore && (
        <p className={`payment-deadline deadline-${deadline}`} data-testid="payment-capture-before" data-urgent={deadline === 'soon' || deadline === 'passed'}>
          {deadline === 'passed' ? 'The authorization has lapsed' : deadline === 'soon' ? 'Capture soon: the authorization lapses' : 'Capture before'}
          {' '}{formatDateTime(payment.captureBefore)}
        </p>
      )}
      {payment.failureMessage && <p className="payment-failure" data-testid="payment-failure" role="alert">{payment.failureMessage}</p>}
      {payment.status === 'awaiting_customer' && <LinkStatus payment={payment} />}

      {payment.actions.length > 0 && (
        <ul className="payment-actions-log">
          {payment.actions.map((action) => {
            const status = actionStatus(action);
            return (
              <li key={action.id} className={`payment-action action-${status.tone}`} data-testid="payment-action" data-kind={action.kind} data-status={action.status}>
                <span className="payment-action-title">{actionTitle(action)}:</span>{' '}
                <span data-testid="payment-action-status">{status.text}</span>
                {/* A link that could not be made failed its payment: the way on is a new link, not this one again. */}
                {status.canRetry && !(action.kind === 'payment_link' && payment.status === 'failed') && (
                  <button type="button" className="button button-small" data-testid="payment-action-retry" disabled={busy} onClick={() => onRetry(action)}>
                    Try again
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}

      {blocked && !cancelled && (
        <ul className="capture-blockers" data-testid="capture-blocked">
          {order.captureBlockers.map((b) => <li key={b}>Capture waits: {b}</li>)}
        </ul>
      )}
      {(toCapture.amount > 0 || toRefund.amount > 0) && (
        <div className="payment-buttons">
          {toCapture.amount > 0 && (
            <>
              {!cancelled && (
                <button type="button" className="button button-small button-primary" data-testid="capture-payment" disabled={actionsLocked || blocked}
                  title={lockReason ?? (blocked ? order.captureBlockers.join(' ') : undefined)} onClick={() => onOpen('capture')}>
                  Capture…
                </button>
              )}
              <button type="button" className="button button-small button-danger-outline" data-testid="cancel-payment" disabled={actionsLocked}
                title={lockReason} onClick={() => onOpen('cancel')}>
                Cancel authorization…
              </button>
            </>
          )}
          {toRefund.amount > 0 && (
            <button type="button" className="button button-small" data-testid="refund-payment" disabled={actionsLocked} title={lockReason} onClick={() => onOpen('refund')}>
              Refund…
            </button>
          )}
        </div>
      )}
    </li>
  );
}

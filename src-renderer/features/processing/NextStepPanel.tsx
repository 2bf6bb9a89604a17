import type { ReactNode } from 'react';
import { formatMoney } from '../../../src-shared/domain/money';
import type { NextStepKind } from '../../../src-shared/domain/next-step';
import type { OrderDetail } from '../../../src-shared/domain/order';
import { isWorking, useDispatch } from '../dispatch/dispatchStore';
import { useOrderDetail } from '../orders/detail/orderDetailStore';
import { isFailing } from './checkModel';
import { actionStatus, actionTitle, capturable, moneyActionInProgress } from './paymentModel';
import { LinkStatus, waitingLinkPayment } from './TakePaymentDialog';

const STEP_TITLES: Record<NextStepKind, string> = {
  submit: 'Submit',
  verify: 'Verify',
  review: 'Review',
  pay: 'Take payment',
  await_payment: 'Waiting for payment',
  capture: 'Capture',
  send: 'Send to suppliers',
  with_suppliers: 'With suppliers',
  none: 'Nothing to do',
};

/** Puts the cursor on the first failed check's Override button (or the first open hold's Release) and shows it. */
export function focusFirstReviewTarget(): boolean {
  const target = document.querySelector<HTMLElement>('[data-review-target]:not(:disabled)');
  if (!target) return false;
  target.scrollIntoView({ block: 'center', behavior: 'smooth' });
  target.focus({ preventScroll: true });
  return true;
}

/**
 * The order's guided flow: verify → review → pay → capture → send. Shows the step the core says is next
 * (`order.nextStep`), what blocks it, and THE one button that moves it on.
 */
export function NextStepPanel({ order, onTakePayment }: { order: OrderDetail; onTakePayment(): void }) {
  const busy = useOrderDetail((s) => s.busy);
  const act = useOrderDetail((s) => s.act);
  const working = useDispatch((s) => s.working);
  const step = order.nextStep;
  const disabled = busy !== null;

  let action: ReactNode = null;
  let extra: ReactNode = null;
  switch (step.kind) {
    case 'submit':
      // The draft's own Edit and Submit buttons sit in the header just above.
      extra = <p className="muted small" data-testid="next-step-note">The checks run and suppliers are chosen when you submit it.</p>;
      break;
    case 'verify':
      action = (
        <button type="button" className="button button-primary" data-testid="next-step-action" disabled={disabled}
          onClick={() => void act('checks', 'verification.run', { orderId: order.id }, {
            showError: true,
            notice: (o) => (o.checks.some(isFailing) ? 'Checks run: some failed — see below.' : 'Checks run: nothing is failing.'),
          })}>
          {busy === 'checks' ? 'Running checks…' : 'Run checks'}
        </button>
      );
      break;
    case 'review':
      action = (
        <button type="button" className="button button-primary" data-testid="next-step-action" onClick={() => focusFirstReviewTarget()}>
          Review failed checks and holds
        </button>
      );
      break;
    case 'pay':
      action = (
        <button type="button" className="button button-primary" data-testid="next-step-action" disabled={disabled} onClick={onTakePayment}>
          Take payment…
        </button>
      );
      break;
    case 'await_payment': {
      const payment = waitingLinkPayment(order);
      if (payment) {
        action = (
          <button type="button" className="button button-primary" data-testid="next-step-action" disabled={disabled}
            onClick={() => void act('payment', 'payments.refresh', { paymentId: payment.id }, {
              showError: true,
              notice: (o) => (waitingLinkPayment(o) ? 'Checked with Stripe: not paid yet.' : 'Checked with Stripe: the payment has changed.'),
            })}>
            {busy === 'payment' ? 'Asking Stripe…' : 'Check payment now'}
          </button>
        );
        extra = <LinkStatus payment={payment} />;
      }
      break;
    }
    case 'capture': {
      const payment = order.payments.find((p) => p.status === 'authorized' && capturable(p).amount > 0);
      if (payment) {
        const amount = capturable(payment);
        const inProgress = moneyActionInProgress(payment);
        if (inProgress) {
          const status = actionStatus(inProgress);
          extra = (
            <p className={`next-step-progress action-${status.tone}`} data-testid="next-step-progress" aria-live="polite">
              {actionTitle(inProgress)}: {status.text}
            </p>
          );
        } else {
          action = (
            <button type="button" className="button button-primary" data-testid="next-step-action" disabled={disabled}
              onClick={() => void act('payment', 'payments.capture', { paymentId: payment.id, amount: amount.amount }, {
                showError: true,
                notice: () => `Capture of ${formatMoney(amount)} queued.`,
              })}>
              {busy === 'payment' ? 'Queueing…' : `Capture ${formatMoney(amount)}`}
            </button>
          );
        }
      }
      break;
    }
    case 'send':
      // Makes (or brings up to date) one draft PO per supplier, then the send dialog of the supplier-orders panel asks.
      action = (
        <button type="button" className="button button-primary" data-testid="next-step-send" disabled={disabled}
          onClick={() => void useDispatch.getState().prepareAndOpenSend(order.id)}>
          {isWorking(working, 'prepare') ? 'Preparing…' : 'Send to suppliers…'}
        </button>
      );
      extra = (
        <p className="muted small" data-testid="next-step-note">
          One purchase order per supplier; you see them before they go, and they wait in the outbox when the desk is offline.
        </p>
      );
      break;
    default:
      break;
  }

  return (
    <section className={`next-step next-step-${step.kind}`} aria-labelledby="d-next-step" data-testid="next-step" data-kind={step.kind}>
      <div className="next-step-main">
        <div className="next-step-text">
          <h2 id="d-next-step" className="next-step-title">Next step · {STEP_TITLES[step.kind]}</h2>
          <p className="next-step-label" data-testid="next-step-label">{step.label}</p>
          {step.blockers.length > 0 && (
            <ul className="next-step-blockers">
              {step.blockers.map((blocker) => <li key={blocker} data-testid="next-step-blocker">{blocker}</li>)}
            </ul>
          )}
        </div>
        {action && <div className="next-step-action">{action}</div>}
      </div>
      {extra}
    </section>
  );
}

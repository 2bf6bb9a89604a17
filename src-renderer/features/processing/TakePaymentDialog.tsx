import { useLayoutEffect, useState, type KeyboardEvent } from 'react';
import { formatMoney } from '../../../src-shared/domain/money';
import type { OrderDetail } from '../../../src-shared/domain/order';
import { MANUAL_PAYMENT_METHODS, PAYMENT_METHOD_LABELS, type ManualPaymentMethod, type PaymentView } from '../../../src-shared/domain/payments';
import { linkHandler, paths } from '../../app/router';
import { Dialog } from '../../components/Dialog';
import { SelectField, TextField } from '../../components/Field';
import { Message } from '../../components/Message';
import type { FieldErrors } from '../../components/formErrors';
import { useSettings } from '../catalog/settingsStore';
import { useOrderDetail, type ActionOutcome } from '../orders/detail/orderDetailStore';
import { CopyField } from './CopyField';
import { actionStatus, checkManualPayment, checkPaymentIntentId, emptyManualPayment, latestAction, type ManualPaymentValues } from './paymentModel';

export type PayChoice = 'manual' | 'stripe' | 'link';

const CHOICES: { value: PayChoice; label: string }[] = [
  { value: 'manual', label: 'Money received' },
  { value: 'stripe', label: 'Attach a Stripe payment' },
  { value: 'link', label: 'Send a payment link' },
];

const METHOD_OPTIONS = MANUAL_PAYMENT_METHODS.map((m) => ({ value: m, label: PAYMENT_METHOD_LABELS[m] }));

const REFERENCE_HINTS: Record<ManualPaymentMethod, string> = {
  cash: 'Optional: a receipt number',
  bank_transfer: 'The transfer’s reference, so it can be found in the bank statement',
  storefront: 'Required: the storefront’s order or transaction number',
};

/** The payment link the customer is asked to pay (the newest card payment waiting for them), if any. */
export function waitingLinkPayment(order: OrderDetail): PaymentView | null {
  const waiting = order.payments.filter((p) => p.provider === 'stripe' && p.status === 'awaiting_customer');
  return waiting[waiting.length - 1] ?? null;
}

/**
 * "Take payment": record money that came outside Stripe (cash, bank transfer, the storefront), attach a card
 * payment made elsewhere (a PaymentIntent id), or make a Stripe payment link for the customer. The desk never
 * sees a card number. Stripe choices need the key in Settings first.
 */
export function TakePaymentDialog({ order, open, initialChoice = 'manual', onClose }: { order: OrderDetail; open: boolean; initialChoice?: PayChoice; onClose(): void }) {
  const busy = useOrderDetail((s) => s.busy);
  const act = useOrderDetail((s) => s.act);
  const settings = useSettings((s) => s.settings);
  const [choice, setChoice] = useState<PayChoice>(initialChoice);
  const [manual, setManual] = useState<ManualPaymentValues>(() => emptyManualPayment(order));
  const [intentId, setIntentId] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [server, setServer] = useState<string | null>(null);
  const [linkRequested, setLinkRequested] = useState(false);

  // Reset before the dialog paints, so the last values never flash.
  useLayoutEffect(() => {
    if (!open) return;
    // The Stripe key may have been stored in another window or by Settings since the page loaded.
    void useSettings.getState().load();
    setChoice(initialChoice);
    setManual(emptyManualPayment(order));
    setIntentId('');
    setErrors({});
    setServer(null);
    setLinkRequested(false);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset when it opens, not when the order reloads
  }, [open]);

  if (!open) return null;
  const stripeReady = settings?.stripeKeyStored ?? false;
  const working = busy === 'payment';
  const linkPayment = waitingLinkPayment(order);

  const close = () => {
    if (!working) onClose();
  };

  const settle = (result: ActionOutcome, fields: readonly string[]) => {
    if (result.ok) return true;
    const field = result.field?.split('.').pop();
    if (field && fields.includes(field)) setErrors({ [field]: result.message });
    else setServer(result.message);
    return false;
  };

  const recordManual = async () => {
    const checked = checkManualPayment(manual, order);
    if (!checked.ok) {
      setErrors(checked.errors);
      const first = ['amount', 'reference', 'method'].find((f) => checked.errors[f]);
      if (first) document.getElementById(`f-${first}`)?.focus();
      return;
    }
    setErrors({});
    setServer(null);
    const label = PAYMENT_METHOD_LABELS[manual.method].toLowerCase();
    const result = await act('payment', 'payments.recordManual', checked.input, {
      notice: () => `${formatMoney({ amount: checked.input.amount ?? order.amountDue.amount, currency: order.currency })} recorded (${label}).`,
    });
    if (settle(result, ['amount', 'reference', 'method'])) onClose();
  };

  const attach = async () => {
    const checked = checkPaymentIntentId(order.id, intentId);
    if (!checked.ok) {
      setErrors(checked.errors);
      document.getElementById('f-paymentIntentId')?.focus();
      return;
    }
    setErrors({});
    setServer(null);
    const result = await act('payment', 'payments.attachStripe', checked.input, { notice: () => `Stripe payment ${checked.input.paymentIntentId} attached.` });
    if (settle(result, ['paymentIntentId'])) onClose();
  };

  const createLink = async () => {
    setErrors({});
    setServer(null);
    const result = await act('payment', 'payments.createLink', { orderId: order.id }, { notice: () => 'Payment link requested.' });
    if (settle(result, [])) setLinkRequested(true);
  };

  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    event.preventDefault();
    const index = CHOICES.findIndex((c) => c.value === choice);
    const next = CHOICES[(index + (event.key === 'ArrowRight' ? 1 : CHOICES.length - 1)) % CHOICES.length];
    if (next) {
      setChoice(next.value);
      setErrors({});
      setServer(null);
      document.getElementById(`pay-tab-${next.value}`)?.focus();
    }
  };

  const stripeMissing = (
    <Message tone="info" testId="stripe-not-set-up">
      Add the Stripe key in Settings first: the desk needs it to look payments up and to make links.{' '}
      <a href={paths.settings()} data-testid="stripe-settings-link" onClick={(e) => {
        onClose();
        linkHandler(paths.settings())(e);
      }}>Open Settings</a>
    </Message>
  );

  let footer;
  if (choice === 'manual') {
    footer = <button type="button" className="button button-primary" data-testid="record-payment" disabled={working} onClick={() => void recordManual()}>{working ? 'Recording…' : 'Record payment'}</button>;
  } else if (choice === 'stripe') {
    footer = <button type="button" className="button button-primary" data-testid="attach-payment" disabled={working || !stripeReady} onClick={() => void attach()}>{working ? 'Looking it up at Stripe…' : 'Attach payment'}</button>;
  } else if (!linkPayment && !linkRequested) {
    footer = <button type="button" className="button button-primary" data-testid="create-link" disabled={working || !stripeReady} onClick={() => void createLink()}>{working ? 'Requesting…' : `Make a link for ${formatMoney(order.amountDue)}`}</button>;
  }

  return (
    <Dialog
      open
      title={`Take payment for ${order.number}`}
      onClose={close}
      testId="take-payment-dialog"
      initialFocus={`#pay-tab-${initialChoice}`}
      footer={(
        <>
          <button type="button" className="button" data-testid="take-payment-close" onClick={close} disabled={working}>{linkPayment ? 'Close' : 'Cancel'}</button>
          {footer}
        </>
      )}
    >
      <p className="muted">Still due: <span className="strong" data-testid="take-payment-due">{formatMoney(order.amountDue)}</span> of {formatMoney(order.total)}.</p>
      <div className="tabs" role="tablist" aria-label="How the customer pays">
        {CHOICES.map((c) => (
          <button key={c.value} type="button" role="tab" id={`pay-tab-${c.value}`} aria-selected={choice === c.value} aria-controls="pay-panel"
            tabIndex={choice === c.value ? 0 : -1} className={`tab${choice === c.value ? ' tab-active' : ''}`} data-testid={`pay-tab-${c.value}`}
            onKeyDown={onTabKey}
            onClick={() => {
              setChoice(c.value);
              setErrors({});
              setServer(null);
            }}>
            {c.label}
          </button>
        ))}
      </div>
      <div id="pay-panel" role="tabpanel" aria-labelledby={`pay-tab-${choice}`} className="tab-panel">
        {choice === 'manual' && (
          <form noValidate className="dialog-form" data-testid="pay-manual" onSubmit={(e) => {
            e.preventDefault();
            void recordManual();
          }}>
            <SelectField path="method" label="How the money came" required value={manual.method} options={METHOD_OPTIONS}
              onValueChange={(v) => {
                setManual((m) => ({ ...m, method: v as ManualPaymentMethod }));
                setErrors({});
              }} error={errors.method} />
            <div className="grid grid-2 grid-tight">
              <TextField path="amount" label={`Amount (${order.currency})`} required inputMode="decimal" autoComplete="off" value={manual.amount}
                onValueChange={(v) => {
                  setManual((m) => ({ ...m, amount: v }));
                  if (errors.amount) setErrors((x) => ({ ...x, amount: '' }));
                }} error={errors.amount || undefined} hint={`Still due: ${formatMoney(order.amountDue)}`} />
              <TextField path="reference" label="Reference" required={manual.method === 'storefront'} autoComplete="off" maxLength={200} value={manual.reference}
                onValueChange={(v) => {
                  setManual((m) => ({ ...m, reference: v }));
                  if (errors.reference) setErrors((x) => ({ ...x, reference: '' }));
                }} error={errors.reference || undefined} hint={REFERENCE_HINTS[manual.method]} />
            </div>
            <button type="submit" hidden tabIndex={-1}>Record payment</button>
          </form>
        )}
        {choice === 'stripe' && (
          stripeReady ? (
            <form noValidate className="dialog-form" data-testid="pay-stripe" onSubmit={(e) => {
              e.preventDefault();
              void attach();
            }}>
              <p className="muted">The customer paid by card somewhere else (your storefront, Stripe’s dashboard). Paste the payment’s id from Stripe.</p>
              <TextField path="paymentIntentId" label="Stripe payment id" required autoComplete="off" spellCheck={false} maxLength={255} className="mono-field"
                placeholder="pi_3Nk…" value={intentId} onValueChange={(v) => {
                  setIntentId(v);
                  if (errors.paymentIntentId) setErrors({});
                }} error={errors.paymentIntentId} hint="Starts with pi_. The desk asks Stripe for its amount, card and status." />
            </form>
          ) : stripeMissing
        )}
        {choice === 'link' && (
          stripeReady || linkPayment ? (
            <div data-testid="pay-link">
              {linkPayment ? <LinkStatus payment={linkPayment} /> : linkRequested ? (
                <p className="muted" aria-live="polite">Making the link…</p>
              ) : (
                <p className="muted">
                  Stripe makes a page where the customer types their card; the desk never sees the card number. Send the link by e-mail or chat.
                  The card is only authorized: you capture the money once the order can be fulfilled.
                </p>
              )}
            </div>
          ) : stripeMissing
        )}
      </div>
      {server && <Message testId="take-payment-error">{server}</Message>}
    </Dialog>
  );
}

/** A payment link's state: being made (the outbox row's status), then the link with Copy. */
export function LinkStatus({ payment }: { payment: PaymentView }) {
  const action = latestAction(payment, 'payment_link');
  if (payment.paymentLinkUrl) {
    return (
      <div className="link-status" data-testid="payment-link">
        <p className="field-label">Payment link{action?.amount ? ` for ${formatMoney(action.amount)}` : ''}</p>
        <CopyField value={payment.paymentLinkUrl} label="Payment link" testId="payment-link-url" copyTestId="copy-payment-link" />
        <p className="field-hint">Send it to the customer. The desk checks every minute whether it was paid (or press “Check payment now”).</p>
      </div>
    );
  }
  const status = action ? actionStatus(action) : null;
  return (
    <p className={`link-status action-${status?.tone ?? 'waiting'}`} data-testid="payment-link-pending" aria-live="polite">
      Making the payment link: {status ? status.text : 'Queued — waiting for connection'}
    </p>
  );
}

import { useLayoutEffect, useState } from 'react';
import { formatMoney } from '../../../src-shared/domain/money';
import type { PaymentView } from '../../../src-shared/domain/payments';
import { cancelPaymentInput } from '../../../src-shared/schemas/processing-procedures';
import { Dialog } from '../../components/Dialog';
import { TextAreaField, TextField } from '../../components/Field';
import { Message } from '../../components/Message';
import type { FieldErrors } from '../../components/formErrors';
import type { ActionOutcome } from '../orders/detail/orderDetailStore';
import { amountText, capturable, checkRefund, methodLabel, readAmountUpTo, refundable } from './paymentModel';

interface PaymentDialogProps {
  payment: PaymentView | null;
  busy: boolean;
  onClose(): void;
}

/** A core error about one of the dialog's fields lands beside it; anything else below the form. */
function placeError(result: Extract<ActionOutcome, { ok: false }>, fields: readonly string[]): { errors: FieldErrors; server: string | null } {
  const field = result.field?.split('.').pop();
  return field && fields.includes(field) ? { errors: { [field]: result.message }, server: null } : { errors: {}, server: result.message };
}

function describe(payment: PaymentView): string {
  return `${methodLabel(payment)}${payment.card ? ` ${payment.card.brand} ····${payment.card.last4}` : ''}`;
}

/** Capture all that is authorized, or part of it (the rest is released to the customer). */
export function CaptureDialog({ payment, busy, onClose, onConfirm }: PaymentDialogProps & { onConfirm(amount: number): Promise<ActionOutcome> }) {
  const [part, setPart] = useState(false);
  const [amount, setAmount] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [server, setServer] = useState<string | null>(null);
  const paymentId = payment?.id;

  useLayoutEffect(() => {
    if (!payment) return;
    setPart(false);
    setAmount(amountText(capturable(payment)));
    setErrors({});
    setServer(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset per payment, not per reload
  }, [paymentId]);

  if (!payment) return null;
  const max = capturable(payment);
  const close = () => {
    if (!busy) onClose();
  };

  const confirm = async () => {
    let value = max.amount;
    if (part) {
      const read = readAmountUpTo(amount, max, 'captured: that is what is authorized');
      if (!read.ok) {
        setErrors({ amount: read.message });
        document.getElementById('f-amount')?.focus();
        return;
      }
      value = read.amount;
    }
    setErrors({});
    setServer(null);
    const result = await onConfirm(value);
    if (result.ok) {
      onClose();
      return;
    }
    const placed = placeError(result, ['amount']);
    setErrors(placed.errors);
    setServer(placed.server);
  };

  const partAmount = readAmountUpTo(amount, max, 'captured');
  const label = part ? (partAmount.ok ? `Capture ${formatMoney({ amount: partAmount.amount, currency: max.currency })}` : 'Capture') : `Capture ${formatMoney(max)}`;

  return (
    <Dialog
      open
      title="Capture the card payment"
      onClose={close}
      testId="capture-dialog"
      initialFocus='[data-testid="capture-confirm"]'
      footer={(
        <>
          <button type="button" className="button" data-testid="capture-dismiss" onClick={close} disabled={busy}>Not now</button>
          <button type="button" className="button button-primary" data-testid="capture-confirm" onClick={() => void confirm()} disabled={busy}>
            {busy ? 'Queueing…' : label}
          </button>
        </>
      )}
    >
      <p>{describe(payment)}: {formatMoney(max)} authorized and not captured yet.</p>
      <form noValidate className="dialog-form" onSubmit={(e) => {
        e.preventDefault();
        void confirm();
      }}>
        <fieldset className="choices">
          <legend className="visually-hidden">How much to capture</legend>
          <label className="choice">
            <input type="radio" name="capture-how" checked={!part} onChange={() => setPart(false)} data-testid="capture-full" />
            <span>All of it: {formatMoney(max)}</span>
          </label>
          <label className="choice">
            <input type="radio" name="capture-how" checked={part} onChange={() => setPart(true)} data-testid="capture-part" />
            <span>Part of it (an item cannot ship): the rest is released to the customer</span>
          </label>
        </fieldset>
        {part && (
          <TextField path="amount" label={`Amount to capture (${max.currency})`} required inputMode="decimal" autoComplete="off" value={amount}
            onValueChange={(v) => {
              setAmount(v);
              if (errors.amount) setErrors({});
            }}
            error={errors.amount} hint={`At most ${formatMoney(max)}`} />
        )}
      </form>
      <p className="muted small">The capture is queued and sent to Stripe by the desk, now or as soon as it is online. Stripe applies it once.</p>
      {server && <Message testId="capture-error">{server}</Message>}
    </Dialog>
  );
}

/** Releases an authorization the shop will not capture: asks first (it cannot be undone). */
export function CancelPaymentDialog({ payment, busy, onClose, onConfirm }: PaymentDialogProps & { onConfirm(reason: string): Promise<ActionOutcome> }) {
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [server, setServer] = useState<string | null>(null);
  const paymentId = payment?.id;

  useLayoutEffect(() => {
    setReason('');
    setErrors({});
    setServer(null);
  }, [paymentId]);

  if (!payment) return null;
  const close = () => {
    if (!busy) onClose();
  };
  const confirm = async () => {
    const checked = cancelPaymentInput.shape.reason.safeParse(reason);
    if (!checked.success) {
      setErrors({ reason: checked.error.issues[0]?.message ?? 'Reason is too long' });
      return;
    }
    setServer(null);
    const result = await onConfirm(checked.data);
    if (result.ok) {
      onClose();
      return;
    }
    const placed = placeError(result, ['reason']);
    setErrors(placed.errors);
    setServer(placed.server);
  };

  return (
    <Dialog
      open
      title="Cancel the card authorization?"
      onClose={close}
      testId="cancel-payment-dialog"
      tone="danger"
      initialFocus='[data-testid="cancel-payment-dismiss"]'
      footer={(
        <>
          <button type="button" className="button" data-testid="cancel-payment-dismiss" onClick={close} disabled={busy}>Keep it</button>
          <button type="button" className="button button-danger" data-testid="cancel-payment-confirm" onClick={() => void confirm()} disabled={busy}>
            {busy ? 'Queueing…' : 'Cancel authorization'}
          </button>
        </>
      )}
    >
      <p>
        {describe(payment)}: the {formatMoney(capturable(payment))} held on the customer’s card is released and can no longer be captured.
        To charge the customer again you need a new payment.
      </p>
      <form noValidate className="dialog-form" onSubmit={(e) => {
        e.preventDefault();
        void confirm();
      }}>
        <TextAreaField path="reason" label="Reason (optional)" rows={2} maxLength={500} value={reason} onValueChange={(v) => {
          setReason(v);
          if (errors.reason) setErrors({});
        }} error={errors.reason} placeholder="e.g. The supplier cannot deliver; order cancelled" hint="Kept on the order’s timeline" />
      </form>
      {server && <Message testId="cancel-payment-error">{server}</Message>}
    </Dialog>
  );
}

/** Gives money back, all or part, with a reason (required); the button says exactly how much. */
export function RefundDialog({ payment, busy, onClose, onConfirm }: PaymentDialogProps & { onConfirm(input: { paymentId: number; amount: number; reason: string }): Promise<ActionOutcome> }) {
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [server, setServer] = useState<string | null>(null);
  const paymentId = payment?.id;

  useLayoutEffect(() => {
    if (!payment) return;
    setAmount(amountText(refundable(payment)));
    setReason('');
    setErrors({});
    setServer(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset per payment, not per reload
  }, [paymentId]);

  if (!payment) return null;
  const max = refundable(payment);
  const close = () => {
    if (!busy) onClose();
  };
  const confirm = async () => {
    const checked = checkRefund(payment, { amount, reason });
    if (!checked.ok) {
      setErrors(checked.errors);
      document.getElementById(checked.errors.amount ? 'f-amount' : 'f-reason')?.focus();
      return;
    }
    setErrors({});
    setServer(null);
    const result = await onConfirm({ paymentId: payment.id, amount: checked.input.amount ?? max.amount, reason: checked.input.reason });
    if (result.ok) {
      onClose();
      return;
    }
    const placed = placeError(result, ['amount', 'reason']);
    setErrors(placed.errors);
    setServer(placed.server);
  };

  const typed = readAmountUpTo(amount, max, 'refunded');
  const manual = payment.provider === 'manual';

  return (
    <Dialog
      open
      title="Refund the customer?"
      onClose={close}
      testId="refund-dialog"
      tone="danger"
      initialFocus="#f-amount"
      footer={(
        <>
          <button type="button" className="button" data-testid="refund-dismiss" onClick={close} disabled={busy}>Don’t refund</button>
          <button type="button" className="button button-danger" data-testid="refund-confirm" onClick={() => void confirm()} disabled={busy}>
            {busy ? 'Refunding…' : typed.ok ? `Refund ${formatMoney({ amount: typed.amount, currency: max.currency })}` : 'Refund'}
          </button>
        </>
      )}
    >
      <p>
        {describe(payment)}: {formatMoney(max)} can be given back.{' '}
        {manual ? 'Money taken by hand is given back by hand: this records that you did.' : 'Stripe sends it back to the card; this cannot be undone.'}
      </p>
      <form noValidate className="dialog-form" onSubmit={(e) => {
        e.preventDefault();
        void confirm();
      }}>
        <TextField path="amount" label={`Amount (${max.currency})`} required inputMode="decimal" autoComplete="off" value={amount}
          onValueChange={(v) => {
            setAmount(v);
            if (errors.amount) setErrors((x) => ({ ...x, amount: '' }));
          }} error={errors.amount || undefined} hint={`At most ${formatMoney(max)}`} />
        <TextAreaField path="reason" label="Reason" required rows={2} maxLength={1000} value={reason} onValueChange={(v) => {
          setReason(v);
          if (errors.reason) setErrors((x) => ({ ...x, reason: '' }));
        }} error={errors.reason || undefined} placeholder="e.g. One bag arrived torn" hint="Kept on the order’s timeline" />
      </form>
      {server && <Message testId="refund-error">{server}</Message>}
    </Dialog>
  );
}

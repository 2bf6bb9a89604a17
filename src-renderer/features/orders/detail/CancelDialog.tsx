import { useState } from 'react';
import { cancelOrderInput } from '../../../../src-shared/schemas/orders-procedures';
import { Dialog } from '../../../components/Dialog';
import { TextAreaField } from '../../../components/Field';
import { Message } from '../../../components/Message';

const reasonSchema = cancelOrderInput.shape.reason;

interface CancelDialogProps {
  open: boolean;
  orderNumber: string;
  busy: boolean;
  onClose(): void;
  onConfirm(reason: string): Promise<{ ok: true } | { ok: false; message: string; field?: string | undefined }>;
}

/** Cancelling is destructive: it needs a confirmation and a reason, which goes on the timeline. */
export function CancelDialog({ open, orderNumber, busy, onClose, onConfirm }: CancelDialogProps) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [serverError, setServerError] = useState<string | null>(null);

  const close = () => {
    if (busy) return;
    setReason('');
    setError(null);
    setServerError(null);
    onClose();
  };

  const confirm = async () => {
    const checked = reasonSchema.safeParse(reason);
    if (!checked.success) {
      setError(checked.error.issues[0]?.message ?? 'Say why the order is cancelled');
      document.getElementById('f-reason')?.focus();
      return;
    }
    setError(null);
    setServerError(null);
    const result = await onConfirm(checked.data);
    if (result.ok) {
      setReason('');
      onClose();
    } else if (result.field === 'reason') {
      setError(result.message);
    } else {
      setServerError(result.message);
    }
  };

  return (
    <Dialog
      open={open}
      title={`Cancel order ${orderNumber}?`}
      onClose={close}
      testId="cancel-dialog"
      tone="danger"
      initialFocus="textarea"
      footer={(
        <>
          <button type="button" className="button" data-testid="cancel-dismiss" onClick={close} disabled={busy}>
            Keep the order
          </button>
          <button type="button" className="button button-danger" data-testid="cancel-confirm" onClick={() => void confirm()} disabled={busy}>
            {busy ? 'Cancelling…' : 'Cancel order'}
          </button>
        </>
      )}
    >
      <p>
        The order stops here: nothing more is sent to suppliers for it. This cannot be undone.
        The reason is kept on the order’s timeline.
      </p>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void confirm();
        }}
      >
        <TextAreaField
          path="reason"
          label="Reason"
          required
          rows={3}
          value={reason}
          onValueChange={(value) => {
            setReason(value);
            if (error) setError(null);
          }}
          error={error ?? undefined}
          placeholder="e.g. Customer asked to cancel by e-mail"
          maxLength={500}
        />
      </form>
      {serverError && <Message testId="cancel-error">{serverError}</Message>}
    </Dialog>
  );
}

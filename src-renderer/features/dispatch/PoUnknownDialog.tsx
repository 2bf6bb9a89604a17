import { useLayoutEffect, useState } from 'react';
import type { SupplierOrderView } from '../../../src-shared/domain/supplier-orders';
import { Dialog, dialogFormProps } from '../../components/Dialog';
import { TextAreaField } from '../../components/Field';
import { Message } from '../../components/Message';
import type { FieldErrors } from '../../components/formErrors';
import { isWorking, useDispatch } from './dispatchStore';
import { checkUnknownDecision, type UnknownDecisionValues } from './poForms';

const EMPTY: UnknownDecisionValues = { decision: '', note: '' };

/**
 * An e-mail PO whose send was cut off: the desk cannot know whether the supplier has it, so a person decides.
 * Nothing is preselected: resending may make the supplier ship twice, marking as sent may mean they never got it.
 */
export function PoUnknownDialog({ po, onClose }: { po: SupplierOrderView; onClose(): void }) {
  const working = useDispatch((s) => s.working);
  const run = useDispatch((s) => s.run);
  const [values, setValues] = useState<UnknownDecisionValues>(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [server, setServer] = useState<string | null>(null);
  const busy = isWorking(working, 'resolveUnknown', po.id);

  useLayoutEffect(() => {
    setValues(EMPTY);
    setErrors({});
    setServer(null);
  }, [po.id]);

  const close = () => {
    if (!busy) onClose();
  };
  const set = (change: Partial<UnknownDecisionValues>) => {
    setValues((v) => ({ ...v, ...change }));
    setErrors((e) => {
      const next = { ...e };
      for (const key of Object.keys(change)) delete next[key];
      return next;
    });
  };

  const confirm = async () => {
    if (busy) return;
    const checked = checkUnknownDecision(po.id, values);
    if (!checked.ok) {
      setErrors(checked.errors);
      document.getElementById(checked.errors.decision ? 'po-unknown-resend' : 'f-note')?.focus();
      return;
    }
    setErrors({});
    setServer(null);
    const resend = checked.input.decision === 'resend';
    const result = await run('resolveUnknown', po.id, 'supplierOrders.resolveUnknown', checked.input, {
      notice: () => (resend ? `${po.number} is queued again, marked as a possible duplicate.` : `${po.number} is marked as sent.`),
    });
    if (result.ok) onClose();
    else if (result.field === 'note' || result.field === 'decision') setErrors({ [result.field]: result.message });
    else setServer(result.message);
  };

  const confirmLabel = values.decision === 'resend' ? 'Send again' : values.decision === 'mark_sent' ? 'Mark as sent' : 'Decide';

  return (
    <Dialog open title={`Did ${po.supplier.name} get ${po.number}?`} onClose={close} testId={`po-unknown-${po.number}`}
      initialFocus="#po-unknown-resend"
      footer={(
        <>
          <button type="button" className="button" data-testid="po-unknown-dismiss" onClick={close} disabled={busy}>Not now</button>
          <button type="button" className="button button-primary" data-testid="po-unknown-confirm" onClick={() => void confirm()} disabled={busy}>
            {busy ? 'Saving…' : confirmLabel}
          </button>
        </>
      )}>
      <p>
        The desk stopped or the connection broke while this e-mail was being sent; the supplier may or may not have it.
        Check your mail server’s sent folder, or ask {po.supplier.name}{po.destination ? ` (${po.destination})` : ''}, then choose:
      </p>
      <form {...dialogFormProps(confirm)}>
        <fieldset className={`choices po-unknown-choices${errors.decision ? ' field-invalid' : ''}`} aria-describedby={errors.decision ? 'po-unknown-decision-error' : undefined}>
          <legend className="visually-hidden">What to do</legend>
          <label className="choice">
            <input type="radio" id="po-unknown-resend" name="po-unknown-decision" data-testid="po-unknown-resend" checked={values.decision === 'resend'}
              onChange={() => set({ decision: 'resend' })} />
            <span>
              <span className="strong">Send again, marked as a possible duplicate</span>
              <span className="field-hint choice-hint">Same PO number, with “[Possible duplicate]” in the subject, so the supplier can tell it from a new order.</span>
            </span>
          </label>
          <label className="choice">
            <input type="radio" name="po-unknown-decision" data-testid="po-unknown-mark-sent" checked={values.decision === 'mark_sent'}
              onChange={() => set({ decision: 'mark_sent' })} />
            <span>
              <span className="strong">It arrived: mark as sent</span>
              <span className="field-hint choice-hint">The supplier has it (it is in the sent folder, or they said so). Nothing is sent.</span>
            </span>
          </label>
          {errors.decision && <p id="po-unknown-decision-error" className="field-error" data-testid="error-decision">{errors.decision}</p>}
        </fieldset>
        <TextAreaField path="note" label="Note" required rows={2} maxLength={1000} value={values.note} onValueChange={(note) => set({ note })}
          error={errors.note} placeholder="e.g. Not in the sent folder; the supplier has no order from us today" hint="Kept on the order’s timeline with your name" />
      </form>
      {server && <Message testId="po-unknown-error">{server}</Message>}
    </Dialog>
  );
}

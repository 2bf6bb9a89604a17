import { useLayoutEffect, useState } from 'react';
import { formatMoney } from '../../../src-shared/domain/money';
import type { PoLineAnswer, PoRejectionReason, SupplierOrderView } from '../../../src-shared/domain/supplier-orders';
import { Dialog, dialogFormProps } from '../../components/Dialog';
import { SelectField, TextField } from '../../components/Field';
import { Message } from '../../components/Message';
import { fieldDomId } from '../../components/Field';
import type { FieldErrors } from '../../components/formErrors';
import { isWorking, useDispatch } from './dispatchStore';
import {
  ANSWER_OPTIONS, answerFieldPath, checkAnswer, defaultAnswer, REJECTION_OPTIONS, type AnswerLineValues, type AnswerValues,
} from './poForms';
import { answerNotice, ownLines } from './poModel';

/**
 * A person types the supplier's e-mailed answer: their order number and, per line, confirmed, backordered
 * (until when) or rejected (why). Every line starts as confirmed, so only the exceptions need a change.
 */
export function PoAnswerDialog({ po, onClose }: { po: SupplierOrderView; onClose(): void }) {
  const working = useDispatch((s) => s.working);
  const run = useDispatch((s) => s.run);
  const [values, setValues] = useState<AnswerValues>(() => defaultAnswer(po));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [server, setServer] = useState<string | null>(null);
  const busy = isWorking(working, 'answer', po.id);
  const lines = ownLines(po);

  useLayoutEffect(() => {
    setValues(defaultAnswer(po));
    setErrors({});
    setServer(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- start again per PO, not on every reload of the order
  }, [po.id]);

  const close = () => {
    if (!busy) onClose();
  };
  const clear = (path: string) => {
    if (errors[path]) setErrors(({ [path]: _, ...rest }) => rest);
  };
  const setLine = (index: number, change: Partial<AnswerLineValues>) => {
    setValues((v) => ({ ...v, lines: v.lines.map((line, i) => (i === index ? { ...line, ...change } : line)) }));
    for (const key of Object.keys(change)) clear(`lines.${index}.${key}`);
  };

  const confirm = async () => {
    if (busy) return;
    const checked = checkAnswer(po.id, values);
    if (!checked.ok) {
      setErrors(checked.errors);
      setServer(checked.errors._form ?? null);
      focusFirstError(checked.errors);
      return;
    }
    setErrors({});
    setServer(null);
    const result = await run('answer', po.id, 'supplierOrders.confirm', checked.input, { notice: (o) => answerNotice(po.id, o) });
    if (result.ok) {
      onClose();
      return;
    }
    const path = result.field ? answerFieldPath(result.field, values.lines.length) : null;
    if (path) {
      setErrors({ [path]: result.message });
      focusFirstError({ [path]: result.message });
    } else {
      setServer(result.message);
    }
  };

  return (
    <Dialog open title={`The answer from ${po.supplier.name} to ${po.number}`} onClose={close} testId="po-answer-dialog"
      initialFocus="#f-supplierReference"
      footer={(
        <>
          <button type="button" className="button" data-testid="po-answer-dismiss" onClick={close} disabled={busy}>Cancel</button>
          <button type="button" className="button button-primary" data-testid="po-answer-confirm" onClick={() => void confirm()} disabled={busy}>
            {busy ? 'Saving…' : 'Record the answer'}
          </button>
        </>
      )}>
      <p className="muted">Copy what the supplier wrote. Lines start as confirmed: change only the ones they cannot ship now.</p>
      <form {...dialogFormProps(confirm)}>
        {/* Enter in any box confirms, as in the other dialogs (a form with several boxes needs a submit button for that). */}
        <button type="submit" className="visually-hidden" tabIndex={-1} aria-hidden="true" />
        <TextField path="supplierReference" label="The supplier’s order number" value={values.supplierReference} maxLength={100} autoComplete="off"
          onValueChange={(v) => {
            setValues((x) => ({ ...x, supplierReference: v }));
            clear('supplierReference');
          }}
          error={errors.supplierReference} hint="As they wrote it in their answer; leave empty if they gave none" />
        <ol className="po-answer-lines">
          {values.lines.map((line, index) => {
            const poLine = lines.find((l) => l.id === line.lineId);
            const title = poLine?.title || 'Untitled';
            return (
              <li key={line.lineId} className={`po-answer-line po-answer-${line.status}`} data-testid="po-answer-line" data-line-id={line.lineId}>
                <div className="po-answer-what">
                  <span className="strong">{title}</span>
                  {poLine && <span className="muted small"> · <span className="mono">{poLine.supplierSku}</span> · {poLine.quantity} × {formatMoney(poLine.unitCost)}</span>}
                </div>
                <div className="po-answer-fields">
                  <SelectField path={`lines.${index}.status`} label="Answer" aria-label={`Answer for ${title}`} value={line.status} options={ANSWER_OPTIONS}
                    onValueChange={(v) => setLine(index, { status: v as PoLineAnswer })} error={errors[`lines.${index}.status`]} />
                  {line.status === 'backordered' && (
                    <TextField path={`lines.${index}.expectedDate`} label="Expected to ship" type="date" required value={line.expectedDate}
                      onValueChange={(v) => setLine(index, { expectedDate: v })} error={errors[`lines.${index}.expectedDate`]} />
                  )}
                  {line.status === 'rejected' && (
                    <SelectField path={`lines.${index}.rejectionReason`} label="Why" required value={line.rejectionReason} options={REJECTION_OPTIONS}
                      placeholder="Choose a reason" onValueChange={(v) => setLine(index, { rejectionReason: v as PoRejectionReason | '' })}
                      error={errors[`lines.${index}.rejectionReason`]} />
                  )}
                  <TextField className="po-answer-note" path={`lines.${index}.note`} label="Note" value={line.note} maxLength={500} autoComplete="off"
                    placeholder="What the supplier said (optional)" onValueChange={(v) => setLine(index, { note: v })} error={errors[`lines.${index}.note`]} />
                </div>
              </li>
            );
          })}
        </ol>
      </form>
      {server && <Message testId="po-answer-error">{server}</Message>}
    </Dialog>
  );
}

/** Puts the cursor in the first box with a message, in the form's order. */
function focusFirstError(errors: FieldErrors): void {
  const paths = Object.keys(errors).filter((path) => path !== '_form');
  const boxes = paths.map((path) => document.getElementById(fieldDomId(path))).filter((el): el is HTMLElement => el !== null);
  boxes.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  boxes[0]?.focus();
}

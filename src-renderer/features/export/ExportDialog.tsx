import './export.css';
import { useEffect, useState } from 'react';
import { EXPORT_KINDS, EXPORT_KIND_LABELS, type ExportResult } from '../../../src-shared/domain/exports';
import { ApiCallError, errorMessage, invoke } from '../../api/client';
import { Dialog, dialogFormProps } from '../../components/Dialog';
import { TextField } from '../../components/Field';
import { Message } from '../../components/Message';
import type { FieldErrors } from '../../components/formErrors';
import { CopyField } from '../processing/CopyField';
import { checkExport, emptyExport, exportFormPath, resultSentence, type ExportFormValues } from './exportModel';

/**
 * "Export…" for the shop's accountant: what (orders, order lines, supplier orders) and optionally which days; the
 * core writes the CSV into its data folder's `exports` folder (the window cannot choose where) and says where.
 */
export function ExportDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const [values, setValues] = useState<ExportFormValues>(emptyExport);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const [result, setResult] = useState<ExportResult | null>(null);

  useEffect(() => {
    if (!open) return;
    setValues(emptyExport());
    setErrors({});
    setChecked(false);
    setServerError(null);
    setResult(null);
  }, [open]);

  // The Export button that had focus is gone; the path box takes it, its text selected, ready for Ctrl/Cmd+C.
  useEffect(() => {
    if (result) document.querySelector<HTMLElement>('[data-testid="export-path"]')?.focus();
  }, [result]);

  // The core finishes the file whether or not the dialog is open; staying open while it runs keeps the answer in view.
  const close = () => {
    if (!busy) onClose();
  };

  const set = (field: 'from' | 'to') => (value: string) => {
    const next = { ...values, [field]: value };
    setValues(next);
    if (checked) setErrors(checkExport(next).errors);
  };

  const run = async () => {
    if (busy || result) return;
    const checkedForm = checkExport(values);
    setChecked(true);
    setErrors(checkedForm.errors);
    setServerError(null);
    if (!checkedForm.ok) {
      document.querySelector<HTMLElement>('[data-testid="export-dialog"] [aria-invalid="true"]')?.focus();
      return;
    }
    setBusy(true);
    try {
      setResult(await invoke('export.run', checkedForm.input));
    } catch (error) {
      const field = error instanceof ApiCallError && error.field ? exportFormPath(error.field) : null;
      if (field) setErrors({ [field]: errorMessage(error) });
      else setServerError(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={open}
      title="Export to a CSV file"
      onClose={close}
      testId="export-dialog"
      // Constant on purpose: Dialog reopens itself when this changes.
      initialFocus='input[name="export-kind"]:checked'
      footer={result ? (
        <button type="button" className="button button-primary" data-testid="export-done" onClick={onClose}>Done</button>
      ) : (
        <>
          <button type="button" className="button" data-testid="export-cancel" onClick={close} disabled={busy}>Cancel</button>
          <button type="button" className="button button-primary" data-testid="export-run" onClick={() => void run()} disabled={busy} aria-busy={busy}>
            {busy ? 'Exporting…' : 'Export'}
          </button>
        </>
      )}
    >
      {result ? (
        <div className="export-result">
          <Message tone="success" testId="export-result">{resultSentence(result)}</Message>
          <CopyField value={result.path} label="Where the file is" testId="export-path" copyTestId="export-copy-path" what="file path" />
          <p className="muted small">Open the file in a spreadsheet, or send it to your accountant.</p>
        </div>
      ) : (
        <form {...dialogFormProps(run)}>
          <fieldset className="export-kinds" disabled={busy}>
            <legend>What to export</legend>
            {EXPORT_KINDS.map((kind) => (
              <label key={kind} className="export-kind">
                <input type="radio" name="export-kind" value={kind} checked={values.kind === kind} data-testid={`export-kind-${kind}`}
                  onChange={() => {
                    setValues({ ...values, kind });
                    if (errors.kind) setErrors({ ...errors, kind: '' });
                  }} />
                <span>{EXPORT_KIND_LABELS[kind]}</span>
              </label>
            ))}
            {errors.kind && <p className="field-error" data-testid="error-kind">{errors.kind}</p>}
          </fieldset>
          <div className="grid grid-2">
            <TextField path="from" label="From" type="date" value={values.from} onValueChange={set('from')} error={errors.from}
              hint="Leave empty for everything" disabled={busy} />
            <TextField path="to" label="To (inclusive)" type="date" value={values.to} onValueChange={set('to')} error={errors.to}
              hint="Leave empty for everything" disabled={busy} />
          </div>
          <p className="muted small">
            The days are when each {values.kind === 'supplier_orders' ? 'supplier order' : 'order'} was created (UTC). The file is saved in the desk’s
            data folder, under “exports”.
          </p>
          {/* Enter in a field runs the export. */}
          <button type="submit" hidden tabIndex={-1} aria-hidden="true" />
        </form>
      )}
      {serverError && <Message testId="export-error">{serverError}</Message>}
    </Dialog>
  );
}

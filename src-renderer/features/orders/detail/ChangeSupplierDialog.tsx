import { useEffect, useState } from 'react';
import type { OrderLine } from '../../../../src-shared/domain/order';
import { setLineSupplierInput } from '../../../../src-shared/schemas/catalog-procedures';
import { Dialog } from '../../../components/Dialog';
import { SelectField, TextAreaField } from '../../../components/Field';
import { Message } from '../../../components/Message';
import type { FieldErrors } from '../../../components/formErrors';
import { ensureSuppliers, useSuppliers } from '../../suppliers/suppliersStore';
import { reasonAfterName } from './lineSupplierText';

interface ChangeSupplierDialogProps {
  line: OrderLine | null;
  busy: boolean;
  onClose(): void;
  onConfirm(lineId: number, supplierId: number, reason: string): Promise<{ ok: true } | { ok: false; message: string; field?: string | undefined }>;
}

/** Overrides routing for one line: another supplier and a reason (required; it goes on the timeline). */
export function ChangeSupplierDialog({ line, busy, onClose, onConfirm }: ChangeSupplierDialogProps) {
  const suppliers = useSuppliers((s) => s.suppliers);
  const loadError = useSuppliers((s) => s.error);
  const [supplierId, setSupplierId] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [serverError, setServerError] = useState<string | null>(null);

  const lineId = line?.id;
  const currentSupplierId = line?.supplier?.id;
  // Reset when another line's dialog opens (not when the order reloads while typing).
  useEffect(() => {
    if (lineId === undefined) return;
    ensureSuppliers();
    setSupplierId(currentSupplierId === undefined ? '' : String(currentSupplierId));
    setReason('');
    setErrors({});
    setServerError(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by the line only
  }, [lineId]);

  if (!line) return null;

  const close = () => {
    if (!busy) onClose();
  };

  const confirm = async () => {
    const next: FieldErrors = {};
    if (supplierId === '') next.supplierId = 'Choose the supplier this line goes to';
    else if (line.supplier && Number(supplierId) === line.supplier.id) next.supplierId = `This line already goes to ${line.supplier.name}: choose another supplier`;
    const reasonCheck = setLineSupplierInput.shape.reason.safeParse(reason);
    if (!reasonCheck.success) next.reason = reasonCheck.error.issues[0]?.message ?? 'Say why you change the supplier';
    setErrors(next);
    setServerError(null);
    if (Object.keys(next).length > 0 || !reasonCheck.success) {
      document.getElementById(next.supplierId ? 'f-supplierId' : 'f-reason')?.focus();
      return;
    }
    const result = await onConfirm(line.id, Number(supplierId), reasonCheck.data);
    if (result.ok) {
      onClose();
      return;
    }
    const field = result.field?.split('.').pop();
    if (field === 'supplierId' || field === 'reason') setErrors({ [field]: result.message });
    else setServerError(result.message);
  };

  const options = (suppliers ?? []).map((s) => ({
    value: String(s.id),
    label: `${s.name}${s.status === 'paused' ? ' (paused)' : ''}${line.supplier?.id === s.id ? ' — current' : ''}`,
  }));

  return (
    <Dialog
      open
      title="Change supplier"
      onClose={close}
      testId="change-supplier-dialog"
      initialFocus="select"
      footer={(
        <>
          <button type="button" className="button" data-testid="change-supplier-dismiss" onClick={close} disabled={busy}>Keep current</button>
          <button type="button" className="button button-primary" data-testid="change-supplier-confirm" onClick={() => void confirm()} disabled={busy || suppliers?.length === 0}>
            {busy ? 'Changing…' : 'Change supplier'}
          </button>
        </>
      )}
    >
      <p>
        <span className="strong">{line.title || 'Untitled line'}</span>
        {line.sku && <span className="mono muted"> · {line.sku}</span>} · Qty {line.quantity}
      </p>
      <p className="muted small" data-testid="change-supplier-now">
        Now: {line.supplier ? line.supplier.name : 'no supplier'}{line.routingReason ? ` ${reasonAfterName(line)}` : ''}
      </p>
      {loadError && suppliers === null && <Message>{loadError}</Message>}
      {suppliers?.length === 0 && <Message tone="info">There are no suppliers yet. Add one under Suppliers first.</Message>}
      <form noValidate className="dialog-form" onSubmit={(e) => {
        e.preventDefault();
        void confirm();
      }}>
        <SelectField path="supplierId" label="Supplier" required value={supplierId} onValueChange={(v) => {
          setSupplierId(v);
          if (errors.supplierId) setErrors((x) => ({ ...x, supplierId: '' }));
        }}
          error={errors.supplierId || undefined} options={options} placeholder={suppliers === null ? 'Loading suppliers…' : 'Choose a supplier…'} />
        <TextAreaField path="reason" label="Reason" required rows={3} maxLength={500} value={reason} onValueChange={(v) => {
          setReason(v);
          if (errors.reason) setErrors((x) => ({ ...x, reason: '' }));
        }}
          error={errors.reason || undefined} placeholder="e.g. Customer asked for the faster supplier" hint="Kept on the order’s timeline" />
      </form>
      {serverError && <Message testId="change-supplier-error">{serverError}</Message>}
    </Dialog>
  );
}

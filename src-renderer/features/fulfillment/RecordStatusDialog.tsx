import { useLayoutEffect, useState } from 'react';
import type { ShipmentView } from '../../../src-shared/domain/shipments';
import { TRACKING_STATUS_LABELS } from '../../../src-shared/domain/tracking/statuses';
import { HAND_TRACKING_STATUSES, recordShipmentStatusInput } from '../../../src-shared/schemas/fulfillment-procedures';
import { Dialog, dialogFormProps } from '../../components/Dialog';
import { TextField } from '../../components/Field';
import { Message } from '../../components/Message';
import { isWorking, useFulfillment } from './fulfillmentStore';

type HandStatus = (typeof HAND_TRACKING_STATUSES)[number];

/**
 * What the carrier's own page says, typed in by hand: for a shop without a tracking service, or a carrier the
 * service does not cover. It becomes the parcel's newest event, and may send the customer an e-mail.
 */
export function RecordStatusDialog({ shipment, onClose }: { shipment: ShipmentView; onClose(): void }) {
  const working = useFulfillment((s) => s.working);
  const run = useFulfillment((s) => s.run);
  const [status, setStatus] = useState<HandStatus | ''>('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<{ status?: string; note?: string }>({});
  const [server, setServer] = useState<string | null>(null);
  const busy = isWorking(working, 'recordStatus', shipment.id);

  useLayoutEffect(() => {
    setStatus('');
    setNote('');
    setErrors({});
    setServer(null);
  }, [shipment.id]);

  const close = () => {
    if (!busy) onClose();
  };
  const confirm = async () => {
    if (busy) return;
    const checked = recordShipmentStatusInput.safeParse({ shipmentId: shipment.id, status: status === '' ? undefined : status, note });
    if (!checked.success) {
      const found: { status?: string; note?: string } = {};
      for (const issue of checked.error.issues) {
        const key = issue.path[0];
        if ((key === 'status' || key === 'note') && !found[key]) found[key] = issue.message;
      }
      setErrors(found);
      document.querySelector<HTMLElement>(found.status ? '[name="record-status"]' : '#f-note')?.focus();
      return;
    }
    setErrors({});
    setServer(null);
    const label = TRACKING_STATUS_LABELS[checked.data.status];
    const result = await run('recordStatus', shipment.id, 'shipments.recordStatus', checked.data, {
      notice: () => `${shipment.trackingNumber}: “${label}” recorded.`,
    });
    if (result.ok) onClose();
    else if (result.field === 'status' || result.field === 'note') setErrors({ [result.field]: result.message });
    else setServer(result.message);
  };

  return (
    <Dialog open title={`What does ${shipment.carrierName} say about ${shipment.trackingNumber}?`} onClose={close} testId="record-status-dialog"
      initialFocus='[name="record-status"]'
      footer={(
        <>
          <button type="button" className="button" data-testid="record-status-dismiss" onClick={close} disabled={busy}>Cancel</button>
          <button type="button" className="button button-primary" data-testid="record-status-confirm" onClick={() => void confirm()} disabled={busy}>
            {busy ? 'Saving…' : 'Record status'}
          </button>
        </>
      )}>
      <p className="muted">Now: {TRACKING_STATUS_LABELS[shipment.status]}. Choose what the carrier’s tracking page shows today.</p>
      <form {...dialogFormProps(confirm)}>
        <fieldset className="choices" data-testid="field-status" aria-invalid={Boolean(errors.status)}
          aria-describedby={errors.status ? 'record-status-error-status' : undefined}>
          <legend className="field-label">Status<span className="field-required" aria-hidden="true"> *</span></legend>
          {HAND_TRACKING_STATUSES.map((value) => (
            <label key={value} className="choice" data-testid="record-status-option" data-status={value}>
              <input type="radio" name="record-status" value={value} checked={status === value}
                onChange={() => {
                  setStatus(value);
                  setErrors(({ status: _, ...rest }) => rest);
                }} />
              <span>{TRACKING_STATUS_LABELS[value]}</span>
            </label>
          ))}
          {errors.status && <p id="record-status-error-status" className="field-error" data-testid="error-status">{errors.status}</p>}
        </fieldset>
        <TextField path="note" label="Note" value={note} maxLength={500} autoComplete="off" placeholder="e.g. Left at the post office on Main St (optional)"
          onValueChange={(v) => {
            setNote(v);
            setErrors(({ note: _, ...rest }) => rest);
          }}
          error={errors.note} hint="Shown in the parcel’s history" />
      </form>
      {server && <Message testId="record-status-error">{server}</Message>}
    </Dialog>
  );
}

import { useLayoutEffect, useMemo, useState } from 'react';
import type { ShipmentView } from '../../../src-shared/domain/shipments';
import type { SupplierOrderView } from '../../../src-shared/domain/supplier-orders';
import { isCarrierCode } from '../../../src-shared/domain/tracking/carriers';
import { detectCarrier } from '../../../src-shared/domain/tracking/detect-carrier';
import { Dialog, dialogFormProps } from '../../components/Dialog';
import { fieldDomId, SelectField, TextField } from '../../components/Field';
import { Message } from '../../components/Message';
import type { FieldErrors } from '../../components/formErrors';
import { isWorking, useFulfillment } from './fulfillmentStore';
import {
  addedNotice, addShipmentFieldPath, CARRIER_OPTIONS, checkAddShipment, defaultAddShipment, detectionMessage, remainingQuantities,
  shippableLines, withTrackingNumber, type AddShipmentValues,
} from './fulfillmentModel';

/**
 * A parcel typed in from the supplier's e-mail: the tracking number (its carrier recognised while typing, and a
 * wrong check digit pointed out before it is saved), the carrier, and what is in the parcel — by default
 * everything of the PO not yet in another parcel.
 */
export function AddShipmentDialog({ po, shipments, onClose }: { po: SupplierOrderView; shipments: readonly ShipmentView[]; onClose(): void }) {
  const working = useFulfillment((s) => s.working);
  const run = useFulfillment((s) => s.run);
  const [values, setValues] = useState<AddShipmentValues>(() => defaultAddShipment(po, shipments));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [server, setServer] = useState<string | null>(null);
  /** The number whose wrong check digit the person has seen: a second "Add" keeps it as typed. */
  const [seenOdd, setSeenOdd] = useState<string | null>(null);
  const busy = isWorking(working, 'add', po.id);
  const detection = useMemo(() => detectCarrier(values.trackingNumber), [values.trackingNumber]);
  const message = detectionMessage(detection);
  const lines = shippableLines(po);
  const remaining = remainingQuantities(po, shipments);

  useLayoutEffect(() => {
    setValues(defaultAddShipment(po, shipments));
    setErrors({});
    setServer(null);
    setSeenOdd(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- start again per PO, not on every reload of the order
  }, [po.id]);

  const close = () => {
    if (!busy) onClose();
  };
  const clear = (...paths: string[]) => {
    if (paths.some((path) => errors[path])) setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !paths.includes(k))));
  };

  const confirm = async () => {
    if (busy) return;
    const checked = checkAddShipment(po, values);
    if (!checked.ok) {
      setErrors(checked.errors);
      setServer(checked.errors._form ?? null);
      focusFirstError(checked.errors);
      return;
    }
    if (detection.kind === 'detected' && detection.checkDigitValid === false && seenOdd !== detection.trackingNumber) {
      setSeenOdd(detection.trackingNumber);
      setErrors({});
      document.getElementById(fieldDomId('trackingNumber'))?.focus();
      return;
    }
    setErrors({});
    setServer(null);
    const before = shipments.map((s) => s.id);
    const result = await run('add', po.id, 'shipments.add', checked.input, { notice: (order) => addedNotice(before, order) });
    if (result.ok) {
      onClose();
      return;
    }
    const path = result.field ? addShipmentFieldPath(result.field, values) : null;
    if (path) {
      setErrors({ [path]: result.message });
      focusFirstError({ [path]: result.message });
    } else {
      setServer(result.message);
    }
  };

  const oddConfirmed = seenOdd !== null && seenOdd === detection.trackingNumber;

  return (
    <Dialog open title={`Add tracking to ${po.number}`} onClose={close} testId="add-shipment-dialog" initialFocus={`#${fieldDomId('trackingNumber')}`}
      footer={(
        <>
          <button type="button" className="button" data-testid="add-shipment-dismiss" onClick={close} disabled={busy}>Cancel</button>
          <button type="button" className="button button-primary" data-testid="add-shipment-confirm" onClick={() => void confirm()} disabled={busy}>
            {busy ? 'Adding…' : oddConfirmed ? 'Add it as typed' : 'Add parcel'}
          </button>
        </>
      )}>
      <p className="muted">Copy the tracking number {po.supplier.name} sent you and say what is in the parcel.</p>
      <form {...dialogFormProps(confirm)}>
        <button type="submit" className="visually-hidden" tabIndex={-1} aria-hidden="true" />
        <TextField path="trackingNumber" label="Tracking number" required className="mono-field" value={values.trackingNumber} maxLength={80}
          autoComplete="off" spellCheck={false}
          onValueChange={(v) => {
            setValues((x) => withTrackingNumber(x, v, detectCarrier(v)));
            clear('trackingNumber', 'carrier');
          }}
          error={errors.trackingNumber} />
        {message && (
          <p className={`carrier-detection carrier-detection-${message.tone}`} data-testid="carrier-detection" data-kind={message.tone}
            data-carrier={detection.kind === 'detected' ? detection.carrier : ''} aria-live="polite">
            {message.text}
            {message.tone === 'check_digit_wrong' && oddConfirmed && (
              <span className="carrier-detection-again">. If it is exactly what the supplier sent, press “Add it as typed”.</span>
            )}
          </p>
        )}
        <div className="grid grid-2">
          <SelectField path="carrier" label="Carrier" required value={values.carrier} options={CARRIER_OPTIONS} placeholder="Choose the carrier…"
            onValueChange={(v) => {
              setValues((x) => ({ ...x, carrier: isCarrierCode(v) ? v : '', carrierChosen: v !== '' }));
              clear('carrier');
            }}
            error={errors.carrier} />
          {values.carrier === 'other' && (
            <TextField path="carrierName" label="Carrier name" required value={values.carrierName} maxLength={80} autoComplete="off"
              onValueChange={(v) => {
                setValues((x) => ({ ...x, carrierName: v }));
                clear('carrierName');
              }}
              error={errors.carrierName} />
          )}
        </div>
        <fieldset className="shipment-lines-fieldset" aria-describedby={errors.lines ? 'add-shipment-lines-error' : undefined}>
          <legend className="field-label">What is in the parcel</legend>
          {lines.length === 0 ? <p className="muted">The supplier ships nothing on this purchase order.</p> : (
            <table className="lines-table shipment-lines-table">
              <thead>
                <tr><th scope="col">Item</th><th scope="col">Supplier SKU</th><th scope="col" className="num">On the PO</th><th scope="col" className="num">Not yet shipped</th><th scope="col" className="num">In this parcel</th></tr>
              </thead>
              <tbody>
                {values.lines.map((row, index) => {
                  const line = lines.find((l) => l.id === row.poLineId);
                  const title = line?.title || 'Untitled';
                  return (
                    <tr key={row.poLineId} data-testid="add-shipment-line" data-po-line-id={row.poLineId}>
                      <td>{title}</td>
                      <td className="mono">{line?.supplierSku || <span className="muted">—</span>}</td>
                      <td className="num">{line?.quantity ?? ''}</td>
                      <td className="num">{remaining.get(row.poLineId) ?? 0}</td>
                      <td className="num">
                        <TextField path={`lines.${index}.quantity`} label={`Quantity of ${title} in this parcel`} hideLabel inputMode="numeric"
                          className="shipment-qty" value={row.quantity} autoComplete="off"
                          onValueChange={(v) => {
                            setValues((x) => ({ ...x, lines: x.lines.map((l, i) => (i === index ? { ...l, quantity: v } : l)) }));
                            clear(`lines.${index}.quantity`, 'lines');
                          }}
                          error={errors[`lines.${index}.quantity`]} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          {errors.lines && <p id="add-shipment-lines-error" className="field-error" data-testid="error-lines">{errors.lines}</p>}
        </fieldset>
      </form>
      {server && <Message testId="add-shipment-error">{server}</Message>}
    </Dialog>
  );
}

/** Puts the cursor in the first box with a message, in the form's order. */
function focusFirstError(errors: FieldErrors): void {
  const boxes = Object.keys(errors).filter((path) => path !== '_form' && path !== 'lines')
    .map((path) => document.getElementById(fieldDomId(path))).filter((el): el is HTMLElement => el !== null);
  boxes.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  boxes[0]?.focus();
}

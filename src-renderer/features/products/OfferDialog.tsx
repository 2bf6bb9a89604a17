import { useEffect, useMemo, useState } from 'react';
import { marginPercent, type OfferView, type SupplierSummary, type VariantView } from '../../../src-shared/domain/catalog';
import { formatMoney, isCurrencyCode, parseMoneyInput } from '../../../src-shared/domain/money';
import { Dialog } from '../../components/Dialog';
import { SelectField, TextField } from '../../components/Field';
import { Message } from '../../components/Message';
import type { FieldErrors } from '../../components/formErrors';
import { checkOffer, emptyOffer, offerFormPath, valuesFromOffer, type OfferFormValues, type SaveOfferInput } from './offerModel';

interface OfferDialogProps {
  /** The variant the offer is for, and the offer being edited (null: a new one). */
  target: { variant: VariantView; offer: OfferView | null } | null;
  suppliers: SupplierSummary[] | null;
  onClose(): void;
  onSave(input: SaveOfferInput): Promise<{ ok: true } | { ok: false; message: string; field?: string | undefined }>;
}

/** Adds or edits one supplier's offer for a variant: supplier SKU, cost (in the supplier's currency), stock, lead time, priority. */
export function OfferDialog({ target, suppliers, onClose, onSave }: OfferDialogProps) {
  const [values, setValues] = useState<OfferFormValues>(() => emptyOffer([]));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [checked, setChecked] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!target) return;
    setValues(target.offer ? valuesFromOffer(target.offer) : emptyOffer(target.variant.offers));
    setErrors({});
    setChecked(false);
    setServerError(null);
  }, [target]);

  const taken = useMemo(() => new Set(target?.variant.offers.map((o) => o.supplierId) ?? []), [target]);
  const options = (suppliers ?? [])
    .filter((s) => target?.offer ? s.id === target.offer.supplierId : !taken.has(s.id))
    .map((s) => ({ value: String(s.id), label: `${s.name} (${s.currency})${s.status === 'paused' ? ' — paused' : ''}` }));
  const supplier = suppliers?.find((s) => String(s.id) === values.supplierId);
  const currencyOf = (supplierId: string) => suppliers?.find((s) => String(s.id) === supplierId)?.currency ?? target?.offer?.cost.currency;
  const currency = currencyOf(values.supplierId);

  if (!target) return null;
  const { variant, offer } = target;

  const set = (field: keyof OfferFormValues) => (value: string) => {
    const next = { ...values, [field]: value };
    setValues(next);
    if (checked) setErrors(checkOffer(next, variant.id, currencyOf(next.supplierId)).errors);
  };

  const previewMargin = (() => {
    if (!currency || !isCurrencyCode(currency)) return null;
    const cost = parseMoneyInput(values.cost, currency);
    return cost.ok ? marginPercent(variant.retailPrice, { amount: cost.amount, currency }) : null;
  })();

  const save = async () => {
    const result = checkOffer(values, variant.id, currency);
    setChecked(true);
    setErrors(result.errors);
    setServerError(null);
    if (!result.ok) {
      const first = document.querySelector<HTMLElement>('[data-testid="offer-dialog"] [aria-invalid="true"]');
      first?.focus();
      return;
    }
    setBusy(true);
    const saved = await onSave(result.input);
    setBusy(false);
    if (saved.ok) {
      onClose();
      return;
    }
    const field = saved.field ? offerFormPath(saved.field) : null;
    if (field) setErrors({ [field]: saved.message });
    else setServerError(saved.message);
  };

  const noSupplierLeft = !offer && options.length === 0;

  return (
    <Dialog
      open
      title={offer ? `Edit ${offer.supplierName}’s offer` : 'Add a supplier offer'}
      onClose={() => { if (!busy) onClose(); }}
      testId="offer-dialog"
      initialFocus={offer ? '[name="supplierSku"]' : '[name="supplierId"]'}
      footer={(
        <>
          <button type="button" className="button" data-testid="offer-cancel" onClick={onClose} disabled={busy}>Cancel</button>
          <button type="button" className="button button-primary" data-testid="offer-save" onClick={() => void save()} disabled={busy || noSupplierLeft}>
            {busy ? 'Saving…' : 'Save offer'}
          </button>
        </>
      )}
    >
      <p className="muted">
        For <span className="mono">{variant.sku}</span> · {variant.title} · sells at {formatMoney(variant.retailPrice)}
      </p>
      {noSupplierLeft ? (
        <Message tone="info" testId="offer-no-supplier">
          {suppliers?.length === 0 ? 'Add a supplier first (Suppliers in the menu); then come back to give this variant its offer.' : 'Every supplier already has an offer for this variant: edit one of them instead.'}
        </Message>
      ) : (
        <form noValidate className="offer-form" onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}>
          <div className="grid grid-2">
            <SelectField path="supplierId" label="Supplier" required value={values.supplierId} onValueChange={set('supplierId')} error={errors.supplierId}
              options={options} placeholder={offer ? undefined : 'Choose a supplier…'} disabled={Boolean(offer)} />
            <TextField path="supplierSku" label="Supplier’s SKU" required value={values.supplierSku} onValueChange={set('supplierSku')} error={errors.supplierSku}
              autoComplete="off" spellCheck={false} hint="As it appears in the supplier’s stock file" />
          </div>
          <div className="grid grid-2">
            <TextField path="cost" label={`Cost${currency ? ` (${currency})` : ''}`} required inputMode="decimal" value={values.cost} onValueChange={set('cost')} error={errors.cost}
              autoComplete="off" placeholder="0.00"
              hint={previewMargin !== null ? `Margin ${previewMargin}% at the retail price` : currency ? undefined : 'Choose the supplier first: cost is in its currency'} />
            <TextField path="stock" label="Stock" required inputMode="numeric" value={values.stock} onValueChange={set('stock')} error={errors.stock} autoComplete="off" />
          </div>
          <div className="grid grid-2">
            <TextField path="leadTimeDays" label="Lead time (days)" inputMode="numeric" value={values.leadTimeDays} onValueChange={set('leadTimeDays')} error={errors.leadTimeDays}
              autoComplete="off" placeholder={supplier ? String(supplier.leadTimeDays) : ''} hint="Empty: the supplier’s usual lead time" />
            <TextField path="priority" label="Priority" required inputMode="numeric" value={values.priority} onValueChange={set('priority')} error={errors.priority}
              autoComplete="off" hint="1 is tried first; routing falls back down the list" />
          </div>
          {/* Enter in a field saves. */}
          <button type="submit" hidden tabIndex={-1} aria-hidden="true" />
        </form>
      )}
      {serverError && <Message testId="offer-error">{serverError}</Message>}
    </Dialog>
  );
}

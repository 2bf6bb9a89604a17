import '../orders.css';
import { useMemo } from 'react';
import { formatMoney, type Money } from '../../../../src-shared/domain/money';
import { MAX_LINES } from '../../../../src-shared/schemas/order-input';
import { SelectField, TextAreaField, TextField } from '../../../components/Field';
import { FormSummary } from '../../../components/FormSummary';
import { Message } from '../../../components/Message';
import { CloseIcon, PlusIcon } from '../../../components/Icons';
import { modKey } from '../../../components/format';
import { countrySelectOptions, currencyOptions } from '../../../components/options';
import { linkHandler, navigate, paths } from '../../../app/router';
import { useFormScreen } from '../../../app/useFormScreen';
import { liveTotals } from './orderFormModel';
import { useOrderForm } from './orderFormStore';
import { VariantPicker } from './VariantPicker';

const money = (m: Money | null) => (m ? formatMoney(m) : '—');

export function OrderFormScreen({ editId }: { editId?: number }) {
  const form = useOrderForm();
  const { values, errors, status, formError, orderNumber } = form;
  const totals = useMemo(() => liveTotals(values), [values]);
  const saving = status === 'saving';

  const save = async (mode: 'draft' | 'submit') => {
    const saved = await useOrderForm.getState().save(mode);
    if (saved) navigate(paths.order(saved.id), { replace: true, force: true });
  };
  // Ctrl/Cmd+S saves the draft, Ctrl/Cmd+Enter submits.
  const { formRef, summaryRef } = useFormScreen({
    id: editId,
    load: (id) => {
      if (id === undefined) useOrderForm.getState().startNew();
      else void useOrderForm.getState().startEdit(id);
    },
    isDirty: () => useOrderForm.getState().isDirty(),
    focusRequest: form.focusRequest,
    save: () => save('draft'),
    submit: () => save('submit'),
  });

  const title = editId === undefined ? 'New order' : `Edit draft ${orderNumber ?? ''}`.trim();

  if (status === 'loading' || status === 'idle') {
    return <div className="screen"><p className="loading" aria-busy="true">Loading the draft…</p></div>;
  }
  if (status === 'loadFailed') {
    return (
      <div className="screen">
        <h1>{title}</h1>
        <Message testId="form-error" action={<a className="button" href={paths.orders()} onClick={linkHandler(paths.orders())}>Back to orders</a>}>
          {formError}
        </Message>
      </div>
    );
  }
  if (status === 'notDraft' && editId !== undefined) {
    return (
      <div className="screen">
        <h1>{title}</h1>
        <Message tone="info" testId="form-not-draft" action={<a className="button" href={paths.order(editId)} onClick={linkHandler(paths.order(editId))}>Open the order</a>}>
          Order {orderNumber} has been submitted, so it can no longer be edited as a draft.
        </Message>
      </div>
    );
  }

  const set = (path: string) => (value: string) => form.setField(path, value);
  const err = (path: string) => errors[path];

  return (
    <div className="screen screen-form">
      <form
        ref={formRef}
        className="order-form"
        noValidate
        aria-labelledby="order-form-title"
        data-testid="order-form"
        onSubmit={(event) => {
          event.preventDefault();
          void save('submit');
        }}
      >
        <header className="screen-header">
          <div>
            <h1 id="order-form-title">{title}</h1>
            <p className="screen-subtitle">
              A draft can be saved incomplete. Submitting checks everything: fields marked <span aria-hidden="true">*</span> are needed.
            </p>
          </div>
        </header>

        <FormSummary summaryRef={summaryRef} errors={errors} formError={formError}
          what={`the order can be ${form.checkedAs === 'submit' ? 'submitted' : 'saved'}`} />

        <section className="card" aria-labelledby="sec-customer">
          <h2 id="sec-customer" className="card-title">Customer</h2>
          <div className="grid grid-3">
            <TextField path="customer.name" label="Name" required value={values.customer.name} onValueChange={set('customer.name')} error={err('customer.name')} autoComplete="off" />
            <TextField path="customer.email" label="E-mail" required type="email" value={values.customer.email} onValueChange={set('customer.email')} error={err('customer.email')} autoComplete="off" />
            <TextField path="customer.phone" label="Phone" type="tel" value={values.customer.phone} onValueChange={set('customer.phone')} error={err('customer.phone')} autoComplete="off" hint="Optional, with country code if abroad" />
          </div>
        </section>

        <section className="card" aria-labelledby="sec-address">
          <h2 id="sec-address" className="card-title">Shipping address</h2>
          <div className="grid grid-2">
            <TextField path="shippingAddress.line1" label="Address line 1" required value={values.shippingAddress.line1} onValueChange={set('shippingAddress.line1')} error={err('shippingAddress.line1')} autoComplete="off" />
            <TextField path="shippingAddress.line2" label="Address line 2" value={values.shippingAddress.line2} onValueChange={set('shippingAddress.line2')} error={err('shippingAddress.line2')} autoComplete="off" />
          </div>
          <div className="grid grid-4">
            <TextField path="shippingAddress.city" label="City" required value={values.shippingAddress.city} onValueChange={set('shippingAddress.city')} error={err('shippingAddress.city')} autoComplete="off" />
            <TextField path="shippingAddress.region" label="Region / state" value={values.shippingAddress.region} onValueChange={set('shippingAddress.region')} error={err('shippingAddress.region')} autoComplete="off" />
            <TextField path="shippingAddress.postcode" label="Postcode" value={values.shippingAddress.postcode} onValueChange={set('shippingAddress.postcode')} error={err('shippingAddress.postcode')} autoComplete="off" />
            <SelectField path="shippingAddress.country" label="Country" required value={values.shippingAddress.country} onValueChange={set('shippingAddress.country')} error={err('shippingAddress.country')} options={countrySelectOptions()} placeholder="Choose a country…" />
          </div>
        </section>

        <section className="card" aria-labelledby="sec-lines">
          <div className="card-title-row">
            <h2 id="sec-lines" className="card-title">Items</h2>
            <SelectField className="field-inline" path="currency" label="Currency" value={values.currency} onValueChange={set('currency')} error={err('currency')} options={currencyOptions()} />
          </div>
          <div className="lines" role="table" aria-label="Order lines">
            <div className="line line-head" role="row" hidden={values.lines.length === 0}>
              <span role="columnheader">Item<span aria-hidden="true"> *</span></span>
              <span role="columnheader">SKU</span>
              <span role="columnheader">Qty</span>
              <span role="columnheader">Unit price ({values.currency})</span>
              <span role="columnheader" className="num">Line total</span>
              <span role="columnheader"><span className="visually-hidden">Remove</span></span>
            </div>
            {values.lines.map((line, i) => (
              <div className="line" role="row" key={line.key} data-testid="order-line">
                <VariantPicker index={i} title={line.title} variantId={line.variantId} sku={line.sku} error={err(`lines.${i}.title`)}
                  onTitle={set(`lines.${i}.title`)} onPick={(option) => form.pickVariant(i, option)} onUnlink={() => form.unlinkVariant(i)} />
                <TextField hideLabel path={`lines.${i}.sku`} label={`Line ${i + 1} SKU`} value={line.sku} onValueChange={set(`lines.${i}.sku`)} error={err(`lines.${i}.sku`)} autoComplete="off" />
                <TextField hideLabel path={`lines.${i}.quantity`} label={`Line ${i + 1} quantity`} required inputMode="numeric" value={line.quantity} onValueChange={set(`lines.${i}.quantity`)} error={err(`lines.${i}.quantity`)} autoComplete="off" />
                <TextField hideLabel path={`lines.${i}.unitPrice`} label={`Line ${i + 1} unit price`} required inputMode="decimal" value={line.unitPrice} onValueChange={set(`lines.${i}.unitPrice`)} error={err(`lines.${i}.unitPrice`)} placeholder="0.00" autoComplete="off"
                  hint={form.priceNotes[line.key]} />
                <span className="num line-total" data-testid={`line-total-${i}`}>{money(totals.lineTotals[i] ?? null)}</span>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Remove line ${i + 1}`}
                  title="Remove line"
                  data-testid={`remove-line-${i}`}
                  onClick={() => form.removeLine(i)}
                >
                  <CloseIcon size={14} />
                </button>
              </div>
            ))}
          </div>
          {err('lines') && <p className="field-error" id="f-lines-error" data-testid="error-lines">{err('lines')}</p>}
          <div className="lines-footer">
            <button type="button" className="button" data-testid="add-line" onClick={form.addLine} disabled={values.lines.length >= MAX_LINES}
              aria-describedby={err('lines') ? 'f-lines-error' : undefined}>
              <PlusIcon size={14} /> Add line
            </button>
            <dl className="totals" data-testid="form-totals">
              <div><dt>Subtotal</dt><dd data-testid="form-subtotal">{money(totals.subtotal)}</dd></div>
              <div className="totals-shipping">
                <dt aria-hidden="true">Shipping charge</dt>
                <dd>
                  <TextField hideLabel path="shippingCharge" label="Shipping charge" inputMode="decimal" value={values.shippingCharge} onValueChange={set('shippingCharge')} error={err('shippingCharge')} placeholder="0.00" autoComplete="off" />
                </dd>
              </div>
              <div className="totals-total"><dt>Total</dt><dd data-testid="form-total">{money(totals.total)}</dd></div>
            </dl>
          </div>
        </section>

        <section className="card" aria-labelledby="sec-notes">
          <h2 id="sec-notes" className="card-title">Notes</h2>
          <TextAreaField path="notes" label="Notes for the team (not sent to the customer)" value={values.notes} onValueChange={set('notes')} error={err('notes')} rows={3} />
        </section>

        <div className="form-actions">
          <a className="button button-ghost" href={editId === undefined ? paths.orders() : paths.order(editId)}
            onClick={linkHandler(editId === undefined ? paths.orders() : paths.order(editId))} data-testid="form-cancel">
            Back
          </a>
          <span className="form-actions-spacer" />
          {form.isDirty() && <span className="unsaved" data-testid="unsaved-indicator">Unsaved changes</span>}
          <button type="button" className="button" data-testid="save-draft" disabled={saving} onClick={() => void save('draft')}
            title={`Save draft (${modKey()}+S)`}>
            {saving && form.checkedAs === 'draft' ? 'Saving…' : 'Save draft'} <kbd>{modKey()}+S</kbd>
          </button>
          <button type="submit" className="button button-primary" data-testid="submit-order" disabled={saving}
            title={`Submit order (${modKey()}+Enter)`}>
            {saving && form.checkedAs === 'submit' ? 'Submitting…' : 'Submit order'} <kbd>{modKey()}+↵</kbd>
          </button>
        </div>
      </form>
    </div>
  );
}

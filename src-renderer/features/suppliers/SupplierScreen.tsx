import '../catalog/catalog.css';
import './suppliers.css';
import { useEffect } from 'react';
import { SUPPLIER_CHANNELS, type SupplierChannel } from '../../../src-shared/domain/catalog';
import { subscribe } from '../../api/client';
import { linkHandler, navigate, paths } from '../../app/router';
import { useFormScreen } from '../../app/useFormScreen';
import { useApp } from '../../app/appStore';
import { CountryMultiSelect } from '../../components/CountryMultiSelect';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { FormSummary } from '../../components/FormSummary';
import { Message } from '../../components/Message';
import { modKey, plural } from '../../components/format';
import { currencyOptions } from '../../components/options';
import { FeedPanel } from '../feeds/FeedPanel';
import { TrackingFilePanel } from '../fulfillment/TrackingFilePanel';
import { PO_TEMPLATE_SECTIONS, PO_TEMPLATE_TAG_GROUPS } from './poTemplateTags';
import { SupplierStatusBadge } from './SuppliersScreen';
import { SecretField } from './SecretField';
import { useSupplierForm } from './supplierFormStore';
import type { SupplierFormValues } from './supplierFormModel';

const CHANNEL_OPTIONS = SUPPLIER_CHANNELS.map((c) => ({ value: c, label: c === 'email' ? 'E-mail (purchase order by e-mail)' : 'HTTP API' }));
const STATUS_OPTIONS = [{ value: 'active', label: 'Active' }, { value: 'paused', label: 'Paused' }];

export function SupplierScreen({ id }: { id?: number }) {
  const form = useSupplierForm();
  const info = useApp((s) => s.info);
  const { values, errors, status, detail, secrets } = form;
  const saving = status === 'saving';

  // A feed run or another window changes offer counts and the last-feed time: fetch them (unsaved edits stay).
  useEffect(() => {
    if (id === undefined) return undefined;
    return subscribe('catalog.changed', () => void useSupplierForm.getState().refreshDetail());
  }, [id]);

  const save = async () => {
    const saved = await useSupplierForm.getState().save();
    if (saved && id === undefined) navigate(paths.supplier(saved.id), { replace: true, force: true });
  };
  const { formRef, summaryRef } = useFormScreen({
    id,
    load: (id) => {
      if (id === undefined) useSupplierForm.getState().startNew();
      else void useSupplierForm.getState().open(id);
    },
    isDirty: () => useSupplierForm.getState().isDirty(),
    focusRequest: form.focusRequest,
    save,
  });

  const back = (
    <a className="back-link" href={paths.suppliers()} onClick={linkHandler(paths.suppliers())} data-testid="back-to-suppliers">← Suppliers</a>
  );

  if (status === 'loading' || status === 'idle') {
    return <div className="screen">{back}<p className="loading" aria-busy="true">Loading the supplier…</p></div>;
  }
  if (status === 'loadFailed') {
    return (
      <div className="screen">
        {back}
        <Message testId="supplier-load-error" action={id !== undefined ? <button type="button" className="button" onClick={() => void form.open(id)}>Try again</button> : undefined}>
          {form.formError}
        </Message>
      </div>
    );
  }

  const set = <K extends keyof SupplierFormValues>(field: K) => (value: SupplierFormValues[K]) => form.setField(field, value);
  const err = (path: string) => errors[path];
  const title = detail ? detail.name : 'New supplier';
  const keyFile = info?.secretProtection === 'key-file';

  return (
    <div className="screen screen-form screen-catalog-form">
      {back}
      <header className="screen-header">
        <div>
          <div className="detail-title">
            <h1 id="supplier-form-title" data-testid="supplier-title">{title}</h1>
            {detail && <SupplierStatusBadge status={detail.status} />}
          </div>
          <p className="screen-subtitle">
            {detail
              ? `${plural(detail.offerCount, 'offer')} · ${detail.channel === 'api' ? 'takes orders by API' : 'takes orders by e-mail'}`
              : 'Who you buy from, how they take orders, and where they ship.'}
          </p>
        </div>
      </header>
      {detail && <FeedPanel supplier={detail} />}
      {detail && <TrackingFilePanel supplier={detail} />}
      <form
        ref={formRef}
        className="supplier-form"
        noValidate
        aria-label={detail ? `${detail.name}: details` : 'New supplier'}
        data-testid="supplier-form"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >

        <FormSummary summaryRef={summaryRef} errors={errors} formError={form.formError} notice={form.notice} noticeTestId="supplier-notice" what="the supplier can be saved" />

        <section className="card" aria-labelledby="sec-supplier">
          <h2 id="sec-supplier" className="card-title">{detail ? 'Supplier details' : 'Supplier'}</h2>
          <div className="grid grid-4">
            <TextField className="span-2" path="name" label="Name" required value={values.name} onValueChange={set('name')} error={err('name')} autoComplete="off" maxLength={200} />
            <SelectField path="status" label="Status" value={values.status} onValueChange={(v) => form.setField('status', v as SupplierFormValues['status'])} error={err('status')} options={STATUS_OPTIONS}
              hint={values.status === 'paused' ? 'Routing skips a paused supplier' : 'Orders can be routed to it'} />
            <SelectField path="currency" label="Currency" required value={values.currency} onValueChange={set('currency')} error={err('currency')} options={currencyOptions()}
              hint="Costs in its offers and files" />
          </div>
          <div className="grid grid-4">
            <TextField path="contactName" label="Contact name" value={values.contactName} onValueChange={set('contactName')} error={err('contactName')} autoComplete="off" />
            <TextField path="contactEmail" label="Contact e-mail" type="email" value={values.contactEmail} onValueChange={set('contactEmail')} error={err('contactEmail')} autoComplete="off" />
            <TextField path="contactPhone" label="Contact phone" type="tel" value={values.contactPhone} onValueChange={set('contactPhone')} error={err('contactPhone')} autoComplete="off" />
            <TextField path="leadTimeDays" label="Lead time (days)" required inputMode="numeric" value={values.leadTimeDays} onValueChange={set('leadTimeDays')} error={err('leadTimeDays')} autoComplete="off"
              hint="Days from order to dispatch" />
          </div>
        </section>

        <section className="card" aria-labelledby="sec-ships">
          <h2 id="sec-ships" className="card-title">Ships to</h2>
          <CountryMultiSelect path="shipsTo" label="Countries this supplier delivers to" value={values.shipsTo} onValueChange={set('shipsTo')} error={err('shipsTo')}
            emptyText="Ships everywhere" hint="Empty means the supplier ships everywhere. Routing skips a supplier that does not ship to the order’s country." />
        </section>

        <section className="card" aria-labelledby="sec-channel">
          <h2 id="sec-channel" className="card-title">How it takes orders</h2>
          <div className="grid grid-2">
            <SelectField path="channel" label="Channel" required value={values.channel} onValueChange={(v) => form.setField('channel', v as SupplierChannel)} error={err('channel')} options={CHANNEL_OPTIONS} />
          </div>
          {values.channel === 'email' ? (
            <>
              <div className="grid grid-2">
                <TextField path="orderEmail" label="Order e-mail" required type="email" value={values.orderEmail} onValueChange={set('orderEmail')} error={err('orderEmail')} autoComplete="off"
                  hint="Purchase orders are sent to this address, from the shop's own mail server (Settings → Shop and e-mail)" />
              </div>
              <div className="template-fields">
                <TextField path="poSubject" label="Purchase order subject" value={values.poSubject} onValueChange={set('poSubject')} error={err('poSubject')}
                  autoComplete="off" spellCheck={false} maxLength={500} placeholder="Purchase order {{poNumber}} from {{shop.name}}"
                  hint="Leave empty for the desk’s standard subject." />
                <TextAreaField path="poTemplate" label="Purchase order template (plain text)" value={values.poTemplate} onValueChange={set('poTemplate')} error={err('poTemplate')} rows={6}
                  className="template-field" spellCheck={false}
                  placeholder="The text of the e-mail the supplier receives with each purchase order" hint="Leave empty to use the desk’s standard purchase order." />
                <TextAreaField path="poHtml" label="Purchase order HTML" value={values.poHtml} onValueChange={set('poHtml')} error={err('poHtml')} rows={6}
                  className="template-field" spellCheck={false}
                  placeholder="<p>Purchase order {{poNumber}}</p>"
                  hint="The same e-mail for mail programs that show HTML. Leave empty for the desk’s standard layout. Values are escaped; a tag may stand in text only, not inside <…> (an href, a style)." />
                <TemplateTagsHelp />
              </div>
            </>
          ) : (
            <div className="grid grid-2">
              <TextField path="apiBaseUrl" label="API address" required type="url" value={values.apiBaseUrl} onValueChange={set('apiBaseUrl')} error={err('apiBaseUrl')} autoComplete="off"
                placeholder="https://api.supplier.example/v1" spellCheck={false} hint="https:// (http:// only for this computer)" />
              <SecretField path="apiKey" label="API key" stored={detail?.hasApiKey ?? false} change={secrets.apiKey}
                onChange={(c) => form.setSecret('apiKey', c)} error={err('apiKey')} supplierName={values.name} />
            </div>
          )}
          {keyFile && (
            <Message tone="info" testId="secret-protection-note">
              In this browser version of the desk, credentials are encrypted with a key kept in the desk’s data folder
              ({info?.dataDir}). That is weaker than the desktop app, which uses your computer’s keychain: anyone who can
              copy the whole data folder can read them.
            </Message>
          )}
        </section>

        <section className="card" aria-labelledby="sec-notes">
          <h2 id="sec-notes" className="card-title">Notes</h2>
          <TextAreaField path="notes" label="Notes for the team" value={values.notes} onValueChange={set('notes')} error={err('notes')} rows={3} />
        </section>

        <div className="form-actions">
          <a className="button button-ghost" href={paths.suppliers()} onClick={linkHandler(paths.suppliers())} data-testid="form-cancel">Back</a>
          <span className="form-actions-spacer" />
          {form.isDirty() && <span className="unsaved" data-testid="unsaved-indicator">Unsaved changes</span>}
          <button type="submit" className="button button-primary" data-testid="save-supplier" disabled={saving} title={`Save (${modKey()}+S)`}>
            {saving ? 'Saving…' : id === undefined ? 'Add supplier' : 'Save supplier'} <kbd>{modKey()}+S</kbd>
          </button>
        </div>
      </form>

      {!detail && (
        <section className="card card-muted" data-testid="feed-after-save">
          <h2 className="card-title">Stock &amp; price feed</h2>
          <p className="muted">Save the supplier first; then you can import its stock and price files here.</p>
        </section>
      )}
    </div>
  );
}

/** The tags a template may use, folded away until wanted. */
function TemplateTagsHelp() {
  return (
    <details className="template-help" data-testid="po-template-help">
      <summary>Tags you can use in the subject and templates</summary>
      <p className="muted small">
        Write a tag in double braces, for example <code>{'{{poNumber}}'}</code>, <code>{'{{orderNumber}}'}</code>, <code>{'{{shop.name}}'}</code>;
        repeat a part for every line with <code>{'{{#lines}}'}</code>…<code>{'{{/lines}}'}</code>. Saving checks the templates and names any unknown tag.
      </p>
      <dl className="template-tags">
        {PO_TEMPLATE_TAG_GROUPS.map((group) => (
          <div key={group.title}>
            <dt>{group.title}</dt>
            <dd>{group.tags.map((tag) => <code key={tag}>{`{{${tag}}}`}</code>)}</dd>
          </div>
        ))}
        <div>
          <dt>Sections</dt>
          <dd>{PO_TEMPLATE_SECTIONS.map((section) => <code key={section}>{section}</code>)}</dd>
        </div>
      </dl>
    </details>
  );
}

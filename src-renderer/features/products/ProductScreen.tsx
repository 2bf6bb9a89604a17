import '../catalog/catalog.css';
import { useEffect, useState } from 'react';
import { LIFE_STAGES, SPECIES, type OfferView, type ProductView, type VariantView } from '../../../src-shared/domain/catalog';
import { formatMoney } from '../../../src-shared/domain/money';
import { subscribe } from '../../api/client';
import { linkHandler, navigate, paths } from '../../app/router';
import { useFormScreen } from '../../app/useFormScreen';
import { Dialog } from '../../components/Dialog';
import { FormSummary } from '../../components/FormSummary';
import { SelectField, TextField } from '../../components/Field';
import { CloseIcon, PlusIcon } from '../../components/Icons';
import { Message } from '../../components/Message';
import { RelativeTime } from '../../components/RelativeTime';
import { StockBadge } from '../../components/StockBadge';
import { modKey, plural } from '../../components/format';
import { currencyCodeOptions } from '../../components/options';
import { formatMargin, LIFE_STAGE_LABELS, marginTone, offersByPriority, SPECIES_LABELS } from '../catalog/catalogModel';
import { useMarginThreshold } from '../catalog/settingsStore';
import { ensureSuppliers, useSuppliers } from '../suppliers/suppliersStore';
import { OfferDialog } from './OfferDialog';
import { MarginCell } from './ProductsScreen';
import { useProductForm } from './productFormStore';

const speciesOptions = SPECIES.map((s) => ({ value: s, label: SPECIES_LABELS[s] }));
const lifeStageOptions = LIFE_STAGES.map((s) => ({ value: s, label: LIFE_STAGE_LABELS[s] }));

export function ProductScreen({ id }: { id?: number }) {
  const form = useProductForm();
  const [removing, setRemoving] = useState<number | null>(null);
  const { values, errors, status, product } = form;
  const saving = status === 'saving';

  useEffect(() => {
    ensureSuppliers();
    if (id === undefined) return undefined;
    return subscribe('catalog.changed', () => void useProductForm.getState().refresh());
  }, [id]);

  const save = async () => {
    const saved = await useProductForm.getState().save();
    if (saved && id === undefined) navigate(paths.product(saved.id), { replace: true, force: true });
  };
  const { formRef, summaryRef } = useFormScreen({
    id,
    load: (id) => {
      if (id === undefined) useProductForm.getState().startNew();
      else void useProductForm.getState().open(id);
    },
    isDirty: () => useProductForm.getState().isDirty(),
    focusRequest: form.focusRequest,
    save,
  });

  const back = <a className="back-link" href={paths.products()} onClick={linkHandler(paths.products())} data-testid="back-to-products">← Products</a>;

  if (status === 'loading' || status === 'idle') return <div className="screen">{back}<p className="loading" aria-busy="true">Loading the product…</p></div>;
  if (status === 'notFound') {
    return (
      <div className="screen">
        {back}
        <Message testId="product-not-found">There is no product {id}. It may have been removed in another window.</Message>
      </div>
    );
  }
  if (status === 'loadFailed') {
    return (
      <div className="screen">
        {back}
        <Message testId="product-load-error" action={id !== undefined ? <button type="button" className="button" onClick={() => void form.open(id)}>Try again</button> : undefined}>
          {form.formError}
        </Message>
      </div>
    );
  }

  const err = (path: string) => errors[path];
  const removingVariant = removing === null ? undefined : values.variants[removing];

  const removeVariant = (index: number) => {
    const variant = values.variants[index];
    if (!variant || variant.id !== null) return;
    const blank = variant.sku.trim() === '' && variant.title.trim() === '' && variant.retailPrice.trim() === '';
    // Typed details are discarded only after confirming.
    if (blank) form.removeVariant(index);
    else setRemoving(index);
  };

  return (
    <div className="screen screen-form screen-catalog-form">
      {back}
      <form ref={formRef} className="product-form" noValidate aria-labelledby="product-form-title" data-testid="product-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}>
        <header className="screen-header">
          <div>
            <h1 id="product-form-title" data-testid="product-title">{product ? product.title : 'New product'}</h1>
            <p className="screen-subtitle">
              {product ? `${plural(product.variants.length, 'variant')} · ${plural(product.variants.reduce((n, v) => n + v.offers.length, 0), 'supplier offer')}` : 'A product and the variants you sell it in. Supplier offers come after saving.'}
            </p>
          </div>
        </header>

        <FormSummary summaryRef={summaryRef} errors={errors} formError={form.formError} notice={form.notice} noticeTestId="product-notice" what="the product can be saved" />

        <section className="card" aria-labelledby="sec-product">
          <h2 id="sec-product" className="card-title">Product</h2>
          <div className="grid grid-4">
            <TextField className="span-2" path="product.title" label="Title" required value={values.product.title} onValueChange={(v) => form.setProductField('title', v)}
              error={err('product.title')} autoComplete="off" placeholder="e.g. Grain-free adult dog food, salmon" />
            <TextField path="product.brand" label="Brand" value={values.product.brand} onValueChange={(v) => form.setProductField('brand', v)} error={err('product.brand')} autoComplete="off" />
            <div className="grid grid-2 grid-tight">
              <SelectField path="product.species" label="Species" required value={values.product.species} onValueChange={(v) => form.setProductField('species', v)}
                error={err('product.species')} options={speciesOptions} placeholder="Choose…" />
              <SelectField path="product.lifeStage" label="Life stage" value={values.product.lifeStage} onValueChange={(v) => form.setProductField('lifeStage', v)}
                error={err('product.lifeStage')} options={lifeStageOptions} />
            </div>
          </div>
        </section>

        <section className="card" aria-labelledby="sec-variants">
          <h2 id="sec-variants" className="card-title">Variants</h2>
          <div className="variants-edit" role="table" aria-label="Variants">
            <div className="variant-edit variant-edit-head" role="row">
              <span role="columnheader">SKU<span aria-hidden="true"> *</span></span>
              <span role="columnheader">Variant title<span aria-hidden="true"> *</span></span>
              <span role="columnheader">Size</span>
              <span role="columnheader">Weight (g)</span>
              <span role="columnheader">Flavour</span>
              <span role="columnheader">Retail price<span aria-hidden="true"> *</span></span>
              <span role="columnheader">Currency</span>
              <span role="columnheader"><span className="visually-hidden">Remove</span></span>
            </div>
            {values.variants.map((v, i) => {
              const p = (field: string) => `variants.${i}.${field}`;
              return (
                <div className="variant-edit" role="row" key={v.key} data-testid="variant-edit-row">
                  <TextField hideLabel path={p('sku')} label={`Variant ${i + 1} SKU`} required value={v.sku} onValueChange={(x) => form.setVariantField(i, 'sku', x)} error={err(p('sku'))} autoComplete="off" spellCheck={false} />
                  <TextField hideLabel path={p('title')} label={`Variant ${i + 1} title`} required value={v.title} onValueChange={(x) => form.setVariantField(i, 'title', x)} error={err(p('title'))} autoComplete="off" placeholder="e.g. Salmon 2 kg" />
                  <TextField hideLabel path={p('size')} label={`Variant ${i + 1} size`} value={v.size} onValueChange={(x) => form.setVariantField(i, 'size', x)} error={err(p('size'))} autoComplete="off" />
                  <TextField hideLabel path={p('weightG')} label={`Variant ${i + 1} weight in grams`} inputMode="numeric" value={v.weightG} onValueChange={(x) => form.setVariantField(i, 'weightG', x)} error={err(p('weightG'))} autoComplete="off" />
                  <TextField hideLabel path={p('flavour')} label={`Variant ${i + 1} flavour`} value={v.flavour} onValueChange={(x) => form.setVariantField(i, 'flavour', x)} error={err(p('flavour'))} autoComplete="off" />
                  <TextField hideLabel path={p('retailPrice')} label={`Variant ${i + 1} retail price`} required inputMode="decimal" value={v.retailPrice} onValueChange={(x) => form.setVariantField(i, 'retailPrice', x)} error={err(p('retailPrice'))} autoComplete="off" placeholder="0.00" />
                  <SelectField hideLabel path={p('currency')} label={`Variant ${i + 1} currency`} value={v.currency} onValueChange={(x) => form.setVariantField(i, 'currency', x)} error={err(p('currency'))} options={currencyCodeOptions()} />
                  {v.id === null ? (
                    <button type="button" className="icon-button" aria-label={`Remove variant ${i + 1}`} title="Remove variant" data-testid={`remove-variant-${i}`} onClick={() => removeVariant(i)}>
                      <CloseIcon size={14} />
                    </button>
                  ) : <span className="variant-saved-mark" title="Saved variant: orders and offers refer to it, so it stays in the catalog" aria-hidden="true" />}
                </div>
              );
            })}
          </div>
          {err('variants') && <p className="field-error" data-testid="error-variants">{err('variants')}</p>}
          <div className="lines-footer">
            <button type="button" className="button" data-testid="add-variant" onClick={form.addVariant} disabled={values.variants.length >= 200}>
              <PlusIcon size={14} /> Add variant
            </button>
          </div>
        </section>

        <div className="form-actions">
          <a className="button button-ghost" href={paths.products()} onClick={linkHandler(paths.products())} data-testid="form-cancel">Back</a>
          <span className="form-actions-spacer" />
          {form.isDirty() && <span className="unsaved" data-testid="unsaved-indicator">Unsaved changes</span>}
          <button type="submit" className="button button-primary" data-testid="save-product" disabled={saving} title={`Save (${modKey()}+S)`}>
            {saving ? 'Saving…' : 'Save product'} <kbd>{modKey()}+S</kbd>
          </button>
        </div>
      </form>

      {product ? <Offers product={product} /> : (
        <section className="card card-muted" data-testid="offers-after-save">
          <h2 className="card-title">Supplier offers</h2>
          <p className="muted">Save the product first; then add which suppliers can ship each variant, at what cost.</p>
        </section>
      )}

      <Dialog
        open={removingVariant !== undefined}
        title={`Remove variant ${removingVariant?.sku.trim() || (removing ?? 0) + 1}?`}
        tone="danger"
        testId="remove-variant-dialog"
        onClose={() => setRemoving(null)}
        initialFocus='[data-testid="remove-variant-cancel"]'
        footer={(
          <>
            <button type="button" className="button" data-testid="remove-variant-cancel" onClick={() => setRemoving(null)}>Keep it</button>
            <button type="button" className="button button-danger" data-testid="remove-variant-confirm" onClick={() => {
              if (removing !== null) form.removeVariant(removing);
              setRemoving(null);
            }}>Remove variant</button>
          </>
        )}
      >
        <p>The details typed for this variant are discarded. It has not been saved yet, so nothing else changes.</p>
      </Dialog>
    </div>
  );
}

function Offers({ product }: { product: ProductView }) {
  const suppliers = useSuppliers((s) => s.suppliers);
  const threshold = useMarginThreshold();
  const [target, setTarget] = useState<{ variant: VariantView; offer: OfferView | null } | null>(null);
  const saveOffer = useProductForm((s) => s.saveOffer);

  return (
    <section className="card" aria-labelledby="sec-offers" data-testid="offers">
      <h2 id="sec-offers" className="card-title">Supplier offers</h2>
      <p className="muted small offers-intro">Routing tries offers by priority (1 first) and takes the first supplier with enough stock that ships to the order’s country.</p>
      {product.variants.map((v) => (
        <div key={v.id} className="variant-offers" data-testid="variant-offers" data-variant-id={v.id}>
          <div className="variant-offers-head">
            <span className="mono strong">{v.sku}</span>
            <span>{v.title}</span>
            <span className="muted">{formatMoney(v.retailPrice)}</span>
            <StockBadge level={v.stockLevel} stock={v.totalStock} />
            <span className="muted small">Margin <MarginCell variant={v} threshold={threshold} /></span>
            <button type="button" className="button button-small variant-offers-add" data-testid="add-offer" onClick={() => setTarget({ variant: v, offer: null })}>
              <PlusIcon size={12} /> Add offer
            </button>
          </div>
          {v.offers.length === 0 ? (
            <p className="muted offers-empty" data-testid="no-offers">No supplier offers this variant yet: add one so orders for it can be routed.</p>
          ) : (
            <div className="table-wrap">
              <table className="data-table data-table-compact offers-table">
                <thead>
                  <tr>
                    <th scope="col" className="num">Priority</th>
                    <th scope="col">Supplier</th>
                    <th scope="col">Supplier SKU</th>
                    <th scope="col" className="num">Cost</th>
                    <th scope="col" className="num">Margin</th>
                    <th scope="col" className="num">Stock</th>
                    <th scope="col" className="num">Lead time</th>
                    <th scope="col">Updated</th>
                    <th scope="col"><span className="visually-hidden">Actions</span></th>
                  </tr>
                </thead>
                <tbody>
                  {offersByPriority(v.offers).map((o) => {
                    const supplier = suppliers?.find((s) => s.id === o.supplierId);
                    const lead = o.leadTimeDays ?? supplier?.leadTimeDays;
                    return (
                      <tr key={o.supplierId} data-testid="offer-row" data-supplier-id={o.supplierId}>
                        <td className="num">{o.priority}</td>
                        <td>
                          <a href={paths.supplier(o.supplierId)} onClick={linkHandler(paths.supplier(o.supplierId))}>{o.supplierName}</a>
                          {supplier?.status === 'paused' && <span className="muted small"> (paused)</span>}
                        </td>
                        <td className="mono">{o.supplierSku}</td>
                        <td className="num">{formatMoney(o.cost)}</td>
                        <td className="num"><span className={`margin margin-${marginTone(o.marginPercent, threshold)}`}>{formatMargin(o.marginPercent)}</span></td>
                        <td className="num" data-testid="offer-stock">{o.stock.toLocaleString()}</td>
                        <td className="num">
                          {lead === undefined ? '—' : o.leadTimeDays === null
                            ? <span className="muted" title="The supplier’s usual lead time (this offer has none of its own)">{plural(lead, 'day')}</span>
                            : plural(lead, 'day')}
                        </td>
                        <td><RelativeTime iso={o.updatedAt} /></td>
                        <td className="num">
                          <button type="button" className="button button-small" data-testid="edit-offer" aria-label={`Edit ${o.supplierName}’s offer for ${v.sku}`}
                            onClick={() => setTarget({ variant: v, offer: o })}>Edit</button>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </div>
      ))}
      <OfferDialog target={target} suppliers={suppliers} onClose={() => setTarget(null)} onSave={saveOffer} />
    </section>
  );
}

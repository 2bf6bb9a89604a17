import '../orders.css';
import '../../processing/processing.css';
import { useEffect, useState } from 'react';
import { countryName } from '../../../../src-shared/domain/countries';
import { formatMoney } from '../../../../src-shared/domain/money';
import type { OrderDetail, OrderLine } from '../../../../src-shared/domain/order';
import { canCancel } from '../../../../src-shared/domain/stage';
import { subscribe } from '../../../api/client';
import { linkHandler, navigate, paths } from '../../../app/router';
import { TruckIcon, WarningIcon } from '../../../components/Icons';
import { Message } from '../../../components/Message';
import { StageBadge } from '../../../components/StageBadge';
import { formatDateTime, humanize } from '../../../components/format';
import { CancelDialog } from './CancelDialog';
import { ChangeSupplierDialog } from './ChangeSupplierDialog';
import { reasonAfterName } from './lineSupplierText';
import { SupplierOrdersPanel } from '../../dispatch/SupplierOrdersPanel';
import { NotificationsPanel } from '../../fulfillment/NotificationsPanel';
import { ShipmentsPanel } from '../../fulfillment/ShipmentsPanel';
import { ChecklistPanel } from '../../processing/ChecklistPanel';
import { HoldsPanel } from '../../processing/HoldsPanel';
import { NextStepPanel } from '../../processing/NextStepPanel';
import { PaymentsPanel } from '../../processing/PaymentsPanel';
import { TakePaymentDialog } from '../../processing/TakePaymentDialog';
import { useOrderForm } from '../form/orderFormStore';
import { useOrderDetail } from './orderDetailStore';

/** Where an imported order came from, before the storefront's own number. */
const SOURCE_LABELS: Record<string, string> = { shopify: 'Shopify', woocommerce: 'WooCommerce', csv: 'File' };

export function OrderDetailScreen({ id }: { id: number }) {
  const { order, loading, loadError, busy, actionError, notice, submit, cancel, reload, setLineSupplier } = useOrderDetail();
  const [cancelOpen, setCancelOpen] = useState(false);
  const [supplierLineId, setSupplierLineId] = useState<number | null>(null);
  const [payOpen, setPayOpen] = useState(false);

  useEffect(() => {
    void useOrderDetail.getState().open(id);
    return subscribe('orders.changed', (change) => {
      if (change.ids.length === 0 || change.ids.includes(id)) void useOrderDetail.getState().reload();
    });
  }, [id]);

  const back = (
    <a className="back-link" href={paths.orders()} onClick={linkHandler(paths.orders())} data-testid="back-to-orders">
      ← Orders
    </a>
  );

  if (!order || order.id !== id) {
    return (
      <div className="screen">
        {back}
        {loadError
          ? <Message testId="order-load-error" action={<button type="button" className="button" onClick={() => void reload()}>Try again</button>}>{loadError}</Message>
          : loading && <p className="loading" aria-busy="true">Loading the order…</p>}
      </div>
    );
  }

  const isDraft = order.stage === 'draft';
  const cancellable = canCancel({ cancelled: order.cancelledAt !== null, fulfillmentStatus: order.fulfillmentStatus });

  return (
    <div className="screen screen-detail">
      {back}
      <header className="detail-header">
        <div className="detail-title">
          <h1 data-testid="order-number">{order.number}</h1>
          <StageBadge stage={order.stage} testId="order-stage" />
          {order.storefrontNumber !== null && (
            <span className="muted" data-testid="order-storefront-number">{SOURCE_LABELS[order.source] ?? order.source} {order.storefrontNumber}</span>
          )}
          <span className="muted">Created {formatDateTime(order.createdAt)}</span>
        </div>
        <div className="detail-actions">
          {isDraft && (
            <>
              <a className="button" href={paths.editOrder(order.id)} onClick={linkHandler(paths.editOrder(order.id))} data-testid="edit-order">
                Edit
              </a>
              <button type="button" className="button button-primary" data-testid="submit-draft" disabled={busy !== null} onClick={() => void submit()}>
                {busy === 'submit' ? 'Submitting…' : 'Submit'}
              </button>
            </>
          )}
          {cancellable && (
            <button type="button" className="button button-danger-outline" data-testid="cancel-order" disabled={busy !== null} onClick={() => setCancelOpen(true)}>
              Cancel order…
            </button>
          )}
        </div>
      </header>

      {loadError && <Message testId="order-load-error">{loadError}</Message>}
      {notice && <Message tone="success" testId="order-notice">{notice}</Message>}
      {actionError && (
        <Message
          testId="order-action-error"
          action={actionError.field && isDraft ? (
            <button type="button" className="button" data-testid="fix-draft" onClick={() => {
              useOrderForm.getState().checkOnNextLoad('submit');
              navigate(paths.editOrder(order.id));
            }}>Fix in the draft</button>
          ) : undefined}
        >
          {actionError.message}
        </Message>
      )}

      <NextStepPanel order={order} onTakePayment={() => setPayOpen(true)} />

      <div className="detail-grid">
        <div className="detail-main">
          {!isDraft && <ChecklistPanel order={order} />}
          <Lines order={order} onChangeSupplier={(line) => setSupplierLineId(line.id)} />
          {!isDraft && <PaymentsPanel order={order} onTakePayment={() => setPayOpen(true)} />}
          {order.submittedAt !== null && <SupplierOrdersPanel order={order} />}
          {order.supplierOrders.length > 0 && <ShipmentsPanel order={order} />}
          {order.submittedAt !== null && <NotificationsPanel order={order} />}
          {order.notes && (
            <section className="card" aria-labelledby="d-notes">
              <h2 id="d-notes" className="card-title">Notes</h2>
              <p className="notes" data-testid="order-notes">{order.notes}</p>
            </section>
          )}
          <Timeline order={order} />
        </div>
        <aside className="detail-side">
          <section className="card" aria-labelledby="d-status">
            <h2 id="d-status" className="card-title">Status</h2>
            <dl className="facts">
              <div><dt>Stage</dt><dd><StageBadge stage={order.stage} /></dd></div>
              <div><dt>Payment</dt><dd data-testid="payment-status">{humanize(order.paymentStatus)}</dd></div>
              <div><dt>Fulfillment</dt><dd data-testid="fulfillment-status">{humanize(order.fulfillmentStatus)}</dd></div>
              <div><dt>Source</dt><dd>{humanize(order.source)}</dd></div>
              {order.submittedAt && <div><dt>Submitted</dt><dd>{formatDateTime(order.submittedAt)}</dd></div>}
              {order.cancelledAt && <div><dt>Cancelled</dt><dd data-testid="cancelled-at">{formatDateTime(order.cancelledAt)}</dd></div>}
            </dl>
          </section>
          <HoldsPanel order={order} />
          <section className="card" aria-labelledby="d-customer">
            <h2 id="d-customer" className="card-title">Customer</h2>
            <p className="strong" data-testid="customer-name">{order.customer.name || <span className="muted">No name yet</span>}</p>
            <p data-testid="customer-email">{order.customer.email || <span className="muted">No e-mail yet</span>}</p>
            {order.customer.phone && <p data-testid="customer-phone">{order.customer.phone}</p>}
            {order.billingCountry && (
              <p className="muted small" data-testid="billing-country">Billed in {countryName(order.billingCountry)}</p>
            )}
          </section>
          <section className="card" aria-labelledby="d-address">
            <h2 id="d-address" className="card-title">Shipping address</h2>
            <Address address={order.shippingAddress} />
          </section>
        </aside>
      </div>

      <CancelDialog
        open={cancelOpen}
        orderNumber={order.number}
        busy={busy === 'cancel'}
        onClose={() => setCancelOpen(false)}
        onConfirm={cancel}
      />
      <TakePaymentDialog order={order} open={payOpen} onClose={() => setPayOpen(false)} />
      <ChangeSupplierDialog
        line={order.lines.find((l) => l.id === supplierLineId) ?? null}
        busy={busy === 'supplier'}
        onClose={() => setSupplierLineId(null)}
        onConfirm={setLineSupplier}
      />
    </div>
  );
}

function Address({ address }: { address: OrderDetail['shippingAddress'] }) {
  const cityLine = [address.postcode, address.city].filter(Boolean).join(' ');
  const lines = [address.line1, address.line2, cityLine, address.region, address.country ? countryName(address.country) : ''].filter(Boolean);
  if (lines.length === 0) return <p className="muted">No address yet</p>;
  return (
    <address className="address" data-testid="shipping-address">
      {lines.map((line, i) => <span key={i}>{line}</span>)}
    </address>
  );
}

function LineSupplier({ line, canChange, onChange }: { line: OrderLine; canChange: boolean; onChange(): void }) {
  const missing = line.supplier === null;
  return (
    <div className={`line-supplier${missing ? ' line-supplier-missing' : ''}`} data-testid="line-supplier" data-supplier-id={line.supplier?.id ?? ''}>
      {missing ? <WarningIcon size={14} className="line-supplier-icon" /> : <TruckIcon size={14} className="line-supplier-icon" />}
      <span className="line-supplier-text">
        {line.supplier
          ? <a href={paths.supplier(line.supplier.id)} onClick={linkHandler(paths.supplier(line.supplier.id))} className="line-supplier-name" data-testid="line-supplier-name">{line.supplier.name}</a>
          : <span className="line-supplier-name">No supplier</span>}
        {line.routingReason && <span className="line-routing-reason" data-testid="line-routing-reason"> {reasonAfterName(line)}</span>}
      </span>
      {canChange && (
        <button type="button" className="button button-small line-supplier-change" data-testid="change-supplier" onClick={onChange}
          aria-label={`Change supplier for ${line.title || 'this line'}`}>
          {missing ? 'Choose supplier…' : 'Change supplier…'}
        </button>
      )}
    </div>
  );
}

function Lines({ order, onChangeSupplier }: { order: OrderDetail; onChangeSupplier(line: OrderLine): void }) {
  // Drafts are routed when submitted; a cancelled order goes to nobody; once sent, lines stay with their supplier.
  const routed = order.stage !== 'draft';
  const canChange = routed && order.cancelledAt === null && order.fulfillmentStatus === 'unfulfilled';
  return (
    <section className="card" aria-labelledby="d-lines">
      <h2 id="d-lines" className="card-title">Items</h2>
      {order.lines.length === 0 ? (
        <p className="muted">No lines yet.</p>
      ) : (
        <table className="lines-table">
          <thead>
            <tr><th scope="col">Item</th><th scope="col">SKU</th><th scope="col" className="num">Qty</th><th scope="col" className="num">Unit price</th><th scope="col" className="num">Total</th></tr>
          </thead>
          {order.lines.map((line) => (
            <tbody key={line.id} className={`detail-line-group${routed && line.supplier === null ? ' detail-line-unrouted' : ''}`}>
              <tr data-testid="detail-line" data-line-id={line.id} data-variant-id={line.variantId ?? ''}>
                <td>
                  {line.title || <span className="muted">Untitled</span>}
                  {line.variantId !== null && <span className="catalog-chip catalog-chip-static" title="Linked to a catalog variant">catalog</span>}
                </td>
                <td className="mono">{line.sku || <span className="muted">—</span>}</td>
                <td className="num">{line.quantity}</td>
                <td className="num">{formatMoney(line.unitPrice)}</td>
                <td className="num">{formatMoney(line.lineTotal)}</td>
              </tr>
              {(routed || line.supplier !== null) && (
                <tr className="line-supplier-row">
                  <td colSpan={5}>
                    <LineSupplier line={line} canChange={canChange} onChange={() => onChangeSupplier(line)} />
                  </td>
                </tr>
              )}
            </tbody>
          ))}
        </table>
      )}
      {!routed && order.lines.length > 0 && <p className="muted small" data-testid="routing-after-submit">Suppliers are chosen for each line when the order is submitted.</p>}
      <dl className="totals totals-detail">
        <div><dt>Subtotal</dt><dd data-testid="order-subtotal">{formatMoney(order.subtotal)}</dd></div>
        <div><dt>Shipping</dt><dd data-testid="order-shipping">{formatMoney(order.shippingCharge)}</dd></div>
        {order.taxTotal.amount > 0 && <div><dt>Taxes</dt><dd data-testid="order-taxes">{formatMoney(order.taxTotal)}</dd></div>}
        {order.discountTotal.amount > 0 && <div><dt>Discount</dt><dd data-testid="order-discount">−{formatMoney(order.discountTotal)}</dd></div>}
        <div className="totals-total"><dt>Total</dt><dd data-testid="order-total">{formatMoney(order.total)}</dd></div>
      </dl>
    </section>
  );
}

function Timeline({ order }: { order: OrderDetail }) {
  const events = [...order.timeline].reverse();
  return (
    <section className="card" aria-labelledby="d-timeline">
      <h2 id="d-timeline" className="card-title">Timeline</h2>
      {events.length === 0 ? <p className="muted">Nothing has happened yet.</p> : (
        <ol className="timeline" data-testid="timeline">
          {events.map((event) => (
            <li key={event.id} className={`timeline-entry kind-${event.kind.replace(/[^a-z0-9]+/gi, '-')}`} data-testid="timeline-entry" data-kind={event.kind}>
              <div className="timeline-what">{event.message}</div>
              {event.reason && <div className="timeline-why" data-testid="timeline-reason">Reason: {event.reason}</div>}
              <div className="timeline-meta">
                <time dateTime={event.at}>{formatDateTime(event.at)}</time> · {event.actor}
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

import './fulfillment.css';
import { useState } from 'react';
import type { OrderDetail } from '../../../src-shared/domain/order';
import { useSettings } from '../catalog/settingsStore';
import { SHIPMENT_SOURCE_LABELS, type ShipmentView } from '../../../src-shared/domain/shipments';
import { TRACKING_STATUS_LABELS } from '../../../src-shared/domain/tracking/statuses';
import { markShipmentHandledInput } from '../../../src-shared/schemas/fulfillment-procedures';
import { RelativeTime } from '../../components/RelativeTime';
import { formatDateTime } from '../../components/format';
import { useOrderDetail } from '../orders/detail/orderDetailStore';
import { CopyField } from '../processing/CopyField';
import { NoteDialog } from '../processing/NoteDialog';
import { AddShipmentDialog } from './AddShipmentDialog';
import { canCheckNow, checkNotice, eventsNewestFirst, needsHandling, statusTone, trackablePos } from './fulfillmentModel';
import { isWorking, useFulfillment } from './fulfillmentStore';
import { RecordStatusDialog } from './RecordStatusDialog';

type Open = { dialog: 'add'; poId: number } | { dialog: 'status' | 'handled'; shipmentId: number } | null;

/**
 * The order's parcels: per parcel its carrier, number (to copy) and tracking page, where it is, what is in it
 * and its history; buttons to ask the tracking service now, type what the carrier says, and mark a parcel's
 * trouble as handled. "Add tracking…" for each purchase order a supplier may still ship.
 */
export function ShipmentsPanel({ order }: { order: OrderDetail }) {
  const busy = useOrderDetail((s) => s.busy);
  const run = useFulfillment((s) => s.run);
  const working = useFulfillment((s) => s.working);
  const [open, setOpen] = useState<Open>(null);
  const pos = trackablePos(order);
  const locked = busy !== null;
  const addPo = open?.dialog === 'add' ? order.supplierOrders.find((po) => po.id === open.poId) ?? null : null;
  const shipment = open && open.dialog !== 'add' ? order.shipments.find((s) => s.id === open.shipmentId) ?? null : null;

  return (
    <section className="card" aria-labelledby="d-shipments" id="shipments" data-testid="shipments-panel">
      <div className="card-title-row">
        <h2 id="d-shipments" className="card-title">Parcels</h2>
        {pos.length > 0 && (
          <div className="shipments-add">
            {pos.map((po) => (
              <button key={po.id} type="button" className="button button-small" data-testid="add-tracking" data-po-id={po.id} data-po-number={po.number}
                disabled={locked} onClick={() => setOpen({ dialog: 'add', poId: po.id })}>
                {order.supplierOrders.length === 1 ? 'Add tracking…' : `Add tracking to ${po.number}…`}
              </button>
            ))}
          </div>
        )}
      </div>
      {order.shipments.length === 0 ? (
        <p className="muted" data-testid="shipments-empty">
          {pos.length > 0
            ? 'No parcel yet. When a supplier sends a tracking number, add it here; a supplier’s tracking file is imported on their page.'
            : 'No parcel yet.'}
        </p>
      ) : (
        <ul className="shipments">
          {order.shipments.map((s) => (
            <ShipmentCard key={s.id} shipment={s} locked={locked}
              onOpen={(dialog) => setOpen({ dialog, shipmentId: s.id })}
              onCheckNow={() => void run('checkNow', s.id, 'shipments.checkNow', { shipmentId: s.id }, { showError: true, notice: (o) => checkNotice(s, o) })} />
          ))}
        </ul>
      )}

      {addPo && <AddShipmentDialog po={addPo} shipments={order.shipments} onClose={() => setOpen(null)} />}
      {shipment && open?.dialog === 'status' && <RecordStatusDialog shipment={shipment} onClose={() => setOpen(null)} />}
      <NoteDialog
        open={shipment !== null && open?.dialog === 'handled'}
        title={shipment ? `Mark ${shipment.trackingNumber} as handled?` : 'Mark the parcel as handled?'}
        testPrefix="mark-handled"
        schema={markShipmentHandledInput.shape.note}
        label="What was done"
        placeholder="e.g. Called the carrier: redelivery booked for Friday; told the customer"
        confirmLabel="Mark handled"
        busyLabel="Saving…"
        busy={shipment !== null && isWorking(working, 'markHandled', shipment.id)}
        onClose={() => setOpen(null)}
        onConfirm={async (note) => {
          if (!shipment) return { ok: true };
          return run('markHandled', shipment.id, 'shipments.markHandled', { shipmentId: shipment.id, note }, {
            notice: () => `${shipment.trackingNumber} is marked as handled.`,
          });
        }}
      >
        {shipment && (
          <p>
            {TRACKING_STATUS_LABELS[shipment.status]} since <RelativeTime iso={shipment.lastNewsAt} />. Write what was done about it: it leaves the
            exceptions list until its status changes again.
          </p>
        )}
      </NoteDialog>
    </section>
  );
}

function ShipmentCard({ shipment: s, locked, onOpen, onCheckNow }: {
  shipment: ShipmentView;
  locked: boolean;
  onOpen(dialog: 'status' | 'handled'): void;
  onCheckNow(): void;
}) {
  const working = useFulfillment((st) => st.working);
  // Unknown until the settings load: the button stays usable (the core says why if it cannot ask).
  const trackingReady = useSettings((st) => st.settings?.trackingKeyStored ?? true);
  const tone = statusTone(s.status);
  const events = eventsNewestFirst(s.events);
  return (
    <li className={`shipment shipment-tone-${tone}`} data-testid="shipment-card" data-status={s.status} data-shipment-id={s.id}
      data-po-number={s.poNumber} data-tracking-number={s.trackingNumber} data-handled={s.handled !== null}>
      <div className="shipment-head">
        <span className="strong">{s.carrierName}</span>
        <span className="muted small" data-testid="shipment-po">{s.poNumber} · {s.supplierName}</span>
        <span className={`badge shipment-badge shipment-badge-${tone}`} data-testid="shipment-status" data-tone={tone}>{TRACKING_STATUS_LABELS[s.status]}</span>
      </div>
      <div className="shipment-number">
        <CopyField value={s.trackingNumber} label={`Tracking number ${s.trackingNumber}`} testId={`tracking-number-${s.id}`} copyTestId={`copy-tracking-${s.id}`} what="tracking number" />
        {s.trackingUrl && (
          <a className="button shipment-track-link" href={s.trackingUrl} target="_blank" rel="noreferrer noopener" data-testid="shipment-tracking-link">
            Track on {s.carrierName} ↗
          </a>
        )}
      </div>
      <dl className="shipment-facts">
        <div><dt>{s.events.length === 0 ? 'Added' : 'Last news'}</dt><dd data-testid="shipment-last-news"><RelativeTime iso={s.lastNewsAt} /></dd></div>
        <div><dt>Checked</dt><dd data-testid="shipment-last-sync"><RelativeTime iso={s.lastSyncedAt} empty="Not yet" /></dd></div>
        <div><dt>From</dt><dd data-testid="shipment-source">{SHIPMENT_SOURCE_LABELS[s.source]}</dd></div>
      </dl>
      <ul className="shipment-items" aria-label="In this parcel">
        {s.lines.map((line) => (
          <li key={line.poLineId} data-testid="shipment-line" data-po-line-id={line.poLineId}>
            <span className="shipment-qty-text">{line.quantity} ×</span> {line.title || <span className="muted">Untitled</span>}
            {line.supplierSku && <span className="muted small mono"> {line.supplierSku}</span>}
          </li>
        ))}
      </ul>
      {s.handled && (
        <p className="shipment-handled" data-testid="shipment-handled">
          Handled by {s.handled.by}, <RelativeTime iso={s.handled.at} />: {s.handled.note}
        </p>
      )}
      {events.length > 0 && (
        <details className="shipment-history" data-testid="shipment-history">
          <summary>History ({events.length})</summary>
          <ol className="shipment-events">
            {events.map((event) => (
              <li key={event.id} className={`shipment-event shipment-event-${statusTone(event.status)}`} data-testid="shipment-event" data-status={event.status}>
                <time dateTime={event.occurredAt} className="shipment-event-when">{formatDateTime(event.occurredAt)}</time>
                <span className="shipment-event-what">
                  <span className="strong">{TRACKING_STATUS_LABELS[event.status]}</span>
                  {event.message && <> — {event.message}</>}
                  {event.location && <span className="muted"> · {event.location}</span>}
                </span>
              </li>
            ))}
          </ol>
        </details>
      )}
      <div className="shipment-buttons">
        {canCheckNow(s) && (
          <button type="button" className="button button-small" data-testid="shipment-check-now" disabled={locked || !trackingReady} onClick={onCheckNow}
            title={trackingReady ? undefined : 'No tracking service key is stored (Settings → Parcel tracking): record the status by hand.'}>
            {isWorking(working, 'checkNow', s.id) ? 'Asking the carrier…' : 'Check now'}
          </button>
        )}
        <button type="button" className="button button-small" data-testid="shipment-record-status" disabled={locked} onClick={() => onOpen('status')}>
          Record status…
        </button>
        {needsHandling(s) && (
          <button type="button" className="button button-small button-primary" data-testid="shipment-mark-handled" disabled={locked} onClick={() => onOpen('handled')}>
            Mark handled…
          </button>
        )}
      </div>
    </li>
  );
}

import './fulfillment.css';
import type { OrderDetail } from '../../../src-shared/domain/order';
import { RelativeTime } from '../../components/RelativeTime';
import { useOrderDetail } from '../orders/detail/orderDetailStore';
import { notificationDelivery, notificationLabel } from './fulfillmentModel';
import { isWorking, useFulfillment } from './fulfillmentStore';

/**
 * The e-mails the shop sent (or is sending) the customer about this order: which one, its subject, to whom,
 * whether it went out, and "Try again" for one the desk gave up on or whose send was cut off.
 */
export function NotificationsPanel({ order }: { order: OrderDetail }) {
  const busy = useOrderDetail((s) => s.busy);
  const working = useFulfillment((s) => s.working);
  const run = useFulfillment((s) => s.run);
  const rows = [...order.notifications].reverse();

  return (
    <section className="card" aria-labelledby="d-notifications" id="notifications" data-testid="notifications-panel">
      <h2 id="d-notifications" className="card-title">E-mails to the customer</h2>
      {rows.length === 0 ? (
        <p className="muted" data-testid="notifications-empty">None yet. The customer is e-mailed as the order moves (turned on or off in Settings).</p>
      ) : (
        <ul className="notifications">
          {rows.map((n) => {
            const delivery = notificationDelivery(n.delivery);
            const parcel = n.shipmentId === null ? null : order.shipments.find((s) => s.id === n.shipmentId) ?? null;
            return (
              <li key={n.id} className="notification" data-testid="notification-row" data-kind={n.kind} data-delivery={n.delivery}>
                <div className="notification-head">
                  <span className="strong" data-testid="notification-kind">{notificationLabel(n)}</span>
                  {parcel && <span className="muted small mono">{parcel.trackingNumber}</span>}
                  <span className="notification-when muted small"><RelativeTime iso={n.createdAt} /></span>
                </div>
                <div className="notification-subject" data-testid="notification-subject">{n.subject}</div>
                <div className="notification-foot">
                  <span className="muted small" data-testid="notification-recipient">To {n.recipient}</span>
                  <span className={`notification-delivery action-${delivery.tone}`} data-testid="notification-delivery" aria-live="polite">{delivery.text}</span>
                  {delivery.canRetry && (
                    <button type="button" className="button button-small" data-testid="notification-retry" disabled={busy !== null}
                      onClick={() => void run('retry', n.outboxId, 'outbox.retry', { id: n.outboxId }, {
                        showError: true, notice: () => `“${n.subject}”: trying again.`,
                      })}>
                      {isWorking(working, 'retry', n.outboxId) ? 'Queueing…' : 'Try again'}
                    </button>
                  )}
                </div>
                {n.lastError !== null && n.delivery !== 'done' && (
                  <p className="notification-error small" data-testid="notification-error">{n.lastError}</p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

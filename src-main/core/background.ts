import type { EventBus } from './event-bus';
import type { Logger } from './logger';
import type { SecretBox } from '../security/secret-box';
import type { ServiceDeps } from '../services/context';
import { createOutboxWorker, type OutboxWorker } from '../services/outbox/outbox-worker';
import { refreshAwaitingPayments, watchAuthorizations } from '../services/payments/payment-watch';
import { stripeGateway } from '../services/payments/stripe-access';
import { refreshOrderPayment } from '../services/payments/order-payment-state';
import { stripeOutboxHandlers } from '../services/payments/stripe-outbox';
import { readSettings, readStripeSecretKey } from '../services/settings';
import { checkSupplierOrders } from '../services/dispatch/supplier-order-actions';
import { markPoDeliveryStuck } from '../services/dispatch/po-delivery-stuck';
import { realSupplierChannels, supplierOutboxHandlers, type SupplierChannels } from '../services/dispatch/supplier-outbox';

/** How often card payments the desk waits on are looked up at Stripe, and authorizations checked for expiry. */
const PAYMENT_WATCH_MS = 60_000;

export interface BackgroundWork {
  readonly outbox: OutboxWorker;
  /** The SMTP and supplier-API channels the outbox and the supplier check use. */
  readonly channels: SupplierChannels;
  /** One round of the payment watch: expiring authorizations, and links the customer may have paid. */
  watchPayments(): Promise<void>;
  /** One round of asking the supplier APIs about POs waiting for an answer. */
  checkSuppliers(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The core's work that is not a request: delivering the outbox and watching payments. Both wait on the
 * network, not the CPU, so they run on the core's event loop; every write is a short transaction.
 */
export function startBackgroundWork(
  deps: ServiceDeps, secrets: SecretBox, events: EventBus, logger: Logger,
  options: { autoStart: boolean; channels?: SupplierChannels },
): BackgroundWork {
  const stripeDeps = { ...deps, secrets };
  const channels = options.channels ?? realSupplierChannels;
  const announce = (ids: number[]) => {
    if (ids.length > 0) events.emit('orders.changed', { ids, reason: 'updated' });
    events.emit('outbox.changed', {});
  };
  const outbox = createOutboxWorker({
    sql: deps.sql, now: deps.now, logger, onSettled: announce,
    handlers: { ...stripeOutboxHandlers(() => stripeGateway(stripeDeps), deps.sql), ...supplierOutboxHandlers(stripeDeps, channels) },
    onStuck: (sql, row, at) => {
      if (row.po_id !== null) markPoDeliveryStuck(sql, row, at);
      if (row.order_id !== null) refreshOrderPayment(sql, row.order_id, 'desk (outbox)', at);
    },
  });
  const cut = outbox.recover();
  if (cut.length > 0) logger.warn(`${cut.length} outbox entr${cut.length === 1 ? 'y was' : 'ies were'} in flight when the desk stopped; reconciling`);

  async function watchPayments(): Promise<void> {
    const touched = watchAuthorizations(deps.sql, deps.now());
    let refreshed = 0;
    if (readStripeSecretKey(deps.sql, secrets)) refreshed = await refreshAwaitingPayments(deps.sql, stripeGateway(stripeDeps), deps.now, logger);
    if (touched + refreshed > 0) events.emit('orders.changed', { ids: [], reason: 'updated' });
  }

  async function checkSuppliers(): Promise<void> {
    const touched = await checkSupplierOrders(stripeDeps, channels, logger);
    if (touched.length > 0) events.emit('orders.changed', { ids: [...new Set(touched)], reason: 'updated' });
  }

  let timer: NodeJS.Timeout | undefined;
  let supplierTimer: NodeJS.Timeout | undefined;
  let stopped = false;
  // The interval is a shop setting, read again before each round so a change applies without a restart.
  const scheduleSupplierCheck = () => {
    if (stopped) return;
    supplierTimer = setTimeout(() => {
      void checkSuppliers().catch((error) => logger.error('supplier check failed', error)).finally(scheduleSupplierCheck);
    }, readSettings(deps.sql).supplierPollMinutes * 60_000);
    supplierTimer.unref();
  };
  if (options.autoStart) {
    outbox.start();
    timer = setInterval(() => void watchPayments().catch((error) => logger.error('payment watch failed', error)), PAYMENT_WATCH_MS);
    timer.unref();
    scheduleSupplierCheck();
  }
  return {
    outbox,
    channels,
    watchPayments,
    checkSuppliers,
    async stop() {
      stopped = true;
      clearInterval(timer);
      clearTimeout(supplierTimer);
      await outbox.stop();
    },
  };
}

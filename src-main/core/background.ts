import type { EventBus } from './event-bus';
import type { Logger } from './logger';
import type { SecretBox } from '../security/secret-box';
import type { ServiceDeps } from '../services/context';
import { createOutboxWorker, type OutboxWorker } from '../services/outbox/outbox-worker';
import { refreshAwaitingPayments, watchAuthorizations } from '../services/payments/payment-watch';
import { stripeGateway } from '../services/payments/stripe-access';
import { refreshOrderPayment } from '../services/payments/order-payment-state';
import { stripeOutboxHandlers } from '../services/payments/stripe-outbox';
import { readSettings, readStripeSecretKey, readTrackingApiKey } from '../services/settings';
import { checkSupplierOrders } from '../services/dispatch/supplier-order-actions';
import { markPoDeliveryStuck } from '../services/dispatch/po-delivery-stuck';
import { realSupplierChannels, shopMailer, supplierOutboxHandlers, type SupplierChannels } from '../services/dispatch/supplier-outbox';
import { createTrackingServiceClient } from '../adapters/tracking-service';
import { notificationOutboxHandlers } from '../services/notifications/notification-outbox';
import { notifyExpiredParcels, pollTrackingService, type TrackingClientFactory } from '../services/fulfillment/tracking-sync';
import { nextSyncDelay, readSyncState, recordSyncRound, trackingSyncStatus } from '../services/fulfillment/sync-state';
import type { TrackingSyncStatus } from '../../src-shared/domain/exceptions';
import type { ShopifySyncStatus } from '../../src-shared/domain/shopify-sync';
import { shopifyOutboxHandlers } from '../services/shopify-sync/fulfillment-outbox';
import { pullShopifyOrders } from '../services/shopify-sync/pull-orders';
import { realShopifyClient, shopifyAccess, type ShopifyClientFactory } from '../services/shopify-sync/shopify-access';
import { readShopifyRound, recordShopifyRound, shopifySyncStatus } from '../services/shopify-sync/sync-state';

/** With Shopify off or pulled only by hand, how often the settings are looked at again for a change. */
const SHOPIFY_SETTINGS_RECHECK_MS = 60_000;

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
  /**
   * One tracking sync round (also what "Sync now" runs): the supplier APIs for new parcels, the tracking
   * service for parcels still in transit, and parcels gone quiet too long. A round already running is joined.
   */
  syncTracking(): Promise<TrackingSyncStatus>;
  trackingStatus(): TrackingSyncStatus;
  /** The tracking service client factory (tests pass one bound to the simulator). */
  readonly trackingClient: TrackingClientFactory;
  /**
   * One Shopify pull round (also what "Sync now" runs): new and changed orders since the saved cursor, then the
   * checks of those it saved. A round already running is joined.
   */
  syncShopify(): Promise<ShopifySyncStatus>;
  shopifyStatus(): ShopifySyncStatus;
  /**
   * What routes and verifies the orders a pull saved (the core's OrderImports.checkPending): set once the core has
   * built it, since it is made after this; until then pulled orders wait for the next sweep.
   */
  useOrderChecks(check: () => Promise<void>): void;
  stop(): Promise<void>;
}

/**
 * The core's work that is not a request: delivering the outbox and watching payments. Both wait on the
 * network, not the CPU, so they run on the core's event loop; every write is a short transaction.
 */
export function startBackgroundWork(
  deps: ServiceDeps, secrets: SecretBox, events: EventBus, logger: Logger,
  options: { autoStart: boolean; channels?: SupplierChannels; trackingClient?: TrackingClientFactory; shopifyClient?: ShopifyClientFactory },
): BackgroundWork {
  const stripeDeps = { ...deps, secrets };
  const channels = options.channels ?? realSupplierChannels;
  const trackingClient: TrackingClientFactory = options.trackingClient ?? ((baseUrl, apiKey) => createTrackingServiceClient({ baseUrl, apiKey }));
  const shopifyClient = options.shopifyClient ?? realShopifyClient;
  // One kept SMTP connection for supplier POs and customer e-mails.
  const mailer = shopMailer(stripeDeps, channels);
  const announce = (ids: number[]) => {
    if (ids.length > 0) events.emit('orders.changed', { ids, reason: 'updated' });
    events.emit('outbox.changed', {});
  };
  const outbox = createOutboxWorker({
    sql: deps.sql, now: deps.now, logger, onSettled: announce,
    handlers: {
      ...stripeOutboxHandlers(() => stripeGateway(stripeDeps), deps.sql),
      ...supplierOutboxHandlers(stripeDeps, channels, mailer),
      ...notificationOutboxHandlers(deps.sql, mailer),
      ...shopifyOutboxHandlers(deps.sql, secrets, shopifyClient),
    },
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

  let syncing: Promise<TrackingSyncStatus> | undefined;
  async function syncRound(): Promise<TrackingSyncStatus> {
    events.emit('tracking.changed', {});
    let error: string | null = null;
    const touched: number[] = [];
    const unexpected = 'The sync stopped on an unexpected error (the details are in the desk’s log); it runs again at the next interval.';
    // Apart: a supplier whose answer the desk cannot take must not keep the tracking service from being asked.
    try {
      touched.push(...await checkSupplierOrders(stripeDeps, channels, logger));
    } catch (failure) {
      logger.error('supplier check during the tracking sync failed', failure);
      error = unexpected;
    }
    try {
      const round = await pollTrackingService(stripeDeps, trackingClient, logger);
      touched.push(...round.orderIds);
      error = round.error ?? error;
    } catch (failure) {
      logger.error('tracking sync failed', failure);
      error = unexpected;
    }
    touched.push(...notifyExpiredParcels(deps.sql, deps.now(), readTrackingApiKey(deps.sql, secrets) !== undefined));
    recordSyncRound(deps.sql, deps.now(), error);
    if (touched.length > 0) {
      outbox.kick();
      events.emit('orders.changed', { ids: [...new Set(touched)], reason: 'updated' });
      events.emit('outbox.changed', {});
    }
    return trackingSyncStatus(deps.sql, secrets, false);
  }
  const syncTracking = (): Promise<TrackingSyncStatus> => {
    syncing ??= syncRound().finally(() => {
      syncing = undefined;
      events.emit('tracking.changed', {});
    });
    return syncing;
  };

  let orderChecks: (() => Promise<void>) | undefined;
  let shopifySyncing: Promise<ShopifySyncStatus> | undefined;
  async function shopifyRound(): Promise<ShopifySyncStatus> {
    const access = shopifyAccess(deps.sql, secrets, shopifyClient);
    let error: string | null = null;
    if ('missing' in access) {
      error = access.missing;
    } else {
      try {
        const pulled = await pullShopifyOrders({ sql: deps.sql, now: deps.now, client: access.client, storeUrl: access.storeUrl, actor: 'desk (Shopify)' });
        error = pulled.error;
        if (pulled.counts.imported + pulled.counts.updated + pulled.counts.heldBack > 0) {
          events.emit('orders.changed', { ids: [], reason: 'updated' });
          try {
            await orderChecks?.();
          } catch (failure) {
            logger.error('checking orders pulled from Shopify failed', failure);
          }
          // The checks may have queued e-mails (order confirmed).
          outbox.kick();
          events.emit('outbox.changed', {});
        }
      } catch (failure) {
        logger.error('Shopify pull failed', failure);
        error = 'The Shopify pull stopped on an unexpected error (the details are in the desk’s log); it runs again at the next interval.';
      }
    }
    recordShopifyRound(deps.sql, deps.now(), error);
    return shopifySyncStatus(deps.sql, false);
  }
  const syncShopify = (): Promise<ShopifySyncStatus> => {
    shopifySyncing ??= shopifyRound().finally(() => {
      shopifySyncing = undefined;
    });
    return shopifySyncing;
  };

  let timer: NodeJS.Timeout | undefined;
  let shopifyTimer: NodeJS.Timeout | undefined;
  let supplierTimer: NodeJS.Timeout | undefined;
  let trackingTimer: NodeJS.Timeout | undefined;
  let stopped = false;
  // Like the supplier check: the interval is read again before each round. The first round waits whatever is
  // left of the interval since the last one (a restart does not sync at once every time).
  const scheduleTrackingSync = () => {
    if (stopped) return;
    const wait = nextSyncDelay(readSyncState(deps.sql).lastSyncAt, readSettings(deps.sql).trackingSyncMinutes * 60_000, deps.now());
    trackingTimer = setTimeout(() => {
      void syncTracking().catch((error) => logger.error('tracking sync failed', error)).finally(scheduleTrackingSync);
    }, wait);
    trackingTimer.unref();
  };
  // The interval is a shop setting, read again before each round so a change applies without a restart.
  const scheduleSupplierCheck = () => {
    if (stopped) return;
    supplierTimer = setTimeout(() => {
      void checkSuppliers().catch((error) => logger.error('supplier check failed', error)).finally(scheduleSupplierCheck);
    }, readSettings(deps.sql).supplierPollMinutes * 60_000);
    supplierTimer.unref();
  };
  // Off (no store) or by hand only: the settings are looked at again each minute, so turning it on needs no restart.
  const scheduleShopifySync = () => {
    if (stopped) return;
    const settings = readSettings(deps.sql);
    const off = settings.shopifyStoreUrl === '' || settings.shopifySyncMinutes === 0;
    const wait = off ? SHOPIFY_SETTINGS_RECHECK_MS : nextSyncDelay(readShopifyRound(deps.sql).lastSyncAt, settings.shopifySyncMinutes * 60_000, deps.now());
    shopifyTimer = setTimeout(() => {
      if (off) {
        scheduleShopifySync();
        return;
      }
      void syncShopify().catch((error) => logger.error('Shopify sync failed', error)).finally(scheduleShopifySync);
    }, wait);
    shopifyTimer.unref();
  };
  if (options.autoStart) {
    outbox.start();
    scheduleShopifySync();
    timer = setInterval(() => void watchPayments().catch((error) => logger.error('payment watch failed', error)), PAYMENT_WATCH_MS);
    timer.unref();
    scheduleSupplierCheck();
    scheduleTrackingSync();
  }
  return {
    outbox,
    channels,
    watchPayments,
    checkSuppliers,
    syncTracking,
    trackingStatus: () => trackingSyncStatus(deps.sql, secrets, syncing !== undefined),
    trackingClient,
    syncShopify,
    shopifyStatus: () => shopifySyncStatus(deps.sql, shopifySyncing !== undefined),
    useOrderChecks(check) {
      orderChecks = check;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      clearTimeout(shopifyTimer);
      clearTimeout(supplierTimer);
      clearTimeout(trackingTimer);
      await syncing?.catch(() => {});
      await shopifySyncing?.catch(() => {});
      await outbox.stop();
    },
  };
}

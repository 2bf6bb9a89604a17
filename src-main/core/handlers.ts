import type { EventPayload } from '../../src-shared/contract/events';
import type { SecretBox } from '../security/secret-box';
import { getProduct, listProducts, saveOffer, saveProduct, searchVariants } from '../services/catalog/products';
import type { ServiceDeps } from '../services/context';
import { getFeedRun, importFeed, listFeedRuns, previewFeed, pullSupplierApi, type FeedDeps } from '../services/feeds/feeds';
import { setLineSupplier } from '../services/routing/route-order';
import { readSettings, updateSettings } from '../services/settings';
import { getSupplier, listSuppliers, saveSupplier } from '../services/suppliers/suppliers';
import type { FeedWorker } from '../services/feeds/run-feed-worker';
import { DeskError } from '../services/errors';
import { loadDemoShop } from '../services/demo/load-demo-shop';
import { countOrders, getOrder, listOrders, stageCounts } from '../services/orders/read-orders';
import { cancelOrder, createOrder, submitOrder, updateDraft } from '../services/orders/write-orders';
import { StripeCallError } from '../adapters/stripe-gateway';
import { retryOutboxRow } from '../services/outbox/retry-outbox';
import { refreshAwaitingPayments } from '../services/payments/payment-watch';
import {
  attachPaymentIntent, recordManualPayment, requestCancel, requestCapture, requestPaymentLink, requestRefund,
} from '../services/payments/record-payments';
import { stripeGateway } from '../services/payments/stripe-access';
import {
  overrideCheck, placeManualHold, releaseHoldWithNote, rerunVerification, resolveReview,
} from '../services/verification/run-verification';
import { outboxSummary, retryWaitingNow } from '../services/outbox/outbox-summary';
import { poRow } from '../services/dispatch/read-supplier-orders';
import { prepareSupplierOrders, previewSupplierOrder, sendSupplierOrders } from '../services/dispatch/send-supplier-orders';
import { confirmByHand } from '../services/dispatch/supplier-answers';
import { checkSupplierOrders, reroutePo, resolveUnknownPo } from '../services/dispatch/supplier-order-actions';
import { withdrawSupplierOrder } from '../services/dispatch/withdraw-supplier-orders';
import { addShipmentByHand, markShipmentHandled, orderOfShipment, recordStatusByHand } from '../services/fulfillment/shipments';
import { pollTrackingService } from '../services/fulfillment/tracking-sync';
import { importTrackingFile, previewTrackingFileFor } from '../services/fulfillment/apply-tracking-file';
import { countExceptions, listExceptions } from '../services/exceptions/list-exceptions';
import { previewNotification } from '../services/notifications/preview-notification';
import { runExport } from '../services/export/run-export';
import type { OrderImports } from '../services/storefront-import/run-order-import';
import type { UploadStore } from './uploads';
import { listImportRuns } from '../services/storefront-import/import-runs';
import { previewOrderFile } from '../services/storefront-import/preview-order-file';
import { decodeBase64InTurns } from '../services/storefront-import/decode-upload';
import type { BackgroundWork } from './background';
import type { Handlers } from './dispatcher';
import { silentLogger } from './logger';
import type { EventBus } from './event-bus';
import type { CoreOptions } from './core';

/** Maps each procedure of the contract to its service, and announces changes on the bus. */
export interface HandlerOptions extends Pick<CoreOptions, 'dataDir' | 'host' | 'version'> {
  dbPath: string;
  secrets: SecretBox;
  feedWorker: FeedWorker;
  background: BackgroundWork;
  orderImports: OrderImports;
  uploads: UploadStore;
}

export function buildHandlers(deps: ServiceDeps, events: EventBus, options: HandlerOptions): Handlers {
  const withSecrets = { ...deps, secrets: options.secrets };
  const feedDeps: FeedDeps = {
    ...withSecrets, dbPath: options.dbPath, feedWorker: options.feedWorker, onProgress: (p) => events.emit('feeds.progress', p),
  };
  const catalogChanged = <T>(value: T, reason: EventPayload<'catalog.changed'>['reason']): T => {
    events.emit('catalog.changed', { reason });
    return value;
  };
  /** An orders file named in a call: its base64, or the bytes uploaded before the call. */
  const orderFileBytes = async (input: { contentBase64?: string | undefined; uploadId?: string | undefined }): Promise<Uint8Array> => {
    if (input.contentBase64 !== undefined) return decodeBase64InTurns(input.contentBase64);
    const bytes = input.uploadId === undefined ? undefined : options.uploads.take(input.uploadId);
    if (!bytes) throw new DeskError('invalid_input', 'The uploaded file is no longer waiting (it is kept for 10 minutes). Choose the file again.', 'uploadId');
    return bytes;
  };
  /** Runs a change to one order, wakes the outbox (the change may have queued a side effect) and answers with the order. */
  const orderChanged = (orderId: number, change: () => void) => {
    change();
    options.background.outbox.kick();
    events.emit('outbox.changed', {});
    return changed(getOrder(deps, orderId), 'updated');
  };
  const orderOfPayment = (paymentId: number): number => {
    const row = deps.sql.first(deps.sql.qb.selectFrom('payments').select('order_id').where('id', '=', paymentId));
    if (!row) throw new DeskError('not_found', `Payment ${paymentId} was not found.`, 'paymentId');
    return row.order_id;
  };
  let demoLoading = false;
  let exporting = false;
  const changed = <T extends { id: number }>(order: T, reason: 'created' | 'updated'): T => {
    events.emit('orders.changed', { ids: [order.id], reason });
    return order;
  };
  return {
    'app.info': () => ({
      version: options.version, host: options.host, dataDir: options.dataDir, orderCount: countOrders(deps),
      secretProtection: options.secrets.protection,
    }),
    'orders.create': (input, ctx) => changed(createOrder(deps, input, ctx.actor), 'created'),
    'orders.updateDraft': (input, ctx) => changed(updateDraft(deps, input, ctx.actor), 'updated'),
    'orders.submit': (input, ctx) => changed(submitOrder(deps, input, ctx.actor), 'updated'),
    'orders.cancel': (input, ctx) => changed(cancelOrder(deps, input, ctx.actor), 'updated'),
    'orders.get': (input) => getOrder(deps, input.id),
    'orders.list': (input) => listOrders(deps, input),
    'orders.stageCounts': () => stageCounts(deps),
    'demo.load': async (input, ctx) => {
      // Batches interleave with other requests; a second load at the same time would only race the first.
      if (demoLoading) throw new DeskError('conflict', 'A demo shop is already being loaded. Wait for it to finish.');
      demoLoading = true;
      try {
        return await loadDemoShop(deps, {
          orders: input.orders, actor: ctx.actor, sealSecret: (plain) => options.secrets.encrypt(plain),
          onProgress: (p) => events.emit('demo.progress', p),
        });
      } finally {
        demoLoading = false;
        events.emit('orders.changed', { ids: [], reason: 'demo' });
      }
    },
    'settings.get': () => readSettings(deps.sql),
    'settings.update': (input) => {
      const settings = updateSettings(withSecrets, input);
      events.emit('settings.changed', {});
      // The margin threshold colours the catalog's margins.
      return catalogChanged(settings, 'product');
    },
    'suppliers.list': () => listSuppliers(deps),
    'suppliers.get': (input) => getSupplier(deps, input.id),
    'suppliers.save': (input) => catalogChanged(saveSupplier(withSecrets, input), 'supplier'),
    'catalog.listProducts': (input) => listProducts(deps, input),
    'catalog.getProduct': (input) => getProduct(deps, input.id),
    'catalog.saveProduct': (input) => catalogChanged(saveProduct(deps, input), 'product'),
    'catalog.saveOffer': (input) => catalogChanged(saveOffer(deps, input), 'offer'),
    'catalog.searchVariants': (input) => searchVariants(deps, input),
    'feeds.preview': (input) => previewFeed(feedDeps, input),
    'feeds.import': async (input) => catalogChanged(await importFeed(feedDeps, input), 'feed'),
    'feeds.pullApi': async (input) => catalogChanged(await pullSupplierApi(feedDeps, input.supplierId), 'feed'),
    'feeds.runs': (input) => listFeedRuns(deps, input.supplierId),
    'feeds.run': (input) => getFeedRun(deps, input.id),
    'orders.setLineSupplier': (input, ctx) => changed(setLineSupplier(deps, input, ctx.actor), 'updated'),
    'verification.run': (input, ctx) => orderChanged(input.orderId, () => rerunVerification(deps, input, ctx.actor)),
    'verification.override': (input, ctx) => orderChanged(input.orderId, () => overrideCheck(deps, input, ctx.actor)),
    'verification.resolve': (input, ctx) => orderChanged(input.orderId, () => resolveReview(deps, input, ctx.actor)),
    'holds.release': (input, ctx) => orderChanged(input.orderId, () => releaseHoldWithNote(deps, input, ctx.actor)),
    'holds.place': (input, ctx) => orderChanged(input.orderId, () => placeManualHold(deps, input, ctx.actor)),
    'payments.recordManual': (input, ctx) => orderChanged(input.orderId, () => recordManualPayment(withSecrets, input, ctx.actor)),
    'payments.attachStripe': async (input, ctx) => {
      await attachPaymentIntent(withSecrets, input, ctx.actor);
      return orderChanged(input.orderId, () => {});
    },
    'payments.createLink': (input, ctx) => orderChanged(input.orderId, () => requestPaymentLink(withSecrets, input, ctx.actor)),
    'payments.refresh': async (input) => {
      const orderId = orderOfPayment(input.paymentId);
      try {
        await refreshAwaitingPayments(deps.sql, stripeGateway(withSecrets), deps.now, silentLogger, input.paymentId);
      } catch (error) {
        if (error instanceof StripeCallError) throw new DeskError('unavailable', error.failure.message);
        throw error;
      }
      return orderChanged(orderId, () => {});
    },
    'payments.capture': (input, ctx) => orderChanged(orderOfPayment(input.paymentId), () => requestCapture(withSecrets, input, ctx.actor)),
    'payments.cancel': (input, ctx) => orderChanged(orderOfPayment(input.paymentId), () => requestCancel(withSecrets, input, ctx.actor)),
    'payments.refund': (input, ctx) => orderChanged(orderOfPayment(input.paymentId), () => requestRefund(withSecrets, input, ctx.actor)),
    'outbox.retry': (input, ctx) => {
      const orderId = retryOutboxRow(deps, input, ctx.actor);
      return orderChanged(orderId, () => {});
    },
    'outbox.summary': () => outboxSummary(deps.sql),
    'shipments.add': (input, ctx) => orderChanged(addShipmentByHand(deps.sql, input, ctx.actor.name, deps.now()), () => {}),
    'shipments.recordStatus': (input, ctx) => orderChanged(recordStatusByHand(deps.sql, input, ctx.actor.name, deps.now()), () => {}),
    'shipments.markHandled': (input, ctx) => orderChanged(markShipmentHandled(deps.sql, input, ctx.actor.name, deps.now()), () => {}),
    'shipments.checkNow': async (input) => {
      const orderId = orderOfShipment(deps.sql, input.shipmentId);
      await pollTrackingService(withSecrets, options.background.trackingClient, silentLogger, input.shipmentId);
      return orderChanged(orderId, () => {});
    },
    'trackingFile.preview': (input) => previewTrackingFileFor(deps, input),
    'trackingFile.import': (input, ctx) => {
      const report = importTrackingFile(deps, input, ctx.actor.name);
      options.background.outbox.kick();
      events.emit('orders.changed', { ids: [], reason: 'updated' });
      events.emit('outbox.changed', {});
      return report;
    },
    'tracking.status': () => options.background.trackingStatus(),
    'tracking.syncNow': () => options.background.syncTracking(),
    'exceptions.list': () => listExceptions(deps.sql, deps.now()),
    'exceptions.count': () => ({ count: countExceptions(deps.sql, deps.now()) }),
    'notifications.preview': (input) => previewNotification(deps, input),
    'export.run': async (input) => {
      // One at a time: two exports of a big shop at once would only slow each other down.
      if (exporting) throw new DeskError('conflict', 'An export is already being written. Wait for it to finish.');
      exporting = true;
      try {
        return await runExport(deps.sql, options.dataDir, input, deps.now());
      } finally {
        exporting = false;
      }
    },
    'orderImport.preview': async (input) => previewOrderFile(await orderFileBytes(input)),
    'orderImport.run': (input, ctx) => options.orderImports.run({
      fileName: input.fileName, bytes: () => orderFileBytes(input), mapping: input.mapping,
    }, ctx.actor.name),
    'orderImport.cancel': () => ({ cancelled: options.orderImports.cancel() }),
    'orderImport.runs': (input) => listImportRuns(deps.sql, input.limit),
    'shopify.status': () => options.background.shopifyStatus(),
    'shopify.syncNow': () => options.background.syncShopify(),
    'outbox.retryNow': () => {
      retryWaitingNow(deps.sql, deps.now());
      options.background.outbox.kick();
      return outboxSummary(deps.sql);
    },
    'supplierOrders.prepare': (input, ctx) => orderChanged(input.orderId, () => prepareSupplierOrders(deps, input.orderId, ctx.actor)),
    'supplierOrders.preview': (input) => previewSupplierOrder(withSecrets, input.poId),
    'supplierOrders.send': async (input, ctx) => {
      await sendSupplierOrders(withSecrets, input.orderId, ctx.actor);
      return orderChanged(input.orderId, () => {});
    },
    'supplierOrders.confirm': (input, ctx) => {
      const orderId = confirmByHand(deps, input, ctx.actor);
      return orderChanged(orderId, () => {});
    },
    'supplierOrders.refresh': async (input) => {
      const orderId = poRow(deps.sql, input.poId).order_id;
      await checkSupplierOrders(withSecrets, options.background.channels, silentLogger, input.poId);
      return orderChanged(orderId, () => {});
    },
    'supplierOrders.resolveUnknown': (input, ctx) => {
      const orderId = resolveUnknownPo(withSecrets, input, ctx.actor);
      return orderChanged(orderId, () => {});
    },
    'supplierOrders.withdraw': (input, ctx) => {
      const orderId = withdrawSupplierOrder(deps, input.poId, input.note, ctx.actor);
      return orderChanged(orderId, () => {});
    },
    'supplierOrders.reroute': (input, ctx) => {
      const orderId = reroutePo(withSecrets, input.poId, ctx.actor);
      return orderChanged(orderId, () => {});
    },
  };
}

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
import type { Handlers } from './dispatcher';
import type { EventBus } from './event-bus';
import type { CoreOptions } from './core';

/** Maps each procedure of the contract to its service, and announces changes on the bus. */
export interface HandlerOptions extends Pick<CoreOptions, 'dataDir' | 'host' | 'version'> {
  dbPath: string;
  secrets: SecretBox;
  feedWorker: FeedWorker;
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
  let demoLoading = false;
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
    'settings.update': (input) => catalogChanged(updateSettings(deps, input), 'product'),
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
  };
}

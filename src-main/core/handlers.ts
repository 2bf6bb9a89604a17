import type { ServiceDeps } from '../services/context';
import { DeskError } from '../services/errors';
import { loadDemoShop } from '../services/demo/load-demo-shop';
import { countOrders, getOrder, listOrders, stageCounts } from '../services/orders/read-orders';
import { cancelOrder, createOrder, submitOrder, updateDraft } from '../services/orders/write-orders';
import type { Handlers } from './dispatcher';
import type { EventBus } from './event-bus';
import type { CoreOptions } from './core';

/** Maps each procedure of the contract to its service, and announces changes on the bus. */
export function buildHandlers(deps: ServiceDeps, events: EventBus, options: Pick<CoreOptions, 'dataDir' | 'host' | 'version'>): Handlers {
  let demoLoading = false;
  const changed = <T extends { id: number }>(order: T, reason: 'created' | 'updated'): T => {
    events.emit('orders.changed', { ids: [order.id], reason });
    return order;
  };
  return {
    'app.info': () => ({ version: options.version, host: options.host, dataDir: options.dataDir, orderCount: countOrders(deps) }),
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
        return await loadDemoShop(deps, { orders: input.orders, actor: ctx.actor, onProgress: (p) => events.emit('demo.progress', p) });
      } finally {
        demoLoading = false;
        events.emit('orders.changed', { ids: [], reason: 'demo' });
      }
    },
  };
}

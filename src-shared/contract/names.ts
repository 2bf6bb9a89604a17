/**
 * The allow-list of names, kept free of imports so the sandboxed preload can bundle it without zod.
 * procedures.ts and events.ts are checked against these lists by the type system.
 */
export const PROCEDURE_NAMES = [
  'app.info',
  'orders.create',
  'orders.updateDraft',
  'orders.submit',
  'orders.cancel',
  'orders.get',
  'orders.list',
  'orders.stageCounts',
  'demo.load',
  'settings.get',
  'settings.update',
  'suppliers.list',
  'suppliers.get',
  'suppliers.save',
  'catalog.listProducts',
  'catalog.getProduct',
  'catalog.saveProduct',
  'catalog.saveOffer',
  'catalog.searchVariants',
  'feeds.preview',
  'feeds.import',
  'feeds.pullApi',
  'feeds.runs',
  'feeds.run',
  'orders.setLineSupplier',
  'verification.run',
  'verification.override',
  'verification.resolve',
  'holds.release',
  'holds.place',
  'payments.recordManual',
  'payments.attachStripe',
  'payments.createLink',
  'payments.refresh',
  'payments.capture',
  'payments.cancel',
  'payments.refund',
  'outbox.retry',
  'outbox.summary',
  'outbox.retryNow',
  'supplierOrders.prepare',
  'supplierOrders.preview',
  'supplierOrders.send',
  'supplierOrders.confirm',
  'supplierOrders.refresh',
  'supplierOrders.resolveUnknown',
  'supplierOrders.reroute',
  'supplierOrders.withdraw',
  'shipments.add',
  'shipments.recordStatus',
  'shipments.markHandled',
  'shipments.checkNow',
  'trackingFile.preview',
  'trackingFile.import',
  'tracking.status',
  'tracking.syncNow',
  'exceptions.list',
  'exceptions.count',
  'notifications.preview',
  'export.run',
  'orderImport.preview',
  'orderImport.run',
  'orderImport.cancel',
  'orderImport.runs',
  'shopify.status',
  'shopify.syncNow',
] as const;
export type ProcedureName = (typeof PROCEDURE_NAMES)[number];

export const EVENT_NAMES = ['orders.changed', 'demo.progress', 'catalog.changed', 'feeds.progress', 'settings.changed', 'outbox.changed', 'tracking.changed', 'orderImport.progress'] as const;
export type EventName = (typeof EVENT_NAMES)[number];

export function isProcedureName(name: unknown): name is ProcedureName {
  return typeof name === 'string' && (PROCEDURE_NAMES as readonly string[]).includes(name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
}

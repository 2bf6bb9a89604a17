/**
 * A parcel of a Shopify order goes back to Shopify as a fulfilment (carrier + tracking), through the outbox: queued
 * in the transaction that records the parcel, sent by the worker. Shopify's fulfilmentCreate has no idempotency key,
 * but the adapter reads the order's fulfilments first and answers `alreadyThere` when one has this tracking number:
 * sending again is a safe re-check, so a row cut off by a crash is sent again (afterCrash 'resend'), and Shopify
 * still ends with exactly one fulfilment.
 */
import { ShopifyError, type ParcelPush } from '../../adapters/shopify-admin';
import type { Sql } from '../../db/query';
import type { SecretBox } from '../../security/secret-box';
import type { OutboxHandler } from '../outbox/outbox-worker';
import { enqueueOutbox } from '../outbox/outbox-store';
import { readSettings } from '../settings';
import { recordTimelineEvent } from '../timeline';
import { shopifyAccess, type ShopifyClientFactory } from './shopify-access';

export const SHOPIFY_FULFILLMENT_KIND = 'shopify.fulfillment';
const ACTOR = 'desk (Shopify)';
/** A desk without a Shopify connection checks again at this pace (or sooner, by back-off), not every few seconds. */
const WAIT_FOR_SETUP_MS = 15 * 60_000;

interface FulfillmentPayload {
  shipmentId: number;
}

/**
 * In the caller's transaction (the one that records the parcel): queues the push when the order came from Shopify
 * and the desk is connected to a Shopify store. A shop that only imports Shopify's CSV export gets no rows that
 * could never be sent. One row per parcel: the key names the shipment, and the outbox keeps keys unique.
 */
export function queueShopifyFulfillment(sql: Sql, orderId: number, shipmentId: number, at: number): void {
  const order = sql.first(sql.qb.selectFrom('orders').select(['source', 'external_id']).where('id', '=', orderId));
  if (order?.source !== 'shopify' || !order.external_id) return;
  if (readSettings(sql).shopifyStoreUrl === '') return;
  const key = `shopify-fulfillment:${shipmentId}`;
  if (sql.first(sql.qb.selectFrom('outbox').select('id').where('idempotency_key', '=', key))) return;
  const payload: FulfillmentPayload = { shipmentId };
  enqueueOutbox(sql, { kind: SHOPIFY_FULFILLMENT_KIND, orderId, paymentId: null, payload, idempotencyKey: key }, at);
}

interface ParcelToPush {
  orderId: number;
  shopifyOrderId: string;
  storefrontNumber: string;
  parcel: ParcelPush;
}

/** The parcel as Shopify wants it: carrier name, number, link, and its lines by the storefront's SKUs. */
function parcelOf(sql: Sql, shipmentId: number): ParcelToPush | string {
  const shipment = sql.first(sql.qb.selectFrom('shipments').innerJoin('orders', 'orders.id', 'shipments.order_id')
    .select(['shipments.order_id', 'shipments.carrier_name', 'shipments.tracking_number', 'shipments.tracking_url',
      'orders.external_id', 'orders.storefront_number', 'orders.number'])
    .where('shipments.id', '=', shipmentId));
  if (!shipment) return `Parcel ${shipmentId} is no longer in the desk; nothing to send to Shopify.`;
  if (!shipment.external_id) return `Order ${shipment.number} has no Shopify order id; its tracking cannot be sent.`;
  const rows = sql.all(sql.qb.selectFrom('shipment_lines')
    .innerJoin('po_lines', 'po_lines.id', 'shipment_lines.po_line_id')
    .innerJoin('order_lines', 'order_lines.id', 'po_lines.order_line_id')
    .select(['order_lines.sku', 'shipment_lines.quantity'])
    .where('shipment_lines.shipment_id', '=', shipmentId).orderBy('order_lines.position'));
  const bySku = new Map<string, number>();
  for (const row of rows) {
    const sku = row.sku.trim();
    // A line without a SKU cannot be found on the Shopify order; the rest of the parcel still goes.
    if (sku !== '') bySku.set(sku, (bySku.get(sku) ?? 0) + row.quantity);
  }
  if (bySku.size === 0) return `The items in parcel ${shipment.tracking_number} have no SKU, so Shopify cannot tell which lines it holds; mark them fulfilled in Shopify by hand.`;
  return {
    orderId: shipment.order_id,
    shopifyOrderId: shipment.external_id,
    storefrontNumber: shipment.storefront_number || shipment.number,
    parcel: {
      company: shipment.carrier_name, number: shipment.tracking_number, url: shipment.tracking_url,
      lines: [...bySku].map(([sku, quantity]) => ({ sku, quantity })),
    },
  };
}

function payloadOf(payload: string): FulfillmentPayload | undefined {
  try {
    const parsed = JSON.parse(payload) as Partial<FulfillmentPayload>;
    return Number.isInteger(parsed.shipmentId) ? { shipmentId: parsed.shipmentId! } : undefined;
  } catch {
    return undefined;
  }
}

export function shopifyOutboxHandlers(sql: Sql, secrets: SecretBox, clientFactory: ShopifyClientFactory): Record<string, OutboxHandler> {
  const fulfillment: OutboxHandler = {
    afterCrash: 'resend',
    async perform(row) {
      const payload = payloadOf(row.payload);
      if (!payload) return { kind: 'dead', error: 'This Shopify fulfilment row names no parcel; it cannot be sent.' };
      const parcel = parcelOf(sql, payload.shipmentId);
      if (typeof parcel === 'string') return { kind: 'dead', error: parcel };
      const access = shopifyAccess(sql, secrets, clientFactory);
      // The parcel is kept: once Shopify is connected again, its tracking goes.
      if ('missing' in access) return { kind: 'retry', error: `${access.missing} The tracking is sent once it is.`, afterMs: WAIT_FOR_SETUP_MS };
      try {
        const sent = await access.client.fulfill(parcel.shopifyOrderId, parcel.parcel);
        return { kind: 'done', result: { ...sent, trackingNumber: parcel.parcel.number, storefrontNumber: parcel.storefrontNumber } };
      } catch (error) {
        if (!(error instanceof ShopifyError)) throw error;
        const { failure } = error;
        if (failure.retry) return { kind: 'retry', error: failure.message, ...(failure.afterMs !== undefined ? { afterMs: failure.afterMs } : {}) };
        return { kind: 'dead', error: failure.message };
      }
    },
    settle(sql, row, outcome, at) {
      if (row.order_id === null) return;
      if (outcome.kind === 'done') {
        const result = outcome.result as { alreadyThere: boolean; trackingNumber: string; storefrontNumber: string };
        recordTimelineEvent(sql, {
          orderId: row.order_id, at, actor: ACTOR, kind: 'shopify.fulfilled',
          message: `Tracking ${result.trackingNumber} sent to Shopify (order ${result.storefrontNumber})${result.alreadyThere ? '; Shopify already had it' : ''}`,
        });
        return;
      }
      recordTimelineEvent(sql, {
        orderId: row.order_id, at, actor: ACTOR, kind: 'shopify.fulfillment_failed',
        message: 'The tracking could not be sent to Shopify', reason: outcome.error,
      });
    },
  };
  return { [SHOPIFY_FULFILLMENT_KIND]: fulfillment };
}

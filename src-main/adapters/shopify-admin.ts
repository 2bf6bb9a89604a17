/**
 * The desk's client for a Shopify store's GraphQL Admin API (2026-10) through the official
 * @shopify/admin-api-client: pull orders changed since a cursor, push a parcel's carrier and tracking as a
 * fulfilment. test/sim/shopify-sim.ts serves the same shapes; its README is the reference for the documents,
 * the cursor rules and the no-double push.
 *
 * One attempt per call (the client's `retries` stay 0: it reads Retry-After as milliseconds, and never retries a
 * THROTTLED 200); the caller owns back-off using `afterMs`. The access token goes only in Shopify's header, only
 * to https://*.myshopify.com (plain http only to this machine), never follows a redirect, and is removed from any
 * text quoted back.
 */
import { createAdminApiClient, type AdminApiClient } from '@shopify/admin-api-client';
import { normalizeTrackingNumber } from '../../src-shared/domain/tracking/carriers';
import type { ImportedOrder } from '../../src-shared/domain/storefront-orders';
import { DESK_FULFILLMENT_CREATE, DESK_ORDER, DESK_ORDERS, MAX_ORDERS_PER_PAGE } from './shopify-admin-documents';
import {
  toImportedOrder, UnreadableOrder, wireFulfillmentCreateSchema, wireOrderNodeSchema, wireOrdersSchema,
  wireOrderStateSchema, type WireOrderState,
} from './shopify-admin-map';
import { parseRetryAfter } from './supplier-http';

export { paymentStateOf } from './shopify-admin-map';

export const SHOPIFY_ADMIN_API_VERSION = '2026-10';
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const RETRYABLE_STATUSES = new Set([408, 425, 429, 500, 502, 503, 504]);

export interface ShopifyAdminOptions {
  /** `https://<shop>.myshopify.com` (or just `<shop>.myshopify.com`), or `http://127.0.0.1:PORT` for the simulator. */
  storeUrl: string;
  accessToken: string;
  /** Default 2026-10 (the simulator's). */
  apiVersion?: string;
  fetchImpl?: typeof fetch;
  /** Per request, to the end of the answer. Default 30 s. */
  timeoutMs?: number;
}

export type ShopifyFailureCode =
  | 'setup' | 'auth' | 'throttled' | 'unavailable' | 'refused' | 'unknown_order' | 'cancelled' | 'nothing_remains'
  | 'unknown_sku' | 'user_error' | 'bad_answer';

export interface ShopifyFailure {
  /** A sentence for the shop owner; never contains the access token. */
  message: string;
  /** Temporary (offline, timeout, throttled, 429, 5xx): try again later. */
  retry: boolean;
  /** How long to wait first: from Shopify's throttleStatus, or Retry-After on a 429. */
  afterMs?: number;
  /** The HTTP status, when Shopify answered. */
  status?: number;
  /** What went wrong, for the outbox to branch on (record a cancelled order, raise an exception, …). */
  code: ShopifyFailureCode;
}

export class ShopifyError extends Error {
  constructor(readonly failure: ShopifyFailure) {
    super(failure.message);
    this.name = 'ShopifyError';
  }
}

/** `(updatedAt, id)` of the last order a pull applied: the next pull starts at its second, inclusive. */
export interface ShopifyCursor {
  updatedAt: string;
  /** The order's gid. */
  id: string;
}

export interface OrdersPage {
  /** source 'shopify', externalId = legacyResourceId, updatedAt set. */
  orders: ImportedOrder[];
  /** Of the last order in the page (flagged ones included); null for an empty page. */
  cursor: ShopifyCursor | null;
  hasNextPage: boolean;
  /** Pass as `after` for the next page, with the same `since`. */
  endCursor: string | null;
  /** Order names with more lines than one page reads (20): not imported half-read. */
  tooManyLines: string[];
  /** Orders whose content the desk cannot read exactly (money in a second currency, …): not imported. */
  unreadable: { number: string; reason: string }[];
}

export interface ParcelPush {
  /** Carrier name as Shopify shows it ('UPS', 'DHL Express'). */
  company: string;
  number: string;
  url: string | null;
  lines: { sku: string; quantity: number }[];
}

export interface ShopifyAdminClient {
  ordersSince(since: ShopifyCursor | null, after: string | null, first?: number): Promise<OrdersPage>;
  /**
   * Pushes carrier + tracking for the given lines (by SKU and quantity, capped at what remains) once: reads the
   * order first; if a fulfilment with this tracking number exists, returns it without sending.
   */
  fulfill(order: string, parcel: ParcelPush): Promise<{ fulfillmentId: string; alreadyThere: boolean }>;
}

/** The order's gid from its gid or its numeric id (ImportedOrder.externalId). */
export function shopifyOrderGid(order: string): string {
  const value = order.trim();
  if (/^\d+$/.test(value)) return `gid://shopify/Order/${value}`;
  if (/^gid:\/\/shopify\/Order\/\d+$/.test(value)) return value;
  throw new ShopifyError({ code: 'setup', retry: false, message: 'The Shopify order id must be a number or gid://shopify/Order/<number>.' });
}

function setupError(message: string): ShopifyError {
  return new ShopifyError({ code: 'setup', retry: false, message: `The Shopify connection is not set up right: ${message}` });
}

/** The store's address as the client wants it (host[:port]) and whether it must be spoken to in plain http. */
export function shopifyStoreTarget(storeUrl: string): { host: string; loopbackHttp: boolean } {
  const setting = typeof storeUrl === 'string' ? storeUrl.trim() : '';
  if (setting === '') throw setupError('the store address is empty; enter https://<your-shop>.myshopify.com in Settings.');
  let target: URL;
  try {
    target = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(setting) ? setting : `https://${setting}`);
  } catch {
    throw setupError('the store address is not a valid address (expected https://<your-shop>.myshopify.com).');
  }
  if (target.protocol !== 'https:' && target.protocol !== 'http:') throw setupError(`the store address must start with https:// (not ${target.protocol}).`);
  if (target.username || target.password || target.search || target.hash || target.pathname.replace(/\/+$/, '') !== '') {
    throw setupError('the store address must be just https://<your-shop>.myshopify.com, without a path, user name, query or fragment.');
  }
  const loopback = LOOPBACK_HOSTS.has(target.hostname);
  // The token would cross the network in clear text otherwise.
  if (target.protocol === 'http:' && !loopback) throw setupError('the store address must use https://; plain http:// is only for this computer.');
  // The Admin API answers only on the shop's myshopify.com domain; anything else would receive the token for nothing.
  if (!loopback && !/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/i.test(target.hostname)) {
    throw setupError('the store address must be the shop\'s https://<your-shop>.myshopify.com address (Shopify admin → Settings → Domains).');
  }
  return { host: target.host, loopbackHttp: target.protocol === 'http:' };
}

interface ThrottleExtensions {
  cost?: { requestedQueryCost?: number; throttleStatus?: { currentlyAvailable?: number; restoreRate?: number } };
}

/** Shopify's documented wait: the points missing over the restore rate, in whole seconds (at least one). */
export function throttleWaitMs(extensions: unknown): number {
  const cost = (extensions as ThrottleExtensions | undefined)?.cost;
  const requested = cost?.requestedQueryCost;
  const available = cost?.throttleStatus?.currentlyAvailable;
  const rate = cost?.throttleStatus?.restoreRate;
  if (typeof requested !== 'number' || typeof available !== 'number' || typeof rate !== 'number' || rate <= 0) return 1000;
  return Math.max(1, Math.ceil((requested - available) / rate)) * 1000;
}

const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

export function createShopifyAdminClient(options: ShopifyAdminOptions): ShopifyAdminClient {
  const { host, loopbackHttp } = shopifyStoreTarget(options.storeUrl);
  const accessToken = options.accessToken;
  if (typeof accessToken !== 'string' || !/^[\x21-\x7e]+$/.test(accessToken)) {
    throw setupError('no usable access token is stored; enter the Shopify Admin API access token in Settings.');
  }
  const apiVersion = options.apiVersion ?? SHOPIFY_ADMIN_API_VERSION;
  if (!/^(\d{4}-(01|04|07|10)|unstable)$/.test(apiVersion)) throw setupError('apiVersion must look like 2026-10.');
  const timeoutMs = options.timeoutMs ?? 30_000;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) throw setupError('timeoutMs must be a positive whole number of milliseconds.');
  const doFetch = options.fetchImpl ?? globalThis.fetch;
  const redact = (value: string) => value.replaceAll(accessToken, '[access token]');
  const quote = (value: string) => redact(value).replace(/[\p{Cc}\s]+/gu, ' ').trim().slice(0, 300);

  const client: AdminApiClient = createAdminApiClient({
    storeDomain: host,
    apiVersion,
    accessToken,
    retries: 0,
    // The client always builds https://; the simulator on this machine speaks plain http. No redirects: a
    // custom header such as the token survives a cross-origin redirect.
    customFetchApi: (url, init) => doFetch(loopbackHttp ? url.replace(/^https:/, 'http:') : url, { ...(init as RequestInit), redirect: 'manual' }),
  });

  /** One request; data on success, else a ShopifyError saying whether a retry is worth it. */
  async function request(operation: string, document: string, variables: Record<string, unknown>): Promise<unknown> {
    let answer: Awaited<ReturnType<AdminApiClient['request']>>;
    try {
      answer = await client.request(document, { variables, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      // The client promises not to throw; a throw is still a failure of this one attempt.
      throw new ShopifyError({ code: 'unavailable', retry: true, message: `Could not reach Shopify (${host}): ${quote(String((error as Error).message ?? error))}; the desk tries again later.` });
    }
    const errors = answer.errors;
    if (!errors) return answer.data;
    const status = errors.networkStatusCode;
    const graphQLErrors = errors.graphQLErrors ?? [];
    if (graphQLErrors.some((e) => (e.extensions as { code?: unknown } | undefined)?.code === 'THROTTLED')) {
      throw new ShopifyError({
        code: 'throttled', retry: true, status: 200, afterMs: throttleWaitMs(answer.extensions),
        message: 'Shopify asked the desk to slow down (API rate limit); the desk tries again shortly.',
      });
    }
    if (status === undefined) {
      throw new ShopifyError({
        code: 'unavailable', retry: true,
        message: `Could not reach Shopify (${host}) or it did not answer within ${Math.ceil(timeoutMs / 1000)} s; the desk tries again later.`,
      });
    }
    if (status === 401) {
      throw new ShopifyError({ code: 'auth', retry: false, status, message: 'Shopify refused the access token (HTTP 401); check the Shopify access token in Settings.' });
    }
    if (status === 403) {
      throw new ShopifyError({ code: 'auth', retry: false, status, message: 'Shopify refused access (HTTP 403): the app behind the access token lacks a permission (read_orders, read_all_orders, write_merchant_managed_fulfillment_orders); check it in Shopify and the token in Settings.' });
    }
    if (status >= 300 && status < 400) {
      throw new ShopifyError({ code: 'setup', retry: false, status, message: `Shopify (${host}) answered with a redirect (HTTP ${status}); check the store address in Settings.` });
    }
    if (status === 429) {
      const afterMs = parseRetryAfter(errors.response?.headers.get('retry-after') ?? null) ?? 1000;
      throw new ShopifyError({ code: 'throttled', retry: true, status, afterMs, message: 'Shopify asked the desk to slow down (too many requests); the desk tries again shortly.' });
    }
    if (RETRYABLE_STATUSES.has(status)) {
      const afterMs = parseRetryAfter(errors.response?.headers.get('retry-after') ?? null);
      throw new ShopifyError({ code: 'unavailable', retry: true, status, ...(afterMs !== undefined ? { afterMs } : {}), message: `Shopify (${host}) had a problem (HTTP ${status}); the desk tries again later.` });
    }
    // Any other GraphQL error means the desk's own document or variables are wrong: retrying cannot help.
    const first = graphQLErrors[0];
    const code = (first?.extensions as { code?: unknown } | undefined)?.code;
    const said = first ? quote(first.message) : quote(errors.message ?? '');
    throw new ShopifyError({
      code: 'refused', retry: false, status,
      message: `Shopify refused the desk's ${operation} request (HTTP ${status}${typeof code === 'string' ? `, ${code}` : ''})${said ? `: ${said}` : ''}.`,
    });
  }

  function badAnswer(operation: string, issue: { path: PropertyKey[]; message: string } | undefined): ShopifyError {
    return new ShopifyError({
      code: 'bad_answer', retry: true,
      message: `Shopify (${host}) sent a ${operation} answer the desk cannot read (${issue?.path.map(String).join('.') || 'data'}: ${issue?.message ?? 'invalid'}).`,
    });
  }

  async function readOrder(gid: string): Promise<WireOrderState> {
    const parsed = wireOrderStateSchema.safeParse(await request('DeskOrder', DESK_ORDER, { id: gid }));
    if (!parsed.success) throw badAnswer('DeskOrder', parsed.error.issues[0]);
    if (parsed.data.order === null) {
      throw new ShopifyError({ code: 'unknown_order', retry: false, message: `Shopify has no order ${gid.split('/').pop()} in this store.` });
    }
    return parsed.data.order;
  }

  function fulfilmentWith(order: WireOrderState, number: string): string | undefined {
    return order.fulfillments.find((f) => f.trackingInfo.some((t) => t.number && normalizeTrackingNumber(t.number) === number))?.id;
  }

  return {
    async ordersSince(since, after, first = 10) {
      if (!Number.isInteger(first) || first < 1 || first > MAX_ORDERS_PER_PAGE) {
        throw new ShopifyError({ code: 'setup', retry: false, message: `first must be a whole number from 1 to ${MAX_ORDERS_PER_PAGE} (Shopify's query cost limit).` });
      }
      // Quoted into Shopify's search syntax: only a plain UTC time may go there.
      if (since !== null && !ISO_SECONDS.test(since.updatedAt)) {
        throw new ShopifyError({ code: 'setup', retry: false, message: 'since.updatedAt must be a UTC time such as 2026-11-30T10:00:00Z.' });
      }
      const variables = {
        first,
        after,
        // Inclusive: updatedAt has whole seconds, and an order can change again in the cursor's own second.
        ...(since !== null ? { query: `updated_at:>='${since.updatedAt}'` } : {}),
      };
      const parsed = wireOrdersSchema.safeParse(await request('DeskOrders', DESK_ORDERS, variables));
      if (!parsed.success) throw badAnswer('DeskOrders', parsed.error.issues[0]);
      const page: OrdersPage = {
        orders: [], cursor: null, tooManyLines: [], unreadable: [],
        hasNextPage: parsed.data.orders.pageInfo.hasNextPage, endCursor: parsed.data.orders.pageInfo.endCursor,
      };
      for (const edge of parsed.data.orders.edges) {
        const node = wireOrderNodeSchema.safeParse(edge.node);
        if (!node.success) throw badAnswer('DeskOrders', node.error.issues[0]);
        page.cursor = { updatedAt: node.data.updatedAt, id: node.data.id };
        if (node.data.lineItems.pageInfo.hasNextPage) {
          page.tooManyLines.push(node.data.name);
          continue;
        }
        try {
          page.orders.push(toImportedOrder(node.data));
        } catch (error) {
          if (!(error instanceof UnreadableOrder)) throw error;
          page.unreadable.push({ number: node.data.name, reason: error.message });
        }
      }
      return page;
    },

    async fulfill(orderRef, parcel) {
      const gid = shopifyOrderGid(orderRef);
      const number = normalizeTrackingNumber(typeof parcel.number === 'string' ? parcel.number : '');
      if (number === '') throw new ShopifyError({ code: 'setup', retry: false, message: 'The tracking number is empty; enter the number the supplier sent.' });
      if (typeof parcel.company !== 'string' || parcel.company.trim() === '') {
        throw new ShopifyError({ code: 'setup', retry: false, message: 'The carrier is empty; choose the carrier on the shipment.' });
      }
      for (const line of parcel.lines) {
        if (!Number.isInteger(line.quantity) || line.quantity < 1) {
          throw new ShopifyError({ code: 'setup', retry: false, message: `The quantity for SKU ${line.sku} must be a whole number of at least 1.` });
        }
      }

      // No idempotency key exists: the order itself says whether an earlier (perhaps unanswered) push landed.
      const order = await readOrder(gid);
      const existing = fulfilmentWith(order, number);
      if (existing) return { fulfillmentId: existing, alreadyThere: true };
      if (order.cancelledAt) {
        throw new ShopifyError({ code: 'cancelled', retry: false, message: `Shopify order ${order.name} was cancelled; its tracking was not sent.` });
      }

      const open = order.fulfillmentOrders.nodes.filter((fo) => fo.status === 'OPEN' || fo.status === 'IN_PROGRESS');
      const byOrder = new Map<string, { id: string; quantity: number }[]>();
      for (const line of parcel.lines) {
        const sku = line.sku.trim();
        const candidates = order.fulfillmentOrders.nodes.flatMap((fo) => fo.lineItems.nodes).filter((item) => (item.lineItem.sku ?? '').trim() === sku);
        if (sku === '' || candidates.length === 0) {
          throw new ShopifyError({ code: 'unknown_sku', retry: false, message: `Shopify order ${order.name} has no line with SKU ${sku || '(empty)'}.` });
        }
        let wanted = line.quantity;
        for (const fo of open) {
          for (const item of fo.lineItems.nodes) {
            if (wanted === 0 || (item.lineItem.sku ?? '').trim() !== sku || item.remainingQuantity < 1) continue;
            // Capped at what remains: Shopify refuses more, and the rest was fulfilled some other way.
            const quantity = Math.min(wanted, item.remainingQuantity - (byOrder.get(fo.id)?.filter((x) => x.id === item.id).reduce((s, x) => s + x.quantity, 0) ?? 0));
            if (quantity < 1) continue;
            wanted -= quantity;
            byOrder.set(fo.id, [...(byOrder.get(fo.id) ?? []), { id: item.id, quantity }]);
          }
        }
      }
      if (byOrder.size === 0) {
        throw new ShopifyError({ code: 'nothing_remains', retry: false, message: `Nothing remains to fulfil on Shopify order ${order.name} for these lines; it was fulfilled some other way.` });
      }

      const fulfillment = {
        lineItemsByFulfillmentOrder: [...byOrder].map(([fulfillmentOrderId, items]) => ({ fulfillmentOrderId, fulfillmentOrderLineItems: items })),
        trackingInfo: { company: parcel.company.trim(), number, ...(parcel.url ? { url: parcel.url } : {}) },
        // The desk sends its own customer e-mails (issue 6).
        notifyCustomer: false,
      };
      const parsed = wireFulfillmentCreateSchema.safeParse(await request('DeskFulfillmentCreate', DESK_FULFILLMENT_CREATE, { fulfillment }));
      if (!parsed.success) throw badAnswer('DeskFulfillmentCreate', parsed.error.issues[0]);
      const created = parsed.data.fulfillmentCreate;
      if (created.fulfillment) return { fulfillmentId: created.fulfillment.id, alreadyThere: false };
      // A refusal may only mean an earlier lost attempt already took the lines: the order says which.
      const again = await readOrder(gid);
      const landed = fulfilmentWith(again, number);
      if (landed) return { fulfillmentId: landed, alreadyThere: true };
      throw new ShopifyError({
        code: 'user_error', retry: false,
        message: `Shopify refused the fulfilment of order ${order.name}: ${created.userErrors.map((e) => quote(e.message)).join(' ') || 'no reason given'}`,
      });
    },
  };
}

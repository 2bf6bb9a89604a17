/**
 * Places and reads supplier orders over the supplier HTTP API (v1, documented in test/sim/README.md
 * "Orders"). One attempt per call: the outbox owns retries and back-off, so this only says what happened
 * and whether trying again is worth it. Every POST carries the PO's idempotency key and its PO number as
 * `client_reference`; a desk that lost an answer finds its order by that reference before sending again.
 * The API key goes only in the Authorization header and is removed from any text quoted back.
 */
import { z } from 'zod';
import { parseRetryAfter, supplierEndpoint } from './supplier-http';

/** The order as the supplier API answers it; unknown fields are ignored (v1 grows additively). */
const wireOrderLineSchema = z.object({
  line_number: z.int().min(1),
  sku: z.string(),
  quantity: z.int().min(1),
  status: z.string(),
  expected_date: z.string().nullable().optional(),
  reason_code: z.string().nullable().optional(),
  reason: z.string().nullable().optional(),
});
/**
 * Only an http(s) link is kept: anything else (javascript:, a bare host) is dropped rather than failing the
 * whole order over a link the desk can build itself from the carrier and number.
 */
function webLink(raw: string | null | undefined): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw.trim());
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

const wireShipmentSchema = z.object({
  id: z.string().min(1).max(200),
  carrier: z.string().trim().min(1).max(100),
  tracking_number: z.string().trim().min(1).max(100),
  tracking_url: z.string().max(2000).nullable().optional(),
  shipped_at: z.iso.datetime({ offset: true }),
  // Some suppliers report a parcel without saying what is in it: an empty list, not a bad answer.
  lines: z.array(z.object({ line_number: z.int().min(1), quantity: z.int().min(1) })).default([]),
}).transform((shipment): SupplierApiShipment => ({
  id: shipment.id,
  carrier: shipment.carrier,
  trackingNumber: shipment.tracking_number,
  trackingUrl: webLink(shipment.tracking_url),
  shippedAt: shipment.shipped_at,
  lines: shipment.lines.map((line) => ({ lineNumber: line.line_number, quantity: line.quantity })),
}));
const wireOrderSchema = z.object({
  id: z.string().min(1).max(200),
  client_reference: z.string(),
  status: z.string(),
  supplier_reference: z.string().nullable().optional(),
  lines: z.array(wireOrderLineSchema),
  // Suppliers on the API before shipments were added send none: nothing has shipped as far as we can tell.
  shipments: z.array(wireShipmentSchema).default([]),
});

/** A parcel the supplier reports, as the supplier wrote it (carrier name and number are not normalised here). */
export interface SupplierApiShipment {
  id: string;
  /** As the supplier writes it: 'UPS', 'Royal Mail', 'DHL'. */
  carrier: string;
  trackingNumber: string;
  /** The supplier's http(s) link; null when it sent none or something that is not one. */
  trackingUrl: string | null;
  /** ISO 8601 with a zone, as sent. */
  shippedAt: string;
  /** The PO lines in the parcel by their position (as the order's `lines`); empty when the supplier does not say. */
  lines: { lineNumber: number; quantity: number }[];
}
export type SupplierApiOrder = z.output<typeof wireOrderSchema>;
const wireOrderListSchema = z.object({ data: z.array(z.unknown()) });
const wireErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), order_id: z.string().optional(), field: z.string().optional() }) });

export interface SupplierOrderBody {
  client_reference: string;
  ship_to: {
    name: string; line1: string; line2: string | null; city: string; region: string | null; postcode: string;
    country: string; phone: string | null; email: string | null;
  };
  lines: { sku: string; quantity: number; unit_cost: { amount: number; currency: string } }[];
  notes: string;
}

export interface SupplierOrderFailure {
  /** Temporary (offline, 429, 5xx, a timeout): the outbox tries again with the same key. */
  retry: boolean;
  /** For the shop owner; never contains the API key. */
  message: string;
  status?: number;
  /** The supplier's error code, e.g. validation_failed, duplicate_client_reference. */
  code?: string;
  /** For duplicate_client_reference: the supplier's order that already has this PO number. */
  existingOrderId?: string;
  /** The supplier's Retry-After. */
  afterMs?: number;
}

export class SupplierOrderError extends Error {
  constructor(readonly failure: SupplierOrderFailure) {
    super(failure.message);
    this.name = 'SupplierOrderError';
  }
}

export interface SupplierOrdersClient {
  /** POST /v1/orders. A `duplicate_client_reference` answer is a SupplierOrderError with existingOrderId. */
  place(body: SupplierOrderBody, idempotencyKey: string): Promise<SupplierApiOrder>;
  get(orderId: string): Promise<SupplierApiOrder>;
  /** The order with this PO number, or undefined when the supplier has none ("did my POST arrive?"). */
  findByClientReference(reference: string): Promise<SupplierApiOrder | undefined>;
}

export interface SupplierOrdersClientOptions {
  baseUrl: string;
  apiKey: string;
  /** Per request, to the last byte of the answer. Default 30 s. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const RETRYABLE = new Set([408, 409, 425, 429, 500, 502, 503, 504]);
const MAX_BODY_BYTES = 2_000_000;

export function createSupplierOrdersClient(options: SupplierOrdersClientOptions): SupplierOrdersClient {
  let base: URL;
  try {
    base = supplierEndpoint(options.baseUrl);
  } catch (error) {
    throw new SupplierOrderError({ retry: false, message: (error as Error).message });
  }
  const ordersUrl = new URL(base.pathname.replace(/\/v1\/products$/, '/v1/orders'), base.origin);
  const apiKey = options.apiKey;
  if (!/^[\x21-\x7e]+$/.test(apiKey)) {
    throw new SupplierOrderError({ retry: false, message: 'The supplier’s API key is missing or not usable; enter it on the supplier’s page.' });
  }
  const redact = (text: string) => text.replaceAll(apiKey, '[api key]');
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const host = base.host;

  async function call(method: 'GET' | 'POST', url: URL, body?: unknown, idempotencyKey?: string): Promise<{ status: number; json: unknown; headers: Headers }> {
    let response: Response;
    let text: string;
    try {
      response = await doFetch(url, {
        method,
        redirect: 'error',
        signal: AbortSignal.timeout(timeoutMs),
        headers: {
          Authorization: `Bearer ${apiKey}`,
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      text = await response.text();
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      const code = (error as { cause?: { code?: string } }).cause?.code;
      throw new SupplierOrderError({
        retry: true,
        message: timedOut ? `The supplier’s API (${host}) did not answer within ${Math.round(timeoutMs / 1000)} s.`
          : `Could not reach the supplier’s API (${host})${code ? `: ${code}` : ''}; the desk tries again by itself.`,
      });
    }
    if (text.length > MAX_BODY_BYTES) throw new SupplierOrderError({ retry: true, status: response.status, message: `The supplier’s API (${host}) sent an answer too large to be an order.` });
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (response.status >= 200 && response.status < 300) return { status: response.status, json, headers: response.headers };
    const error = wireErrorSchema.safeParse(json);
    const said = error.success ? `: “${redact(error.data.error.message).replace(/[\p{Cc}]+/gu, ' ').slice(0, 300)}”` : '';
    const failure: SupplierOrderFailure = {
      retry: RETRYABLE.has(response.status) && !(error.success && error.data.error.code === 'duplicate_client_reference'),
      status: response.status,
      message: response.status === 401 || response.status === 403
        ? `The supplier refused the API key (HTTP ${response.status}); check it on the supplier’s page.`
        : `The supplier’s API answered HTTP ${response.status}${said}`,
      ...(error.success ? { code: error.data.error.code } : {}),
      ...(error.success && error.data.error.order_id ? { existingOrderId: error.data.error.order_id } : {}),
      ...(response.status === 429 || response.status === 503 ? { afterMs: parseRetryAfter(response.headers.get('retry-after')) } : {}),
    };
    throw new SupplierOrderError(failure);
  }

  const asOrder = (json: unknown): SupplierApiOrder => {
    const parsed = wireOrderSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new SupplierOrderError({ retry: true, message: `The supplier’s API (${host}) sent an order the desk cannot read (${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}).` });
    }
    return parsed.data;
  };

  return {
    async place(body, idempotencyKey) {
      return asOrder((await call('POST', ordersUrl, body, idempotencyKey)).json);
    },
    async get(orderId) {
      return asOrder((await call('GET', new URL(`${ordersUrl.pathname}/${encodeURIComponent(orderId)}`, ordersUrl.origin))).json);
    },
    async findByClientReference(reference) {
      const url = new URL(ordersUrl);
      url.searchParams.set('client_reference', reference);
      const list = wireOrderListSchema.safeParse((await call('GET', url)).json);
      if (!list.success) throw new SupplierOrderError({ retry: true, message: `The supplier’s API (${host}) sent an order list the desk cannot read.` });
      const first = list.data.data[0];
      return first === undefined ? undefined : asOrder(first);
    },
  };
}

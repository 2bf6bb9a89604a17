/**
 * The order endpoints of the simulated supplier (README.md, "POST /v1/orders", "GET /v1/orders/{id}",
 * "GET /v1/orders"). Rows of the route table; the order book (supplier-sim-orders.ts) holds the state.
 */
import { apiError, apiErrorWith, type SimResponse } from './supplier-sim-http';
import { fingerprint, MAX_IDEMPOTENCY_KEY_LENGTH } from './supplier-sim-idempotency';
import { parseOrderInput } from './supplier-sim-order-input';
import { listPage, readPaging } from './supplier-sim-paging';
import type { Route, RouteContext } from './supplier-sim-routes';

/** `POST /v1/orders`: idempotency first, then validation, then the unique client reference, then create. */
async function placeOrder({ state, header, readJson, now }: RouteContext): Promise<SimResponse> {
  const key = header('idempotency-key');
  if (key === undefined || key === '') {
    return apiError(400, 'idempotency_key_missing', 'POST /v1/orders needs an Idempotency-Key header (a unique value per order, reused on retries).');
  }
  if (key.length > MAX_IDEMPOTENCY_KEY_LENGTH || !/^[\x21-\x7e]+$/.test(key)) {
    return apiError(400, 'invalid_parameter', `Idempotency-Key must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} visible ASCII characters.`);
  }
  const body = await readJson();
  const bodyFingerprint = fingerprint(body);
  const previous = state.idempotency.lookup(key, bodyFingerprint);
  if (previous.kind === 'replay') return previous.response;
  if (previous.kind === 'mismatch') {
    return apiError(422, 'idempotency_key_reused', 'This Idempotency-Key was used with a different request body. Use a new key for a new order.');
  }

  const parsed = parseOrderInput(body);
  if (!parsed.ok) return apiErrorWith(422, 'validation_failed', parsed.message, { field: parsed.field });
  const { input } = parsed;
  if (!input.lines.some((line) => state.catalog.some((product) => product.sku === line.sku))) {
    return apiErrorWith(422, 'no_orderable_lines', 'None of the SKUs is in the catalog.', { field: 'lines' });
  }

  let response: SimResponse;
  const existing = state.orders.byClientReference(input.client_reference);
  if (existing) {
    response = apiErrorWith(409, 'duplicate_client_reference',
      `An order with client_reference ${input.client_reference} already exists: ${existing.id}.`,
      { order_id: existing.id, client_reference: existing.client_reference });
  } else {
    const order = state.orders.create(input, state.catalog, now());
    response = { status: 201, body: structuredClone(order), headers: { Location: `/v1/orders/${order.id}` } };
  }
  state.idempotency.save(key, bodyFingerprint, response);
  return response;
}

/** `GET /v1/orders/:id`: one order as it is now, shipments included; a poll, which the scenario may first answer by acknowledging or shipping. */
function getOrder({ state, params, now }: RouteContext): SimResponse {
  const id = params.id ?? '';
  const order = state.orders.get(id);
  if (!order) return apiError(404, 'order_not_found', `No order ${id}.`);
  state.orders.recordPoll(order, state.catalog, now());
  return { status: 200, body: structuredClone(order) };
}

/** `GET /v1/orders[?client_reference=…][&page&per_page]`: oldest first; a lookup by reference is a poll. */
function listOrders({ state, query, now }: RouteContext): SimResponse {
  const paging = readPaging(query);
  if ('status' in paging) return paging;
  const reference = query.get('client_reference');
  if (reference === null) return listPage(structuredClone(state.orders.all()), paging.page, paging.perPage);
  const order = state.orders.byClientReference(reference);
  if (order) state.orders.recordPoll(order, state.catalog, now());
  return listPage(order ? [structuredClone(order)] : [], paging.page, paging.perPage);
}

export const ORDER_ROUTES: readonly Route[] = [
  { method: 'POST', path: '/v1/orders', handle: placeOrder },
  { method: 'GET', path: '/v1/orders', handle: listOrders },
  { method: 'GET', path: '/v1/orders/:id', handle: getOrder },
];

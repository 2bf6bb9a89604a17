/**
 * The supplier simulator's order API (test/sim/README.md, "Orders"), spoken to with plain fetch over
 * loopback, as the desk's future adapter will: placement with Idempotency-Key, duplicate PO numbers,
 * lookups by id and by client_reference, the acknowledgement and shipping life cycle, and injected order failures.
 * The simulator's default tracking numbers are checked with the desk's own carrier detection, which the
 * simulator itself does not import.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { detectCarrier } from '../../src-shared/domain/tracking';
import { startSupplierSim, type SimProduct, type SupplierSim, type SupplierSimOptions } from '../sim/supplier-sim';

const API_KEY = 'sk_test_orders_5b1e77c2a9';

const sims: SupplierSim[] = [];
afterEach(async () => {
  for (const sim of sims.splice(0)) await sim.close();
});

function product(sku: string, stock: number): SimProduct {
  return {
    sku, title: `Product ${sku}`, stock, price: { amount: '12.50', currency: 'EUR' },
    lead_time_days: 3, ships_to: ['DE', 'AT'], updated_at: '2026-11-01T08:00:00Z',
  };
}

const CATALOG = [product('CJ-DOG-0001', 50), product('CJ-CAT-0002', 0), product('CJ-BRD-0003', 10)];

async function startSim(options: SupplierSimOptions = {}): Promise<SupplierSim> {
  const sim = await startSupplierSim({ apiKey: API_KEY, catalog: CATALOG, now: () => new Date('2026-12-01T09:30:00Z'), ...options });
  sims.push(sim);
  return sim;
}

function orderBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    client_reference: 'PO-1001',
    ship_to: {
      name: 'Mia Schneider', line1: 'Lindenstraße 12', line2: null, city: 'Berlin', region: 'BE',
      postcode: '10969', country: 'DE', phone: '+49 30 1234567', email: 'mia@example.com',
    },
    lines: [
      { sku: 'CJ-DOG-0001', quantity: 2, unit_cost: { amount: 1250, currency: 'EUR' } },
      { sku: 'CJ-CAT-0002', quantity: 1 },
      { sku: 'CJ-BRD-0003', quantity: 3 },
    ],
    notes: 'Leave at the door.',
    ...overrides,
  };
}

interface Answer {
  status: number;
  headers: Headers;
  json: any;
}

async function call(sim: SupplierSim, method: string, path: string, options: {
  body?: unknown; idempotencyKey?: string; apiKey?: string | null; signal?: AbortSignal;
} = {}): Promise<Answer> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.apiKey !== null) headers.Authorization = `Bearer ${options.apiKey ?? API_KEY}`;
  if (options.idempotencyKey !== undefined) headers['Idempotency-Key'] = options.idempotencyKey;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${sim.url}${path}`, {
    method, headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text === '' ? undefined : JSON.parse(text) };
}

const place = (sim: SupplierSim, body: unknown, idempotencyKey: string, extra: { signal?: AbortSignal; apiKey?: string | null } = {}) =>
  call(sim, 'POST', '/v1/orders', { body, idempotencyKey, ...extra });

describe('POST /v1/orders: placement and idempotency', () => {
  it('creates, replays the same key, refuses the key with another body, and reports a reused PO number with its order id', async () => {
    const sim = await startSim();

    const created = await place(sim, orderBody(), 'idem-PO-1001-a');
    expect(created.status).toBe(201);
    expect(created.headers.get('idempotent-replayed')).toBeNull();
    const order = created.json;
    expect(order).toMatchObject({
      client_reference: 'PO-1001', status: 'received', supplier_reference: null, created_at: '2026-12-01T09:30:00Z',
      notes: 'Leave at the door.',
      ship_to: { name: 'Mia Schneider', country: 'DE', postcode: '10969', line2: null },
    });
    expect(order.id).toMatch(/^ord_\d+$/);
    expect(created.headers.get('location')).toBe(`/v1/orders/${order.id}`);
    expect(order.lines).toEqual([
      { line_number: 1, sku: 'CJ-DOG-0001', quantity: 2, unit_cost: { amount: 1250, currency: 'EUR' }, status: 'pending', expected_date: null, reason_code: null, reason: null },
      { line_number: 2, sku: 'CJ-CAT-0002', quantity: 1, unit_cost: null, status: 'pending', expected_date: null, reason_code: null, reason: null },
      { line_number: 3, sku: 'CJ-BRD-0003', quantity: 3, unit_cost: null, status: 'pending', expected_date: null, reason_code: null, reason: null },
    ]);

    // Same key, same body (other key order and whitespace do not matter): the saved answer, marked as a replay.
    const { lines, ...rest } = orderBody();
    const replay = await place(sim, { lines, ...rest }, 'idem-PO-1001-a');
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.json).toEqual(order);
    expect(sim.orders()).toHaveLength(1);

    // Same key, another body: refused, nothing created.
    const conflict = await place(sim, orderBody({ notes: 'Ring twice.' }), 'idem-PO-1001-a');
    expect(conflict.status).toBe(422);
    expect(conflict.json.error.code).toBe('idempotency_key_reused');
    expect(sim.orders()).toHaveLength(1);

    // A new key but a PO number already used: 409 naming the existing order, so a desk that lost the answer finds it.
    const duplicate = await place(sim, orderBody(), 'idem-PO-1001-b');
    expect(duplicate.status).toBe(409);
    expect(duplicate.json.error).toMatchObject({ code: 'duplicate_client_reference', order_id: order.id, client_reference: 'PO-1001' });
    expect(sim.orders()).toHaveLength(1);
    // That answer is saved under the new key too.
    const duplicateAgain = await place(sim, orderBody(), 'idem-PO-1001-b');
    expect(duplicateAgain.status).toBe(409);
    expect(duplicateAgain.headers.get('idempotent-replayed')).toBe('true');
  });

  it('finds an order by id and by client_reference, in the paged list shape', async () => {
    const sim = await startSim();
    const first = (await place(sim, orderBody(), 'k1')).json;
    await place(sim, orderBody({ client_reference: 'PO-1002' }), 'k2');
    await place(sim, orderBody({ client_reference: 'PO-1003' }), 'k3');

    const byId = await call(sim, 'GET', `/v1/orders/${first.id}`);
    expect(byId.status).toBe(200);
    expect(byId.json).toEqual(first);

    const byReference = await call(sim, 'GET', '/v1/orders?client_reference=PO-1001');
    expect(byReference.status).toBe(200);
    expect(byReference.json).toEqual({ data: [first], meta: { page: 1, per_page: 100, total: 1, next_page: null } });

    const none = await call(sim, 'GET', '/v1/orders?client_reference=PO-9999');
    expect(none.json).toEqual({ data: [], meta: { page: 1, per_page: 100, total: 0, next_page: null } });

    const page1 = await call(sim, 'GET', '/v1/orders?per_page=2');
    expect(page1.json.data.map((o: { client_reference: string }) => o.client_reference)).toEqual(['PO-1001', 'PO-1002']);
    expect(page1.json.meta).toEqual({ page: 1, per_page: 2, total: 3, next_page: 2 });
    const page2 = await call(sim, 'GET', '/v1/orders?per_page=2&page=2');
    expect(page2.json.data.map((o: { client_reference: string }) => o.client_reference)).toEqual(['PO-1003']);
    expect((await call(sim, 'GET', '/v1/orders?per_page=0')).json.error.code).toBe('invalid_parameter');

    const missing = await call(sim, 'GET', '/v1/orders/ord_999999');
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('order_not_found');

    expect(sim.order(first.id)).toEqual(first);
    expect(sim.ordersByClientReference('PO-1002')).toHaveLength(1);
    expect(sim.ordersByClientReference('PO-404')).toEqual([]);
  });
});

describe('order life cycle', () => {
  it('acknowledges with a confirmed, a backordered and a rejected line', async () => {
    const sim = await startSim();
    const { id } = (await place(sim, orderBody(), 'k1')).json;
    sim.acknowledge(id, {
      lines: {
        'CJ-CAT-0002': { status: 'backordered', expected_date: '2026-12-20' },
        'CJ-BRD-0003': { status: 'rejected', reason_code: 'discontinued', reason: 'Discontinued by the maker.' },
      },
    });

    const polled = (await call(sim, 'GET', `/v1/orders/${id}`)).json;
    expect(polled.status).toBe('acknowledged');
    expect(polled.supplier_reference).toMatch(/^SUP-\d+$/);
    expect(polled.acknowledged_at).toBe('2026-12-01T09:30:00Z');
    expect(polled.lines.map((l: Record<string, unknown>) => [l.sku, l.status, l.expected_date, l.reason_code, l.reason])).toEqual([
      ['CJ-DOG-0001', 'confirmed', null, null, null],
      ['CJ-CAT-0002', 'backordered', '2026-12-20', null, null],
      ['CJ-BRD-0003', 'rejected', null, 'discontinued', 'Discontinued by the maker.'],
    ]);
    expect(() => sim.acknowledge(id)).toThrow(/acknowledged, not received/);
    expect(() => sim.acknowledge('ord_404')).toThrow(/no order/);
  });

  it('acknowledges by itself after N polls, following the per-SKU scenario and else the stock', async () => {
    const sim = await startSim();
    sim.setOrderScenario({
      autoAcknowledgeAfterPolls: 2,
      skus: { 'CJ-BRD-0003': { status: 'rejected', reason_code: 'cannot_ship_to_country', reason: 'No shipping to DE.' } },
    });
    const { id } = (await place(sim, orderBody(), 'k1')).json;

    expect((await call(sim, 'GET', `/v1/orders/${id}`)).json.status).toBe('received');
    const second = (await call(sim, 'GET', '/v1/orders?client_reference=PO-1001')).json.data[0];
    expect(second.status).toBe('acknowledged');
    expect(second.lines.map((l: Record<string, unknown>) => [l.status, l.expected_date, l.reason_code])).toEqual([
      ['confirmed', null, null], // stock 50 covers 2
      ['backordered', '2026-12-15', null], // stock 0: backordered for DEFAULT_BACKORDER_DAYS
      ['rejected', null, 'cannot_ship_to_country'],
    ]);
  });

  it('rejects the whole order when every line is rejected', async () => {
    const sim = await startSim();
    const { id } = (await place(sim, orderBody({ lines: [{ sku: 'CJ-DOG-0001', quantity: 1 }] }), 'k1')).json;
    const order = sim.acknowledge(id, { lines: { 'CJ-DOG-0001': { status: 'rejected', reason: 'Out of stock.', reason_code: 'out_of_stock' } } });
    expect(order.status).toBe('rejected');
  });
});

describe('shipments', () => {
  const SHIPPED_AT = '2026-12-01T09:30:00Z';
  /** DOG ×2 and BRD ×3 in stock (confirmed), CAT out of stock (backordered), FSH unknown (rejected). */
  const mixedLines = [
    { sku: 'CJ-DOG-0001', quantity: 2 }, { sku: 'CJ-CAT-0002', quantity: 1 },
    { sku: 'CJ-BRD-0003', quantity: 3 }, { sku: 'CJ-FSH-9999', quantity: 1 },
  ];

  it('ships confirmed quantities in parcels, marks fully shipped lines, and serves shipments by id and by reference', async () => {
    const sim = await startSim();
    const { id } = (await place(sim, orderBody({ lines: mixedLines }), 'k1')).json;
    expect(sim.order(id)?.shipments).toEqual([]);
    sim.acknowledge(id);

    const first = sim.ship(id, { lines: { 'CJ-DOG-0001': 1 } });
    expect(first).toMatchObject({ id: 'shp_000001', carrier: 'UPS', shipped_at: SHIPPED_AT, lines: [{ line_number: 1, quantity: 1 }] });
    expect(first.tracking_url).toBe(`https://www.ups.com/track?tracknum=${first.tracking_number}`);
    let order = sim.order(id);
    expect(order?.status).toBe('partially_shipped');
    expect(order?.lines.map((line) => line.status)).toEqual(['confirmed', 'backordered', 'confirmed', 'rejected']);

    // No lines given: what is left of every confirmed line; the backordered and rejected lines stay behind.
    const second = sim.ship(id, { carrier: 'Royal Mail' });
    expect(second).toMatchObject({ id: 'shp_000002', carrier: 'Royal Mail', lines: [{ line_number: 1, quantity: 1 }, { line_number: 3, quantity: 3 }] });
    expect(second.tracking_number).toMatch(/^RB\d{9}GB$/);
    order = sim.order(id);
    expect(order?.lines.map((line) => line.status)).toEqual(['shipped', 'backordered', 'shipped', 'rejected']);
    expect(order?.status).toBe('partially_shipped'); // the backordered line is still to come
    expect(order?.shipments).toEqual([first, second]);

    const byId = (await call(sim, 'GET', `/v1/orders/${id}`)).json;
    expect(byId.shipments).toEqual([first, second]);
    const byReference = (await call(sim, 'GET', '/v1/orders?client_reference=PO-1001')).json;
    expect(byReference.data[0].shipments).toEqual([first, second]);
  });

  it('an order whose every open line has shipped is shipped', async () => {
    const sim = await startSim();
    const { id } = (await place(sim, orderBody({ lines: [{ sku: 'CJ-DOG-0001', quantity: 2 }, { sku: 'CJ-FSH-9999', quantity: 1 }] }), 'k1')).json;
    sim.acknowledge(id);
    sim.ship(id);
    expect(sim.order(id)).toMatchObject({ status: 'shipped', updated_at: SHIPPED_AT });
    expect(sim.order(id)?.lines.map((line) => line.status)).toEqual(['shipped', 'rejected']);
    expect(() => sim.ship(id)).toThrow(/is shipped/);
  });

  it('refuses an order not acknowledged, a backordered or rejected line, more than remains, and a number it cannot make up', async () => {
    const sim = await startSim();
    const { id } = (await place(sim, orderBody({ lines: mixedLines }), 'k1')).json;
    expect(() => sim.ship(id)).toThrow(/Order ord_\d+ is received/);
    expect(() => sim.ship('ord_404')).toThrow(/no order ord_404/);
    sim.acknowledge(id);

    expect(() => sim.ship(id, { lines: { 'CJ-CAT-0002': 1 } })).toThrow(/CJ-CAT-0002\) is backordered/);
    expect(() => sim.ship(id, { lines: { 'CJ-FSH-9999': 1 } })).toThrow(/CJ-FSH-9999\) is rejected/);
    expect(() => sim.ship(id, { lines: { 'CJ-DOG-0001': 3 } })).toThrow(/has 2 left to ship, not 3/);
    expect(() => sim.ship(id, { lines: { 'CJ-DOG-0001': 0 } })).toThrow(/positive integer/);
    expect(() => sim.ship(id, { lines: { 'CJ-XXX-0000': 1 } })).toThrow(/no line for CJ-XXX-0000/);
    expect(() => sim.ship(id, { carrier: 'Evri' })).toThrow(/give trackingNumber/);
    expect(sim.order(id)?.shipments).toEqual([]);

    sim.ship(id, { lines: { 'CJ-DOG-0001': 2 } });
    expect(() => sim.ship(id, { lines: { 'CJ-DOG-0001': 1 } })).toThrow(/CJ-DOG-0001\) is shipped/);
    const evri = sim.ship(id, { carrier: 'Evri', trackingNumber: 'H01HYA0012345678' });
    expect(evri).toMatchObject({ carrier: 'Evri', tracking_number: 'H01HYA0012345678', tracking_url: null, lines: [{ line_number: 3, quantity: 3 }] });
    expect(() => sim.ship(id)).toThrow(/no confirmed line left to ship/);
  });

  it('makes up real-format tracking numbers with valid check digits, distinct per parcel, that carrier detection recognises', async () => {
    const sim = await startSim({ catalog: [product('CJ-DOG-0001', 500)] });
    const { id } = (await place(sim, orderBody({ lines: [{ sku: 'CJ-DOG-0001', quantity: 40 }] }), 'k1')).json;
    sim.acknowledge(id);
    const ups = Array.from({ length: 30 }, () => sim.ship(id, { lines: { 'CJ-DOG-0001': 1 } }));
    expect(new Set(ups.map((shipment) => shipment.tracking_number)).size).toBe(30);
    for (const shipment of ups) {
      expect(detectCarrier(shipment.tracking_number), shipment.tracking_number)
        .toMatchObject({ kind: 'detected', carrier: 'ups', checkDigitValid: true, alsoMatches: [], trackingUrl: shipment.tracking_url });
    }
    for (const [carrier, code] of [['Royal Mail', 'royal_mail'], ['DHL', 'dhl']] as const) {
      for (let n = 0; n < 5; n += 1) {
        const shipment = sim.ship(id, { lines: { 'CJ-DOG-0001': 1 }, carrier });
        expect(detectCarrier(shipment.tracking_number), shipment.tracking_number)
          .toMatchObject({ kind: 'detected', carrier: code, checkDigitValid: true, trackingUrl: shipment.tracking_url });
      }
    }
  });

  it('ships by itself N reads after acknowledgement: acknowledged on the 1st read, shipped on the 2nd', async () => {
    const sim = await startSim();
    sim.setOrderScenario({ autoAcknowledgeAfterPolls: 1, autoShipAfterPolls: 1 });
    const { id } = (await place(sim, orderBody({ lines: mixedLines }), 'k1')).json;

    const firstRead = (await call(sim, 'GET', `/v1/orders/${id}`)).json;
    expect(firstRead).toMatchObject({ status: 'acknowledged', shipments: [] });
    const secondRead = (await call(sim, 'GET', '/v1/orders?client_reference=PO-1001')).json.data[0];
    expect(secondRead.status).toBe('partially_shipped'); // the backordered CAT line has not shipped
    expect(secondRead.shipments).toHaveLength(1);
    expect(secondRead.shipments[0]).toMatchObject({ carrier: 'UPS', lines: [{ line_number: 1, quantity: 2 }, { line_number: 3, quantity: 3 }] });
    expect(detectCarrier(secondRead.shipments[0].tracking_number)).toMatchObject({ carrier: 'ups', checkDigitValid: true });

    // Nothing confirmed is left: more reads add no parcel.
    expect((await call(sim, 'GET', `/v1/orders/${id}`)).json.shipments).toEqual(secondRead.shipments);
  });

  it('counts the reads from an acknowledgement made by hand, and with splitShipments sends each confirmed line alone', async () => {
    const sim = await startSim();
    sim.setOrderScenario({ autoShipAfterPolls: 2, splitShipments: true });
    const { id } = (await place(sim, orderBody({ lines: mixedLines }), 'k1')).json;
    expect((await call(sim, 'GET', `/v1/orders/${id}`)).json.status).toBe('received'); // no auto-acknowledge
    sim.acknowledge(id);
    expect((await call(sim, 'GET', `/v1/orders/${id}`)).json.shipments).toEqual([]); // 1st read after it
    const shipped = (await call(sim, 'GET', `/v1/orders/${id}`)).json; // 2nd
    expect(shipped.shipments.map((shipment: { lines: unknown }) => shipment.lines)).toEqual([
      [{ line_number: 1, quantity: 2 }], [{ line_number: 3, quantity: 3 }],
    ]);
    expect(new Set(shipped.shipments.map((shipment: { tracking_number: string }) => shipment.tracking_number)).size).toBe(2);
    expect(shipped.lines.map((line: { status: string }) => line.status)).toEqual(['shipped', 'backordered', 'shipped', 'rejected']);
  });

  it('refuses an auto-ship count below 1', async () => {
    const sim = await startSim();
    expect(() => sim.setOrderScenario({ autoShipAfterPolls: 0 })).toThrow(/autoShipAfterPolls must be an integer of at least 1/);
  });
});

describe('validation', () => {
  it('rejects an unknown SKU on its line and keeps the rest of the order; no known SKU at all is a 422', async () => {
    const sim = await startSim();
    const answer = await place(sim, orderBody({ lines: [{ sku: 'CJ-DOG-0001', quantity: 1 }, { sku: 'CJ-NOPE-9999', quantity: 4 }] }), 'k1');
    expect(answer.status).toBe(201);
    expect(answer.json.status).toBe('received');
    expect(answer.json.lines[0]).toMatchObject({ sku: 'CJ-DOG-0001', status: 'pending' });
    expect(answer.json.lines[1]).toMatchObject({ sku: 'CJ-NOPE-9999', status: 'rejected', reason_code: 'unknown_sku' });

    // The rejected line stays rejected at acknowledgement.
    expect(sim.acknowledge(answer.json.id).lines.map((l) => l.status)).toEqual(['confirmed', 'rejected']);

    const none = await place(sim, orderBody({ client_reference: 'PO-2', lines: [{ sku: 'CJ-NOPE-9999', quantity: 1 }] }), 'k2');
    expect(none.status).toBe(422);
    expect(none.json.error).toMatchObject({ code: 'no_orderable_lines', field: 'lines' });
  });

  it('answers 422 naming the field, saves nothing, and leaves the key free', async () => {
    const sim = await startSim();
    const base = orderBody();
    const cases: [Record<string, unknown>, string][] = [
      [{ client_reference: undefined }, 'client_reference'],
      [{ client_reference: 'PO 1' }, 'client_reference'],
      [{ ship_to: { ...(base.ship_to as object), country: 'Germany' } }, 'ship_to.country'],
      [{ ship_to: { ...(base.ship_to as object), postcode: '' } }, 'ship_to.postcode'],
      [{ ship_to: { ...(base.ship_to as object), email: 'not-an-address' } }, 'ship_to.email'],
      [{ lines: [] }, 'lines'],
      [{ lines: [{ sku: 'CJ-DOG-0001', quantity: 1 }, { sku: 'CJ-CAT-0002', quantity: 0 }] }, 'lines[1].quantity'],
      [{ lines: [{ sku: 'CJ-DOG-0001', quantity: 1.5 }] }, 'lines[0].quantity'],
      [{ lines: [{ sku: 'CJ-DOG-0001', quantity: 1, unit_cost: { amount: '12.50', currency: 'EUR' } }] }, 'lines[0].unit_cost.amount'],
      [{ lines: [{ sku: 'CJ-DOG-0001', quantity: 1 }, { sku: 'CJ-DOG-0001', quantity: 2 }] }, 'lines[1].sku'],
    ];
    for (const [override, field] of cases) {
      const answer = await place(sim, orderBody(override), 'same-key');
      expect(answer.status, field).toBe(422);
      expect(answer.json.error, field).toMatchObject({ code: 'validation_failed', field });
      expect(answer.json.error.message, field).toContain(field.replace(/\[\d+\].*/, ''));
    }
    expect(sim.orders()).toEqual([]);
    // Hong Kong has no postcodes.
    const hk = await place(sim, orderBody({ ship_to: { ...(base.ship_to as object), country: 'HK', postcode: null } }), 'same-key');
    expect(hk.status).toBe(201);

    const noKey = await call(sim, 'POST', '/v1/orders', { body: orderBody({ client_reference: 'PO-2' }) });
    expect(noKey.status).toBe(400);
    expect(noKey.json.error.code).toBe('idempotency_key_missing');

    const res = await fetch(`${sim.url}/v1/orders`, {
      method: 'POST', headers: { Authorization: `Bearer ${API_KEY}`, 'Idempotency-Key': 'k-json' }, body: '{"client_reference":',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_parameter');
    expect(sim.orders()).toHaveLength(1);
  });
});

describe('injected order failures', () => {
  it('a timeout after create: the order exists though the client got no answer, and the client can find it', async () => {
    const sim = await startSim();
    sim.failNext('POST /v1/orders', 1, { kind: 'no_answer' });

    await expect(place(sim, orderBody(), 'k-lost', { signal: AbortSignal.timeout(300) })).rejects.toThrow();
    expect(sim.ordersByClientReference('PO-1001')).toHaveLength(1);
    expect(sim.requestsTo('/v1/orders')[0]?.status).toBe(0); // never answered

    const found = await call(sim, 'GET', '/v1/orders?client_reference=PO-1001');
    expect(found.json.data).toHaveLength(1);
    const { id } = found.json.data[0];

    // Retrying with the same key is safe: the saved answer, not a second order.
    const retry = await place(sim, orderBody(), 'k-lost');
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.json.id).toBe(id);
    expect(sim.orders()).toHaveLength(1);
  });

  it('an answer sent after the client timed out: the order is created all the same', async () => {
    const sim = await startSim();
    sim.failNext('POST /v1/orders', 1, { kind: 'no_answer', answerAfterMs: 400 });
    await expect(place(sim, orderBody(), 'k-late', { signal: AbortSignal.timeout(100) })).rejects.toThrow();
    expect(sim.orders()).toHaveLength(1);
    // A client with patience gets the late answer.
    sim.failNext('POST /v1/orders', 1, { kind: 'no_answer', answerAfterMs: 150 });
    const started = performance.now();
    const late = await place(sim, orderBody({ client_reference: 'PO-1002' }), 'k-late-2');
    expect(late.status).toBe(201);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('a 500 before creating saves nothing, and the same key then works', async () => {
    const sim = await startSim();
    sim.failNext('POST /v1/orders', 1, { kind: 'error', status: 500 });
    const failed = await place(sim, orderBody(), 'k1');
    expect(failed.status).toBe(500);
    expect(failed.json.error.code).toBe('internal_error');
    expect(sim.orders()).toEqual([]);

    const retry = await place(sim, orderBody(), 'k1');
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBeNull();
    expect(sim.orders()).toHaveLength(1);
  });

  it('slow answers and errors on the lookup routes, for the next N requests only', async () => {
    const sim = await startSim();
    const { id } = (await place(sim, orderBody(), 'k1')).json;
    sim.failNext('GET /v1/orders/:id', 1, { kind: 'slow', delayMs: 150 });
    const started = performance.now();
    expect((await call(sim, 'GET', `/v1/orders/${id}`)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);

    sim.failNext('GET /v1/orders', 2, { kind: 'error', status: 503, retryAfterSeconds: 2 });
    const first = await call(sim, 'GET', '/v1/orders?client_reference=PO-1001');
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('2');
    expect((await call(sim, 'GET', '/v1/orders?client_reference=PO-1001')).status).toBe(503);
    expect((await call(sim, 'GET', `/v1/orders/${id}`)).status).toBe(200); // other route untouched
    expect((await call(sim, 'GET', '/v1/orders?client_reference=PO-1001')).status).toBe(200);
  });
});

describe('the shared pipeline covers the order routes', () => {
  it('needs the API key', async () => {
    const sim = await startSim();
    const anonymous = await place(sim, orderBody(), 'k1', { apiKey: null });
    expect(anonymous.status).toBe(401);
    expect(anonymous.json.error.code).toBe('unauthorized');
    expect(anonymous.headers.get('www-authenticate')).toContain('Bearer');
    expect((await place(sim, orderBody(), 'k1', { apiKey: 'sk_test_wrong' })).status).toBe(401);
    expect(sim.orders()).toEqual([]);
    expect((await call(sim, 'GET', '/v1/orders?client_reference=PO-1001', { apiKey: null })).status).toBe(401);
    expect((await call(sim, 'GET', '/v1/orders/ord_000001', { apiKey: 'sk_test_wrong' })).status).toBe(401);
    // The key was not consumed by the refused requests.
    expect((await place(sim, orderBody(), 'k1')).status).toBe(201);
  });

  it('is rate limited, and a limited POST creates nothing', async () => {
    const sim = await startSim({ rateLimit: { requestsPerSecond: 0.5, burst: 2 } });
    expect((await place(sim, orderBody(), 'k1')).status).toBe(201);
    const second = await place(sim, orderBody({ client_reference: 'PO-1002' }), 'k2');
    expect(second.status).toBe(201);
    expect(second.headers.get('x-ratelimit-limit')).toBe('2');
    const limited = await place(sim, orderBody({ client_reference: 'PO-1003' }), 'k3');
    expect(limited.status).toBe(429);
    expect(limited.json.error.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(sim.ordersByClientReference('PO-1003')).toEqual([]);
    expect((await call(sim, 'GET', '/v1/orders?client_reference=PO-1001')).status).toBe(429);
  });

  it('answers 405 with Allow for a wrong method', async () => {
    const sim = await startSim();
    const answer = await call(sim, 'DELETE', '/v1/orders');
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('POST, GET');
  });
});

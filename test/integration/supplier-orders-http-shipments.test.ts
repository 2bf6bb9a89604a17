/**
 * The desk's supplier-orders adapter reading shipments (test/sim/README.md, "Shipments") from the real
 * supplier simulator over loopback HTTP: the simulator's parcels come back in the desk's shape, an order
 * from a supplier API without shipments reads as none, and a malformed shipment is a bad answer that
 * names the field. Odd answers are served by a test route on the same simulator (same HTTP pipeline).
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  createSupplierOrdersClient, SupplierOrderError, type SupplierOrderBody, type SupplierOrdersClient,
} from '../../src-main/adapters/supplier-orders-http';
import { startSupplierSim, type SimProduct, type SupplierSim, type SupplierSimOptions } from '../sim/supplier-sim';

const API_KEY = 'sk_test_shipments_4c2d9e';

const sims: SupplierSim[] = [];
afterEach(async () => {
  for (const sim of sims.splice(0)) await sim.close();
});

function product(sku: string, stock: number): SimProduct {
  return {
    sku, title: `Product ${sku}`, stock, price: { amount: '12.50', currency: 'EUR' },
    lead_time_days: 3, ships_to: ['GB'], updated_at: '2026-11-01T08:00:00Z',
  };
}

async function startSim(options: SupplierSimOptions = {}): Promise<{ sim: SupplierSim; client: SupplierOrdersClient }> {
  const sim = await startSupplierSim({
    apiKey: API_KEY, catalog: [product('CJ-DOG-0001', 50), product('CJ-CAT-0002', 20)],
    now: () => new Date('2026-12-01T09:30:00Z'), ...options,
  });
  sims.push(sim);
  return { sim, client: createSupplierOrdersClient({ baseUrl: sim.url, apiKey: API_KEY, timeoutMs: 5_000 }) };
}

const BODY: SupplierOrderBody = {
  client_reference: 'PO-2001',
  ship_to: {
    name: 'Oliver Hughes', line1: '14 Mill Lane', line2: null, city: 'Leeds', region: null, postcode: 'LS1 4AB',
    country: 'GB', phone: null, email: 'oliver@example.com',
  },
  lines: [
    { sku: 'CJ-DOG-0001', quantity: 2, unit_cost: { amount: 1250, currency: 'GBP' } },
    { sku: 'CJ-CAT-0002', quantity: 1, unit_cost: { amount: 800, currency: 'GBP' } },
  ],
  notes: '',
};

/** An order as a supplier might answer it; `shipments` replaced or removed by the test. */
function wireOrder(shipments?: unknown): Record<string, unknown> {
  return {
    id: 'ord_777777', client_reference: 'PO-2001', status: 'shipped', supplier_reference: 'SUP-1',
    lines: [{ line_number: 1, sku: 'CJ-DOG-0001', quantity: 2, status: 'shipped', expected_date: null, reason_code: null, reason: null }],
    ...(shipments === undefined ? {} : { shipments }),
  };
}

const goodShipment = {
  id: 'shp_1', carrier: 'UPS', tracking_number: '1Z5R89390357567127', tracking_url: 'https://www.ups.com/track?tracknum=1Z5R89390357567127',
  shipped_at: '2026-12-02T10:00:00Z', lines: [{ line_number: 1, quantity: 2 }],
};

/** A simulator whose GET /v1/orders/:id answers `order` as it is, to play a supplier that answers oddly. */
async function simAnswering(order: Record<string, unknown>) {
  return startSim({ extraRoutes: [{ method: 'GET', path: '/v1/orders/:id', handle: () => ({ status: 200, body: order }) }] });
}

describe('supplier orders adapter: shipments', () => {
  it('reads the simulator’s parcels by id and by PO number, in the desk’s shape', async () => {
    const { sim, client } = await startSim();
    const placed = await client.place(BODY, 'idem-PO-2001');
    expect(placed.shipments).toEqual([]);
    sim.acknowledge(placed.id);
    const first = sim.ship(placed.id, { lines: { 'CJ-DOG-0001': 2 } });
    const second = sim.ship(placed.id, { carrier: 'Royal Mail' });

    const expected = [first, second].map((shipment) => ({
      id: shipment.id, carrier: shipment.carrier, trackingNumber: shipment.tracking_number, trackingUrl: shipment.tracking_url,
      shippedAt: '2026-12-01T09:30:00Z', lines: shipment.lines.map((line) => ({ lineNumber: line.line_number, quantity: line.quantity })),
    }));
    expect(expected[0]).toMatchObject({ carrier: 'UPS', lines: [{ lineNumber: 1, quantity: 2 }] });
    expect(expected[1]).toMatchObject({ carrier: 'Royal Mail', lines: [{ lineNumber: 2, quantity: 1 }] });

    const byId = await client.get(placed.id);
    expect(byId.status).toBe('shipped');
    expect(byId.shipments).toEqual(expected);
    expect(byId.lines.map((line) => line.status)).toEqual(['shipped', 'shipped']);
    expect((await client.findByClientReference('PO-2001'))?.shipments).toEqual(expected);
  });

  it('reads an order from a supplier API without shipments as one with none', async () => {
    const { client } = await simAnswering(wireOrder());
    const order = await client.get('ord_777777');
    expect(order.shipments).toEqual([]);
    expect(order.lines[0]?.status).toBe('shipped');
  });

  it('keeps a parcel whose contents the supplier does not list, with no lines', async () => {
    const { lines: _lines, ...withoutLines } = goodShipment;
    const { client } = await simAnswering(wireOrder([withoutLines]));
    expect((await client.get('ord_777777')).shipments).toEqual([{
      id: 'shp_1', carrier: 'UPS', trackingNumber: '1Z5R89390357567127', trackingUrl: goodShipment.tracking_url,
      shippedAt: '2026-12-02T10:00:00Z', lines: [],
    }]);
  });

  it('drops a tracking link that is not an http(s) address instead of passing it on', async () => {
    for (const link of ['javascript:alert(1)', 'ups.com/track', null]) {
      const { client } = await simAnswering(wireOrder([{ ...goodShipment, tracking_url: link }]));
      expect((await client.get('ord_777777')).shipments[0]?.trackingUrl, String(link)).toBeNull();
    }
  });

  it.each([
    ['shipments', 'not a list'],
    ['shipments.0', 'a string'],
    ['shipments.0.carrier', { ...goodShipment, carrier: '  ' }],
    ['shipments.0.tracking_number', { ...goodShipment, tracking_number: undefined }],
    ['shipments.0.shipped_at', { ...goodShipment, shipped_at: 'yesterday' }],
    ['shipments.0.lines.0.quantity', { ...goodShipment, lines: [{ line_number: 1, quantity: 0 }] }],
    ['shipments.1.tracking_url', { ...goodShipment, tracking_url: 42 }],
  ])('a malformed shipment is a bad answer to retry, naming %s', async (field, shipment) => {
    const shipments = field === 'shipments' ? shipment : field.startsWith('shipments.1') ? [goodShipment, shipment] : [shipment];
    const { client } = await simAnswering(wireOrder(shipments));
    const failure = await client.get('ord_777777').then(() => undefined, (error: unknown) => error);
    expect(failure).toBeInstanceOf(SupplierOrderError);
    expect((failure as SupplierOrderError).failure.retry).toBe(true);
    expect((failure as SupplierOrderError).message).toContain(`cannot read (${field}:`);
  });
});

import { describe, expect, it } from 'vitest';
import {
  lineFulfillment, rollUpFulfillment, type RollupInput, type RollupShipment, type RollupSupplierOrder, type TrackingStatus,
} from '../../src-shared/domain/tracking';
import { canChangeFulfillment, type FulfillmentStatus } from '../../src-shared/domain/order-status';

/*
 * The order: 2 kibble bags (line 1) and 1 cat tree (line 2) from supplier A; 3 toys (line 3) from supplier B.
 * PO A: lines 11 (→1, qty 2) and 12 (→2, qty 1). PO B: line 21 (→3, qty 3).
 */
const orderLines = [{ id: 1, quantity: 2 }, { id: 2, quantity: 1 }, { id: 3, quantity: 3 }];
const poA: RollupSupplierOrder = {
  id: 100, status: 'acknowledged', lines: [
    { id: 11, orderLineId: 1, quantity: 2, status: 'confirmed' },
    { id: 12, orderLineId: 2, quantity: 1, status: 'confirmed' },
  ],
};
const poB: RollupSupplierOrder = { id: 200, status: 'acknowledged', lines: [{ id: 21, orderLineId: 3, quantity: 3, status: 'confirmed' }] };

const shipment = (id: number, status: TrackingStatus, lines: [number, number][]): RollupShipment =>
  ({ id, status, lines: lines.map(([poLineId, quantity]) => ({ poLineId, quantity })) });

describe('roll-up: 2 suppliers, 3 shipments', () => {
  // A ships the kibble in one parcel and the cat tree in another; B ships all toys in one.
  const steps: [string, [TrackingStatus | null, TrackingStatus | null, TrackingStatus | null], FulfillmentStatus][] = [
    ['POs out, nothing shipped', [null, null, null], 'in_progress'],
    ['kibble parcel handed over (a label, no scan yet)', ['info_received', null, null], 'partially_fulfilled'],
    ['kibble parcel picked up', ['in_transit', null, null], 'partially_fulfilled'],
    ['toys parcel in transit too', ['in_transit', null, 'in_transit'], 'partially_fulfilled'],
    ['kibble delivered, cat tree not shipped yet', ['delivered', null, 'in_transit'], 'partially_fulfilled'],
    ['cat tree handed over: everything shipped', ['delivered', 'pending', 'in_transit'], 'fulfilled'],
    ['cat tree in transit', ['delivered', 'in_transit', 'in_transit'], 'fulfilled'],
    ['toys delivered, cat tree out for delivery', ['delivered', 'out_for_delivery', 'delivered'], 'fulfilled'],
    ['cat tree delivery failed once', ['delivered', 'attempt_fail', 'delivered'], 'fulfilled'],
    ['all three delivered', ['delivered', 'delivered', 'delivered'], 'delivered'],
  ];

  const inputAt = ([kibble, tree, toys]: (TrackingStatus | null)[]): RollupInput => ({
    orderLines,
    supplierOrders: [poA, poB],
    shipments: [
      kibble && shipment(1, kibble, [[11, 2]]),
      tree && shipment(2, tree, [[12, 1]]),
      toys && shipment(3, toys, [[21, 3]]),
    ].filter((s): s is RollupShipment => s !== null),
  });

  it.each(steps)('%s → %s', (_name, statuses, expected) => {
    expect(rollUpFulfillment(inputAt(statuses))).toBe(expected);
  });

  it('moves through partially fulfilled → fulfilled → delivered by allowed transitions only', () => {
    const seen = steps.map(([, statuses]) => rollUpFulfillment(inputAt(statuses)));
    for (let i = 1; i < seen.length; i++) {
      if (seen[i] !== seen[i - 1]) expect(canChangeFulfillment(seen[i - 1]!, seen[i]!)).toBe(true);
    }
    expect([...new Set(seen)]).toEqual(['in_progress', 'partially_fulfilled', 'fulfilled', 'delivered']);
  });
});

describe('roll-up rules', () => {
  const base: RollupInput = { orderLines, supplierOrders: [poA, poB], shipments: [] };

  it('is unfulfilled while no PO has left the desk', () => {
    expect(rollUpFulfillment({ ...base, supplierOrders: [] })).toBe('unfulfilled');
    expect(rollUpFulfillment({ ...base, supplierOrders: [{ ...poA, status: 'draft' }, { ...poB, status: 'cancelled' }] })).toBe('unfulfilled');
    // A PO whose send failed still holds its lines until a person retries or withdraws it.
    expect(rollUpFulfillment({ ...base, supplierOrders: [{ ...poA, status: 'draft' }, { ...poB, status: 'on_hold' }] })).toBe('in_progress');
    expect(rollUpFulfillment({ ...base, supplierOrders: [{ ...poA, status: 'queued' }] })).toBe('in_progress');
  });

  it('counts a line as fulfilled only when its whole quantity has left (split across parcels)', () => {
    const one = [shipment(1, 'in_transit', [[11, 1]]), shipment(2, 'in_transit', [[12, 1]]), shipment(3, 'in_transit', [[21, 3]])];
    expect(rollUpFulfillment({ ...base, shipments: one })).toBe('partially_fulfilled');
    expect(rollUpFulfillment({ ...base, shipments: [...one, shipment(4, 'in_transit', [[11, 1]])] })).toBe('fulfilled');
  });

  it('is delivered only when every piece is delivered, not when only the first parcel of a split line is', () => {
    const parts = [shipment(1, 'delivered', [[11, 1], [12, 1]]), shipment(2, 'in_transit', [[11, 1]]), shipment(3, 'delivered', [[21, 3]])];
    expect(rollUpFulfillment({ ...base, shipments: parts })).toBe('fulfilled');
  });

  it('does not let extra pieces of one line stand in for another line', () => {
    const shipments = [shipment(1, 'delivered', [[11, 5]]), shipment(3, 'delivered', [[21, 3]])];
    expect(rollUpFulfillment({ ...base, shipments })).toBe('partially_fulfilled');
    expect(lineFulfillment({ ...base, shipments })[0]).toEqual({ orderLineId: 1, ordered: 2, shipped: 2, delivered: 2 });
  });

  it('keeps a rejected line as still to ship: never fulfilled with an item missing', () => {
    const rejectedB: RollupSupplierOrder = { ...poB, status: 'rejected', lines: [{ ...poB.lines[0]!, status: 'rejected' }] };
    const shipments = [shipment(1, 'delivered', [[11, 2], [12, 1]])];
    expect(rollUpFulfillment({ ...base, supplierOrders: [poA, rejectedB], shipments })).toBe('partially_fulfilled');
  });

  it('follows a rerouted line to the PO that took it over', () => {
    const reroutedB: RollupSupplierOrder = { ...poB, status: 'cancelled', lines: [{ ...poB.lines[0]!, status: 'rerouted' }] };
    const poC: RollupSupplierOrder = { id: 300, status: 'acknowledged', lines: [{ id: 31, orderLineId: 3, quantity: 3, status: 'confirmed' }] };
    const shipments = [shipment(1, 'delivered', [[11, 2], [12, 1]]), shipment(5, 'delivered', [[31, 3]])];
    expect(rollUpFulfillment({ ...base, supplierOrders: [poA, reroutedB, poC], shipments })).toBe('delivered');
  });

  it('counts an exception or expired parcel as shipped (its trouble is in the exceptions inbox), never as delivered', () => {
    const shipments = [shipment(1, 'delivered', [[11, 2], [12, 1]]), shipment(3, 'exception', [[21, 3]])];
    expect(rollUpFulfillment({ ...base, shipments })).toBe('fulfilled');
    expect(rollUpFulfillment({ ...base, shipments: [shipments[0]!, shipment(3, 'expired', [[21, 3]])] })).toBe('fulfilled');
  });

  it('refuses a shipment that covers a PO line of another order', () => {
    expect(() => rollUpFulfillment({ ...base, shipments: [shipment(9, 'in_transit', [[999, 1]])] })).toThrow(/999/);
  });
});

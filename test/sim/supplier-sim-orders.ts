/**
 * The simulated supplier's order book: placed orders, their life cycle, and the scenario that drives it
 * (README.md, "Order life cycle"). It knows nothing of HTTP; the order routes and the test controls both
 * work through it.
 *
 *   received ──acknowledge──▶ acknowledged ──ship──▶ partially_shipped ──ship──▶ shipped
 *            └─────────────▶ rejected     (every line rejected)
 * Acknowledgement gives supplier_reference SUP-… and each line confirmed | backordered | rejected; each
 * shipment (supplier-sim-shipments.ts) carries confirmed quantities. Later issues add delivered and cancelled.
 */
import { isoSeconds, type SimProduct } from './supplier-sim-catalog';
import type { OrderInput, SimMoneyMinor, SimShipTo } from './supplier-sim-order-input';
import { applyShipment, hideContents, labelFor, shipmentLines, unshippedLines, type SimShipment, type SimShipmentLine, type SimShipOptions } from './supplier-sim-shipments';

export type SimOrderStatus = 'received' | 'acknowledged' | 'rejected' | 'partially_shipped' | 'shipped' | 'delivered' | 'cancelled';
export type SimLineStatus = 'pending' | 'confirmed' | 'backordered' | 'rejected' | 'shipped' | 'delivered' | 'cancelled';
export type SimRejectionCode = 'unknown_sku' | 'out_of_stock' | 'discontinued' | 'cannot_ship_to_country' | 'other';

export interface SimOrderLine {
  /** 1-based position in the request. */
  line_number: number;
  sku: string;
  quantity: number;
  unit_cost: SimMoneyMinor | null;
  status: SimLineStatus;
  /** `YYYY-MM-DD` when the supplier expects to ship a backordered line; otherwise null. */
  expected_date: string | null;
  /** Why a rejected line was rejected; otherwise null. */
  reason_code: SimRejectionCode | null;
  reason: string | null;
}

export interface SimOrder {
  id: string;
  client_reference: string;
  status: SimOrderStatus;
  /** The supplier's own order number ("SUP-700001"), given at acknowledgement; null before. */
  supplier_reference: string | null;
  ship_to: SimShipTo;
  lines: SimOrderLine[];
  notes: string | null;
  created_at: string;
  updated_at: string;
  acknowledged_at: string | null;
  /** Parcels sent so far, oldest first; always an array. */
  shipments: SimShipment[];
}

/** What the supplier decides for one line when it acknowledges an order. */
export type SimLineOutcome =
  | { status: 'confirmed' }
  | { status: 'backordered'; expected_date: string }
  | { status: 'rejected'; reason: string; reason_code?: SimRejectionCode };

export interface SimOrderScenario {
  /**
   * Acknowledge an order by itself when it has been read this many times (GET /v1/orders/:id, or listed by
   * `client_reference`); the read that reaches the number already sees it acknowledged. Absent: only
   * `acknowledge()` does it.
   */
  autoAcknowledgeAfterPolls?: number;
  /** Outcome per SKU at acknowledgement (e.g. backorder X until a date, reject Y with a reason). */
  skus?: Record<string, SimLineOutcome>;
  /**
   * Ship every confirmed line's remaining quantity by itself once an acknowledged order has been read this
   * many more times after its acknowledgement; that read already sees the shipment. With
   * autoAcknowledgeAfterPolls 1 and this 1: acknowledged on the 1st read, shipped on the 2nd.
   */
  autoShipAfterPolls?: number;
  /** With autoShipAfterPolls: one parcel per confirmed line instead of one for all. */
  splitShipments?: boolean;
}

export interface SimAcknowledgeOptions {
  /** Outcome per SKU for this order; wins over the scenario's. */
  lines?: Record<string, SimLineOutcome>;
  /** Default: the next "SUP-7xxxxx". */
  supplierReference?: string;
}

/** Days after acknowledgement a line that stock cannot cover is expected, unless a scenario says otherwise. */
export const DEFAULT_BACKORDER_DAYS = 14;

function dateOnly(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function validateOutcome(sku: string, outcome: SimLineOutcome): void {
  if (outcome.status === 'backordered' && !/^\d{4}-\d{2}-\d{2}$/.test(outcome.expected_date)) {
    throw new Error(`Backordered ${sku} needs expected_date as YYYY-MM-DD`);
  }
  if (outcome.status === 'rejected' && outcome.reason.trim() === '') throw new Error(`Rejected ${sku} needs a reason`);
}

export class OrderBook {
  private readonly orders: SimOrder[] = [];
  private readonly byId = new Map<string, SimOrder>();
  private readonly byReference = new Map<string, SimOrder>();
  private readonly polls = new Map<string, number>();
  /** The order's poll count when it was acknowledged, to count the reads after it. */
  private readonly pollsAtAcknowledgement = new Map<string, number>();
  private nextNumber = 1;
  private nextSupplierNumber = 700_001;
  private nextShipmentNumber = 1;
  scenario: SimOrderScenario = {};

  /** Creates an order; lines whose SKU the catalog lacks are rejected at once (`unknown_sku`). */
  create(input: OrderInput, catalog: readonly SimProduct[], now: Date): SimOrder {
    if (this.byReference.has(input.client_reference)) throw new Error(`Duplicate client_reference ${input.client_reference}`);
    const stamp = isoSeconds(now);
    const known = new Set(catalog.map((product) => product.sku));
    const order: SimOrder = {
      id: `ord_${String(this.nextNumber++).padStart(6, '0')}`,
      client_reference: input.client_reference,
      status: 'received',
      supplier_reference: null,
      ship_to: structuredClone(input.ship_to),
      lines: input.lines.map((line, index) => {
        const unknown = !known.has(line.sku);
        return {
          line_number: index + 1,
          sku: line.sku,
          quantity: line.quantity,
          unit_cost: line.unit_cost ? { ...line.unit_cost } : null,
          status: unknown ? 'rejected' : 'pending',
          expected_date: null,
          reason_code: unknown ? 'unknown_sku' : null,
          reason: unknown ? `No product ${line.sku} in the catalog.` : null,
        };
      }),
      notes: input.notes,
      created_at: stamp,
      updated_at: stamp,
      acknowledged_at: null,
      shipments: [],
    };
    this.orders.push(order);
    this.byId.set(order.id, order);
    this.byReference.set(order.client_reference, order);
    return order;
  }

  get(id: string): SimOrder | undefined {
    return this.byId.get(id);
  }

  byClientReference(reference: string): SimOrder | undefined {
    return this.byReference.get(reference);
  }

  /** Every order, oldest first. */
  all(): readonly SimOrder[] {
    return this.orders;
  }

  /** Counts a read of the order by the client, and acknowledges or ships it when the scenario says so. */
  recordPoll(order: SimOrder, catalog: readonly SimProduct[], now: Date): void {
    const polls = (this.polls.get(order.id) ?? 0) + 1;
    this.polls.set(order.id, polls);
    const after = this.scenario.autoAcknowledgeAfterPolls;
    if (after !== undefined && polls >= after && order.status === 'received') this.acknowledge(order.id, {}, catalog, now);
    const shipAfter = this.scenario.autoShipAfterPolls;
    const acknowledgedAt = this.pollsAtAcknowledgement.get(order.id);
    if (shipAfter === undefined || acknowledgedAt === undefined || polls - acknowledgedAt < shipAfter) return;
    if (order.status !== 'acknowledged' && order.status !== 'partially_shipped') return;
    const parcels: SimShipmentLine[][] = this.scenario.splitShipments
      ? unshippedLines(order).map((line) => [line])
      : [unshippedLines(order)].filter((lines) => lines.length > 0);
    for (const lines of parcels) this.addShipment(order, lines, {}, now);
  }

  pollCount(id: string): number {
    return this.polls.get(id) ?? 0;
  }

  /**
   * received → acknowledged (or rejected when no line survives). Each pending line gets, in this order of
   * preference: `options.lines[sku]`, the scenario's `skus[sku]`, else confirmed when catalog stock covers the
   * quantity and backordered for DEFAULT_BACKORDER_DAYS when it does not. Lines rejected at placement stay so.
   */
  acknowledge(id: string, options: SimAcknowledgeOptions, catalog: readonly SimProduct[], now: Date): SimOrder {
    const order = this.byId.get(id);
    if (!order) throw new Error(`The simulated supplier has no order ${id}`);
    if (order.status !== 'received') throw new Error(`Order ${id} is ${order.status}, not received`);
    for (const [sku, outcome] of Object.entries(options.lines ?? {})) {
      if (!order.lines.some((line) => line.sku === sku)) throw new Error(`Order ${id} has no line for ${sku}`);
      validateOutcome(sku, outcome);
    }
    const backorderDate = dateOnly(new Date(now.getTime() + DEFAULT_BACKORDER_DAYS * 86_400_000));
    for (const line of order.lines) {
      if (line.status !== 'pending') continue;
      const stock = catalog.find((product) => product.sku === line.sku)?.stock ?? 0;
      const outcome: SimLineOutcome = options.lines?.[line.sku] ?? this.scenario.skus?.[line.sku]
        ?? (stock >= line.quantity ? { status: 'confirmed' } : { status: 'backordered', expected_date: backorderDate });
      line.status = outcome.status;
      line.expected_date = outcome.status === 'backordered' ? outcome.expected_date : null;
      line.reason_code = outcome.status === 'rejected' ? outcome.reason_code ?? 'other' : null;
      line.reason = outcome.status === 'rejected' ? outcome.reason : null;
    }
    const stamp = isoSeconds(now);
    order.status = order.lines.every((line) => line.status === 'rejected') ? 'rejected' : 'acknowledged';
    order.supplier_reference = options.supplierReference ?? `SUP-${this.nextSupplierNumber++}`;
    order.acknowledged_at = stamp;
    order.updated_at = stamp;
    this.pollsAtAcknowledgement.set(order.id, this.polls.get(order.id) ?? 0);
    return order;
  }

  /**
   * One parcel: `options.lines` (SKU → quantity) or every confirmed line's remaining quantity. Throws for an
   * order that is not acknowledged (or has nothing left), a line that is not confirmed, or more than remains.
   */
  ship(id: string, options: SimShipOptions, now: Date): SimShipment {
    const order = this.byId.get(id);
    if (!order) throw new Error(`The simulated supplier has no order ${id}`);
    return this.addShipment(order, shipmentLines(order, options.lines), options, now);
  }

  private addShipment(order: SimOrder, lines: SimShipmentLine[], options: SimShipOptions, now: Date): SimShipment {
    const sequence = this.nextShipmentNumber;
    const label = labelFor(options, sequence);
    this.nextShipmentNumber += 1;
    const shipment: SimShipment = {
      id: `shp_${String(sequence).padStart(6, '0')}`,
      ...label,
      shipped_at: isoSeconds(now),
      lines,
    };
    if (options.listContents === false) hideContents(shipment);
    applyShipment(order, shipment);
    return shipment;
  }
}

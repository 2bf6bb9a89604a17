/**
 * Parcels the simulated supplier sends for an acknowledged order (README.md, "Shipments"): which lines a
 * shipment may carry, and what shipping does to the lines and the order. The order book
 * (supplier-sim-orders.ts) numbers the shipments and calls these.
 */
import type { SimOrder, SimOrderLine } from './supplier-sim-orders';
import { carrierKey, defaultTrackingNumber, SIM_CARRIER_NAMES, trackingPage } from './supplier-sim-tracking-numbers';

export interface SimShipmentLine {
  line_number: number;
  quantity: number;
}

export interface SimShipment {
  /** 'shp_000001', numbered across the simulator. */
  id: string;
  /** As the supplier writes it: 'UPS', 'Royal Mail', 'DHL', … */
  carrier: string;
  tracking_number: string;
  /** The carrier's tracking page for the number; null for a carrier the simulator knows no page for. */
  tracking_url: string | null;
  shipped_at: string;
  lines: SimShipmentLine[];
}

export interface SimShipOptions {
  /** Quantity per SKU in this parcel. Default: every confirmed line's remaining quantity. */
  lines?: Record<string, number>;
  /** Default 'UPS'. */
  carrier?: string;
  /**
   * Default: a real-format number with a valid check digit for UPS (1Z…), Royal Mail (S10 …GB) or DHL
   * (DHL Express, 10 digits); required for any other carrier.
   */
  trackingNumber?: string;
  /** Default: the carrier's tracking page for UPS, Royal Mail and DHL, else null. */
  trackingUrl?: string | null;
  /**
   * false: the parcel is served with `lines: []`, as a supplier that does not say what is in a parcel (the
   * simulator still knows, for its own line statuses). Default true.
   */
  listContents?: boolean;
}

/** What parcels served without their contents really hold. */
const unlistedContents = new WeakMap<SimShipment, SimShipmentLine[]>();

/** The parcel's real contents, listed or not. */
function contentsOf(shipment: SimShipment): SimShipmentLine[] {
  return unlistedContents.get(shipment) ?? shipment.lines;
}

/** Serves the parcel without its contents while keeping them for the simulator's bookkeeping. */
export function hideContents(shipment: SimShipment): void {
  unlistedContents.set(shipment, shipment.lines);
  shipment.lines = [];
}

/** Statuses from which an order may ship (at least once acknowledged, something still to send). */
const SHIPPABLE_ORDER = new Set<string>(['acknowledged', 'partially_shipped']);

export function shippedQuantity(order: SimOrder, lineNumber: number): number {
  let shipped = 0;
  for (const shipment of order.shipments) {
    for (const line of contentsOf(shipment)) if (line.line_number === lineNumber) shipped += line.quantity;
  }
  return shipped;
}

function remaining(order: SimOrder, line: SimOrderLine): number {
  return line.quantity - shippedQuantity(order, line.line_number);
}

/** Confirmed lines with something left to send, as the parcel that would send all of it. */
export function unshippedLines(order: SimOrder): SimShipmentLine[] {
  return order.lines
    .filter((line) => line.status === 'confirmed' && remaining(order, line) > 0)
    .map((line) => ({ line_number: line.line_number, quantity: remaining(order, line) }));
}

/** The parcel's lines, or an Error saying why the order or a line cannot ship. */
export function shipmentLines(order: SimOrder, requested: Record<string, number> | undefined): SimShipmentLine[] {
  if (!SHIPPABLE_ORDER.has(order.status)) {
    throw new Error(`Order ${order.id} is ${order.status}; only an acknowledged order with lines left to send can ship`);
  }
  if (requested === undefined) {
    const all = unshippedLines(order);
    if (all.length === 0) throw new Error(`Order ${order.id} has no confirmed line left to ship`);
    return all;
  }
  const entries = Object.entries(requested);
  if (entries.length === 0) throw new Error('ship: lines must name at least one SKU');
  return entries.map(([sku, quantity]) => {
    const line = order.lines.find((candidate) => candidate.sku === sku);
    if (!line) throw new Error(`Order ${order.id} has no line for ${sku}`);
    if (!Number.isSafeInteger(quantity) || quantity < 1) throw new Error(`ship: quantity for ${sku} must be a positive integer, not ${quantity}`);
    if (line.status !== 'confirmed') throw new Error(`Line ${line.line_number} (${sku}) is ${line.status}; only confirmed lines ship`);
    const left = remaining(order, line);
    if (quantity > left) throw new Error(`Line ${line.line_number} (${sku}) has ${left} left to ship, not ${quantity}`);
    return { line_number: line.line_number, quantity };
  });
}

/** Carrier, number and page for a parcel; `sequence` makes default numbers distinct. */
export function labelFor(options: SimShipOptions, sequence: number): Pick<SimShipment, 'carrier' | 'tracking_number' | 'tracking_url'> {
  const carrier = options.carrier ?? SIM_CARRIER_NAMES.ups;
  if (carrier.trim() === '') throw new Error('ship: carrier must not be blank');
  if (options.trackingNumber !== undefined && options.trackingNumber.trim() === '') throw new Error('ship: trackingNumber must not be blank');
  const key = carrierKey(carrier);
  if (key === null && options.trackingNumber === undefined) {
    throw new Error(`ship: the simulator cannot make up a tracking number for carrier "${carrier}"; give trackingNumber`);
  }
  const trackingNumber = options.trackingNumber ?? defaultTrackingNumber(key as NonNullable<typeof key>, sequence);
  const trackingUrl = options.trackingUrl !== undefined ? options.trackingUrl : key === null ? null : trackingPage(key, trackingNumber);
  return { carrier, tracking_number: trackingNumber, tracking_url: trackingUrl };
}

/** Adds the parcel; a line all of whose quantity has gone is 'shipped', the order partially or fully shipped. */
export function applyShipment(order: SimOrder, shipment: SimShipment): void {
  order.shipments.push(shipment);
  for (const line of order.lines) {
    if (line.status === 'confirmed' && remaining(order, line) === 0) line.status = 'shipped';
  }
  // Rejected lines never ship; a backordered line still will, so the order is only partly shipped meanwhile.
  const open = order.lines.filter((line) => line.status !== 'rejected');
  order.status = open.every((line) => line.status === 'shipped') ? 'shipped' : 'partially_shipped';
  order.updated_at = shipment.shipped_at;
}

/**
 * Shipments (DOMAIN.md "Shipment and tracking"): what a supplier order has sent out, and how the desk shows
 * it. Pure views and labels shared by the core and the renderer; the rules live in ./tracking/.
 */
import type { CarrierCode } from './tracking/carriers';
import type { TrackingStatus } from './tracking/statuses';

/** Where a shipment came from: typed in, a supplier's tracking file, or the supplier's API. */
export const SHIPMENT_SOURCES = ['hand', 'csv', 'supplier_api'] as const;
export type ShipmentSource = (typeof SHIPMENT_SOURCES)[number];

export const SHIPMENT_SOURCE_LABELS: Record<ShipmentSource, string> = {
  hand: 'Entered by hand',
  csv: 'Supplier tracking file',
  supplier_api: 'Supplier API',
};

export interface ShipmentEventView {
  id: string;
  /** ISO 8601, as the source gave it. */
  occurredAt: string;
  status: TrackingStatus;
  message: string;
  location: string;
}

export interface ShipmentLineView {
  poLineId: number;
  orderLineId: number;
  title: string;
  supplierSku: string;
  quantity: number;
}

export interface ShipmentView {
  id: number;
  poId: number;
  poNumber: string;
  supplierName: string;
  carrier: CarrierCode;
  /** The carrier's name as shown (a hand-typed name for `other`). */
  carrierName: string;
  trackingNumber: string;
  /** The carrier's public tracking page; null when the carrier has none that takes the number. */
  trackingUrl: string | null;
  /** What the shipment shows: the history's status, or `expired` when it has gone quiet too long. */
  status: TrackingStatus;
  source: ShipmentSource;
  lines: ShipmentLineView[];
  /** Oldest first. */
  events: ShipmentEventView[];
  /** When anything was last heard (latest event, or when the number was added). ISO. */
  lastNewsAt: string;
  /** When the desk last asked the tracking service; null if never. ISO. */
  lastSyncedAt: string | null;
  /** A person looked at this shipment's trouble and wrote what was done; cleared when its status changes. */
  handled: { at: string; by: string; note: string } | null;
  createdAt: string;
}

/** A supplier's tracking file before import: its columns, the mapping the desk guessed, the first rows. */
export interface TrackingFilePreview {
  headers: string[];
  /** The guessed (or last saved) column for each field; '' when none fits. */
  mapping: { poNumber: string; trackingNumber: string; carrier: string; supplierSku: string; quantity: string; shippedAt: string };
  sample: string[][];
  rowCount: number;
}

/** What a tracking file import did: per parcel added or already known, and each row it could not use. */
export interface TrackingFileReport {
  shipmentsAdded: number;
  /** Rows whose parcel the desk already had (a file imported twice adds nothing twice). */
  alreadyKnown: number;
  rejected: { line: number; reason: string }[];
}

/**
 * The exceptions inbox (issue 6): one list of everything that needs a person, each with the reason and the
 * one action that resolves it. Built by the core from holds, supplier answers, the outbox, tracking and
 * payments; the renderer only shows it and calls the action's procedure.
 */

export const EXCEPTION_KINDS = [
  'hold', 'supplier_rejected', 'backordered', 'outbox_dead', 'outbox_unknown', 'tracking_trouble', 'authorization_expiring',
] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];

export const EXCEPTION_KIND_LABELS: Record<ExceptionKind, string> = {
  hold: 'On hold',
  supplier_rejected: 'Supplier rejected',
  backordered: 'Backordered',
  outbox_dead: 'Could not be sent',
  outbox_unknown: 'Sent? Unknown',
  tracking_trouble: 'Parcel in trouble',
  authorization_expiring: 'Card authorization expiring',
};

/**
 * The one action that resolves an item. Each names the procedure the renderer calls (with the ids below);
 * `needsNote` actions ask for a note first.
 * - release_hold: holds.release {orderId, holdId, note}
 * - reroute: supplierOrders.reroute {poId}
 * - retry_outbox: outbox.retry {id: outboxId}
 * - resolve_unknown_po: supplierOrders.resolveUnknown {poId, decision, note} (the owner chooses)
 * - capture: payments.capture {paymentId} (opens the order: the amount is chosen there)
 * - handle_shipment: shipments.markHandled {shipmentId, note}
 */
export type ExceptionActionKind = 'release_hold' | 'reroute' | 'retry_outbox' | 'resolve_unknown_po' | 'capture' | 'handle_shipment';

export interface ExceptionItem {
  /** Stable across reads (`hold:12`, `outbox:40`, `shipment:7`): the list keeps its selection on refresh. */
  key: string;
  kind: ExceptionKind;
  orderId: number;
  orderNumber: string;
  customerName: string;
  /** One sentence: what is wrong. */
  reason: string;
  /** Since when (ISO). Oldest first in the list. */
  since: string;
  action: {
    kind: ExceptionActionKind;
    label: string;
    needsNote: boolean;
    holdId?: number;
    poId?: number;
    outboxId?: number;
    paymentId?: number;
    shipmentId?: number;
  };
}

export interface ExceptionList {
  /** The oldest first, at most a few hundred (the screen's page). */
  items: ExceptionItem[];
  /** How many there are in all, and per kind (the filter chips count them all, not only those sent). */
  total: number;
  byKind: Partial<Record<ExceptionKind, number>>;
}

/** The background sync of supplier shipments and tracking. */
export interface TrackingSyncStatus {
  /** When the last round finished (ISO); null if it never ran. */
  lastSyncAt: string | null;
  /** What went wrong in the last round (offline, a refused key), or null. */
  lastError: string | null;
  running: boolean;
  /** Shipments still being followed (not delivered). */
  inTransit: number;
  /** Whether a tracking service key is stored (without one, only supplier APIs and files bring news). */
  trackingServiceReady: boolean;
}

/**
 * Supplier orders (purchase orders, POs): one per supplier per customer order (DOMAIN.md). The states,
 * the one table of allowed transitions, what a supplier's per-line answer means for the PO, and the PO
 * number. Pure: used by the core (which checks every transition here) and by the renderer (labels).
 */
import type { Money } from './money';
import type { OutboxStatus } from './outbox';

export const PO_STATUSES = [
  'draft', 'queued', 'sent', 'acknowledged', 'rejected', 'partially_shipped', 'shipped', 'delivered',
  'on_hold', 'cancellation_requested', 'cancelled', 'cancel_rejected', 'unknown',
] as const;
export type PoStatus = (typeof PO_STATUSES)[number];

export const PO_STATUS_LABELS: Record<PoStatus, string> = {
  draft: 'Draft',
  queued: 'Queued',
  sent: 'Sent',
  acknowledged: 'Acknowledged',
  rejected: 'Rejected',
  partially_shipped: 'Partly shipped',
  shipped: 'Shipped',
  delivered: 'Delivered',
  on_hold: 'Not sent — needs you',
  cancellation_requested: 'Cancellation requested',
  cancelled: 'Cancelled',
  cancel_rejected: 'Cancellation refused',
  unknown: 'Sent? Unknown',
};

/**
 * Every move a PO may make. `unknown` (the send may or may not have happened) leaves only by a person's
 * decision or by what the supplier's API says; it is never resent blindly.
 */
const TRANSITIONS: Record<PoStatus, readonly PoStatus[]> = {
  draft: ['queued', 'cancelled'],
  queued: ['sent', 'acknowledged', 'rejected', 'unknown', 'on_hold', 'cancelled'],
  sent: ['acknowledged', 'rejected', 'cancellation_requested', 'partially_shipped', 'shipped'],
  unknown: ['queued', 'sent', 'acknowledged', 'rejected', 'cancellation_requested'],
  on_hold: ['queued', 'cancelled'],
  // A supplier may correct an answer: a confirmed line can later be rejected, a rejection withdrawn.
  acknowledged: ['acknowledged', 'rejected', 'partially_shipped', 'shipped', 'cancellation_requested'],
  rejected: ['acknowledged', 'cancelled'],
  partially_shipped: ['shipped', 'delivered'],
  shipped: ['delivered'],
  delivered: [],
  cancellation_requested: ['cancelled', 'cancel_rejected'],
  cancelled: [],
  cancel_rejected: ['acknowledged', 'partially_shipped', 'shipped'],
};

export function canMovePo(from: PoStatus, to: PoStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Statuses in which the PO is (or may be) with the supplier: its lines are spoken for. */
export const LIVE_PO_STATUSES: readonly PoStatus[] = [
  'draft', 'queued', 'sent', 'acknowledged', 'partially_shipped', 'shipped', 'delivered', 'on_hold',
  'cancellation_requested', 'cancel_rejected', 'unknown',
];

/** Statuses in which the PO has left the desk (the supplier has, or may have, it): the order's fulfillment is under way. */
export const OUT_WITH_SUPPLIER_PO_STATUSES: readonly PoStatus[] = LIVE_PO_STATUSES.filter((status) => status !== 'draft');

/** Statuses in which a supplier's answer may be recorded: the supplier has (or may have) the PO; an answer may correct an earlier one. */
export const PO_ANSWERABLE_STATUSES: readonly PoStatus[] = ['sent', 'acknowledged', 'rejected', 'unknown'];

/** Statuses a PO can be taken back from without asking the supplier: it never reached them. */
export const PO_WITHDRAWABLE_STATUSES: readonly PoStatus[] = ['draft', 'queued', 'on_hold'];

/** The supplier has looked at the PO and said yes to at least part of it. */
export const ACKNOWLEDGED_PO_STATUSES: readonly PoStatus[] = ['acknowledged', 'partially_shipped', 'shipped', 'delivered', 'cancel_rejected'];

export const PO_LINE_STATUSES = ['pending', 'confirmed', 'backordered', 'rejected', 'rerouted'] as const;
export type PoLineStatus = (typeof PO_LINE_STATUSES)[number];
/** What a supplier (or a person typing their answer) may say about one line. */
export const PO_LINE_ANSWERS = ['confirmed', 'backordered', 'rejected'] as const;
export type PoLineAnswer = (typeof PO_LINE_ANSWERS)[number];

/** A supplier may report parcels for a PO it has (or may have): not for drafts, withdrawn or refused ones. */
export const PARCEL_PO_STATUSES: readonly PoStatus[] = ['sent', 'acknowledged', 'partially_shipped', 'shipped', 'cancel_rejected', 'unknown', 'cancellation_requested'];

/**
 * A PO line the supplier will ship: not refused by them, not moved to another supplier's PO. Only these lines
 * can be in this PO's parcels and are waited for before the PO counts as shipped.
 */
export function lineShipsOnThisPo(status: PoLineStatus): boolean {
  return status !== 'rejected' && status !== 'rerouted';
}

export const PO_LINE_STATUS_LABELS: Record<PoLineStatus, string> = {
  pending: 'Waiting for the supplier',
  confirmed: 'Confirmed',
  backordered: 'Backordered',
  rejected: 'Rejected',
  rerouted: 'Moved to another supplier',
};

export const PO_REJECTION_REASONS = ['out_of_stock', 'discontinued', 'unknown_sku', 'cannot_ship_to_country', 'other'] as const;
export type PoRejectionReason = (typeof PO_REJECTION_REASONS)[number];
export const PO_REJECTION_REASON_LABELS: Record<PoRejectionReason, string> = {
  out_of_stock: 'Out of stock',
  discontinued: 'Discontinued',
  unknown_sku: 'SKU unknown to the supplier',
  cannot_ship_to_country: 'Cannot ship to the country',
  other: 'Other',
};

/**
 * A PO's status after the supplier answered its lines: rejected when nothing on it will ship, acknowledged
 * otherwise (backordered lines still come, later). Lines moved to another supplier do not count; a PO
 * whose lines are all still pending has not been answered (undefined).
 */
export function poStatusFromLines(lines: readonly { status: PoLineStatus }[]): 'acknowledged' | 'rejected' | undefined {
  const own = lines.filter((line) => line.status !== 'rerouted');
  if (own.length === 0 || own.some((line) => line.status === 'pending')) return undefined;
  return own.every((line) => line.status === 'rejected') ? 'rejected' : 'acknowledged';
}

/** `PO-1042-1`: the shop order's number without its prefix, and the PO's place among that order's POs. Stable once made. */
export function formatPoNumber(orderNumber: string, sequence: number): string {
  const digits = /(\d+)$/.exec(orderNumber)?.[1] ?? orderNumber.replace(/[^A-Za-z0-9]/g, '');
  return `PO-${digits}-${sequence}`;
}

export interface PoLineView {
  id: number;
  orderLineId: number;
  position: number;
  supplierSku: string;
  title: string;
  quantity: number;
  unitCost: Money;
  status: PoLineStatus;
  /** For a backordered line: when the supplier expects to ship (YYYY-MM-DD). */
  expectedDate: string | null;
  rejectionReason: PoRejectionReason | null;
  /** The supplier's sentence, or a person's note. */
  note: string;
}

/** The PO's delivery through the outbox: where its e-mail or API call is. */
export interface PoDelivery {
  outboxId: number;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
}

export interface SupplierOrderView {
  id: number;
  number: string;
  orderId: number;
  supplier: { id: number; name: string };
  channel: 'email' | 'api';
  /** The supplier's order address (e-mail) or API host, for "sent to …". */
  destination: string;
  status: PoStatus;
  /** Why it is on hold, rejected or unknown: a sentence. */
  statusReason: string | null;
  /** The supplier's own order number, once they gave it. */
  supplierReference: string;
  total: Money;
  lines: PoLineView[];
  /** A resend after an unknown outcome is marked "[Possible duplicate]" for the supplier. */
  possibleDuplicate: boolean;
  delivery: PoDelivery | null;
  createdAt: string;
  queuedAt: string | null;
  sentAt: string | null;
  acknowledgedAt: string | null;
  /** When the desk last asked the supplier's API about this PO. */
  lastCheckedAt: string | null;
}

/** What the PO will look like to the supplier, shown before sending. */
export interface PoPreview {
  poId: number;
  number: string;
  channel: 'email' | 'api';
  destination: string;
  /** E-mail: the subject, plain-text body and attachments; API: the JSON body (pretty) in `text`. */
  subject: string;
  text: string;
  attachments: { filename: string; contentType: string; bytes: number }[];
  /** Problems that would stop the send (no SMTP settings, no API key): fix them first. */
  problems: string[];
}

/**
 * The order page's parcels and customer e-mails, in words and choices: which POs can take a tracking number,
 * what is left to ship per PO line, what the live carrier detection says, how a parcel's status and an
 * e-mail's delivery read. The rules (statuses, detection, what the core accepts) live in src-shared; this
 * only decides what a person sees and is offered.
 */
import type { ProcedureInput } from '../../../src-shared/contract/procedures';
import { NOTIFICATION_LABELS, type NotificationView } from '../../../src-shared/domain/notifications';
import type { OrderDetail } from '../../../src-shared/domain/order';
import type { ShipmentView } from '../../../src-shared/domain/shipments';
import { lineShipsOnThisPo, type PoLineView, type PoStatus, type SupplierOrderView } from '../../../src-shared/domain/supplier-orders';
import { CARRIER_CODES, CARRIER_NAMES, type CarrierCode } from '../../../src-shared/domain/tracking/carriers';
import type { CarrierDetection } from '../../../src-shared/domain/tracking/detect-carrier';
import { ATTENTION_TRACKING_STATUSES, TRACKING_STATUS_LABELS, type TrackingStatus } from '../../../src-shared/domain/tracking/statuses';
import { addShipmentInput, trackingMappingInput as trackingMappingSchema } from '../../../src-shared/schemas/fulfillment-procedures';
import { errorsFromIssues, readNumber, type FieldErrors } from '../../components/formErrors';

// ---------------------------------------------------------------------------------------------------------------
// Which POs take a parcel, and what is left to ship

/** The supplier has (or may have) the PO and has not finished shipping it: a tracking number can arrive. */
export const TRACKABLE_PO_STATUSES: readonly PoStatus[] = ['sent', 'acknowledged', 'partially_shipped', 'cancel_rejected'];

export function canAddTracking(po: Pick<SupplierOrderView, 'status'>): boolean {
  return TRACKABLE_PO_STATUSES.includes(po.status);
}

/** The order's POs that get an "Add tracking…" button, in the order's own order. */
export function trackablePos(order: Pick<OrderDetail, 'supplierOrders'>): SupplierOrderView[] {
  return order.supplierOrders.filter(canAddTracking);
}

/** Lines that can be in one of this PO's parcels: not refused by the supplier, not moved to another PO. */
export function shippableLines(po: Pick<SupplierOrderView, 'lines'>): PoLineView[] {
  return po.lines.filter((line) => lineShipsOnThisPo(line.status));
}

/** Per shippable PO line: how many are not yet in a parcel of this PO (never below 0; a reshipment may exceed). */
export function remainingQuantities(po: Pick<SupplierOrderView, 'id' | 'lines'>, shipments: readonly Pick<ShipmentView, 'poId' | 'lines'>[]): Map<number, number> {
  const shipped = new Map<number, number>();
  for (const shipment of shipments) {
    if (shipment.poId !== po.id) continue;
    for (const line of shipment.lines) shipped.set(line.poLineId, (shipped.get(line.poLineId) ?? 0) + line.quantity);
  }
  return new Map(shippableLines(po).map((line) => [line.id, Math.max(0, line.quantity - (shipped.get(line.id) ?? 0))]));
}

// ---------------------------------------------------------------------------------------------------------------
// Live carrier detection

export type DetectionTone = 'ok' | 'check_digit_wrong' | 'unknown';

/** What the box under the tracking number says while typing; null while it is empty. */
export function detectionMessage(detection: CarrierDetection): { tone: DetectionTone; text: string } | null {
  if (detection.trackingNumber === '') return null;
  if (detection.kind === 'unknown') return { tone: 'unknown', text: 'Format not recognised: choose the carrier' };
  if (detection.checkDigitValid === false) {
    return { tone: 'check_digit_wrong', text: `Looks like a ${detection.name} number but the check digit is wrong — check the number` };
  }
  const verdict = detection.checkDigitValid ? 'check digit OK' : 'format recognised (it has no check digit)';
  const others = detection.alsoMatches.length > 0 ? ` · could also be ${detection.alsoMatches.map((c) => CARRIER_NAMES[c]).join(' or ')}` : '';
  return { tone: 'ok', text: `${detection.name} — ${verdict}${others}` };
}

export const CARRIER_OPTIONS: readonly { value: CarrierCode; label: string }[] = CARRIER_CODES.map((value) => ({ value, label: CARRIER_NAMES[value] }));

// ---------------------------------------------------------------------------------------------------------------
// The "Add tracking" form

export interface AddShipmentLineValues {
  poLineId: number;
  /** Typed text: '' and '0' mean "not in this parcel". */
  quantity: string;
}

export interface AddShipmentValues {
  trackingNumber: string;
  /** '' until detected or chosen. */
  carrier: CarrierCode | '';
  /** true once the person picked a carrier themselves: detection no longer changes it. */
  carrierChosen: boolean;
  carrierName: string;
  lines: AddShipmentLineValues[];
}

/** The form as it opens: no number yet, each shippable line with what is still to ship. */
export function defaultAddShipment(po: Pick<SupplierOrderView, 'id' | 'lines'>, shipments: readonly Pick<ShipmentView, 'poId' | 'lines'>[]): AddShipmentValues {
  const remaining = remainingQuantities(po, shipments);
  return {
    trackingNumber: '',
    carrier: '',
    carrierChosen: false,
    carrierName: '',
    lines: shippableLines(po).map((line) => ({ poLineId: line.id, quantity: String(remaining.get(line.id) ?? 0) })),
  };
}

/** The carrier after typing a number: detection fills it in until the person has chosen one themselves. */
export function withTrackingNumber(values: AddShipmentValues, trackingNumber: string, detection: CarrierDetection): AddShipmentValues {
  if (values.carrierChosen) return { ...values, trackingNumber };
  return { ...values, trackingNumber, carrier: detection.kind === 'detected' ? detection.carrier : '' };
}

export type AddShipmentInput = ProcedureInput<'shipments.add'>;

/**
 * Lines in the parcel, with the form row each came from, so the core's `lines.N` maps back. A blank or 0 box
 * means "not in this parcel"; anything else (even text) is sent to the schema, which words what is wrong.
 */
function parcelLines(values: AddShipmentValues): { row: number; poLineId: number; quantity: number }[] {
  return values.lines
    .map((line, row) => ({ row, poLineId: line.poLineId, quantity: readNumber(line.quantity) }))
    .filter((line): line is { row: number; poLineId: number; quantity: number } => line.quantity !== undefined && line.quantity !== 0);
}

/** A schema or core path → the form's field (`trackingNumber`, `lines.<row>.quantity`, `lines`), or null for above the form. */
export function addShipmentFieldPath(path: string, values: AddShipmentValues): string | null {
  if (path === 'trackingNumber' || path === 'carrier' || path === 'carrierName' || path === 'lines') return path;
  const match = /^lines\.(\d+)(?:\.[A-Za-z]+)?$/u.exec(path);
  if (!match) return null;
  const sent = parcelLines(values)[Number(match[1])];
  return sent ? `lines.${sent.row}.quantity` : 'lines';
}

/**
 * Checks the form with the contract's schema, plus what the form knows better than the schema: the carrier is
 * chosen (always sent, so the core never guesses differently from what the person saw), an "other" carrier is
 * named, and no line ships more than the PO has of it.
 */
export function checkAddShipment(po: Pick<SupplierOrderView, 'id' | 'lines'>, values: AddShipmentValues):
  { ok: true; input: AddShipmentInput } | { ok: false; errors: FieldErrors } {
  const sent = parcelLines(values);
  const raw = {
    poId: po.id,
    trackingNumber: values.trackingNumber,
    ...(values.carrier !== '' ? { carrier: values.carrier } : {}),
    carrierName: values.carrier === 'other' ? values.carrierName : '',
    lines: sent.map((line) => ({ poLineId: line.poLineId, quantity: line.quantity })),
  };
  const result = addShipmentInput.safeParse(raw);
  const errors: FieldErrors = result.success ? {} : errorsFromIssues(result.error.issues, (path) => addShipmentFieldPath(path, values));
  if (values.carrier === '' && !('carrier' in errors)) errors.carrier = 'Choose the carrier from the list';
  if (values.carrier === 'other' && values.carrierName.trim() === '' && !('carrierName' in errors)) errors.carrierName = 'Name the carrier';
  const ordered = new Map(po.lines.map((line) => [line.id, line.quantity]));
  for (const line of sent) {
    const max = ordered.get(line.poLineId);
    const path = `lines.${line.row}.quantity`;
    if (max !== undefined && line.quantity > max && !(path in errors)) {
      errors[path] = `The purchase order has ${max} of this item`;
    }
  }
  if (!result.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, input: result.data };
}

// ---------------------------------------------------------------------------------------------------------------
// A parcel

export type StatusTone = 'good' | 'warning' | 'neutral';

/** Delivered is good news; a parcel stuck, bounced or silent needs a look; the rest is on its way. */
export function statusTone(status: TrackingStatus): StatusTone {
  if (status === 'delivered') return 'good';
  return ATTENTION_TRACKING_STATUSES.includes(status) ? 'warning' : 'neutral';
}

/** A parcel in trouble that nobody has looked at yet: "Mark handled…" is offered. */
export function needsHandling(shipment: Pick<ShipmentView, 'status' | 'handled'>): boolean {
  return ATTENTION_TRACKING_STATUSES.includes(shipment.status) && shipment.handled === null;
}

/** Asking the tracking service is pointless once the parcel is delivered. */
export function canCheckNow(shipment: Pick<ShipmentView, 'status'>): boolean {
  return shipment.status !== 'delivered';
}

/** Newest first, for the collapsed history. */
export function eventsNewestFirst<E extends { occurredAt: string }>(events: readonly E[]): E[] {
  return [...events].reverse();
}

/** "2 × Adult dog food 2 kg" per line, for the card and the notice. */
export function shipmentItemsText(shipment: Pick<ShipmentView, 'lines'>): string {
  return shipment.lines.map((line) => `${line.quantity} × ${line.title || line.supplierSku || 'Untitled'}`).join(', ');
}

const shipmentById = (order: Pick<OrderDetail, 'shipments'>, id: number) => order.shipments.find((s) => s.id === id) ?? null;

/** After "Check now": what the tracking service said, or that there is no news. */
export function checkNotice(before: Pick<ShipmentView, 'id' | 'status' | 'trackingNumber'>, order: Pick<OrderDetail, 'shipments'>): string {
  const after = shipmentById(order, before.id);
  if (!after || after.status === before.status) return `Checked ${before.trackingNumber}: no news yet.`;
  return `Checked ${after.trackingNumber}: now “${TRACKING_STATUS_LABELS[after.status]}”.`;
}

/** After "Add tracking": the new parcel, and whether the customer hears about it. */
export function addedNotice(beforeIds: readonly number[], order: Pick<OrderDetail, 'shipments'>): string {
  const added = order.shipments.find((s) => !beforeIds.includes(s.id));
  return added ? `Parcel ${added.trackingNumber} (${added.carrierName}) added to ${added.poNumber}.` : 'Tracking added.';
}

// ---------------------------------------------------------------------------------------------------------------
// Customer e-mails

export type DeliveryTone = 'waiting' | 'working' | 'done' | 'failed';

/** Where a customer e-mail is, in words; "Try again" for one that gave up or whose send was cut off. */
export function notificationDelivery(delivery: NotificationView['delivery']): { tone: DeliveryTone; text: string; canRetry: boolean } {
  switch (delivery) {
    case 'pending':
      return { tone: 'waiting', text: 'Queued — waiting for connection', canRetry: false };
    case 'in_flight':
      return { tone: 'working', text: 'Sending…', canRetry: false };
    case 'done':
      return { tone: 'done', text: 'Sent', canRetry: false };
    case 'failed':
      return { tone: 'waiting', text: 'Not sent yet — trying again automatically', canRetry: false };
    case 'dead':
      return { tone: 'failed', text: 'Failed — needs you', canRetry: true };
    case 'unknown':
      // The desk stopped mid-send: the customer may have it. Trying again sends the same message once more.
      return { tone: 'failed', text: 'Not known whether it went out — needs you', canRetry: true };
  }
}

export function notificationLabel(notification: Pick<NotificationView, 'kind'>): string {
  return NOTIFICATION_LABELS[notification.kind];
}

// ---------------------------------------------------------------------------------------------------------------
// A supplier's tracking file: which column holds what

export const TRACKING_MAPPING_FIELDS = ['poNumber', 'trackingNumber', 'carrier', 'supplierSku', 'quantity', 'shippedAt'] as const;
export type TrackingMappingField = (typeof TRACKING_MAPPING_FIELDS)[number];
export type TrackingMappingValues = Record<TrackingMappingField, string>;

export const REQUIRED_TRACKING_MAPPING: ReadonlySet<TrackingMappingField> = new Set(['poNumber', 'trackingNumber']);

export const TRACKING_MAPPING_LABELS: Record<TrackingMappingField, string> = {
  poNumber: 'PO number', trackingNumber: 'Tracking number', carrier: 'Carrier', supplierSku: 'Supplier SKU', quantity: 'Quantity', shippedAt: 'Shipped on',
};

export const emptyTrackingMapping = (): TrackingMappingValues => ({ poNumber: '', trackingNumber: '', carrier: '', supplierSku: '', quantity: '', shippedAt: '' });

/** The preview's guess, keeping only columns the file really has. */
export function mappingFromPreview(preview: { headers: readonly string[]; mapping: TrackingMappingValues }): TrackingMappingValues {
  const mapping = emptyTrackingMapping();
  for (const field of TRACKING_MAPPING_FIELDS) {
    const column = preview.mapping[field];
    if (column && preview.headers.includes(column)) mapping[field] = column;
  }
  return mapping;
}

/** The contract's mapping: the two required columns as chosen, the others only when chosen. */
export function trackingMappingInput(mapping: TrackingMappingValues): ProcedureInput<'trackingFile.import'>['mapping'] {
  const input: ProcedureInput<'trackingFile.import'>['mapping'] = { poNumber: mapping.poNumber, trackingNumber: mapping.trackingNumber };
  for (const field of TRACKING_MAPPING_FIELDS) {
    if (!REQUIRED_TRACKING_MAPPING.has(field) && mapping[field] !== '') input[field as Exclude<TrackingMappingField, 'poNumber' | 'trackingNumber'>] = mapping[field];
  }
  return input;
}

/** Required columns chosen, and no column feeding two fields; keyed by field. */
export function checkTrackingMapping(mapping: TrackingMappingValues): FieldErrors {
  const errors: FieldErrors = {};
  const result = trackingMappingSchema.safeParse(trackingMappingInput(mapping));
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? '');
      if (!(field in errors)) errors[field] = issue.message;
    }
  }
  const seen = new Map<string, TrackingMappingField>();
  for (const field of TRACKING_MAPPING_FIELDS) {
    const column = mapping[field];
    if (column === '') continue;
    const first = seen.get(column);
    if (first && !(field in errors)) errors[field] = `“${column}” is already used for ${TRACKING_MAPPING_LABELS[first]}`;
    else seen.set(column, field);
  }
  return errors;
}

export function isTrackingMappingComplete(mapping: TrackingMappingValues): boolean {
  return Object.keys(checkTrackingMapping(mapping)).length === 0;
}

/** The core's `mapping.trackingNumber` → the form's field. */
export function trackingMappingField(path: string | undefined): TrackingMappingField | null {
  const field = path?.startsWith('mapping.') ? path.slice('mapping.'.length) : null;
  return field && (TRACKING_MAPPING_FIELDS as readonly string[]).includes(field) ? field as TrackingMappingField : null;
}

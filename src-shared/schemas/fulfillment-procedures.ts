import { z } from 'zod';
import { NOTIFICATION_KINDS } from '../domain/notifications';
import { CARRIER_CODES } from '../domain/tracking/carriers';
import { id } from './order-input';

const oneLine = /^[^\p{Cc}\u2028\u2029]*$/u;
const note = (what: string) => z.string('Note must be text').trim().min(1, `Write a note: ${what}`).max(1000, 'Note is too long');

/** A tracking number as typed: spaces and dashes are allowed (they are taken out), nothing else odd. */
export const trackingNumberInput = z.string('Tracking number must be text').trim()
  .min(1, 'Enter the tracking number').max(80, 'Tracking number is too long (80 characters at most)')
  .regex(/^[A-Za-z0-9][A-Za-z0-9 -]*$/u, 'A tracking number has only letters, digits, spaces and dashes');

/** A parcel typed in by hand from the supplier's e-mail: which PO, the number, the carrier, what is in it. */
export const addShipmentInput = z.object({
  poId: id('Supplier order id'),
  trackingNumber: trackingNumberInput,
  /** Absent: detected from the number; required when the number's format is not recognised. */
  carrier: z.enum(CARRIER_CODES, 'Choose the carrier from the list').optional(),
  /** The carrier's name when it is "other". */
  carrierName: z.string('Carrier name must be text').trim().max(80, 'Carrier name is too long').regex(oneLine, 'Carrier name must be one line').default(''),
  lines: z.array(z.object({
    poLineId: id('Line id'),
    quantity: z.number('Quantity must be a number').int('Quantity must be a whole number').min(1, 'Quantity must be at least 1').max(100_000, 'Quantity is too large'),
  }), 'Say which items are in the parcel').min(1, 'Choose at least one item that is in the parcel').max(200),
});

/** Statuses a person may record by hand (for a shop without a tracking service, or a carrier it does not cover). */
export const HAND_TRACKING_STATUSES = ['in_transit', 'out_for_delivery', 'attempt_fail', 'available_for_pickup', 'delivered', 'exception'] as const;

export const recordShipmentStatusInput = z.object({
  shipmentId: id('Shipment id'),
  status: z.enum(HAND_TRACKING_STATUSES, 'Choose what the carrier says'),
  note: z.string('Note must be text').trim().max(500, 'Note is too long').regex(oneLine, 'Note must be one line').default(''),
});

export const shipmentIdInput = z.object({ shipmentId: id('Shipment id') });

/** A person looked into a parcel's trouble (called the carrier, told the customer). */
export const markShipmentHandledInput = z.object({ shipmentId: id('Shipment id'), note: note('what was done about this parcel') });

export const previewNotificationInput = z.object({
  kind: z.enum(NOTIFICATION_KINDS, 'Choose which e-mail to preview'),
  /** A real order to fill it with; absent: a sample order. */
  orderId: id('Order id').optional(),
});

/** ~12 MB of file: a year of tracking rows is far less; bounded so a wrong file cannot exhaust memory. */
export const MAX_TRACKING_FILE_BASE64_CHARS = 16_000_000;
const trackingFile = {
  supplierId: id('Supplier id'),
  fileName: z.string().trim().min(1, 'Name the file').max(255, 'File name is too long'),
  contentBase64: z.string().max(MAX_TRACKING_FILE_BASE64_CHARS, 'The file is too large (12 MB at most)')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The file content must be base64'),
};

/** Which column holds what, by header name. PO number and tracking number are required. */
export const trackingMappingInput = z.object({
  poNumber: z.string().trim().min(1, 'Choose the column with the PO number').max(200),
  trackingNumber: z.string().trim().min(1, 'Choose the column with the tracking number').max(200),
  carrier: z.string().trim().max(200).optional(),
  supplierSku: z.string().trim().max(200).optional(),
  quantity: z.string().trim().max(200).optional(),
  shippedAt: z.string().trim().max(200).optional(),
});
export type TrackingMapping = z.output<typeof trackingMappingInput>;

export const trackingFilePreviewInput = z.object(trackingFile);
export const trackingFileImportInput = z.object({ ...trackingFile, mapping: trackingMappingInput });

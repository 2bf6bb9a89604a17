/**
 * Reads a supplier's tracking file ("PO number, SKU, quantity, tracking number, carrier, shipped date") into
 * rows the fulfillment service applies, and the rows it cannot use with a reason naming the column and value.
 * Pure: bytes in, rows out. The file itself is read by the stock feeds' reader (encodings, BOM, delimiter,
 * quotes); a file that cannot be read at all, or a mapping that does not fit it, throws a DeskError whose
 * message is a sentence for the owner.
 *
 * Rows are kept as the file has them: two rows with one tracking number (two SKUs in one parcel) are both
 * returned, and the caller groups by (PO number, tracking number).
 */
import type { TrackingFilePreview } from '../../../src-shared/domain/shipments';
import type { CarrierCode } from '../../../src-shared/domain/tracking/carriers';
import { normalizeTrackingNumber } from '../../../src-shared/domain/tracking/carriers';
import { detectCarrier } from '../../../src-shared/domain/tracking/detect-carrier';
import type { TrackingMapping } from '../../../src-shared/schemas/fulfillment-procedures';
import { DeskError } from '../errors';
import type { FeedReadResult, FeedSink } from '../feeds/feed-types';
import { MAX_SUPPLIER_SKU_LENGTH } from '../feeds/map-feed-rows';
import { readFeed } from '../feeds/parse-feed';
import { carrierFromName } from './carrier-names';
import {
  guessTrackingMapping, resolveTrackingColumns, TRACKING_FIELD_LABELS, type TrackingColumn, type TrackingColumns, type TrackingField,
} from './tracking-columns';
import { dateOrderEvidence, type DateOrder, Problem, readQuantity, readShippedDate, readTrackingNumber } from './tracking-values';

export interface TrackingFileRow {
  /** 1-based physical line where the row starts (the header is line 1). */
  line: number;
  poNumber: string;
  /** normalizeTrackingNumber: no spaces or dashes, upper case. */
  trackingNumber: string;
  /** From the carrier column, else detectCarrier(number); 'other' for a name we do not know; null if neither says. */
  carrier: CarrierCode | null;
  /** The carrier cell as written (trimmed); '' when empty or not mapped. */
  carrierText: string;
  supplierSku: string | null;
  quantity: number | null;
  /** "YYYY-MM-DD", or a full ISO instant (UTC) when the cell had a time zone. */
  shippedAt: string | null;
}

export interface ReadTrackingFileResult {
  /** In file order. */
  rows: TrackingFileRow[];
  /** In line order: rows the parser could not split into the header's columns, and rows with bad values. */
  rejected: { line: number; reason: string }[];
}

/** Rows shown in the preview. */
export const PREVIEW_ROWS = 10;

/**
 * The file's columns, the mapping to offer (the saved one when it fits the file, else guessed from the
 * header names), the first rows and how many rows there are.
 * Throws a DeskError (invalid_input, field contentBase64) when the file cannot be read at all.
 */
export function previewTrackingFile(bytes: Uint8Array, savedMapping?: Partial<TrackingMapping>): TrackingFilePreview {
  const sample: string[][] = [];
  let width = 0;
  const read = readFeed(bytes, {}, {
    header: (headers) => {
      width = headers.length;
      return undefined;
    },
    row: (_line, cells) => {
      if (sample.length < PREVIEW_ROWS) sample.push(cells.slice(0, width).map((cell) => cell.trim()));
    },
  });
  const file = readable(read);
  return { headers: file.headers, mapping: guessTrackingMapping(file.headers, savedMapping), sample, rowCount: file.rowCount };
}

/**
 * Every row through the mapping. Throws a DeskError (invalid_input) when the file cannot be read (field
 * contentBase64) or the mapping does not fit it (field mapping.<field>: a missing column is named and the
 * file's columns listed).
 */
export function readTrackingFile(bytes: Uint8Array, mapping: TrackingMapping): ReadTrackingFileResult {
  let columns: TrackingColumns | undefined;
  let refusal: { field: TrackingField; reason: string } | undefined;
  const raw: RawRow[] = [];
  const sink: FeedSink = {
    header: (headers) => {
      const resolved = resolveTrackingColumns(headers, mapping);
      if (resolved.ok) {
        columns = resolved.columns;
        return undefined;
      }
      refusal = { field: resolved.field, reason: resolved.reason };
      return resolved.reason;
    },
    row: (line, cells) => {
      if (columns) raw.push(takeCells(line, cells, columns));
    },
  };
  const read = readFeed(bytes, {}, sink);
  // The reader reports the file's own problems before the mapping's; only the latter is the mapping's fault.
  if (!read.ok && refusal !== undefined && read.reason === refusal.reason) {
    throw new DeskError('invalid_input', refusal.reason, `mapping.${refusal.field}`);
  }
  const file = readable(read);
  if (!columns) throw new DeskError('invalid_input', 'The file has no header line with column names.', 'contentBase64');

  const dateOrder = fileDateOrder(raw);
  const detected = new Map<string, CarrierCode | undefined>();
  const rows: TrackingFileRow[] = [];
  const rejected: { line: number; reason: string }[] = file.rowIssues
    // The reader words ragged rows without a subject ("has 5 fields, …").
    .map(({ line, reason }) => ({ line, reason: reason.startsWith('has ') ? `the row ${reason}` : reason }));
  for (const row of raw) {
    const mapped = mapRow(row, columns, dateOrder, detected);
    if (typeof mapped === 'string') rejected.push({ line: row.line, reason: mapped });
    else rows.push(mapped);
  }
  rejected.sort((a, b) => a.line - b.line);
  return { rows, rejected };
}

function readable(read: FeedReadResult): Extract<FeedReadResult, { ok: true }> {
  if (read.ok) return read;
  throw new DeskError('invalid_input', forTrackingFile(read.reason), 'contentBase64');
}

/**
 * The feed reader's refusals speak of "the stock list" in places; here the file is a tracking list.
 * Suggested refactor: let readFeed take the noun for its messages (e.g. options.fileKind).
 */
function forTrackingFile(reason: string): string {
  return reason.replaceAll('stock list', 'tracking list');
}

// ─── Rows ───────────────────────────────────────────────────────────────────────────────────────

/** The mapped cells of one row, copied out of the reader's reused array. */
interface RawRow {
  line: number;
  poNumber: string;
  trackingNumber: string;
  carrier: string;
  supplierSku: string;
  quantity: string;
  shippedAt: string;
}

function takeCells(line: number, cells: readonly string[], columns: TrackingColumns): RawRow {
  const cell = (column: TrackingColumn | undefined) => (column ? (cells[column.index] ?? '') : '');
  return {
    line,
    poNumber: cell(columns.poNumber),
    trackingNumber: cell(columns.trackingNumber),
    carrier: cell(columns.carrier),
    supplierSku: cell(columns.supplierSku),
    quantity: cell(columns.quantity),
    shippedAt: cell(columns.shippedAt),
  };
}

/** The order the file's unambiguous slashed dates show (25/07 or 07/25); undefined when none do or they disagree. */
function fileDateOrder(rows: readonly RawRow[]): DateOrder | undefined {
  const seen = new Set<DateOrder>();
  for (const row of rows) {
    const evidence = dateOrderEvidence(row.shippedAt);
    if (evidence) seen.add(evidence);
  }
  return seen.size === 1 ? [...seen][0] : undefined;
}

/** One row → a TrackingFileRow, or every problem of the row in one reason, so the person fixes the row once. */
function mapRow(row: RawRow, columns: TrackingColumns, dateOrder: DateOrder | undefined, detected: Map<string, CarrierCode | undefined>): TrackingFileRow | string {
  const problems: string[] = [];
  const poNumber = row.poNumber.trim();
  if (poNumber === '') problems.push(describe('poNumber', '', columns.poNumber, 'is empty'));

  const trackingNumber = take(problems, 'trackingNumber', row.trackingNumber, columns.trackingNumber, readTrackingNumber);
  const quantity = columns.quantity && row.quantity.trim() !== '' ? take(problems, 'quantity', row.quantity, columns.quantity, readQuantity) : null;
  const shippedAt = columns.shippedAt && row.shippedAt.trim() !== ''
    ? take(problems, 'shippedAt', row.shippedAt, columns.shippedAt, (text) => readShippedDate(text, dateOrder))
    : null;

  let supplierSku: string | null = row.supplierSku.trim() === '' ? null : row.supplierSku.trim();
  if (columns.supplierSku && supplierSku === null && columns.quantity && row.quantity.trim() !== '') {
    problems.push(`${describe('supplierSku', '', columns.supplierSku, 'is empty')}, but ${describe('quantity', row.quantity, columns.quantity, 'is given')}; `
      + 'say which item the quantity is for');
  } else if (columns.supplierSku && supplierSku !== null) {
    const problem = skuProblem(supplierSku);
    if (problem) {
      problems.push(describe('supplierSku', supplierSku, columns.supplierSku, problem));
      supplierSku = null;
    }
  }

  if (problems.length > 0 || trackingNumber === undefined || quantity === undefined || shippedAt === undefined) return problems.join('; ');
  const normalized = normalizeTrackingNumber(trackingNumber);
  const carrierText = row.carrier.trim();
  return { line: row.line, poNumber, trackingNumber: normalized, carrier: carrierFor(carrierText, normalized, detected), carrierText, supplierSku, quantity, shippedAt };
}

/**
 * The named carrier; a name we do not know → the number's carrier → 'other'; nothing named nor detected → null.
 * `detected` remembers each number's detection for this file: detectCarrier tries every published format
 * (~0.2 ms a number), and a parcel with several SKUs repeats its number.
 */
function carrierFor(carrierText: string, trackingNumber: string, detected: Map<string, CarrierCode | undefined>): CarrierCode | null {
  const named = carrierText === '' ? undefined : carrierFromName(carrierText);
  if (named) return named;
  if (!detected.has(trackingNumber)) {
    const detection = detectCarrier(trackingNumber);
    detected.set(trackingNumber, detection.kind === 'detected' ? detection.carrier : undefined);
  }
  return detected.get(trackingNumber) ?? (carrierText === '' ? null : 'other');
}

const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/u;

function skuProblem(sku: string): string | undefined {
  if (sku.length > MAX_SUPPLIER_SKU_LENGTH) return `is longer than ${MAX_SUPPLIER_SKU_LENGTH} characters`;
  if (CONTROL_CHARACTER.test(sku)) return 'contains a line break or a control character';
  return undefined;
}

function take<T>(problems: string[], field: TrackingField, text: string, column: TrackingColumn, reader: (text: string) => T | Problem): T | undefined {
  const value = reader(text);
  if (!(value instanceof Problem)) return value;
  problems.push(describe(field, text, column, value.problem));
  return undefined;
}

/** `quantity “0” (column “Qty”) must be …`: the field, the value and the file's own column name. */
function describe(field: TrackingField, value: string, column: TrackingColumn, problem: string): string {
  const shown = value.trim().replace(/[\r\n]+/gu, ' ');
  const quoted = shown === '' ? '' : ` “${shown.length > 40 ? `${shown.slice(0, 39)}…` : shown}”`;
  return `${TRACKING_FIELD_LABELS[field]}${quoted} (column “${column.header}”) ${problem}`;
}

/**
 * The part of reading a storefront export that does not depend on the storefront: the stock feeds' CSV reader
 * (encodings, BOM, delimiter, quoted commas and line breaks, physical line numbers) hands rows one at a time, the
 * rows of one order are gathered, and each finished order goes to the caller's sink before the next is read.
 * Pure: bytes in, calls out; no fs, no DB.
 */
import type { ImportedOrder, ImportedOrderAt, ImportRowProblem } from '../../../src-shared/domain/storefront-orders';
import { DeskError } from '../errors';
import type { FeedSink } from '../feeds/feed-types';
import { readFeed } from '../feeds/parse-feed';
import { OrderRowGrouper, type OrderRowGroup } from './group-order-rows';
import { OrderFileColumns } from './order-file-columns';

export interface OrderFileSink {
  /** Each order as soon as its last row is read. */
  onOrder(order: ImportedOrderAt): void;
  /** Each row or order that was not imported, and each change made to an order that was (`kept: true`). */
  onProblem(problem: ImportRowProblem): void;
  /** Now and then (every 10,000 lines) and once at the end: bytes read so far (estimated from lines), of the file's size. */
  onProgress?(bytesRead: number, total: number): void;
  /**
   * Asked before each row; true stops reading at once, and the order being gathered is dropped, not handed on half.
   * The read is synchronous, so a worker's cancel cannot arrive as a message meanwhile: answer from a flag the
   * other thread sets (Atomics.load on a SharedArrayBuffer). Throwing from a callback also ends the read.
   */
  shouldStop?(): boolean;
}

export interface OrderFileReadResult {
  /** Orders handed to onOrder. */
  orders: number;
  /** Calls of onProblem (row and order refusals, and `kept` notices). */
  problems: number;
  /** true when shouldStop ended the read before the end of the file. */
  stopped: boolean;
}

/** What one storefront's export looks like and how its rows become an order. */
export interface OrderFileLayout {
  /** In refusals: 'a Shopify orders export'. */
  label: string;
  /** Where that export comes from, for the person who picked another file. */
  howToExport: string;
  /** The column whose value is the same on every row of one order. */
  keyColumn: string;
  /** Columns without which the file is not this export; every other column may be missing (older exports). */
  requiredColumns: readonly string[];
  /** A refusal of a header that has the columns but is still not readable (a different layout of the same tool). */
  checkHeader?(columns: OrderFileColumns): string | undefined;
  buildOrder(group: OrderRowGroup, columns: OrderFileColumns): BuiltOrder;
}

export type BuiltOrder = { ok: true; order: ImportedOrder; notices: ImportRowProblem[] } | { ok: false; problems: ImportRowProblem[] };

/** Thrown through readFeed to stop it: its sink has no other way out. */
const STOP = Symbol('stop reading');

/**
 * Reads `bytes` as `layout`. Throws a DeskError (invalid_input, field contentBase64) with a sentence when the file
 * cannot be read as that export at all. Such a refusal usually comes before any order; two kinds need the whole
 * file and come after orders were handed on: most rows not matching the header, and a quote opened mid-file and
 * never closed. A caller that must apply all or nothing applies inside a transaction it commits when this returns;
 * a re-import after a fix finds the orders already imported by (source, external id).
 */
export function readOrderFile(bytes: Uint8Array, layout: OrderFileLayout, sink: OrderFileSink): OrderFileReadResult {
  let orders = 0;
  let problems = 0;
  let columns: OrderFileColumns | undefined;
  let grouper: OrderRowGrouper | undefined;
  const report = (problem: ImportRowProblem) => {
    problems += 1;
    sink.onProblem(problem);
  };
  const handOn = (group: OrderRowGroup) => {
    const built = layout.buildOrder(group, columns as OrderFileColumns);
    if (!built.ok) {
      for (const problem of built.problems) report(problem);
      return;
    }
    orders += 1;
    sink.onOrder({ line: group.firstLine, order: built.order });
    for (const notice of built.notices) report(notice);
  };

  const total = bytes.length;
  const onProgress = sink.onProgress?.bind(sink);
  const feedSink: FeedSink = {
    header: (headers) => {
      const found = new OrderFileColumns(headers);
      const missing = found.missing(layout.requiredColumns);
      if (missing.length > 0) {
        return `This is not ${layout.label}: the header has no column ${missing.map((name) => `“${name}”`).join(', ')}. ${layout.howToExport}`;
      }
      const refusal = layout.checkHeader?.(found);
      if (refusal !== undefined) return refusal;
      columns = found;
      grouper = new OrderRowGrouper(found.index(layout.keyColumn) as number, found.header(layout.keyColumn), headers.length, handOn, report);
      return undefined;
    },
    row: (line, cells) => {
      if (sink.shouldStop?.()) throw STOP;
      grouper?.add(line, cells);
    },
    // readFeed reports lines; bytes are what a progress bar over a file size shows, so lines are scaled to them.
    ...(onProgress ? { progress: (line: number, lines: number) => onProgress(Math.min(total, Math.round((total * line) / lines)), total) } : {}),
  };

  let read: ReturnType<typeof readFeed>;
  try {
    read = readFeed(bytes, {}, feedSink);
  } catch (error) {
    if (error === STOP) return { orders, problems, stopped: true };
    throw error;
  }
  if (!read.ok) throw new DeskError('invalid_input', forOrderFile(read.reason), 'contentBase64');
  grouper?.flush();

  // The CSV reader reports rows it could not split into the header's columns only at the end of the file.
  for (const { line, reason } of read.rowIssues) {
    const row = reason.startsWith('has ') ? `The row ${reason}, so it was not read` : `${capitalize(reason)}`;
    const around = grouper?.orderAround(line);
    report(around
      ? {
        line,
        orderNumber: around.key,
        reason: `${row}. It lies between rows of order ${around.key} (lines ${around.first}–${around.last}), which was imported without it: `
          + 'check that order against the shop.',
      }
      : { line, reason: `${row}.` });
  }
  onProgress?.(total, total);
  return { orders, problems, stopped: false };
}

/**
 * The feed reader's refusals speak of "the stock list" in places; here the file is an orders export.
 * (Suggested refactor, as for tracking files: let readFeed take the noun for its messages.)
 */
export function forOrderFile(reason: string): string {
  return reason
    .replace('ask the supplier for the CSV export of the stock list', 'export the orders from the shop as CSV')
    .replaceAll('stock list', 'orders');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

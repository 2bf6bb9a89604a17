import type { OrderColumnMapping } from '../../../src-shared/domain/storefront-import';
import type { ImportFormat, ImportRowProblem } from '../../../src-shared/domain/storefront-orders';
import type { ImportCounts } from './import-runs';

/** What the core asks the order import thread to do: one file, into the database at dbPath. */
export interface OrderImportTask {
  dbPath: string;
  bytes: Uint8Array;
  mapping?: OrderColumnMapping;
  /** For a mapped file without a currency column. */
  defaultCurrency: string;
  actor: string;
  /** The file's own description for the timeline: 'Shopify orders export orders_export.csv'. */
  fileName: string;
  /** Int32 [0]: the core sets 1 to cancel. The thread reads it between rows (it cannot take messages mid-read). */
  cancelFlag: SharedArrayBuffer;
}

export interface OrderImportSummary {
  format: ImportFormat;
  counts: ImportCounts;
  problems: ImportRowProblem[];
  problemsTotal: number;
}

/** Progress while it works, then exactly one of done (committed), cancelled or failed (both: nothing written). */
export type OrderImportMessage =
  | { type: 'progress'; bytesRead: number; bytesTotal: number; ordersRead: number }
  | { type: 'done'; summary: OrderImportSummary }
  | { type: 'cancelled'; ordersRead: number; format?: ImportFormat }
  | { type: 'failed'; message: string; field?: string };

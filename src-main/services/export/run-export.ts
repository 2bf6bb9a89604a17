import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProcedureParsedInput } from '../../../src-shared/contract/procedures';
import type { ExportKind, ExportResult } from '../../../src-shared/domain/exports';
import type { Sql } from '../../db/query';
import { csvChunks } from './csv-chunks';
import { ORDER_EXPORT_COLUMNS, ORDER_LINE_EXPORT_COLUMNS, orderExportPages, orderLineExportPages } from './export-orders';
import type { ExportRange } from './export-range';
import { SUPPLIER_ORDER_EXPORT_COLUMNS, supplierOrderExportPages } from './export-supplier-orders';
import { writeCsvFile } from './write-csv-file';

const DAY_MS = 86_400_000;

/** The folder exports go to: inside the data directory, so the renderer never names a path. */
export const EXPORTS_FOLDER = 'exports';

function* counted<R>(pages: Iterable<readonly R[]>, tally: { rows: number }): Generator<readonly R[], void, undefined> {
  for (const page of pages) {
    tally.rows += page.length;
    yield page;
  }
}

/** The export's CSV chunks, counting its rows as they are read. */
function chunksOf(kind: ExportKind, sql: Sql, range: ExportRange, tally: { rows: number }): Generator<string, void, undefined> {
  switch (kind) {
    case 'orders': return csvChunks(ORDER_EXPORT_COLUMNS, counted(orderExportPages(sql, range), tally));
    case 'order_lines': return csvChunks(ORDER_LINE_EXPORT_COLUMNS, counted(orderLineExportPages(sql, range), tally));
    case 'supplier_orders': return csvChunks(SUPPLIER_ORDER_EXPORT_COLUMNS, counted(supplierOrderExportPages(sql, range), tally));
  }
}

/**
 * Writes one export as `<data dir>/exports/<kind>-<time>.csv` (a page of rows at a time, the event loop free
 * between pages; a failure leaves no file) and says where it is. Days are UTC, both inclusive.
 */
export async function runExport(sql: Sql, dataDir: string, input: ProcedureParsedInput<'export.run'>, now: number): Promise<ExportResult> {
  const range: ExportRange = {
    ...(input.from ? { from: Date.parse(`${input.from}T00:00:00Z`) } : {}),
    ...(input.to ? { to: Date.parse(`${input.to}T00:00:00Z`) + DAY_MS } : {}),
  };
  const folder = join(dataDir, EXPORTS_FOLDER);
  await mkdir(folder, { recursive: true });
  const stamp = new Date(now).toISOString().slice(0, 19).replaceAll(':', '-');
  const fileName = `${input.kind.replace('_', '-')}-${stamp}.csv`;
  const path = join(folder, fileName);
  const tally = { rows: 0 };
  const { bytes } = await writeCsvFile(chunksOf(input.kind, sql, range, tally), path);
  return { kind: input.kind, fileName, path, bytes, rows: tally.rows, createdAt: new Date(now).toISOString() };
}

/**
 * One orders file into the database, all or nothing: read, checked and saved inside one transaction on the
 * caller's connection, which is committed only when the whole file was read and rolled back when the read is
 * stopped or fails. Runs on the import thread (src-main/workers/order-import.worker.ts), and directly in tests
 * and the bench.
 */
import type { ImportRowProblem } from '../../../src-shared/domain/storefront-orders';
import type { Sql } from '../../db/query';
import { MAX_PROBLEMS_KEPT, NO_COUNTS, type ImportCounts } from './import-runs';
import type { OrderImportSummary } from './order-import-protocol';
import { readAnyOrderFile } from './read-any-order-file';
import { ImportedOrderWriter } from './save-imported-orders';
import type { OrderColumnMapping } from '../../../src-shared/domain/storefront-import';

export interface OrderFileImport {
  bytes: Uint8Array;
  fileName: string;
  mapping?: OrderColumnMapping;
  defaultCurrency: string;
  actor: string;
  now: () => number;
  shouldStop?: () => boolean;
  onProgress?: (bytesRead: number, bytesTotal: number, ordersRead: number) => void;
}

/** Thrown to roll the file's transaction back. */
class Stopped extends Error {}

export type OrderFileImportResult = { stopped: false; summary: OrderImportSummary } | { stopped: true; ordersRead: number };

export function importOrderFile(sql: Sql, file: OrderFileImport): OrderFileImportResult {
  const counts: ImportCounts = { ...NO_COUNTS };
  const problems: ImportRowProblem[] = [];
  let problemsTotal = 0;
  // Rejected counts orders (an order with three bad rows is one), and rows that name no order; an order imported
  // without some of its rows is imported, not rejected: its refused rows are still listed.
  const refusedKeys = new Set<string>();
  const readNumbers = new Set<string>();
  const addProblem = (problem: ImportRowProblem) => {
    problemsTotal += 1;
    if (!problem.kept) refusedKeys.add(problem.orderNumber ?? `line ${problem.line}`);
    if (problems.length < MAX_PROBLEMS_KEPT) problems.push(problem);
  };
  let writer: ImportedOrderWriter | undefined;
  try {
    const result = sql.raw.transaction(() => {
      const read = readAnyOrderFile(file.bytes, { mapping: file.mapping, defaultCurrency: file.defaultCurrency }, {
        onOrder: ({ line, order }) => {
          counts.ordersRead += 1;
          readNumbers.add(order.number);
          if (!writer) writer = new ImportedOrderWriter(sql, { actor: file.actor, now: file.now, via: `the file ${file.fileName}` });
          try {
            // An order the database refuses leaves nothing of itself behind (the writer sees to it), and the rest goes on.
            const outcome = writer.save(order);
            if (outcome === 'imported') counts.imported += 1;
            else if (outcome === 'updated') counts.updated += 1;
            else if (outcome === 'unchanged') counts.unchanged += 1;
            else counts.heldBack += 1;
          } catch (error) {
            readNumbers.delete(order.number);
            addProblem({ line, orderNumber: order.number, reason: `Order ${order.number} could not be saved: ${error instanceof Error ? error.message : String(error)}` });
          }
        },
        onProblem: addProblem,
        onProgress: (bytesRead, bytesTotal) => file.onProgress?.(bytesRead, bytesTotal, counts.ordersRead),
        shouldStop: file.shouldStop,
      });
      // Asked once more before the commit: a cancel that came after the last row still means nothing is imported.
      if (read.stopped || file.shouldStop?.()) throw new Stopped();
      writer?.finish();
      return read;
    }).immediate();
    counts.rejected = [...refusedKeys].filter((key) => !readNumbers.has(key)).length;
    problems.sort((a, b) => a.line - b.line);
    return { stopped: false, summary: { format: result.format, counts, problems, problemsTotal } };
  } catch (error) {
    if (error instanceof Stopped) return { stopped: true, ordersRead: counts.ordersRead };
    throw error;
  }
}

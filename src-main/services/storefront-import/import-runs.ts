/** The record of each import, written once it ends (done, cancelled or failed), and read back for the report. */
import type { ImportRunView } from '../../../src-shared/domain/storefront-import';
import type { ImportFormat, ImportRowProblem, ImportRunStatus } from '../../../src-shared/domain/storefront-orders';
import type { Sql } from '../../db/query';
import type { DbImportRun, Row } from '../../db/schema';
import { notFound } from '../errors';

/** Enough for any file a person would read through; the count of all of them is kept beside. */
export const MAX_PROBLEMS_KEPT = 2_000;

export interface ImportCounts {
  ordersRead: number;
  imported: number;
  updated: number;
  unchanged: number;
  heldBack: number;
  rejected: number;
}

export const NO_COUNTS: ImportCounts = { ordersRead: 0, imported: 0, updated: 0, unchanged: 0, heldBack: 0, rejected: 0 };

export interface FinishedImport {
  format: ImportFormat;
  fileName: string;
  status: ImportRunStatus;
  actor: string;
  startedAt: number;
  finishedAt: number;
  counts: ImportCounts;
  problems: ImportRowProblem[];
  problemsTotal: number;
  message?: string;
}

export function recordImportRun(sql: Sql, run: FinishedImport): number {
  const row = sql.first(sql.qb.insertInto('import_runs').values({
    format: run.format,
    file_name: run.fileName,
    status: run.status,
    actor: run.actor,
    started_at: run.startedAt,
    finished_at: run.finishedAt,
    orders_read: run.counts.ordersRead,
    imported: run.counts.imported,
    updated: run.counts.updated,
    unchanged: run.counts.unchanged,
    held_back: run.counts.heldBack,
    rejected: run.counts.rejected,
    problems: JSON.stringify(run.problems.slice(0, MAX_PROBLEMS_KEPT)),
    problems_total: run.problemsTotal,
    message: run.message ?? '',
  }).returning('id'));
  if (!row) throw new Error('Insert returned no id');
  return row.id;
}

function toView(row: Row<DbImportRun>): ImportRunView {
  return {
    id: row.id,
    format: row.format,
    fileName: row.file_name,
    status: row.status,
    actor: row.actor,
    startedAt: new Date(row.started_at).toISOString(),
    finishedAt: new Date(row.finished_at).toISOString(),
    ordersRead: row.orders_read,
    imported: row.imported,
    updated: row.updated,
    unchanged: row.unchanged,
    heldBack: row.held_back,
    rejected: row.rejected,
    problems: JSON.parse(row.problems) as ImportRowProblem[],
    problemsTotal: row.problems_total,
    message: row.message,
  };
}

export function getImportRun(sql: Sql, id: number): ImportRunView {
  const row = sql.first(sql.qb.selectFrom('import_runs').selectAll().where('id', '=', id));
  if (!row) throw notFound(`Import ${id}`);
  return toView(row);
}

/** Newest first; the problems of older runs are read only when asked for (they can be long). */
export function listImportRuns(sql: Sql, limit: number): ImportRunView[] {
  return sql.all(sql.qb.selectFrom('import_runs').selectAll().orderBy('id', 'desc').limit(limit)).map(toView);
}

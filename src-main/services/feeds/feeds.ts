import type { FeedPreview, FeedRunView } from '../../../src-shared/domain/catalog';
import type { EventPayload } from '../../../src-shared/contract/events';
import type { ProcedureParsedInput } from '../../../src-shared/contract/procedures';
import { fetchSupplierCatalog, SupplierHttpError } from '../../adapters/supplier-http';
import type { SecretBox } from '../../security/secret-box';
import type { ServiceDeps } from '../context';
import { DeskError, notFound } from '../errors';
import { readSupplierSecret, saveFeedMapping } from '../suppliers/suppliers';
import type { FeedJob } from './apply-feed';
import { suggestMapping } from './guess-mapping';
import type { FeedOutcome, FeedWorker } from './run-feed-worker';

export interface FeedDeps extends ServiceDeps {
  dbPath: string;
  feedWorker: FeedWorker;
  secrets: SecretBox;
  onProgress: (progress: EventPayload<'feeds.progress'>) => void;
}

const PREVIEW_ROWS = 10;
const iso = (ms: number) => new Date(ms).toISOString();

function supplierRow(deps: ServiceDeps, supplierId: number) {
  const row = deps.sql.first(deps.sql.qb.selectFrom('suppliers').select(['id', 'name', 'currency', 'feed_mapping', 'api_base_url', 'channel'])
    .where('id', '=', supplierId));
  if (!row) throw new DeskError('not_found', `Supplier ${supplierId} was not found.`, 'supplierId');
  return row;
}

function bytesOf(base64: string): Uint8Array {
  return new Uint8Array(Buffer.from(base64, 'base64'));
}

function outcomeRunId(outcome: FeedOutcome): number {
  if (outcome.type === 'done') return outcome.runId;
  throw new Error(outcome.type === 'failed' ? `The feed could not be applied: ${outcome.message}` : 'The feed worker answered out of turn');
}

export function getFeedRun(deps: ServiceDeps, id: number): FeedRunView {
  const row = deps.sql.first(deps.sql.qb.selectFrom('feed_runs').selectAll().where('id', '=', id));
  if (!row) throw notFound(`Feed run ${id}`);
  return {
    id: row.id, supplierId: row.supplier_id, source: row.source, fileName: row.file_name, status: row.status, reason: row.reason,
    rowsTotal: row.rows_total, rowsApplied: row.rows_applied, rowsRejected: row.rows_rejected,
    rowErrors: JSON.parse(row.row_errors), changes: JSON.parse(row.changes),
    startedAt: iso(row.started_at), finishedAt: iso(row.finished_at),
  };
}

export function listFeedRuns(deps: ServiceDeps, supplierId: number): FeedRunView[] {
  supplierRow(deps, supplierId);
  return deps.sql.all(deps.sql.qb.selectFrom('feed_runs').select('id').where('supplier_id', '=', supplierId).orderBy('id', 'desc').limit(20))
    .map((r) => getFeedRun(deps, r.id));
}

/** Reads the whole file on the worker (the row count needs it) and answers with its first rows and a mapping to start from. */
export async function previewFeed(deps: FeedDeps, input: ProcedureParsedInput<'feeds.preview'>): Promise<FeedPreview> {
  const supplier = supplierRow(deps, input.supplierId);
  const outcome = await deps.feedWorker.run(
    { kind: 'preview', bytes: bytesOf(input.contentBase64), options: { delimiter: input.delimiter, encoding: input.encoding }, sampleRows: PREVIEW_ROWS },
    () => {});
  if (outcome.type !== 'preview') throw new Error(outcome.type === 'failed' ? outcome.message : 'The feed worker answered out of turn');
  const result = outcome.result;
  if (!result.ok) throw new DeskError('invalid_input', result.reason, 'contentBase64');
  return {
    encoding: result.encoding, delimiter: result.delimiter, headers: result.headers, sampleRows: result.rows,
    rowCount: result.rowCount, rowIssues: result.rowIssues.slice(0, 100),
    suggestedMapping: suggestMapping(result.headers, supplier.feed_mapping === null ? null : JSON.parse(supplier.feed_mapping)),
  };
}

/**
 * Imports a stock/price file: read, checked and applied on the worker in one transaction. A rejected file
 * writes only its feed run (with the reason); an applied one also saves its column mapping for next time.
 */
export async function importFeed(deps: FeedDeps, input: ProcedureParsedInput<'feeds.import'>): Promise<FeedRunView> {
  const supplier = supplierRow(deps, input.supplierId);
  const job: FeedJob = { supplierId: supplier.id, source: 'csv', fileName: input.fileName, startedAt: deps.now() };
  const outcome = await deps.feedWorker.run({
    kind: 'import', dbPath: deps.dbPath, job, bytes: bytesOf(input.contentBase64),
    options: { delimiter: input.delimiter, encoding: input.encoding }, mapping: input.mapping, defaultCurrency: supplier.currency,
  }, (p) => deps.onProgress({ supplierId: supplier.id, ...p }));
  const run = getFeedRun(deps, outcomeRunId(outcome));
  if (run.status === 'applied') deps.sql.transaction(() => saveFeedMapping(deps.sql, supplier.id, input.mapping));
  deps.onProgress({ supplierId: supplier.id, phase: 'done', done: run.rowsTotal, total: run.rowsTotal });
  return run;
}

/** Pulls the supplier's catalog over its API (online only) and applies it like a file. */
export async function pullSupplierApi(deps: FeedDeps, supplierId: number): Promise<FeedRunView> {
  const supplier = supplierRow(deps, supplierId);
  if (supplier.channel !== 'api' || supplier.api_base_url === '') {
    throw new DeskError('invalid_state', `${supplier.name} has no API address; import a file instead, or set the API on the supplier's page.`);
  }
  const job: FeedJob = { supplierId, source: 'api', fileName: supplier.api_base_url, startedAt: deps.now() };
  let catalog;
  try {
    catalog = await fetchSupplierCatalog({
      baseUrl: supplier.api_base_url,
      apiKey: readSupplierSecret(deps, supplierId, 'api_key') ?? '',
      onPage: (p) => deps.onProgress({ supplierId, phase: 'reading', done: p.itemsReceived, total: p.total }),
    });
  } catch (error) {
    if (error instanceof SupplierHttpError) throw new DeskError('conflict', `${supplier.name}: ${error.message}`);
    throw error;
  }
  // An API has no lines: an offer's "line" is its position in the pull, and a problem names its page and item.
  const updates = catalog.offers.map((o, index) => ({ line: index + 1, supplierSku: o.supplierSku, stock: o.stock, cost: o.cost, leadTimeDays: o.leadTimeDays }));
  const rowErrors = catalog.problems.map((p) => ({ line: 0, reason: `${p.supplierSku ?? 'An item'} (page ${p.page}, item ${p.index + 1}): ${p.reason}` }));
  const outcome = await deps.feedWorker.run(
    { kind: 'apply-updates', dbPath: deps.dbPath, job, updates, rowErrors, rowsTotal: updates.length + rowErrors.length },
    (p) => deps.onProgress({ supplierId, ...p }));
  const run = getFeedRun(deps, outcomeRunId(outcome));
  deps.onProgress({ supplierId, phase: 'done', done: run.rowsTotal, total: run.rowsTotal });
  return run;
}

import type Database from 'better-sqlite3';
import { isMarginBelowThreshold, marginPercent, type FeedChange, type FeedRowError } from '../../../src-shared/domain/catalog';
import type { OfferUpdate } from './feed-types';

export interface FeedJob {
  supplierId: number;
  source: 'csv' | 'api';
  fileName: string;
  startedAt: number;
}

/** The first errors and changes are kept with the run; the counts say how many there were in all. */
export const MAX_STORED_ROW_ERRORS = 1_000;
export const MAX_STORED_CHANGES = 5_000;
const PROGRESS_EVERY = 10_000;
const LOOKUP_BATCH = 2_000;

/** A whole-feed rejection: one feed_runs row saying why, and nothing else written. */
export function recordRejectedFeed(db: Database.Database, job: FeedJob, reason: string, finishedAt: number): number {
  return Number(db.prepare(`INSERT INTO feed_runs (supplier_id, source, file_name, status, reason, started_at, finished_at)
    VALUES (?, ?, ?, 'rejected', ?, ?, ?)`).run(job.supplierId, job.source, job.fileName, reason, job.startedAt, finishedAt).lastInsertRowid);
}

/**
 * Collects, inside SQLite, the offers whose change a shop owner should hear about while the feed's
 * UPDATEs run, so each one's variant title and retail price are joined once at the end rather than
 * looked up per row. TEMP objects live only on this connection (the feed worker's) and vanish with it.
 */
const CHANGE_CAPTURE_SQL = `
CREATE TEMP TABLE IF NOT EXISTS feed_changes (offer_id INTEGER, stock_before INTEGER, stock_after INTEGER,
  cost_before INTEGER, cost_after INTEGER, currency TEXT);
DELETE FROM temp.feed_changes;
CREATE TEMP TRIGGER IF NOT EXISTS capture_feed_changes AFTER UPDATE OF stock, cost ON main.supplier_offers
WHEN (old.stock > 0 AND new.stock = 0) OR (old.stock = 0 AND new.stock > 0) OR new.cost > old.cost
BEGIN
  INSERT INTO temp.feed_changes VALUES (new.id, old.stock, new.stock, old.cost, new.cost, new.currency);
END;`;

interface CapturedChange {
  stock_before: number; stock_after: number; cost_before: number; cost_after: number; currency: string;
  supplier_sku: string; variant_sku: string; title: string; retail_price: number; retail_currency: string;
}

function changeKind(c: CapturedChange, threshold: number): FeedChange['kind'] | undefined {
  if (c.stock_before > 0 && c.stock_after === 0) return 'out_of_stock';
  if (c.stock_before === 0 && c.stock_after > 0) return 'back_in_stock';
  const margin = marginPercent({ amount: c.retail_price, currency: c.retail_currency }, { amount: c.cost_after, currency: c.currency });
  return margin !== null && isMarginBelowThreshold(margin, threshold) ? 'margin_below_threshold' : undefined;
}

const UNKNOWN_SKU = (sku: string) =>
  `SKU “${sku}” is not linked to any product for this supplier; add it as an offer on the Products screen first`;

/** What a feed source reports once it has handed over every update: the rows it could not use, or a whole-file refusal. */
export type FeedSourceResult = { ok: true; rowErrors: readonly FeedRowError[]; rowsTotal: number } | { ok: false; reason: string };
/** Produces a feed's updates, giving each to `check` as it goes (a file being read, or an API pull's list). */
export type FeedSource = (check: (update: OfferUpdate) => void) => FeedSourceResult;

export interface ApplyFeedOptions {
  now: () => number;
  /** The write phase, in offers written of how many. */
  onApplying?: (done: number, total: number) => void;
  /** Test seam: runs between the read phase and the write phase (another writer committing there forces the retry). */
  beforeWrite?: () => void;
}

/** Another connection committed after this transaction's snapshot: its reads are stale, so it cannot write. */
const isStaleSnapshot = (error: unknown) => (error as { code?: string } | null)?.code === 'SQLITE_BUSY_SNAPSHOT';

/**
 * Applies a feed to the supplier's offers in ONE transaction: every good row lands or none does (a crash
 * part-way leaves the offers as they were). A row naming a SKU the supplier has no offer for is reported,
 * not guessed at; only offers whose values changed are written, which makes updated_at "when the supplier's
 * values last changed".
 *
 * The transaction starts DEFERRED: while the source reads and checks the file, each update is compared with
 * its offer (looked up through the (supplier, SKU) key) under a read snapshot, so the core's own writes are
 * not held up by parsing. Only the changed offers are then written, by id, under the write lock. If the core
 * committed in between, SQLite refuses the upgrade (SQLITE_BUSY_SNAPSHOT) and the whole feed runs again
 * under an IMMEDIATE transaction, whose reads cannot go stale.
 */
export function applyFeed(db: Database.Database, job: FeedJob, source: FeedSource, options: ApplyFeedOptions): number {
  db.pragma('temp_store = MEMORY');
  db.exec(CHANGE_CAPTURE_SQL);
  const attempt = (behaviour: 'deferred' | 'immediate') => db.transaction(() => readAndWrite(db, job, source, options))[behaviour]();
  let outcome: number | { rejected: string };
  try {
    outcome = attempt('deferred');
  } catch (error) {
    if (!isStaleSnapshot(error)) throw error;
    outcome = attempt('immediate');
  }
  return typeof outcome === 'number' ? outcome : recordRejectedFeed(db, job, outcome.rejected, options.now());
}

function readAndWrite(db: Database.Database, job: FeedJob, source: FeedSource, options: ApplyFeedOptions): number | { rejected: string } {
  // One integer per row, compared inside SQLite: the offer's id when the row changes it, 0 when it changes
  // nothing, no row when the supplier has no such SKU. An empty optional cell (NULL) keeps what the offer has.
  // Reading the offer's five values into JS to compare there was measured ~2x slower (an array per row).
  const changedOfferId = db.prepare(`SELECT CASE WHEN stock IS NOT ? OR cost IS NOT coalesce(?, cost) OR currency IS NOT coalesce(?, currency)
      OR lead_time_days IS NOT coalesce(?, lead_time_days) THEN id ELSE 0 END
    FROM supplier_offers WHERE supplier_id = ? AND supplier_sku = ?`).pluck();
  const writes: OfferUpdate[] = [];
  const writeIds: number[] = [];
  const unknown: FeedRowError[] = [];
  let checked = 0;
  const lookUp = (update: OfferUpdate) => {
    const id = changedOfferId.get(update.stock, update.cost?.amount ?? null, update.cost?.currency ?? null, update.leadTimeDays ?? null,
      job.supplierId, update.supplierSku) as number | undefined;
    if (id === undefined) {
      unknown.push({ line: update.line, reason: UNKNOWN_SKU(update.supplierSku) });
    } else if (id !== 0) {
      writes.push(update);
      writeIds.push(id);
    }
  };
  // Looked up a batch at a time rather than as each row is read: switching between the reader's code and
  // SQLite's for every row was measured ~12% slower on the 100k-row bench (the CPU's caches).
  const batch: OfferUpdate[] = [];
  const lookUpBatch = () => {
    for (const update of batch) lookUp(update);
    checked += batch.length;
    batch.length = 0;
  };
  const read = source((update) => {
    if (batch.push(update) === LOOKUP_BATCH) lookUpBatch();
  });
  if (!read.ok) return { rejected: read.reason };
  lookUpBatch();
  options.beforeWrite?.();

  const at = options.now();
  const writeOffer = db.prepare(`UPDATE supplier_offers SET stock = ?, cost = coalesce(?, cost), currency = coalesce(?, currency),
    lead_time_days = coalesce(?, lead_time_days), updated_at = ? WHERE id = ?`);
  const onApplying = options.onApplying ?? (() => {});
  for (const [index, update] of writes.entries()) {
    writeOffer.run(update.stock, update.cost?.amount ?? null, update.cost?.currency ?? null, update.leadTimeDays ?? null, at, writeIds[index]);
    if ((index + 1) % PROGRESS_EVERY === 0) onApplying(index + 1, writes.length);
  }
  onApplying(writes.length, writes.length);
  const rowErrors = [...read.rowErrors, ...unknown].sort((a, b) => a.line - b.line);
  const runId = Number(db.prepare(`INSERT INTO feed_runs (supplier_id, source, file_name, status, rows_total, rows_applied, rows_rejected,
    row_errors, changes, started_at, finished_at) VALUES (?, ?, ?, 'applied', ?, ?, ?, ?, ?, ?, ?)`).run(
    job.supplierId, job.source, job.fileName, read.rowsTotal, checked - unknown.length, rowErrors.length,
    JSON.stringify(rowErrors.slice(0, MAX_STORED_ROW_ERRORS)), JSON.stringify(readChanges(db)), job.startedAt, options.now(),
  ).lastInsertRowid);
  db.prepare('UPDATE suppliers SET last_feed_at = ? WHERE id = ?').run(at, job.supplierId);
  return runId;
}

/** The changes the trigger captured during the writes, worded for the report; the capture table is emptied for the next feed. */
function readChanges(db: Database.Database): FeedChange[] {
  const threshold = Number((db.prepare("SELECT value FROM settings WHERE key = 'margin_threshold_percent'").get() as { value: string } | undefined)?.value ?? 20);
  const captured = db.prepare(`SELECT c.stock_before, c.stock_after, c.cost_before, c.cost_after, c.currency, o.supplier_sku,
    v.sku AS variant_sku, v.title, v.retail_price, v.currency AS retail_currency
    FROM temp.feed_changes c JOIN supplier_offers o ON o.id = c.offer_id JOIN variants v ON v.id = o.variant_id ORDER BY c.rowid`);
  const changes: FeedChange[] = [];
  for (const c of captured.iterate() as Iterable<CapturedChange>) {
    const kind = changeKind(c, threshold);
    if (!kind) continue;
    changes.push({
      kind, supplierSku: c.supplier_sku, variantSku: c.variant_sku, title: c.title,
      before: { stock: c.stock_before, cost: c.cost_before }, after: { stock: c.stock_after, cost: c.cost_after }, currency: c.currency,
      marginPercent: marginPercent({ amount: c.retail_price, currency: c.retail_currency }, { amount: c.cost_after, currency: c.currency }),
    });
    if (changes.length === MAX_STORED_CHANGES) break;
  }
  db.exec('DELETE FROM temp.feed_changes;');
  return changes;
}

/** An API pull's updates, already checked, applied like a file's rows. */
export function applyOfferUpdates(
  db: Database.Database,
  job: FeedJob,
  feed: { updates: readonly OfferUpdate[]; rowErrors: readonly FeedRowError[]; rowsTotal: number },
  options: ApplyFeedOptions,
): number {
  return applyFeed(db, job, (check) => {
    for (const update of feed.updates) check(update);
    return { ok: true, rowErrors: feed.rowErrors, rowsTotal: feed.rowsTotal };
  }, options);
}

import type Database from 'better-sqlite3';
import { marginPercent, type FeedChange, type FeedRowError } from '../../../src-shared/domain/catalog';
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

/** A whole-feed rejection: one feed_runs row saying why, and nothing else written. */
export function recordRejectedFeed(db: Database.Database, job: FeedJob, reason: string, finishedAt: number): number {
  return Number(db.prepare(`INSERT INTO feed_runs (supplier_id, source, file_name, status, reason, started_at, finished_at)
    VALUES (?, ?, ?, 'rejected', ?, ?, ?)`).run(job.supplierId, job.source, job.fileName, reason, job.startedAt, finishedAt).lastInsertRowid);
}

/**
 * Collects, inside SQLite, the offers whose change a shop owner should hear about, while the feed's
 * UPDATEs run: reading 100,000 offers into memory first to compare would cost more than the import.
 * TEMP objects live only on this connection (the feed worker's) and vanish with it.
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
  return margin !== null && margin < threshold ? 'margin_below_threshold' : undefined;
}

/**
 * Applies a checked feed to the supplier's offers in ONE transaction: every good row lands or none does
 * (a crash part-way leaves the offers as they were). A row naming a SKU the supplier has no offer for is
 * reported, not guessed at. One UPDATE per row through the (supplier, SKU) key, on raw prepared
 * statements: this is the bulk path the benchmark measures.
 */
export function applyOfferUpdates(
  db: Database.Database,
  job: FeedJob,
  feed: { updates: readonly OfferUpdate[]; rowErrors: readonly FeedRowError[]; rowsTotal: number },
  now: () => number,
  onProgress: (done: number, total: number) => void = () => {},
): number {
  db.exec(CHANGE_CAPTURE_SQL);
  const updateOffer = db.prepare(`UPDATE supplier_offers SET stock = ?, cost = coalesce(?, cost), currency = coalesce(?, currency),
    lead_time_days = coalesce(?, lead_time_days), updated_at = ? WHERE supplier_id = ? AND supplier_sku = ?`);
  const readChanges = db.prepare(`SELECT c.stock_before, c.stock_after, c.cost_before, c.cost_after, c.currency, o.supplier_sku,
    v.sku AS variant_sku, v.title, v.retail_price, v.currency AS retail_currency
    FROM temp.feed_changes c JOIN supplier_offers o ON o.id = c.offer_id JOIN variants v ON v.id = o.variant_id ORDER BY c.rowid`);
  const threshold = Number((db.prepare("SELECT value FROM settings WHERE key = 'margin_threshold_percent'").get() as { value: string } | undefined)?.value ?? 20);

  return db.transaction(() => {
    const rowErrors: FeedRowError[] = [...feed.rowErrors];
    let applied = 0;
    const at = now();
    feed.updates.forEach((update, index) => {
      const result = updateOffer.run(update.stock, update.cost?.amount ?? null, update.cost?.currency ?? null, update.leadTimeDays ?? null,
        at, job.supplierId, update.supplierSku);
      if (result.changes === 1) applied += 1;
      else rowErrors.push({ line: update.line, reason: `SKU “${update.supplierSku}” is not linked to any product for this supplier; add it as an offer on the Products screen first` });
      if ((index + 1) % PROGRESS_EVERY === 0) onProgress(index + 1, feed.updates.length);
    });
    const changes: FeedChange[] = [];
    for (const c of readChanges.iterate() as Iterable<CapturedChange>) {
      const kind = changeKind(c, threshold);
      if (!kind) continue;
      changes.push({
        kind, supplierSku: c.supplier_sku, variantSku: c.variant_sku, title: c.title,
        before: { stock: c.stock_before, cost: c.cost_before }, after: { stock: c.stock_after, cost: c.cost_after }, currency: c.currency,
        marginPercent: marginPercent({ amount: c.retail_price, currency: c.retail_currency }, { amount: c.cost_after, currency: c.currency }),
      });
      if (changes.length === MAX_STORED_CHANGES) break;
    }
    db.exec('DELETE FROM temp.feed_changes');
    rowErrors.sort((a, b) => a.line - b.line);
    const runId = Number(db.prepare(`INSERT INTO feed_runs (supplier_id, source, file_name, status, rows_total, rows_applied, rows_rejected,
      row_errors, changes, started_at, finished_at) VALUES (?, ?, ?, 'applied', ?, ?, ?, ?, ?, ?, ?)`).run(
      job.supplierId, job.source, job.fileName, feed.rowsTotal, applied, rowErrors.length,
      JSON.stringify(rowErrors.slice(0, MAX_STORED_ROW_ERRORS)), JSON.stringify(changes), job.startedAt, now(),
    ).lastInsertRowid);
    db.prepare('UPDATE suppliers SET last_feed_at = ? WHERE id = ?').run(at, job.supplierId);
    onProgress(feed.updates.length, feed.updates.length);
    return runId;
  }).immediate();
}

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
  return margin !== null && isMarginBelowThreshold(margin, threshold) ? 'margin_below_threshold' : undefined;
}

/** The feed's good rows, staged on the worker's connection so SQLite can apply them in one statement. */
const STAGING_SQL = `
CREATE TEMP TABLE IF NOT EXISTS feed_rows (line INTEGER NOT NULL, sku TEXT NOT NULL, stock INTEGER NOT NULL,
  cost INTEGER, currency TEXT, lead INTEGER);
DELETE FROM temp.feed_rows;`;

const UNKNOWN_SKU = (sku: string) =>
  `SKU “${sku}” is not linked to any product for this supplier; add it as an offer on the Products screen first`;

/**
 * Applies a checked feed to the supplier's offers in ONE transaction: every good row lands or none does
 * (a crash part-way leaves the offers as they were). A row naming a SKU the supplier has no offer for is
 * reported, not guessed at. The rows are staged in a TEMP table and applied with one UPDATE … FROM, so
 * the matching happens inside SQLite through the (supplier, SKU) key; only offers whose values changed
 * are written, which makes updated_at "when the supplier's values last changed".
 */
export function applyOfferUpdates(
  db: Database.Database,
  job: FeedJob,
  feed: { updates: readonly OfferUpdate[]; rowErrors: readonly FeedRowError[]; rowsTotal: number },
  now: () => number,
  onProgress: (done: number, total: number) => void = () => {},
): number {
  db.pragma('temp_store = MEMORY');
  db.exec(CHANGE_CAPTURE_SQL);
  db.exec(STAGING_SQL);
  const stage = db.prepare('INSERT INTO temp.feed_rows (line, sku, stock, cost, currency, lead) VALUES (?, ?, ?, ?, ?, ?)');
  const applyStaged = db.prepare(`UPDATE supplier_offers
    SET stock = f.stock, cost = coalesce(f.cost, supplier_offers.cost), currency = coalesce(f.currency, supplier_offers.currency),
        lead_time_days = coalesce(f.lead, supplier_offers.lead_time_days), updated_at = @at
    FROM temp.feed_rows AS f
    WHERE supplier_offers.supplier_id = @supplier AND supplier_offers.supplier_sku = f.sku
      AND (supplier_offers.stock IS NOT f.stock OR supplier_offers.cost IS NOT coalesce(f.cost, supplier_offers.cost)
        OR supplier_offers.currency IS NOT coalesce(f.currency, supplier_offers.currency)
        OR supplier_offers.lead_time_days IS NOT coalesce(f.lead, supplier_offers.lead_time_days))`);
  const unknownRows = db.prepare(`SELECT f.line, f.sku FROM temp.feed_rows f
    WHERE NOT EXISTS (SELECT 1 FROM supplier_offers o WHERE o.supplier_id = ? AND o.supplier_sku = f.sku)`);
  const readChanges = db.prepare(`SELECT c.stock_before, c.stock_after, c.cost_before, c.cost_after, c.currency, o.supplier_sku,
    v.sku AS variant_sku, v.title, v.retail_price, v.currency AS retail_currency
    FROM temp.feed_changes c JOIN supplier_offers o ON o.id = c.offer_id JOIN variants v ON v.id = o.variant_id ORDER BY c.rowid`);
  const threshold = Number((db.prepare("SELECT value FROM settings WHERE key = 'margin_threshold_percent'").get() as { value: string } | undefined)?.value ?? 20);

  return db.transaction(() => {
    const at = now();
    feed.updates.forEach((u, index) => {
      stage.run(u.line, u.supplierSku, u.stock, u.cost?.amount ?? null, u.cost?.currency ?? null, u.leadTimeDays ?? null);
      if ((index + 1) % PROGRESS_EVERY === 0) onProgress(index + 1, feed.updates.length);
    });
    applyStaged.run({ at, supplier: job.supplierId });
    const rowErrors: FeedRowError[] = [...feed.rowErrors];
    for (const row of unknownRows.iterate(job.supplierId) as Iterable<{ line: number; sku: string }>) {
      rowErrors.push({ line: row.line, reason: UNKNOWN_SKU(row.sku) });
    }
    const applied = feed.updates.length - (rowErrors.length - feed.rowErrors.length);
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
    db.exec('DELETE FROM temp.feed_changes; DELETE FROM temp.feed_rows;');
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

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

interface ExistingOffer {
  id: number;
  stock: number;
  cost: number;
  currency: string;
  variantSku: string;
  title: string;
  retail: number;
  retailCurrency: string;
}

/** A whole-feed rejection: one feed_runs row saying why, and nothing else written. */
export function recordRejectedFeed(db: Database.Database, job: FeedJob, reason: string, finishedAt: number): number {
  return Number(db.prepare(`INSERT INTO feed_runs (supplier_id, source, file_name, status, reason, started_at, finished_at)
    VALUES (?, ?, ?, 'rejected', ?, ?, ?)`).run(job.supplierId, job.source, job.fileName, reason, job.startedAt, finishedAt).lastInsertRowid);
}

/** What moved for one offer that the shop owner should hear about. */
function changeOf(before: ExistingOffer, stock: number, cost: number, currency: string, threshold: number): FeedChange['kind'] | undefined {
  if (before.stock > 0 && stock === 0) return 'out_of_stock';
  if (before.stock === 0 && stock > 0) return 'back_in_stock';
  if (cost > before.cost) {
    const margin = marginPercent({ amount: before.retail, currency: before.retailCurrency }, { amount: cost, currency });
    if (margin !== null && margin < threshold) return 'margin_below_threshold';
  }
  return undefined;
}

/**
 * Applies a checked feed to the supplier's offers in ONE transaction: every good row lands or none does
 * (a crash part-way leaves the offers as they were). A row naming a SKU the supplier has no offer for is
 * reported, not guessed at. Raw prepared statements: this is the bulk path the benchmark measures.
 */
export function applyOfferUpdates(
  db: Database.Database,
  job: FeedJob,
  feed: { updates: readonly OfferUpdate[]; rowErrors: readonly FeedRowError[]; rowsTotal: number },
  now: () => number,
  onProgress: (done: number, total: number) => void = () => {},
): number {
  const loadOffers = db.prepare(`SELECT o.id, o.supplier_sku, o.stock, o.cost, o.currency, v.sku AS variant_sku, v.title,
    v.retail_price, v.currency AS retail_currency FROM supplier_offers o JOIN variants v ON v.id = o.variant_id WHERE o.supplier_id = ?`);
  const updateOffer = db.prepare(`UPDATE supplier_offers SET stock = ?, cost = ?, currency = ?,
    lead_time_days = coalesce(?, lead_time_days), updated_at = ? WHERE id = ?`);
  const threshold = Number((db.prepare("SELECT value FROM settings WHERE key = 'margin_threshold_percent'").get() as { value: string } | undefined)?.value ?? 20);

  return db.transaction(() => {
    const offers = new Map<string, ExistingOffer>();
    for (const row of loadOffers.iterate(job.supplierId) as Iterable<Record<string, unknown>>) {
      offers.set(row.supplier_sku as string, {
        id: row.id as number, stock: row.stock as number, cost: row.cost as number, currency: row.currency as string,
        variantSku: row.variant_sku as string, title: row.title as string, retail: row.retail_price as number, retailCurrency: row.retail_currency as string,
      });
    }
    const rowErrors: FeedRowError[] = [...feed.rowErrors];
    const changes: FeedChange[] = [];
    let applied = 0;
    const at = now();
    feed.updates.forEach((update, index) => {
      const offer = offers.get(update.supplierSku);
      if (!offer) {
        rowErrors.push({ line: update.line, reason: `SKU “${update.supplierSku}” is not linked to any product for this supplier; add it as an offer on the Products screen first` });
      } else {
        const cost = update.cost?.amount ?? offer.cost;
        const currency = update.cost?.currency ?? offer.currency;
        updateOffer.run(update.stock, cost, currency, update.leadTimeDays ?? null, at, offer.id);
        applied += 1;
        const kind = changeOf(offer, update.stock, cost, currency, threshold);
        if (kind && changes.length < MAX_STORED_CHANGES) {
            changes.push({
              kind, supplierSku: update.supplierSku, variantSku: offer.variantSku, title: offer.title,
              before: { stock: offer.stock, cost: offer.cost }, after: { stock: update.stock, cost }, currency,
              marginPercent: marginPercent({ amount: offer.retail, currency: offer.retailCurrency }, { amount: cost, currency }),
            });
        }
      }
      if ((index + 1) % PROGRESS_EVERY === 0) onProgress(index + 1, feed.updates.length);
    });
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

/**
 * One pull of new and changed Shopify orders since the saved cursor, page after page. Each page's orders and the
 * cursor past them commit in one transaction, so a desk that stops mid-pull redoes at most one page, and saving is
 * idempotent (the same order again is 'unchanged'). The cursor is inclusive (Shopify's updated_at has whole
 * seconds), so the previous pull's last order comes again and counts as unchanged.
 */
import type { ImportRowProblem } from '../../../src-shared/domain/storefront-orders';
import { ShopifyError, type ShopifyAdminClient } from '../../adapters/shopify-admin';
import type { Sql } from '../../db/query';
import { NO_COUNTS, recordImportRun, type ImportCounts } from '../storefront-import/import-runs';
import { ImportedOrderWriter } from '../storefront-import/save-imported-orders';
import { readShopifyCursor, writeShopifyCursor } from './sync-state';

/** Orders per request: the adapter's documents cost about 76 points an order, under Shopify's 1,000 per query. */
export const PULL_PAGE_SIZE = 10;

export interface PullDeps {
  sql: Sql;
  now: () => number;
  client: ShopifyAdminClient;
  storeUrl: string;
  actor: string;
}

export interface PullResult {
  counts: ImportCounts;
  /** A sentence for the shop owner when the pull stopped early (what was saved before it stays); null when it ended. */
  error: string | null;
  /** The import run written for this pull, when it changed anything or failed. */
  runId: number | null;
}

const KEPT_OUTCOMES = { imported: 'imported', updated: 'updated', unchanged: 'unchanged', held_back: 'heldBack' } as const;

export async function pullShopifyOrders(deps: PullDeps): Promise<PullResult> {
  const { sql, client, storeUrl } = deps;
  const startedAt = deps.now();
  const counts: ImportCounts = { ...NO_COUNTS };
  const problems: ImportRowProblem[] = [];
  const since = readShopifyCursor(sql, storeUrl);
  let after: string | null = null;
  let error: string | null = null;
  for (;;) {
    let page: Awaited<ReturnType<ShopifyAdminClient['ordersSince']>>;
    try {
      page = await client.ordersSince(since, after, PULL_PAGE_SIZE);
    } catch (failure) {
      if (!(failure instanceof ShopifyError)) throw failure;
      error = failure.message;
      break;
    }
    const current = page;
    sql.transaction(() => {
      const writer = new ImportedOrderWriter(sql, { actor: deps.actor, now: deps.now, via: 'Shopify' });
      for (const order of current.orders) {
        try {
          counts[KEPT_OUTCOMES[writer.save(order)]] += 1;
        } catch (failure) {
          // The database busy (a file import saving): the whole page waits for the next round, cursor unmoved.
          if ((failure as { code?: unknown } | null)?.code === 'SQLITE_BUSY') throw failure;
          // One order the desk cannot save must not stop every later pull on this page: it is reported, the rest goes on.
          counts.rejected += 1;
          problems.push({ line: 0, orderNumber: order.number, reason: `Shopify order ${order.number} could not be saved: ${failure instanceof Error ? failure.message : String(failure)}` });
        }
      }
      writer.finish();
      if (current.cursor) writeShopifyCursor(sql, storeUrl, current.cursor);
    });
    for (const number of current.tooManyLines) {
      problems.push({ line: 0, orderNumber: number, reason: `Shopify order ${number} has more lines than the desk reads in one go; enter it by hand.` });
    }
    for (const { number, reason } of current.unreadable) problems.push({ line: 0, orderNumber: number, reason });
    counts.ordersRead += current.orders.length + current.tooManyLines.length + current.unreadable.length;
    counts.rejected += current.tooManyLines.length + current.unreadable.length;
    if (!current.hasNextPage || current.endCursor === null) break;
    after = current.endCursor;
  }
  // A run per pull that changed something or failed: a quiet store polled every 15 minutes (whose last order comes
  // again each time, the cursor being inclusive) would otherwise fill the import history.
  const changed = counts.imported + counts.updated + counts.heldBack + counts.rejected > 0;
  const runId = !changed && error === null ? null : recordImportRun(sql, {
    format: 'shopify_api', fileName: new URL(storeUrl).host, status: error === null ? 'done' : 'failed', actor: deps.actor,
    startedAt, finishedAt: deps.now(), counts, problems, problemsTotal: problems.length,
    ...(error === null ? {} : { message: `${error} The orders saved before it stay; the next pull goes on from there.` }),
  });
  return { counts, error, runId };
}

/**
 * The Shopify pull's own state, kept beside the settings (not editable): the cursor (where the next pull starts),
 * when the last round ended and what stopped it. It survives a restart, so a pull goes on where the last one got to.
 */
import type { ShopifySyncStatus } from '../../../src-shared/domain/shopify-sync';
import type { ShopifyCursor } from '../../adapters/shopify-admin';
import type { Sql } from '../../db/query';
import { getImportRun } from '../storefront-import/import-runs';
import { readSettings } from '../settings';

const CURSOR = 'shopify_cursor';
const LAST_SYNC_AT = 'shopify_last_sync_at';
const LAST_ERROR = 'shopify_last_error';

/** The cursor is stored with the store it was read from: another store's cursor means nothing here. */
interface StoredCursor extends ShopifyCursor {
  storeUrl: string;
}

function readKeys(sql: Sql, keys: string[]): Map<string, string> {
  return new Map(sql.all(sql.qb.selectFrom('settings').select(['key', 'value']).where('key', 'in', keys)).map((r) => [r.key, r.value]));
}

function writeKey(sql: Sql, key: string, value: string): void {
  sql.run(sql.qb.insertInto('settings').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })));
}

/** Where the next pull of this store starts; null: from the store's first order. */
export function readShopifyCursor(sql: Sql, storeUrl: string): ShopifyCursor | null {
  const stored = readKeys(sql, [CURSOR]).get(CURSOR);
  if (!stored) return null;
  try {
    const cursor = JSON.parse(stored) as Partial<StoredCursor>;
    if (cursor.storeUrl !== storeUrl || typeof cursor.updatedAt !== 'string' || typeof cursor.id !== 'string') return null;
    return { updatedAt: cursor.updatedAt, id: cursor.id };
  } catch {
    return null;
  }
}

/** In the caller's transaction: the transaction that saves a page's orders moves the cursor past them. */
export function writeShopifyCursor(sql: Sql, storeUrl: string, cursor: ShopifyCursor): void {
  const stored: StoredCursor = { storeUrl, updatedAt: cursor.updatedAt, id: cursor.id };
  writeKey(sql, CURSOR, JSON.stringify(stored));
}

export function readShopifyRound(sql: Sql): { lastSyncAt: number | null; lastError: string | null } {
  const rows = readKeys(sql, [LAST_SYNC_AT, LAST_ERROR]);
  const at = Number(rows.get(LAST_SYNC_AT));
  return { lastSyncAt: rows.has(LAST_SYNC_AT) && Number.isFinite(at) ? at : null, lastError: rows.get(LAST_ERROR) || null };
}

export function recordShopifyRound(sql: Sql, at: number, error: string | null): void {
  sql.transaction(() => {
    writeKey(sql, LAST_SYNC_AT, String(at));
    writeKey(sql, LAST_ERROR, error ?? '');
  });
}

export function shopifySyncStatus(sql: Sql, running: boolean): ShopifySyncStatus {
  const { shopifyStoreUrl, shopifyTokenStored } = readSettings(sql);
  const round = readShopifyRound(sql);
  const lastRun = sql.first(sql.qb.selectFrom('import_runs').select('id').where('format', '=', 'shopify_api').orderBy('id', 'desc').limit(1));
  return {
    configured: shopifyStoreUrl !== '' && shopifyTokenStored,
    storeUrl: shopifyStoreUrl,
    lastSyncAt: round.lastSyncAt === null ? null : new Date(round.lastSyncAt).toISOString(),
    lastError: round.lastError,
    running,
    lastRun: lastRun ? getImportRun(sql, lastRun.id) : null,
  };
}

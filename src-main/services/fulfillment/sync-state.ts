import type { TrackingSyncStatus } from '../../../src-shared/domain/exceptions';
import type { Sql } from '../../db/query';
import type { SecretBox } from '../../security/secret-box';
import { readTrackingApiKey } from '../settings';

/** Kept beside the settings (not editable): survives a restart, so "last synced" and the next round's time do too. */
const LAST_SYNC_AT = 'tracking_last_sync_at';
const LAST_ERROR = 'tracking_last_error';

export function readSyncState(sql: Sql): { lastSyncAt: number | null; lastError: string | null } {
  const rows = new Map(sql.all(sql.qb.selectFrom('settings').select(['key', 'value']).where('key', 'in', [LAST_SYNC_AT, LAST_ERROR])).map((r) => [r.key, r.value]));
  const at = Number(rows.get(LAST_SYNC_AT));
  return { lastSyncAt: Number.isFinite(at) && rows.has(LAST_SYNC_AT) ? at : null, lastError: rows.get(LAST_ERROR) || null };
}

export function recordSyncRound(sql: Sql, at: number, error: string | null): void {
  sql.transaction(() => {
    for (const [key, value] of [[LAST_SYNC_AT, String(at)], [LAST_ERROR, error ?? '']] as const) {
      sql.run(sql.qb.insertInto('settings').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })));
    }
  });
}

export function trackingSyncStatus(sql: Sql, secrets: SecretBox, running: boolean): TrackingSyncStatus {
  const state = readSyncState(sql);
  const inTransit = sql.first(sql.qb.selectFrom('shipments').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '!=', 'delivered'))?.n ?? 0;
  return {
    lastSyncAt: state.lastSyncAt === null ? null : new Date(state.lastSyncAt).toISOString(),
    lastError: state.lastError,
    running,
    inTransit: Number(inTransit),
    trackingServiceReady: readTrackingApiKey(sql, secrets) !== undefined,
  };
}

/**
 * How long until the next round: what is left of the interval since the last one (a restart does not sync at
 * once every time, nor wait a whole interval after a long pause); at once if it never ran or the clock went back
 * beyond an interval.
 */
export function nextSyncDelay(lastSyncAt: number | null, intervalMs: number, now: number): number {
  if (lastSyncAt === null) return 0;
  return Math.max(0, Math.min(intervalMs, lastSyncAt + intervalMs - now));
}

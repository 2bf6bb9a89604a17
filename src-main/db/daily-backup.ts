import { rmSync, statSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { listBackups, takeVerifiedBackup } from './backup';

const DAY_MS = 86_400_000;
/** Enough to go back a week and a bit, few enough not to fill a small disk. */
export const BACKUPS_KEPT = 10;

/**
 * Once a day, at open, a verified copy of a desk that holds orders, so that a damaged file can always be
 * answered with a recent backup (not only the one a migration happened to take). The oldest beyond
 * BACKUPS_KEPT are removed. Returns the new backup's path, if one was taken.
 */
export function takeDailyBackupIfDue(db: Database.Database, dataDir: string, now: Date): string | undefined {
  const hasOrders = db.prepare('SELECT 1 FROM orders LIMIT 1').get() !== undefined;
  if (!hasOrders) return undefined;
  const newest = listBackups(dataDir)[0];
  if (newest && now.getTime() - statSync(newest).mtimeMs < DAY_MS) return undefined;
  const path = takeVerifiedBackup(db, dataDir, 'daily', now);
  for (const old of listBackups(dataDir).slice(BACKUPS_KEPT)) rmSync(old, { force: true });
  return path;
}

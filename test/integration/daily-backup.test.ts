import { readdirSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { insertRawOrder } from '../fixtures/raw-order';
import { BACKUP_DIR_NAME, listBackups } from '../../src-main/db/backup';
import { BACKUPS_KEPT, takeDailyBackupIfDue } from '../../src-main/db/daily-backup';
import { openDatabase } from '../../src-main/db/open';
import { validOrder } from '../fixtures/orders';
import { useTestCore } from './support/open-test-core';
import { useTempDirs } from './support/temp-dir';

const makeDir = useTempDirs();
const openTestCore = useTestCore(makeDir);
const DAY = 86_400_000;

describe('daily backup', () => {
  it('is taken at open once the desk holds orders, verified, and then not again the same day', async () => {
    const t = openTestCore();
    expect(listBackups(t.dataDir)).toEqual([]);
    await t.call('orders.create', { submit: true, order: validOrder() });
    t.core.close();

    const { openCore } = await import('../../src-main/core/core');
    const { silentLogger } = await import('../../src-main/core/logger');
    openCore({ dataDir: t.dataDir, host: 'browser', version: 'test', logger: silentLogger }).close();
    const [backup] = listBackups(t.dataDir);
    expect(backup).toMatch(/daily\.sqlite$/);
    const copy = new Database(backup!, { readonly: true });
    expect(copy.prepare('SELECT number FROM orders').all()).toEqual([{ number: 'PD-1001' }]);
    copy.close();

    openCore({ dataDir: t.dataDir, host: 'browser', version: 'test', logger: silentLogger }).close();
    expect(listBackups(t.dataDir)).toHaveLength(1);
  });

  it('keeps the newest few and removes older ones', () => {
    const dir = makeDir();
    const { db } = openDatabase(dir);
    try {
      insertRawOrder(db);
      const start = Date.parse('2026-01-01T09:00:00Z');
      for (let day = 0; day < BACKUPS_KEPT + 3; day += 1) {
        const now = new Date(start + day * DAY);
        expect(takeDailyBackupIfDue(db, dir, now)).toBeDefined();
        // File times follow the simulated clock, so "a day old" is judged as it would be.
        for (const file of listBackups(dir)) utimesSync(file, now, now);
      }
      const kept = readdirSync(join(dir, BACKUP_DIR_NAME)).sort();
      expect(kept).toHaveLength(BACKUPS_KEPT);
      expect(kept[0]).toContain('2026-01-04');
      expect(kept.at(-1)).toContain('2026-01-13');
    } finally {
      db.close();
    }
  });
});

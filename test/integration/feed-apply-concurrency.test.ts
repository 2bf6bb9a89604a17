import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { configureConnection, DATABASE_FILE_NAME } from '../../src-main/db/open';
import { applyFeed, type FeedSource } from '../../src-main/services/feeds/apply-feed';
import type { OfferUpdate } from '../../src-main/services/feeds/feed-types';
import { supplierInput } from '../fixtures/catalog';
import { offerStates, seedOffers } from './support/feed-catalog';
import { useTestCore } from './support/open-test-core';
import { useTempDirs } from './support/temp-dir';

const makeDir = useTempDirs();
const openTestCore = useTestCore(makeDir);
const connections: Database.Database[] = [];
afterEach(() => {
  for (const db of connections.splice(0)) db.close();
});

function connect(dataDir: string): Database.Database {
  const db = new Database(join(dataDir, DATABASE_FILE_NAME));
  configureConnection(db);
  connections.push(db);
  return db;
}

const update = (line: number, supplierSku: string, stock: number): OfferUpdate => ({ line, supplierSku, stock, cost: undefined, leadTimeDays: undefined });

describe('a feed applied while the core writes', () => {
  it('runs again under the write lock when the core committed between its reads and its writes, and records one run', async () => {
    const t = openTestCore({ now: () => 1_000 });
    const { id: supplierId } = await t.call('suppliers.save', { supplier: supplierInput({ shipsTo: [] }) });
    seedOffers(t.dataDir, supplierId, ['A-1', 'A-2', 'A-3']);
    const feedConnection = connect(t.dataDir);
    const coreConnection = connect(t.dataDir);

    let reads = 0;
    const source: FeedSource = (check) => {
      reads += 1;
      check(update(2, 'A-1', 3));
      check(update(3, 'A-2', 7));
      check(update(4, 'NOT-SOLD-HERE', 1));
      return { ok: true, rowErrors: [], rowsTotal: 3 };
    };
    const runId = applyFeed(feedConnection, { supplierId, source: 'csv', fileName: 'f.csv', startedAt: 1 }, source, {
      now: () => 2_000,
      // The core changes after the feed has read them: the feed's snapshot is stale now.
      beforeWrite: () => {
        if (reads === 1) coreConnection.prepare("UPDATE supplier_offers SET stock = 50 WHERE supplier_sku IN ('A-2', 'A-3')").run();
      },
    });

    expect(reads).toBe(2);
    const offers = offerStates(t.dataDir);
    // The file's word is the latest on; A-3 is not in the file, so the core's write stands.
    expect(offers.get('A-1')).toMatchObject({ stock: 3, updated_at: 2_000 });
    expect(offers.get('A-2')).toMatchObject({ stock: 7, updated_at: 2_000 });
    expect(offers.get('A-3')).toMatchObject({ stock: 50 });
    expect(t.peek('SELECT count(*) AS n FROM feed_runs')).toEqual({ n: 1 });
    const run = await t.call('feeds.run', { id: runId });
    expect(run).toMatchObject({ status: 'applied', rowsTotal: 3, rowsApplied: 2, rowsRejected: 1 });
    expect(run.rowErrors).toEqual([{ line: 4, reason: expect.stringMatching(/NOT-SOLD-HERE/) }]);
  });

  it('holds no write lock while it reads: the core can write during a long read', async () => {
    const t = openTestCore();
    const { id: supplierId } = await t.call('suppliers.save', { supplier: supplierInput({ shipsTo: [] }) });
    seedOffers(t.dataDir, supplierId, ['A-1']);
    const feedConnection = connect(t.dataDir);
    const coreConnection = connect(t.dataDir);
    coreConnection.pragma('busy_timeout = 0');

    let coreWroteDuringRead = false;
    applyFeed(feedConnection, { supplierId, source: 'csv', fileName: 'f.csv', startedAt: 1 }, (check) => {
      check(update(2, 'A-1', 3));
      coreConnection.prepare("UPDATE settings SET value = value WHERE key = 'margin_threshold_percent'").run();
      coreWroteDuringRead = true;
      return { ok: true, rowErrors: [], rowsTotal: 1 };
    }, { now: () => 2_000 });

    expect(coreWroteDuringRead).toBe(true);
    expect(offerStates(t.dataDir).get('A-1')).toMatchObject({ stock: 3 });
  });
});

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { openCore } from '../../src-main/core/core';
import { silentLogger } from '../../src-main/core/logger';
import { configureConnection } from '../../src-main/db/open';
import { LARGE_FEED_MAPPING, largeFeedRows, makeLargeFeed } from '../fixtures/feeds/large-feed';
import { seedOffers } from '../integration/support/feed-catalog';

/**
 * The 100,000-row supplier feed: the whole import as the renderer asks for it (base64 file in, parsed,
 * checked and applied on the feed worker in one transaction, the run read back) against the raw limit,
 * a better-sqlite3 prepared insert of the same rows into a table of the same shape, in the same run.
 * Also the longest the core's thread was blocked while the import ran.
 */
const ROWS = Number(process.env.BENCH_FEED_ROWS ?? 100_000);
const RUNS = Number(process.env.BENCH_FEED_RUNS ?? 5);
/** A daily feed: one row in 20 differs from what the desk holds. */
const CHANGED_EVERY = 20;
const root = fileURLToPath(new URL('../..', import.meta.url));
const builtWorker = join(root, 'out', 'main', 'feed-import.worker.js');

// The desktop app runs the bundled worker; build it (always: a stale bundle would measure old code).
const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0 || !existsSync(builtWorker)) throw new Error('electron-vite build failed; the bench measures the bundled feed worker');
const workers = { feedImport: new URL(`file://${builtWorker}`), orderImport: new URL(`file://${join(root, 'out', 'main', 'order-import.worker.js')}`) };

const rows = largeFeedRows(ROWS);
const base64 = Buffer.from(makeLargeFeed(ROWS)).toString('base64');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

// One running desk for every measured import, as in the shop: its feed thread is started once and stays warm.
const dataDir = mkdtempSync(join(tmpdir(), 'petdrop-bench-feed-'));
const core = openCore({ dataDir, host: 'browser', version: 'bench', logger: silentLogger, dailyBackup: false, workers });
const ctx = { actor: { name: 'bench' } };

async function oursOnce(run: number): Promise<{ ms: number; maxBlockMs: number }> {
  const supplier = await core.dispatch('suppliers.save', { supplier: { name: `Grosshandel ${run}`, channel: 'email', orderEmail: 'o@example.com', currency: 'EUR' } }, ctx);
  if (!supplier.ok) throw new Error(supplier.error.message);
  const supplierId = (supplier.value as { id: number }).id;
  // Yesterday's feed: the offers hold what today's file says, but for one row in 20 (stock moved by 3).
  seedOffers(dataDir, supplierId, rows.map((r) => r.sku), (i) => {
    const row = rows[i]!;
    return { stock: i % CHANGED_EVERY === 0 ? row.stock + 3 : row.stock, cost: row.cost, leadTimeDays: row.leadTimeDays };
  });
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const start = performance.now();
  const result = await core.dispatch('feeds.import', { supplierId, fileName: 'grosshandel.csv', contentBase64: base64, mapping: LARGE_FEED_MAPPING }, ctx);
  const ms = performance.now() - start;
  delay.disable();
  if (!result.ok || (result.value as { rowsApplied: number }).rowsApplied !== ROWS) throw new Error(`import did not apply every row: ${JSON.stringify(result).slice(0, 300)}`);
  return { ms, maxBlockMs: delay.max / 1e6 };
}

function rawOnce(): number {
  const dir = mkdtempSync(join(tmpdir(), 'petdrop-bench-raw-'));
  const db = new Database(join(dir, 'raw.sqlite'));
  try {
    configureConnection(db);
    db.exec(`CREATE TABLE offers (id INTEGER PRIMARY KEY, supplier_id INTEGER NOT NULL, supplier_sku TEXT NOT NULL, stock INTEGER NOT NULL,
      cost INTEGER NOT NULL, currency TEXT NOT NULL, lead_time_days INTEGER, UNIQUE (supplier_id, supplier_sku)) STRICT`);
    const insert = db.prepare('INSERT INTO offers (supplier_id, supplier_sku, stock, cost, currency, lead_time_days) VALUES (1, ?, ?, ?, ?, ?)');
    const start = performance.now();
    db.transaction(() => {
      for (const r of rows) insert.run(r.sku, r.stock, r.cost, 'EUR', r.leadTimeDays);
    })();
    return performance.now() - start;
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// The first import after start also pays for the thread's JIT warm-up; it is printed apart, not in the ratio.
const first = await oursOnce(0);
rawOnce();
const ours: number[] = [];
const raw: number[] = [];
let maxBlock = first.maxBlockMs;
for (let i = 1; i <= RUNS; i += 1) {
  const run = await oursOnce(i);
  ours.push(run.ms);
  maxBlock = Math.max(maxBlock, run.maxBlockMs);
  raw.push(rawOnce());
}
core.close();
rmSync(dataDir, { recursive: true, force: true });
const oursRate = ROWS / (median(ours) / 1000);
const rawRate = ROWS / (median(raw) / 1000);
const fmt = (n: number) => Math.round(n).toLocaleString('en');
console.log(`feed import, ${fmt(ROWS)} rows, 1 in ${CHANGED_EVERY} changed (file in, parsed, checked, applied, run read back): ours ${fmt(oursRate)} rows/s (median ${median(ours).toFixed(0)} ms), raw better-sqlite3 prepared insert ${fmt(rawRate)} rows/s (median ${median(raw).toFixed(0)} ms), ratio ${(oursRate / rawRate).toFixed(2)}`);
console.log(`feed import runs (ms): ours ${ours.map((ms) => ms.toFixed(0)).join(', ')}; raw ${raw.map((ms) => ms.toFixed(0)).join(', ')}`);
console.log(`feed import, the first one after the desk started (cold feed thread): ${fmt(first.ms)} ms, ${fmt(ROWS / (first.ms / 1000))} rows/s`);
console.log(`core thread longest block during the feed import: ${maxBlock.toFixed(1)} ms (limit 100 ms), ratio ${(maxBlock / 100).toFixed(2)}`);

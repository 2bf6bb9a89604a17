import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { ImportRunView } from '../../src-shared/domain/storefront-import';
import { openCore } from '../../src-main/core/core';
import { silentLogger } from '../../src-main/core/logger';
import { makeLargeShopifyFile } from '../fixtures/storefront/shopify-file';
import { rawOrderInsertMs, rawOrderRows } from './raw-order-insert';

/**
 * The 100,000-order Shopify orders export: the whole import as the renderer asks for it (base64 file in, decoded
 * on the core's thread, read, checked and saved on the import thread in one transaction, the run read back)
 * against the raw limit, one transaction of better-sqlite3 prepared inserts of the same orders and order_lines
 * rows into a freshly migrated desk database, in the same run. Also the longest the core's thread was blocked
 * during the import, and during the routing + verification of the imported orders that follows it (a bounded
 * window of it: for 100,000 orders it runs far longer than a bench should).
 */
const ORDERS = Number(process.env.BENCH_ORDER_IMPORT_ORDERS ?? 100_000);
const CHECK_WINDOW_MS = Number(process.env.BENCH_ORDER_CHECK_WINDOW_MS ?? 20_000);
const BLOCK_LIMIT_MS = 100;
const RATIO_GOAL = 0.3;
const root = fileURLToPath(new URL('../..', import.meta.url));
const builtWorker = join(root, 'out', 'main', 'order-import.worker.js');

// The desktop app runs the bundled worker; build it (always: a stale bundle would measure old code).
const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0 || !existsSync(builtWorker)) throw new Error('electron-vite build failed; the bench measures the bundled order import worker');
const workers = { feedImport: new URL(`file://${join(root, 'out', 'main', 'feed-import.worker.js')}`), orderImport: new URL(`file://${builtWorker}`) };

const file = makeLargeShopifyFile(ORDERS);
const base64 = Buffer.from(file).toString('base64');
const fmt = (n: number) => Math.round(n).toLocaleString('en');
const rate = (count: number, ms: number) => count / (ms / 1000);

const dataDir = mkdtempSync(join(tmpdir(), 'petdrop-bench-orders-'));
const core = openCore({ dataDir, host: 'browser', version: 'bench', logger: silentLogger, dailyBackup: false, workers });

// The core says when the import thread got the file ('reading' 0) and when the run was recorded ('done'): the
// time between is the thread's part, the time before it the decode of the upload on the core's thread.
let threadStartedAt: number | undefined;
let threadDoneAt: number | undefined;
let checked = 0;
let lastCheckAt: number | undefined;
const unlisten = core.events.listen((event, payload) => {
  if (event !== 'orderImport.progress') return;
  const progress = payload as { phase: string; done: number };
  if (progress.phase === 'reading' && threadStartedAt === undefined) threadStartedAt = performance.now();
  else if (progress.phase === 'done' && threadDoneAt === undefined) threadDoneAt = performance.now();
  // After the run: the checks' progress ('checking', then 'done' with every order checked when they finish).
  else if (threadDoneAt !== undefined) {
    checked = progress.done;
    lastCheckAt = performance.now();
  }
});

const importDelay = monitorEventLoopDelay({ resolution: 5 });
importDelay.enable();
const start = performance.now();
const result = await core.dispatch('orderImport.run', { fileName: 'orders_export.csv', contentBase64: base64 }, { actor: { name: 'bench' } });
const importMs = performance.now() - start;
importDelay.disable();
if (!result.ok) throw new Error(`the import failed: ${result.error.message}`);
const run = result.value as ImportRunView;
if (run.status !== 'done' || run.imported !== ORDERS) throw new Error(`the import did not import every order: ${JSON.stringify(run).slice(0, 400)}`);

// The checks' first batch runs inside the call (so its block counts in the import's window); this window holds the rest.
const checkDelay = monitorEventLoopDelay({ resolution: 5 });
checkDelay.enable();
const checkStart = performance.now();
await new Promise((resolve) => setTimeout(resolve, CHECK_WINDOW_MS));
const checkMs = performance.now() - checkStart;
const checkedInWindow = checked;
// The checks start as the run is recorded (inside the call) and may end before the window does.
const checkingMs = lastCheckAt === undefined || threadDoneAt === undefined ? NaN : lastCheckAt - threadDoneAt;
checkDelay.disable();
unlisten();
core.close();
rmSync(dataDir, { recursive: true, force: true });

const rows = rawOrderRows(file, Date.now());
const rawMs = rawOrderInsertMs(rows, Date.now());

const oursRate = rate(ORDERS, importMs);
const rawRate = rate(ORDERS, rawMs);
const ratio = oursRate / rawRate;
const decodeMs = threadStartedAt === undefined ? NaN : threadStartedAt - start;
const threadMs = threadStartedAt === undefined || threadDoneAt === undefined ? NaN : threadDoneAt - threadStartedAt;
const importBlock = importDelay.max / 1e6;
const checkBlock = checkDelay.max / 1e6;
const lines = rows.orders.reduce((sum, { plan }) => sum + plan.lines.length, 0);
console.log(`order import, Shopify export of ${fmt(ORDERS)} orders (${fmt(lines)} lines, ${(file.byteLength / 1e6).toFixed(0)} MB; base64 in, parsed, validated, inserted, run read back): ours ${fmt(oursRate)} orders/s (${importMs.toFixed(0)} ms), raw better-sqlite3 prepared insert of the same orders + order_lines rows ${fmt(rawRate)} orders/s (${rawMs.toFixed(0)} ms); goal ≥ ${RATIO_GOAL}: ${ratio >= RATIO_GOAL ? 'meets' : 'below'}, ratio ${ratio.toFixed(2)}`);
console.log(`order import phases: base64 decode on the core's thread ${decodeMs.toFixed(0)} ms; import thread (read + validate + save, one transaction) ${threadMs.toFixed(0)} ms, ${fmt(rate(ORDERS, threadMs))} orders/s, ratio ${(rate(ORDERS, threadMs) / rawRate).toFixed(2)}`);
console.log(`core thread longest block during the order import: ${importBlock.toFixed(1)} ms (limit ${BLOCK_LIMIT_MS} ms: ${importBlock <= BLOCK_LIMIT_MS ? 'meets' : 'over'}), ratio ${(importBlock / BLOCK_LIMIT_MS).toFixed(2)}`);
console.log(`imported orders' checks (routing + verification on the core's thread), first ${(checkMs / 1000).toFixed(0)} s: ${fmt(checkedInWindow)} of ${fmt(ORDERS)} orders checked, ${fmt(rate(checkedInWindow, checkingMs))} orders/s; core thread longest block ${checkBlock.toFixed(1)} ms (limit ${BLOCK_LIMIT_MS} ms: ${checkBlock <= BLOCK_LIMIT_MS ? 'meets' : 'over'}), ratio ${(checkBlock / BLOCK_LIMIT_MS).toFixed(2)}`);

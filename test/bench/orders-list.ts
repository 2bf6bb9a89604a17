import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openCore } from '../../src-main/core/core';
import { silentLogger } from '../../src-main/core/logger';
import { DATABASE_FILE_NAME, openDatabase } from '../../src-main/db/open';
import { createSql } from '../../src-main/db/query';
import { loadDemoShop } from '../../src-main/services/demo/load-demo-shop';
import { keyFileSecretBox } from '../../src-main/security/secret-box';
import { wordsQuery } from '../../src-main/services/orders/read-orders';

/**
 * `npm run bench`: the desk's hot paths against the raw limit measured in the same run.
 * Each line ends `ratio R` (ours / raw for latencies) so a script can read it. Never a pass/fail.
 */
const ORDERS = Number(process.env.BENCH_ORDERS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 41);
const SEED_VERSION = 'v3'; // bump when the schema or the demo generator changes (v3: migration 0004)
const dataDir = join(process.env.BENCH_DIR ?? tmpdir(), `petdrop-bench-${ORDERS}-${SEED_VERSION}`);
const readyMarker = join(dataDir, 'seeded.ok');

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/**
 * Medians of ours and raw, measured alternately so that a busy moment on the machine lands on both
 * sides alike instead of skewing one of them.
 */
async function compareMedians(ours: () => unknown, raw: () => unknown): Promise<{ ours: number; raw: number }> {
  for (let i = 0; i < 3; i += 1) {
    await ours(); // warm caches and prepared statements on both sides alike
    await raw();
  }
  const oursSamples: number[] = [];
  const rawSamples: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    let start = performance.now();
    await ours();
    oursSamples.push(performance.now() - start);
    start = performance.now();
    await raw();
    rawSamples.push(performance.now() - start);
  }
  return { ours: median(oursSamples), raw: median(rawSamples) };
}

const ms = (value: number) => `${value.toFixed(3)} ms`;
function report(path: string, ours: number, raw: number): void {
  console.log(`${path}: ours median ${ms(ours)}, raw better-sqlite3 median ${ms(raw)}, ratio ${(ours / raw).toFixed(2)}`);
}

async function ensureSeeded(): Promise<void> {
  if (existsSync(readyMarker)) {
    console.log(`using the seeded database in ${dataDir} (delete it to reseed)`);
    return;
  }
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const { db } = openDatabase(dataDir);
  const started = performance.now();
  let last = 0;
  await loadDemoShop({ sql: createSql(db), now: () => Date.parse('2026-11-30T12:00:00Z') }, {
    orders: ORDERS, batchSize: 10_000, actor: { name: 'bench' }, sealSecret: (plain) => keyFileSecretBox(dataDir).encrypt(plain),
    onProgress: ({ done, total }) => {
      if (performance.now() - last > 5_000 || done === total) {
        last = performance.now();
        console.log(`seeding ${done.toLocaleString('en')} / ${total.toLocaleString('en')}`);
      }
    },
  });
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const seconds = (performance.now() - started) / 1000;
  console.log(`seeded ${ORDERS.toLocaleString('en')} orders in ${seconds.toFixed(1)} s (${Math.round(ORDERS / seconds).toLocaleString('en')} orders/s)`);
  writeFileSync(readyMarker, new Date().toISOString());
}

await ensureSeeded();
const dbPath = join(dataDir, DATABASE_FILE_NAME);
const ctx = { actor: { name: 'bench' } };

// Open and first page: the desk (lock, quick_check, migrations check, first page through the dispatcher)
// against a raw open of the same file and the same first-page query.
const openStart = performance.now();
const core = openCore({ dataDir, host: 'browser', version: 'bench', logger: silentLogger, dailyBackup: false });
const firstPage = await core.dispatch('orders.list', { limit: 50 }, ctx);
const oursOpen = performance.now() - openStart;
if (!firstPage.ok) throw new Error(JSON.stringify(firstPage.error));
const rawOpenStart = performance.now();
const rawOpenDb = new Database(dbPath, { readonly: true });
rawOpenDb.prepare('SELECT id, number, stage, customer_name, customer_email, ship_country, total, currency, created_at FROM orders ORDER BY created_at DESC, id DESC LIMIT 50').all();
rawOpenDb.prepare('SELECT count(*) FROM orders').get();
const rawOpen = performance.now() - rawOpenStart;
rawOpenDb.close();
console.log(`open database and show first page (${ORDERS.toLocaleString('en')} orders; ours includes quick_check): ours ${ms(oursOpen)}, raw open + same query ${ms(rawOpen)}, ratio ${(oursOpen / rawOpen).toFixed(2)}`);

// The same SQL the service runs (bound LIMIT/OFFSET included), on a plain connection to the same file.
const raw = new Database(dbPath, { readonly: true });
const rawPage = raw.prepare(`SELECT id, number, stage, customer_name, customer_email, ship_country, total, currency, created_at,
  (SELECT count(*) FROM order_lines WHERE order_lines.order_id = orders.id) AS line_count
  FROM orders WHERE stage = ? ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`);
const rawCount = raw.prepare('SELECT count(*) AS n FROM orders WHERE stage = ?');
const rawEmailPage = raw.prepare(`SELECT id, number, stage, customer_name, customer_email, ship_country, total, currency, created_at,
  (SELECT count(*) FROM order_lines WHERE order_lines.order_id = orders.id) AS line_count
  FROM orders WHERE customer_email >= ? AND customer_email < ? ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`);
const rawEmailCount = raw.prepare('SELECT count(*) AS n FROM orders WHERE customer_email >= ? AND customer_email < ?');

for (const stage of ['delivered', 'exception'] as const) {
  const result = await compareMedians(
    () => core.dispatch('orders.list', { stage, limit: 50 }, ctx),
    () => [rawPage.all(stage, 50, 0), rawCount.get(stage)],
  );
  report(`orders list, stage=${stage}, newest first, page of 50 (+ total count)`, result.ours, result.raw);
}

const email = (raw.prepare('SELECT customer_email FROM orders WHERE id = ?').get(Math.ceil(ORDERS / 2)) as { customer_email: string }).customer_email;
const check = await core.dispatch('orders.list', { search: email, limit: 50 }, ctx);
if (!check.ok || (check.value as { total: number }).total === 0) throw new Error(`search for ${email} found nothing`);
const search = await compareMedians(
  () => core.dispatch('orders.list', { search: email, limit: 50 }, ctx),
  () => [rawEmailPage.all(email, `${email}\u{10FFFF}`, 50, 0), rawEmailCount.get(email, `${email}\u{10FFFF}`)],
);
report('orders search by e-mail, page of 50 (+ total count)', search.ours, search.raw);

// Name words through the full-text index (the search box's common case), against the same SQL raw.
const rawWordsPage = raw.prepare(`SELECT id, number, stage, customer_name, customer_email, ship_country, total, currency, created_at,
  (SELECT count(*) FROM order_lines WHERE order_lines.order_id = orders.id) AS line_count
  FROM orders WHERE id IN (SELECT rowid FROM orders_search WHERE orders_search MATCH ?) ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`);
const rawWordsCount = raw.prepare('SELECT count(*) AS n FROM orders WHERE id IN (SELECT rowid FROM orders_search WHERE orders_search MATCH ?)');
const words = 'ingrid ødeg';
const match = wordsQuery(words) ?? '';
const byName = await compareMedians(
  () => core.dispatch('orders.list', { search: words, limit: 50 }, ctx),
  () => [rawWordsPage.all(match, 50, 0), rawWordsCount.get(match)],
);
report(`orders search by name words ("${words}", ${(rawWordsCount.get(match) as { n: number }).n.toLocaleString('en')} matches), page of 50 (+ total count)`, byName.ours, byName.raw);

raw.close();
core.close();

import { parseArgs } from 'node:util';
import { actorFromOs } from '../core/actor';
import { lockDataDir } from '../core/data-dir-lock';
import { defaultDataDir } from '../core/data-dir';
import { openDatabase } from '../db/open';
import { createSql } from '../db/query';
import { loadDemoShop } from '../services/demo/load-demo-shop';
import { keyFileSecretBox } from '../security/secret-box';

/** `npm run seed -- --orders N [--data-dir DIR]`: a deterministic demo shop, up to 1,000,000 orders. */
const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { orders: { type: 'string', default: '1000' }, 'data-dir': { type: 'string' }, seed: { type: 'string', default: '20261130' } },
});
const orders = Number(values.orders);
if (!Number.isInteger(orders) || orders < 1 || orders > 1_000_000) {
  console.error(`--orders must be a whole number from 1 to 1,000,000, not "${values.orders}".`);
  process.exit(2);
}
const dataDir = values['data-dir'] ?? defaultDataDir();
const lock = lockDataDir(dataDir);
const { db } = openDatabase(dataDir);
try {
  const started = performance.now();
  let lastPrint = 0;
  await loadDemoShop({ sql: createSql(db), now: Date.now }, {
    orders,
    seed: Number(values.seed),
    batchSize: 5_000,
    actor: actorFromOs('seed'),
    sealSecret: (plain) => keyFileSecretBox(dataDir).encrypt(plain),
    onProgress: ({ done, total }) => {
      const now = performance.now();
      if (now - lastPrint > 1_000 || done === total) {
        lastPrint = now;
        process.stderr.write(`seeded ${done.toLocaleString('en')} / ${total.toLocaleString('en')} orders (${Math.round((100 * done) / total)}%)\n`);
      }
    },
  });
  console.log(`Seeded ${orders.toLocaleString('en')} demo orders into ${dataDir} in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
} finally {
  db.close();
  lock.release();
}

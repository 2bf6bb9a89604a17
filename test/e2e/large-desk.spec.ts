import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { DATABASE_FILE_NAME } from '../../src-main/db/open';
import { join } from 'node:path';
import { expect, test } from './desk-fixture';

const repoRoot = join(import.meta.dirname, '..', '..');
const ORDERS = 100_000;

test('the list stays virtualized with 100,000 orders: few rows in the page, the oldest order reachable', async ({ page, desk }) => {
  test.setTimeout(180_000);
  await desk.stop();
  // `npm run seed` itself: the documented way to make a big shop.
  const seeded = spawnSync(process.execPath, ['--import', 'tsx', 'src-main/cli/seed.ts', '--orders', String(ORDERS), '--data-dir', desk.dataDir], { cwd: repoRoot, encoding: 'utf8' });
  expect(seeded.status, seeded.stderr).toBe(0);
  expect(seeded.stdout).toMatch(/Seeded 100,000 demo orders/);
  const db = new Database(join(desk.dataDir, DATABASE_FILE_NAME), { readonly: true });
  const numberAt = (order: 'DESC' | 'ASC') => (db.prepare(`SELECT number FROM orders ORDER BY created_at ${order}, id ${order} LIMIT 1`).get() as { number: string }).number;
  const newest = numberAt('DESC');
  const oldest = numberAt('ASC');
  db.close();
  await desk.restart();

  await page.goto(desk.url);
  await expect(page.getByTestId('orders-count')).toContainText('100,000');
  await expect(page.getByTestId('order-row').first()).toHaveAttribute('data-order-number', newest);
  const rowsInPage = () => page.locator('[data-testid="order-row"], [data-testid="order-row-placeholder"]').count();
  expect(await rowsInPage()).toBeLessThan(100);

  // Jump to the end: only the rows near the bottom are fetched and drawn.
  await page.getByTestId('orders-table').evaluate((el) => { el.scrollTop = el.scrollHeight; });
  await expect(page.locator(`[data-testid="order-row"][data-order-number="${oldest}"]`)).toBeVisible();
  expect(await rowsInPage()).toBeLessThan(100);
});

import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { DATABASE_FILE_NAME } from '../../src-main/db/open';
import { expect, test } from './desk-fixture';
import { fillOrderForm, ZOE_ORDER } from './order-form';

const artifactDir = join(import.meta.dirname, '..', '..', 'test-results', 'screens');

const fillOrder = (page: Page, postcode: string) => fillOrderForm(page, { ...ZOE_ORDER, shippingAddress: { ...ZOE_ORDER.shippingAddress, postcode } });

test('an empty desk says what to do first', async ({ page, desk }) => {
  await page.goto(desk.url);
  const empty = page.getByTestId('empty-desk');
  await expect(empty).toBeVisible();
  await expect(page.getByTestId('empty-new-order')).toBeVisible();
  await expect(page.getByTestId('empty-load-demo')).toBeVisible();
  await page.screenshot({ path: join(artifactDir, 'empty-desk.png') });
});

test('an order typed into the form is in the list, in the SQLite file, and still there after a restart', async ({ page, desk }) => {
  await page.goto(desk.url);
  await page.getByTestId('empty-new-order').click();
  await fillOrder(page, '10115');
  await expect(page.getByTestId('form-total')).toContainText('185.88');
  await page.getByTestId('submit-order').click();

  await expect(page.getByTestId('order-number')).toHaveText('PD-1001');
  await expect(page.getByTestId('order-total')).toContainText('185.88');
  // Submitting also runs the verification checks, which write their own (newer) timeline entry.
  await expect(page.locator('[data-testid="timeline-entry"][data-kind="order.created"]')).toContainText(/entered by hand and submitted/);

  await page.getByTestId('nav-orders').click();
  const row = page.getByTestId('order-row').filter({ hasText: 'PD-1001' });
  await expect(row).toContainText('Zoë Müller');

  const db = new Database(join(desk.dataDir, DATABASE_FILE_NAME), { readonly: true });
  try {
    expect(db.prepare('SELECT number, customer_email, total, ship_postcode FROM orders').all())
      .toEqual([{ number: 'PD-1001', customer_email: 'zoe.muller@example.com', total: 18588, ship_postcode: '10115' }]);
  } finally {
    db.close();
  }

  await desk.restart();
  await page.goto(desk.url);
  await expect(page.getByTestId('order-row').filter({ hasText: 'PD-1001' })).toContainText('Zoë Müller');
});

test('a draft edited and submitted keeps the edits, in one step', async ({ page, desk }) => {
  await page.goto(desk.url);
  await page.getByTestId('empty-new-order').click();
  await page.getByTestId('field-customer.name').fill('Zoë Müller');
  await page.getByTestId('save-draft').click();
  await expect(page.getByTestId('order-stage')).toContainText(/draft/i);

  await page.getByTestId('edit-order').click();
  await fillOrder(page, '10115');
  await page.getByTestId('field-lines.0.quantity').fill('3');
  await expect(page.getByTestId('form-total')).toContainText('275.87');
  await page.getByTestId('submit-order').click();

  await expect(page.getByTestId('order-number')).toHaveText('PD-1001');
  await expect(page.getByTestId('order-stage')).not.toContainText(/draft/i);
  await expect(page.getByTestId('order-total')).toContainText('275.87');
  const db = new Database(join(desk.dataDir, DATABASE_FILE_NAME), { readonly: true });
  try {
    expect(db.prepare('SELECT number, total, ship_postcode, submitted_at IS NOT NULL AS submitted FROM orders').all())
      .toEqual([{ number: 'PD-1001', total: 27587, ship_postcode: '10115', submitted: 1 }]);
  } finally {
    db.close();
  }
});

test('a bad postcode shows its error beside the field and saves nothing', async ({ page, desk }) => {
  await page.goto(desk.url);
  await page.getByTestId('empty-new-order').click();
  await fillOrder(page, 'ABC');
  await page.getByTestId('submit-order').click();
  await expect(page.getByTestId('error-shippingAddress.postcode')).toHaveText(/not a valid postcode for Germany/);
  await expect(page.getByTestId('field-shippingAddress.postcode')).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: join(artifactDir, 'order-form-error.png') });

  const db = new Database(join(desk.dataDir, DATABASE_FILE_NAME), { readonly: true });
  try {
    expect(db.prepare('SELECT count(*) AS n FROM orders').get()).toEqual({ n: 0 });
  } finally {
    db.close();
  }
});

test('the demo shop fills the list; filters, search and keyboard shortcuts work', async ({ page, desk }) => {
  await page.goto(desk.url);
  await page.getByTestId('empty-load-demo').click();
  await expect(page.getByTestId('order-row').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('orders-count')).toContainText(/\d/);

  await page.getByTestId('stage-filter-delivered').click();
  const rows = page.getByTestId('order-row');
  await expect(rows.first()).toBeVisible();
  for (const badge of await rows.locator('.stage-badge, [data-stage]').all()) {
    await expect(badge).toHaveText(/Delivered/);
  }
  // The README's picture: copied into resources/screenshots/ by hand, so a test run never dirties the tree.
  await page.screenshot({ path: join(artifactDir, 'orders-list.png') });

  await page.getByTestId('stage-filter-all').click();
  const firstNumber = await rows.first().getAttribute('data-order-number');
  await page.locator('body').click();
  await page.keyboard.press('/');
  await expect(page.getByTestId('search-box')).toBeFocused();
  await page.keyboard.type(firstNumber ?? '');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-order-number', firstNumber ?? '');
  await rows.first().click();
  await expect(page.getByTestId('order-number')).toHaveText(firstNumber ?? '');

  await page.getByTestId('nav-orders').click();
  await page.locator('body').click();
  await page.keyboard.press('n');
  await expect(page.getByTestId('order-form')).toBeVisible();
});

test('cancelling asks for confirmation and a reason, which lands on the timeline', async ({ page, desk }) => {
  await page.goto(desk.url);
  await page.getByTestId('empty-new-order').click();
  await fillOrder(page, '10115');
  await page.getByTestId('submit-order').click();
  await expect(page.getByTestId('order-number')).toHaveText('PD-1001');

  await page.getByTestId('cancel-order').click();
  await page.getByTestId('cancel-dismiss').click();
  await expect(page.getByTestId('cancelled-at')).toHaveCount(0);

  await page.getByTestId('cancel-order').click();
  await page.getByRole('dialog').getByRole('textbox').fill('Customer ordered twice');
  await page.getByTestId('cancel-confirm').click();
  // The checks' timeline entry has a reason too (a warning); the cancellation's is its own.
  await expect(page.locator('[data-testid="timeline-entry"][data-kind="order.cancelled"]').getByTestId('timeline-reason')).toContainText('Customer ordered twice');
  await page.screenshot({ path: join(artifactDir, 'order-detail-cancelled.png') });
});

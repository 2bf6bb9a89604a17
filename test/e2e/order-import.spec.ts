import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { makeLargeShopifyFile } from '../fixtures/storefront/shopify-file';
import { expect, test } from './desk-fixture';

const artifactDir = join(import.meta.dirname, '..', '..', 'test-results', 'screens');
const fixtures = join(import.meta.dirname, '..', 'fixtures', 'storefront');
/** #3101: three items (one without SKU), Jane Doe; #3102: one item, Max Müller. */
const SHOPIFY_FILE = 'e2e-shopify-two-orders.csv';
/** No storefront's header: Ref, Placed, Buyer, … Product, Code, Qty, Each, Cur. R-501 has two items, R-502 one. */
const MAPPED_FILE = 'e2e-mapped-orders.csv';

function fixture(name: string) {
  return { name, mimeType: 'text/csv', buffer: readFileSync(join(fixtures, name)) };
}

async function openImport(page: Page): Promise<Locator> {
  await page.getByTestId('order-import-open').click();
  const dialog = page.getByTestId('order-import-dialog');
  await expect(dialog).toBeVisible();
  return dialog;
}

async function pickFile(dialog: Locator, name: string): Promise<void> {
  await dialog.getByTestId('order-import-file-input').setInputFiles(fixture(name));
  await expect(dialog.getByTestId('order-import-preview')).toBeVisible();
}

async function expectCounts(dialog: Locator, counts: { imported: number; updated: number; unchanged: number; heldBack: number; rejected: number }) {
  for (const [key, n] of Object.entries(counts)) await expect(dialog.getByTestId(`order-import-count-${key}`)).toHaveAttribute('data-count', String(n));
}

test('a Shopify export imports its two orders into the list, and importing the same file again adds nothing', async ({ page, desk }) => {
  await page.goto(desk.url);
  await expect(page.getByTestId('empty-desk')).toBeVisible();
  let dialog = await openImport(page);
  await expect(dialog.getByTestId('order-import-runs-empty')).toBeVisible();
  await expect(dialog.getByTestId('order-import-choose')).toBeFocused();

  await pickFile(dialog, SHOPIFY_FILE);
  await expect(dialog.getByTestId('order-import-preview')).toHaveAttribute('data-kind', 'shopify');
  await expect(dialog.getByTestId('order-import-kind')).toHaveText('Shopify orders export');
  await expect(dialog.getByTestId('order-import-size')).toContainText('79 columns');
  // A recognised file needs no mapping; the Import button has the focus, so Enter imports.
  await expect(dialog.getByTestId('order-import-mapping')).toHaveCount(0);
  await expect(dialog.getByTestId('order-import-run')).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(dialog.getByTestId('order-import-report')).toHaveAttribute('data-status', 'done');
  await expectCounts(dialog, { imported: 2, updated: 0, unchanged: 0, heldBack: 0, rejected: 0 });
  await expect(dialog.getByTestId('order-import-headline')).toContainText('Imported 2 new orders');
  // Nothing in the file was refused; any problem listed is a notice about an order that was still imported.
  await expect(dialog.locator('[data-testid="order-import-problem"][data-kept="false"]')).toHaveCount(0);
  await page.screenshot({ path: join(artifactDir, 'order-import-report.png') });
  await dialog.getByTestId('order-import-done').click();
  await expect(dialog).toHaveCount(0);

  await expect(page.getByTestId('orders-count')).toHaveText('2 orders');
  await expect(page.getByTestId('order-row').filter({ hasText: 'Jane Doe' })).toHaveCount(1);
  await expect(page.getByTestId('order-row').filter({ hasText: 'Max Müller' })).toHaveCount(1);

  // The same file again: both orders are matched to the ones already on the desk.
  dialog = await openImport(page);
  await expect(dialog.getByTestId('order-import-run-item')).toHaveCount(1);
  await expect(dialog.getByTestId('order-import-run-item').first()).toContainText('2 imported');
  await pickFile(dialog, SHOPIFY_FILE);
  await dialog.getByTestId('order-import-run').click();
  await expect(dialog.getByTestId('order-import-report')).toHaveAttribute('data-status', 'done');
  await expectCounts(dialog, { imported: 0, updated: 0, unchanged: 2, heldBack: 0, rejected: 0 });
  await expect(dialog.getByTestId('order-import-headline')).toContainText('Nothing new');
  await dialog.getByTestId('order-import-done').click();
  await expect(page.getByTestId('orders-count')).toHaveText('2 orders');
  await expect(page.getByTestId('order-row')).toHaveCount(2);
});

test('a CSV with unknown columns imports through the mapping screen, which refuses to start until the required fields have a column', async ({ page, desk }) => {
  await page.goto(desk.url);
  const dialog = await openImport(page);
  await pickFile(dialog, MAPPED_FILE);
  await expect(dialog.getByTestId('order-import-preview')).toHaveAttribute('data-kind', 'unknown');
  await expect(dialog.getByTestId('order-import-kind')).toHaveText(/Not a known export/);
  await expect(dialog.getByTestId('order-import-size')).toContainText('13 columns');
  await expect(dialog.getByTestId('order-import-mapping')).toBeVisible();

  // Whatever the desk guessed, an order number without a column blocks the import and says so.
  await dialog.getByTestId('order-import-mapping-orderNumber').selectOption('');
  await expect(dialog.getByTestId('order-import-run')).toBeDisabled();
  await expect(dialog.getByTestId('order-import-missing')).toContainText('Order number');

  const map: [string, string][] = [
    ['orderNumber', 'Ref'], ['createdAt', 'Placed'], ['currency', 'Cur'], ['email', 'Buyer email'], ['customerName', 'Buyer'],
    ['shipName', 'Buyer'], ['shipLine1', 'Street'], ['shipCity', 'Town'], ['shipPostcode', 'Zip'], ['shipCountry', 'Land'],
    ['lineTitle', 'Product'], ['lineSku', 'Code'], ['lineQuantity', 'Qty'], ['linePrice', 'Each'],
  ];
  for (const [field, column] of map) await dialog.getByTestId(`order-import-mapping-${field}`).selectOption(column);
  // The first value of each chosen column is shown beside it.
  await expect(dialog.getByTestId('order-import-sample-orderNumber')).toHaveText('R-501');
  await expect(dialog.getByTestId('order-import-sample-linePrice')).toHaveText('49.00');
  await expect(dialog.getByTestId('order-import-missing')).toHaveCount(0);
  await expect(dialog.getByTestId('order-import-run')).toBeEnabled();
  await page.screenshot({ path: join(artifactDir, 'order-import-mapping.png') });

  // While the import runs Escape must not close the dialog: the answer is held until Escape has been pressed.
  let release!: () => void;
  const held = new Promise<void>((resolve) => { release = resolve; });
  await page.route('**/api/orderImport.run', async (route) => {
    const response = await route.fetch();
    await held;
    await route.fulfill({ response });
  });
  // Enter on a mapping choice imports, as Enter in a text field would.
  await dialog.getByTestId('order-import-mapping-linePrice').press('Enter');
  await expect(dialog.getByTestId('order-import-progress')).toBeVisible();
  await expect(dialog.getByTestId('order-import-cancel-run')).toBeFocused();
  await expect(dialog.getByTestId('order-import-progress')).toContainText('Nothing will be imported');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('order-import-progress')).toBeVisible();
  release();

  await expect(dialog.getByTestId('order-import-report')).toHaveAttribute('data-status', 'done');
  await expectCounts(dialog, { imported: 2, updated: 0, unchanged: 0, heldBack: 0, rejected: 0 });
  await dialog.getByTestId('order-import-done').click();
  await expect(page.getByTestId('orders-count')).toHaveText('2 orders');
  await expect(page.getByTestId('order-row').filter({ hasText: 'Ola Nordmann' })).toHaveCount(1);
  await expect(page.getByTestId('order-row').filter({ hasText: 'Kari Hansen' })).toHaveCount(1);
});

test('a file the desk cannot import is refused in the dialog with the reason, and nothing is imported', async ({ page, desk }) => {
  await page.goto(desk.url);
  const dialog = await openImport(page);
  // Refused in the window before it is sent.
  await dialog.getByTestId('order-import-file-input').setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.from('') });
  await expect(dialog.getByTestId('order-import-error')).toContainText('“empty.csv” is empty');
  await expect(dialog.getByTestId('order-import-preview')).toHaveCount(0);

  // Refused by the core: WooCommerce's one-row-per-order layout packs the items into one cell.
  await pickFile(dialog, 'woocommerce-one-row-per-order.csv');
  await expect(dialog.getByTestId('order-import-error')).toHaveCount(0);
  await expect(dialog.getByTestId('order-import-preview')).toHaveAttribute('data-kind', 'woocommerce');
  await dialog.getByTestId('order-import-run').click();
  await expect(dialog.getByTestId('order-import-error')).toContainText('“woocommerce-one-row-per-order.csv” cannot be imported');
  await expect(dialog.getByTestId('order-import-error')).toContainText('line_items');
  await expect(dialog.getByTestId('order-import-report')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('empty-desk')).toBeVisible();
});

test('rows the desk cannot read are listed with their line, order and reason, and the file\'s good order is still imported', async ({ page, desk }) => {
  await page.goto(desk.url);
  const dialog = await openImport(page);
  await pickFile(dialog, 'shopify-bad-rows.csv');
  await dialog.getByTestId('order-import-run').click();
  await expect(dialog.getByTestId('order-import-report')).toHaveAttribute('data-status', 'done');
  await expect(dialog.getByTestId('order-import-count-imported')).toHaveAttribute('data-count', '1');
  await expect(dialog.getByTestId('order-import-count-rejected')).not.toHaveAttribute('data-count', '0');
  const quantityZero = dialog.locator('[data-testid="order-import-problem"][data-kept="false"]').filter({ hasText: '#5001' });
  await expect(quantityZero).toHaveCount(1);
  await expect(quantityZero.locator('td').first()).toHaveText('2');
  await expect(quantityZero).toContainText('“Lineitem quantity” has “0”');
  await expect(dialog.getByTestId('order-import-problem').filter({ hasText: '#5004' })).toContainText('XYZ');
  await page.screenshot({ path: join(artifactDir, 'order-import-problems.png') });
  await dialog.getByTestId('order-import-done').click();
  await expect(page.getByTestId('orders-count')).toHaveText('1 order');
});

test('Cancel during a large import leaves the desk as it was, and the run is listed as cancelled', async ({ page, desk }) => {
  // Big enough that the core is still reading when Cancel is pressed: the click waits only for the first progress event.
  const big = { name: 'shopify-30000-orders.csv', mimeType: 'text/csv', buffer: Buffer.from(makeLargeShopifyFile(30_000)) };
  await page.goto(desk.url);
  const dialog = await openImport(page);
  await dialog.getByTestId('order-import-file-input').setInputFiles(big);
  // Handing an 18 MB file to the page and reading it takes seconds on a busy machine.
  await expect(dialog.getByTestId('order-import-preview')).toHaveAttribute('data-kind', 'shopify', { timeout: 50_000 });
  await dialog.getByTestId('order-import-run').click();
  const progress = dialog.getByTestId('order-import-progress');
  await expect(progress).toHaveAttribute('data-phase', /reading|checking/);
  await expect(progress.getByRole('progressbar')).toBeVisible();
  await page.screenshot({ path: join(artifactDir, 'order-import-progress.png') });
  await dialog.getByTestId('order-import-cancel-run').click();

  await expect(dialog.getByTestId('order-import-report')).toHaveAttribute('data-status', 'cancelled');
  await expect(dialog.getByTestId('order-import-headline')).toContainText('Nothing was imported');
  await dialog.getByTestId('order-import-another').click();
  await expect(dialog.getByTestId('order-import-run-item').first()).toHaveAttribute('data-status', 'cancelled');
  await dialog.getByTestId('order-import-close').click();
  await expect(page.getByTestId('empty-desk')).toBeVisible();
});

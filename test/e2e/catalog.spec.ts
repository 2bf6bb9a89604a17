import { join } from 'node:path';
import type { Page, Response } from '@playwright/test';
import { expect, test } from './desk-fixture';

const artifactDir = join(import.meta.dirname, '..', '..', 'test-results', 'screens');

/** Every answer from the desk's API the page received (bodies read as they arrive), and what it sent. */
function recordApiTraffic(page: Page) {
  const bodies: Promise<{ url: string; body: string }>[] = [];
  const sent: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/api/')) sent.push(request.postData() ?? '');
  });
  page.on('response', (response: Response) => {
    // The event stream never ends; everything else is one JSON answer.
    if (!response.url().includes('/api/')) return;
    bodies.push(response.text().then((body) => ({ url: response.url(), body }), () => ({ url: response.url(), body: '' })));
  });
  return { all: () => Promise.all(bodies), sent };
}

async function addCountry(page: Page, typed: string, code: string) {
  await page.getByTestId('field-shipsTo').fill(typed);
  await page.locator(`[data-testid="country-option"][data-code="${code}"]`).click();
  await expect(page.locator(`[data-testid="ships-to-chip"][data-code="${code}"]`)).toBeVisible();
}

/** An e-mail supplier that ships to Germany only, costed in EUR. Leaves the page on the saved supplier. */
async function createEmailSupplier(page: Page, name: string): Promise<number> {
  await page.getByTestId('nav-suppliers').click();
  await page.getByTestId('suppliers-new').click();
  await page.getByTestId('field-name').fill(name);
  await page.getByTestId('field-currency').selectOption('EUR');
  await page.getByTestId('field-leadTimeDays').fill('2');
  await addCountry(page, 'Germ', 'DE');
  await page.getByTestId('field-orderEmail').fill('orders@nordicpet.example');
  await page.getByTestId('save-supplier').click();
  await expect(page.getByTestId('supplier-title')).toHaveText(name);
  const id = Number(/#\/suppliers\/(\d+)/.exec(page.url())?.[1]);
  expect(id).toBeGreaterThan(0);
  return id;
}

test('a supplier’s API key is write-only: never in the page, nor in any answer the page receives', async ({ page, desk }) => {
  const secret = 'sk_live_PAWS_9f3c1e7a5b2d4c6e8f0a1b3c5d7e9f1a';
  const traffic = recordApiTraffic(page);
  await page.goto(desk.url);

  await page.getByTestId('nav-suppliers').click();
  await expect(page.getByTestId('suppliers-empty')).toBeVisible();
  await page.getByTestId('suppliers-empty-new').click();

  // Client-side checks from the shared schema, beside their fields.
  await page.getByTestId('field-channel').selectOption('api');
  await page.getByTestId('save-supplier').click();
  await expect(page.getByTestId('error-name')).toHaveText('Enter the supplier’s name');
  await expect(page.getByTestId('error-apiBaseUrl')).toHaveText('Enter the supplier’s API address');
  await expect(page.getByTestId('field-name')).toBeFocused();

  await page.getByTestId('field-name').fill('Paws Wholesale');
  await page.getByTestId('field-apiBaseUrl').fill('http://api.paws.example/v1');
  await expect(page.getByTestId('error-apiBaseUrl')).toContainText('https://');
  await page.getByTestId('field-apiBaseUrl').fill('https://api.paws.example/v1');
  await page.getByTestId('field-currency').selectOption('EUR');
  await addCountry(page, 'Germ', 'DE');
  await addCountry(page, 'Austria', 'AT');
  // The browser host keeps credentials with a key file in the data folder: the form says so.
  await expect(page.getByTestId('secret-protection-note')).toContainText('data folder');

  const keyInput = page.getByTestId('field-apiKey');
  await expect(keyInput).toHaveAttribute('type', 'password');
  await expect(keyInput).toHaveAttribute('autocomplete', 'off');
  await keyInput.fill(secret);
  await page.getByTestId('save-supplier').click();

  await expect(page.getByTestId('supplier-title')).toHaveText('Paws Wholesale');
  await expect(page.getByTestId('apiKey-stored')).toContainText('An API key is stored');
  await expect(page.getByTestId('field-apiKey')).toHaveCount(0);
  expect(traffic.sent.some((body) => body.includes(secret)), 'the key was sent once, to be stored').toBe(true);

  const inPage = async () => page.evaluate((s) => document.documentElement.outerHTML.includes(s)
    || [...document.querySelectorAll('input, textarea')].some((el) => (el as HTMLInputElement).value.includes(s)), secret);
  expect(await inPage()).toBe(false);

  // Replace shows an empty password box; Remove asks first, and Undo keeps the key.
  await page.getByTestId('apiKey-replace').click();
  await expect(page.getByTestId('field-apiKey')).toHaveValue('');
  await expect(page.getByTestId('field-apiKey')).toBeFocused();
  await page.getByTestId('apiKey-keep').click();
  await page.getByTestId('apiKey-remove').click();
  await expect(page.getByTestId('apiKey-remove-dialog')).toBeVisible();
  await page.getByTestId('apiKey-remove-cancel').click();
  await expect(page.getByTestId('apiKey-stored')).toBeVisible();

  // After a reload the page knows only that a key exists.
  await page.reload();
  await expect(page.getByTestId('apiKey-stored')).toBeVisible();
  await expect(page.getByTestId('feed-pull-api')).toBeVisible();
  expect(await inPage()).toBe(false);

  await page.getByTestId('nav-suppliers').click();
  const row = page.getByTestId('supplier-row').filter({ hasText: 'Paws Wholesale' });
  await expect(row).toContainText('API');
  await expect(row).toContainText('Germany');
  await expect(row.getByTestId('supplier-status')).toHaveAttribute('data-status', 'active');
  await expect(row.getByTestId('supplier-last-feed')).toHaveText('Never');
  await page.screenshot({ path: join(artifactDir, 'suppliers-list.png') });

  const answers = await traffic.all();
  expect(answers.map((a) => new URL(a.url).pathname)).toEqual(expect.arrayContaining(['/api/suppliers.save', '/api/suppliers.get', '/api/suppliers.list']));
  for (const answer of answers) expect(answer.body, answer.url).not.toContain(secret);
});

test('a product with offers, a stock file imported with its report, and an order line routed to its supplier', async ({ page, desk }) => {
  await page.goto(desk.url);
  const supplierId = await createEmailSupplier(page, 'Nordic Pet Supply');

  // (b) A product with two variants, each with an offer from that supplier.
  await page.getByTestId('nav-products').click();
  await expect(page.getByTestId('products-empty')).toBeVisible();
  await page.getByTestId('products-empty-new').click();
  await page.getByTestId('field-product.title').fill('Grain-free Adult Dog Food');
  await page.getByTestId('field-product.brand').fill('Acana');
  await page.getByTestId('field-product.species').selectOption('dog');
  await page.getByTestId('field-product.lifeStage').selectOption('adult');
  await page.getByTestId('field-variants.0.sku').fill('ACANA-LAMB-2KG');
  await page.getByTestId('field-variants.0.title').fill('Lamb 2 kg');
  await page.getByTestId('field-variants.0.weightG').fill('2000');
  await page.getByTestId('field-variants.0.retailPrice').fill('24.90');
  await page.getByTestId('field-variants.0.currency').selectOption('EUR');
  await page.getByTestId('add-variant').click();
  await page.getByTestId('field-variants.1.sku').fill('ACANA-LAMB-6KG');
  await page.getByTestId('field-variants.1.title').fill('Lamb 6 kg');
  await page.getByTestId('field-variants.1.retailPrice').fill('59,90');
  await expect(page.getByTestId('field-variants.1.currency')).toHaveValue('EUR');
  await page.getByTestId('save-product').click();
  await expect(page.getByTestId('product-title')).toHaveText('Grain-free Adult Dog Food');
  await expect(page).toHaveURL(/#\/products\/\d+$/);

  const addOffer = async (sku: string, supplierSku: string, cost: string, stock: string) => {
    await page.getByTestId('variant-offers').filter({ hasText: sku }).getByTestId('add-offer').click();
    const dialog = page.getByTestId('offer-dialog');
    await dialog.getByTestId('field-supplierId').selectOption(String(supplierId));
    await dialog.getByTestId('field-supplierSku').fill(supplierSku);
    await dialog.getByTestId('field-cost').fill(cost);
    await dialog.getByTestId('field-stock').fill(stock);
    await dialog.getByTestId('offer-save').click();
    await expect(dialog).toHaveCount(0);
  };
  await addOffer('ACANA-LAMB-2KG', 'NPS-1001', '15.00', '3');
  await addOffer('ACANA-LAMB-6KG', 'NPS-1002', '38.00', '0');
  const offers2kg = page.getByTestId('variant-offers').filter({ hasText: 'ACANA-LAMB-2KG' });
  await expect(offers2kg.getByTestId('offer-row')).toContainText('Nordic Pet Supply');
  await expect(offers2kg.getByTestId('stock-badge')).toHaveAttribute('data-level', 'low');
  await expect(page.getByTestId('variant-offers').filter({ hasText: 'ACANA-LAMB-6KG' }).getByTestId('stock-badge')).toHaveAttribute('data-level', 'out_of_stock');
  // The whole product page in one picture: a taller window, scrolled to the top.
  await page.setViewportSize({ width: 1280, height: 1180 });
  await page.locator('#main').evaluate((main) => main.scrollTo(0, 0));
  await page.screenshot({ path: join(artifactDir, 'product-page.png') });
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.getByTestId('nav-products').click();
  const product = page.getByTestId('product-row').filter({ hasText: 'Grain-free Adult Dog Food' });
  await expect(product.getByTestId('variant-row')).toHaveCount(2);
  // 24.90 retail, 15.00 cost: 39 % margin, above the default 20 % threshold.
  await expect(product.getByTestId('variant-row').first().getByTestId('variant-margin')).toHaveText('39%');
  await expect(product.getByTestId('variant-row').first().getByTestId('variant-margin')).toHaveAttribute('data-tone', 'ok');

  // (c) A semicolon file with decimal commas: one cost rise below the threshold, one back in stock, two bad rows.
  await page.getByTestId('nav-suppliers').click();
  await page.getByTestId('supplier-row').filter({ hasText: 'Nordic Pet Supply' }).click();
  const csv = [
    'Artikelnummer;Bestand;EK-Preis;Lieferzeit',
    'NPS-1001;40;21,00;2',
    'NPS-1002;12;38,00;3',
    'NPS-9999;5;3,00;1',
    'NPS-1003;viele;2,00;1',
  ].join('\r\n');
  await page.getByTestId('feed-file-input').setInputFiles({ name: 'nordic-stock.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${csv}\r\n`, 'utf8') });
  const preview = page.getByTestId('feed-preview');
  await expect(preview).toBeVisible();
  await expect(page.getByTestId('feed-delimiter')).toContainText('Semicolon');
  await expect(page.getByTestId('feed-row-count')).toHaveText('4 rows');
  await expect(page.getByTestId('feed-sample-row')).toHaveCount(4);
  // German headers are recognised; the mapping can still be changed by hand.
  await expect(page.getByTestId('feed-mapping-supplierSku')).toHaveValue('Artikelnummer');
  await page.getByTestId('feed-mapping-stock').selectOption('Bestand');
  await page.getByTestId('feed-mapping-cost').selectOption('EK-Preis');
  await page.getByTestId('feed-import').click();

  const result = page.getByTestId('feed-result').first();
  await expect(result).toHaveAttribute('data-status', 'applied');
  await expect(page.getByTestId('feed-rows-applied')).toHaveText('2');
  await expect(page.getByTestId('feed-rows-rejected')).toHaveText('2');
  const rowErrors = page.getByTestId('feed-row-error');
  await expect(rowErrors).toHaveCount(2);
  await expect(rowErrors.filter({ hasText: 'Line 4' })).toContainText('NPS-9999');
  await expect(rowErrors.filter({ hasText: 'Line 5' })).toBeVisible();
  await expect(page.locator('[data-testid="feed-change"][data-kind="margin_below_threshold"]')).toContainText('ACANA-LAMB-2KG');
  await expect(page.locator('[data-testid="feed-change"][data-kind="back_in_stock"]')).toContainText('ACANA-LAMB-6KG');
  await page.setViewportSize({ width: 1280, height: 1000 });
  await page.getByTestId('feed-panel').evaluate((panel) => panel.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: join(artifactDir, 'feed-result.png') });
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(page.getByTestId('feed-run')).toHaveCount(1);
  await expect(page.getByTestId('supplier-last-feed').first()).toHaveText(/just now|seconds? ago/);

  // The products list shows the new margin in red (21.00 on 24.90 is 15 %).
  await page.getByTestId('nav-products').click();
  const margin = page.getByTestId('product-row').getByTestId('variant-row').first().getByTestId('variant-margin');
  await expect(margin).toHaveText('15%');
  await expect(margin).toHaveAttribute('data-tone', 'low');

  // (d) An order whose first line is picked from the catalog with the keyboard, plus a free-text line.
  await page.getByTestId('nav-new-order').click();
  const field = (path: string) => page.getByTestId(`field-${path}`);
  await field('customer.name').fill('Zoë Müller');
  await field('customer.email').fill('zoe.muller@example.com');
  await field('shippingAddress.line1').fill('Hauptstraße 1');
  await field('shippingAddress.city').fill('Berlin');
  await field('shippingAddress.postcode').fill('10115');
  await field('shippingAddress.country').selectOption('DE');
  await field('currency').selectOption('EUR');
  await field('lines.0.title').fill('lamb 2');
  const option = page.getByTestId('variant-option').filter({ hasText: 'ACANA-LAMB-2KG' });
  await expect(option).toBeVisible();
  await field('lines.0.title').press('ArrowDown');
  await expect(option).toHaveAttribute('aria-selected', 'true');
  await field('lines.0.title').press('Enter');
  await expect(page.getByTestId('variant-picker')).toHaveCount(0);
  await expect(field('lines.0.sku')).toHaveValue('ACANA-LAMB-2KG');
  await expect(field('lines.0.unitPrice')).toHaveValue('24.90');
  await expect(field('lines.0.title')).toHaveValue('Grain-free Adult Dog Food, Lamb 2 kg');
  await expect(page.getByTestId('line-variant-0')).toBeVisible();
  await field('lines.0.quantity').fill('2');

  await page.getByTestId('add-line').click();
  await field('lines.1.title').fill('Gift wrapping');
  await page.getByTestId('variant-no-match').waitFor();
  await field('lines.1.title').press('Escape');
  await expect(page.getByTestId('variant-picker')).toHaveCount(0);
  await field('lines.1.unitPrice').fill('2.50');
  await expect(page.getByTestId('form-total')).toContainText('52.30');
  await page.getByTestId('submit-order').click();

  await expect(page.getByTestId('order-number')).toHaveText('PD-1001');
  const lines = page.getByTestId('line-supplier');
  await expect(lines.first()).toHaveAttribute('data-supplier-id', String(supplierId));
  await expect(lines.first()).toContainText('Nordic Pet Supply');
  await expect(lines.first().getByTestId('line-routing-reason')).toContainText('priority 1, 40 in stock');

  // The free-text line has no supplier until a person chooses one, with a reason.
  await expect(lines.nth(1)).toHaveAttribute('data-supplier-id', '');
  await expect(lines.nth(1)).toHaveClass(/line-supplier-missing/);
  await lines.nth(1).getByTestId('change-supplier').click();
  const dialog = page.getByTestId('change-supplier-dialog');
  await dialog.getByTestId('field-supplierId').selectOption(String(supplierId));
  await dialog.getByTestId('change-supplier-confirm').click();
  await expect(dialog.getByTestId('error-reason')).toHaveText('Say why you change the supplier');
  await dialog.getByTestId('field-reason').fill('Nordic wraps gifts for us');
  await dialog.getByTestId('change-supplier-confirm').click();
  await expect(dialog).toHaveCount(0);
  await expect(lines.nth(1)).toHaveAttribute('data-supplier-id', String(supplierId));
  await expect(lines.nth(1)).toContainText('Nordic wraps gifts for us');
  await expect(page.locator('[data-testid="timeline-entry"][data-kind="order.line_supplier_changed"]')).toContainText('Nordic wraps gifts for us');
  await page.screenshot({ path: join(artifactDir, 'order-routed.png'), fullPage: true });
});

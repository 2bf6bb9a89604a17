import { join } from 'node:path';
import { startShopifySim } from '../sim/shopify-sim';
import { callDesk } from '../support/desk-api';
import { expect, test } from './desk-fixture';

const artifactDir = join(import.meta.dirname, '..', '..', 'test-results', 'screens');
const TOKEN = 'shpat_e2e_petdrop_settings_3c9d71';

test('Shopify settings: a wrong store address is refused beside its field, the token is write-only, and Sync now pulls the store’s orders', async ({ page, desk }) => {
  const sim = await startShopifySim({ accessToken: TOKEN, port: 0, rateLimit: null });
  try {
    sim.seedOrders(2);
    await page.goto(desk.url);
    await page.getByTestId('nav-settings').click();
    const section = page.getByTestId('settings-shopify');
    await expect(section.getByTestId('shopify-status')).toContainText('Not connected');
    await expect(section.getByTestId('shopify-sync-now')).toBeDisabled();

    await section.getByTestId('field-shopifyStoreUrl').fill('https://shop.example.com');
    await section.getByTestId('field-shopifyAccessToken').fill(TOKEN);
    await section.getByTestId('save-shopify').click();
    await expect(section.getByTestId('error-shopifyStoreUrl')).toContainText('myshopify.com');
    expect((await callDesk(desk.url, 'settings.get', {})).shopifyTokenStored).toBe(false);

    await section.getByTestId('field-shopifyStoreUrl').fill(sim.url);
    await section.getByTestId('save-shopify').click();
    await expect(section.getByTestId('shopify-message')).toContainText('saved');
    await expect(section.getByTestId('shopifyAccessToken-stored')).toContainText('A token is stored');
    const inPage = () => page.evaluate((t) => document.documentElement.outerHTML.includes(t)
      || [...document.querySelectorAll('input, textarea')].some((el) => (el as HTMLInputElement).value.includes(t)), TOKEN);
    expect(await inPage()).toBe(false);

    await section.getByTestId('shopify-sync-now').click();
    await expect(section.getByTestId('shopify-status')).toContainText('2 new');
    await expect(section.getByTestId('shopify-last-error')).toHaveCount(0);
    await section.screenshot({ path: join(artifactDir, 'settings-shopify.png') });
    expect((await callDesk(desk.url, 'orders.list', {})).rows).toHaveLength(2);
  } finally {
    await sim.close();
  }
});

import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startSmtpCatcher } from '../sim/smtp-catcher';
import { startSupplierSim } from '../sim/supplier-sim';
import { startTrackingSim } from '../sim/tracking-sim';
import { callDesk } from '../support/desk-api';
import { setUpDispatchShopOverHttp, simCatalog } from '../support/dispatch-shop-over-http';
import { expect, test } from './desk-fixture';

const artifactDir = join(import.meta.dirname, '..', '..', 'test-results', 'screens');
const SIM_KEY = 'sim_e2e_tracking_key_7d2e';
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** The shop's "no news for this long is a problem" setting; the stalled parcel's last scan is older than this. */
const EXPIRE_DAYS = 5;

/**
 * Clicks "Sync now" on the exceptions screen and waits for that round's answer (the button is busy until
 * then); a round that could not reach the supplier API or the tracking service shows an error, so none may show.
 */
async function syncNow(page: Page): Promise<void> {
  await page.getByTestId('nav-exceptions').click();
  const button = page.getByTestId('sync-now');
  await expect(button).toBeEnabled();
  const answered = page.waitForResponse((response) => response.url().endsWith('/api/tracking.syncNow'));
  await button.click();
  expect((await answered).ok()).toBe(true);
  await expect(button).toHaveText('Sync now');
  await expect(page.getByTestId('sync-error')).toHaveCount(0);
  await expect(page.getByTestId('sync-last-error')).toHaveCount(0);
  await expect(page.getByTestId('last-sync')).toContainText('Last synced');
}

async function openOrder(page: Page, number: string): Promise<void> {
  await page.getByTestId('nav-orders').click();
  await page.getByTestId('order-row').filter({ hasText: number }).click();
  await expect(page.getByTestId('shipments-panel')).toBeVisible();
}

test('a parcel from the supplier API appears after Sync now, is followed to delivered with the customer e-mailed, and a stalled parcel lands in the exceptions inbox', async ({ page, desk }) => {
  const smtp = await startSmtpCatcher();
  const supplier = await startSupplierSim({ apiKey: SIM_KEY, catalog: simCatalog() });
  // Real time (no fixed clock): the desk's host runs on the real clock, and "no news for too long" compares the two.
  const tracking = await startTrackingSim();
  try {
    // The supplier acknowledges on the first read of an order and ships it in one UPS parcel on the next.
    supplier.setOrderScenario({ autoAcknowledgeAfterPolls: 1, autoShipAfterPolls: 1 });
    const shop = await setUpDispatchShopOverHttp(desk.url, smtp, supplier, SIM_KEY);
    await callDesk(desk.url, 'settings.update', {
      trackingApiUrl: tracking.url, trackingApiKey: tracking.apiKey, trackingExpireDays: EXPIRE_DAYS,
      notifyShipped: true, notifyOutForDelivery: true, notifyDelivered: true, notifyDelayed: true,
    });
    const delivered = await shop.readyOrder(desk.url, 0);
    const stalled = await shop.readyOrder(desk.url, 1);
    const apiPo = (order: { number: string }) => `PO-${order.number.slice(3)}-2`;
    for (const order of [delivered, stalled]) await callDesk(desk.url, 'supplierOrders.send', { orderId: order.id });
    // The outbox places both API POs at the supplier (sim.orders() is not a read, so it moves nothing on).
    await expect.poll(() => supplier.orders().map((o) => o.client_reference).sort()).toEqual([apiPo(delivered), apiPo(stalled)].sort());
    // Only Sync now moves the supplier on here: the desk's own supplier check and tracking timers are minutes away.
    expect(supplier.orders().every((o) => o.status === 'received')).toBe(true);

    await page.goto(desk.url);
    await page.getByTestId('nav-exceptions').click();
    await expect(page.getByTestId('exceptions-empty')).toBeVisible();
    await expect(page.getByTestId('nav-exceptions-count')).toHaveAttribute('data-count', '0');

    // First round: the supplier's API answers "acknowledged"; nothing has shipped yet.
    await syncNow(page);
    await openOrder(page, delivered.number);
    await expect(page.getByTestId(`po-status-${apiPo(delivered)}`)).toHaveText('Acknowledged');
    await expect(page.getByTestId('shipment-card')).toHaveCount(0);

    // Second round: the supplier reports the parcel, and the desk registers its number at the tracking service.
    await syncNow(page);
    const parcelOf = (order: { number: string }) => {
      const [placed] = supplier.ordersByClientReference(apiPo(order));
      expect(placed?.shipments).toHaveLength(1);
      return placed!.shipments[0]!;
    };
    const parcel = parcelOf(delivered);
    const quiet = parcelOf(stalled);
    expect(parcel.carrier).toBe('UPS');
    expect(parcel.tracking_number).toMatch(/^1Z[0-9A-Z]{16}$/);
    expect(tracking.tracking(parcel.tracking_number)?.slug).toBe('ups');
    expect(tracking.tracking(quiet.tracking_number)).toBeDefined();
    await openOrder(page, delivered.number);
    const card = page.getByTestId('shipment-card');
    await expect(card).toHaveCount(1);
    await expect(card).toHaveAttribute('data-tracking-number', parcel.tracking_number);
    await expect(card).toHaveAttribute('data-po-number', apiPo(delivered));
    await expect(card.getByTestId('shipment-source')).toHaveText(/supplier/i);
    await expect(page.locator('[data-testid="notification-row"][data-kind="shipped"]')).toHaveAttribute('data-delivery', 'done');
    await page.getByTestId('shipments-panel').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifactDir, 'tracking-shipped.png') });

    // The carrier scans it on its way; the desk follows.
    const start = Date.now() - 6 * HOUR_MS;
    tracking.advance(parcel.tracking_number, 'InTransit', { at: new Date(start), location: 'Köln, DE', message: 'Arrived at facility' });
    tracking.advance(parcel.tracking_number, 'OutForDelivery', { at: new Date(start + 3 * HOUR_MS), location: 'Berlin, DE', message: 'Out for delivery' });
    await syncNow(page);
    await openOrder(page, delivered.number);
    await expect(card).toHaveAttribute('data-status', 'out_for_delivery');
    await expect(card.getByTestId('shipment-status')).toHaveText('Out for delivery');

    tracking.advance(parcel.tracking_number, 'Delivered', { at: new Date(start + 5 * HOUR_MS), location: 'Berlin, DE', message: 'Delivered, front door', signedBy: 'SCHULZ' });
    await syncNow(page);
    await openOrder(page, delivered.number);
    await expect(card).toHaveAttribute('data-status', 'delivered');
    await expect(card.getByTestId('shipment-status')).toHaveText('Delivered');
    for (const kind of ['shipped', 'out_for_delivery', 'delivered']) {
      await expect(page.locator(`[data-testid="notification-row"][data-kind="${kind}"]`)).toHaveAttribute('data-delivery', 'done');
    }
    await page.getByTestId('shipments-panel').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifactDir, 'tracking-delivered.png') });

    // The customer's mails, as the mail server received them.
    const mailTo = (address: string, subject: RegExp) =>
      smtp.messages.filter((m) => m.envelope.to.includes(address) && subject.test(m.subject ?? ''));
    const customer = delivered.customer.email;
    await expect.poll(() => mailTo(customer, /has been delivered/).length).toBe(1);
    const [shippedMail] = mailTo(customer, /has shipped/);
    expect(shippedMail?.subject).toContain(delivered.number);
    expect(shippedMail?.text).toContain(parcel.tracking_number);
    expect(mailTo(customer, /out for delivery/)).toHaveLength(1);
    expect(mailTo(customer, /has been delivered/)[0]!.subject).toContain(delivered.number);

    // The other parcel was scanned once, a week ago, and the carrier has said nothing since.
    tracking.advance(quiet.tracking_number, 'InTransit', { at: new Date(Date.now() - (EXPIRE_DAYS + 2) * DAY_MS), location: 'Hamburg, DE', message: 'Departed facility' });
    tracking.stall(quiet.tracking_number);
    expect(tracking.advance(quiet.tracking_number, 'OutForDelivery')).toBeUndefined();
    await syncNow(page);
    const row = page.locator('[data-testid="exception-row"][data-kind="tracking_trouble"]');
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId('exception-order')).toHaveText(stalled.number);
    await expect(row.getByTestId('exception-reason')).toContainText(quiet.tracking_number);
    await expect(row.getByTestId('exception-reason')).toContainText(`no news for ${EXPIRE_DAYS + 2} days`);
    await expect(page.getByTestId('nav-exceptions-count')).toHaveAttribute('data-count', '1');
    await page.screenshot({ path: join(artifactDir, 'tracking-exceptions.png') });
    // The customer of the quiet parcel is told once that it is delayed; the delivered order's customer is not.
    await expect.poll(() => mailTo(stalled.customer.email, /is delayed/).length).toBe(1);
    expect(mailTo(customer, /delayed/)).toHaveLength(0);
  } finally {
    await smtp.close();
    await supplier.close();
    await tracking.close();
  }
});

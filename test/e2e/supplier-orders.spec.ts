import { join } from 'node:path';
import { startSmtpCatcher, type SmtpCatcher } from '../sim/smtp-catcher';
import { startSupplierSim, type SupplierSim } from '../sim/supplier-sim';
import { callDesk } from '../support/desk-api';
import { setUpDispatchShopOverHttp, simCatalog } from '../support/dispatch-shop-over-http';
import { expect, test } from './desk-fixture';

const artifactDir = join(import.meta.dirname, '..', '..', 'test-results', 'screens');
const SIM_KEY = 'sim_e2e_dispatch_key_41c9';

/** Both suppliers' far ends, started on ports chosen now and then stopped: the desk is set up while they are unreachable. */
async function unreachablePeers() {
  const smtp = await startSmtpCatcher();
  const sim = await startSupplierSim({ apiKey: SIM_KEY, catalog: simCatalog() });
  const ports = { smtp: smtp.port, sim: sim.port, simUrl: sim.url };
  await smtp.close();
  await sim.close();
  return ports;
}

test('purchase orders sent while the suppliers are unreachable wait in the outbox, go out when they are back, and are confirmed', async ({ page, desk }) => {
  const ports = await unreachablePeers();
  const shop = await setUpDispatchShopOverHttp(desk.url, { port: ports.smtp }, { url: ports.simUrl }, SIM_KEY);
  const order = await shop.readyOrder(desk.url, 0);
  const peers: { smtp?: SmtpCatcher; sim?: SupplierSim } = {};
  try {
    await page.goto(desk.url);
    await page.getByTestId('order-row').filter({ hasText: order.number }).click();
    await expect(page.getByTestId('order-stage')).toHaveText('Ready to send');
    await expect(page.getByTestId('po-empty')).toBeVisible();

    // Send: the desk splits the order in two purchase orders and shows them before anything leaves.
    await page.getByTestId('next-step-send').click();
    const dialog = page.getByTestId('po-send-dialog');
    await expect(dialog.getByTestId('po-send-item')).toHaveCount(2);
    const digits = order.number.slice(3);
    const [emailPo, apiPo] = [`PO-${digits}-1`, `PO-${digits}-2`];
    await dialog.getByTestId(`po-send-preview-${emailPo}`).click();
    const preview = page.getByTestId('po-preview-dialog');
    await expect(preview.getByTestId('po-preview-to')).toContainText('bestellung@tiergrosshandel.example');
    await expect(preview.getByTestId('po-preview-text')).toContainText('TGM-ACANA-11');
    await expect(preview.getByTestId('po-preview-attachment')).toHaveCount(2);
    await page.screenshot({ path: join(artifactDir, 'po-preview.png') });
    await page.keyboard.press('Escape');
    await expect(preview).toHaveCount(0);
    await dialog.getByTestId('po-send-confirm').click();
    await expect(dialog).toHaveCount(0);

    // Nobody answers: both wait in the outbox, and the top bar says so.
    await expect(page.getByTestId(`po-status-${emailPo}`)).toHaveText('Queued');
    await expect(page.getByTestId(`po-status-${apiPo}`)).toHaveText('Queued');
    await expect(page.getByTestId('outbox-indicator-text')).toHaveText('2 waiting for connection', { timeout: 20_000 });
    await expect(page.getByTestId(`po-delivery-${apiPo}`)).toContainText(/127\.0\.0\.1|reach|connect/i);
    await page.screenshot({ path: join(artifactDir, 'po-queued-offline.png'), fullPage: true });

    // The suppliers are back (same addresses); the owner does not have to wait for the next scheduled try.
    peers.smtp = await startSmtpCatcher({ port: ports.smtp });
    peers.sim = await startSupplierSim({ apiKey: SIM_KEY, catalog: simCatalog(), port: ports.sim });
    await page.getByTestId('outbox-retry-now').click();
    await expect(page.getByTestId(`po-status-${emailPo}`)).toHaveText('Sent', { timeout: 20_000 });
    await expect(page.getByTestId(`po-status-${apiPo}`)).toHaveText('Sent');
    await expect(page.getByTestId('outbox-indicator')).toHaveCount(0);
    expect(peers.smtp.messages.map((m) => m.messageId)).toEqual([`<po-${emailPo}.petdrop@happypaws.example>`]);
    expect(peers.sim.ordersByClientReference(apiPo)).toHaveLength(1);

    // The e-mail supplier answered by e-mail: the owner types it in.
    await page.getByTestId(`po-answer-${emailPo}`).click();
    const answer = page.getByTestId('po-answer-dialog');
    await answer.getByTestId('field-supplierReference').fill('TGM-55120');
    await answer.getByTestId('po-answer-confirm').click();
    await expect(answer).toHaveCount(0);
    await expect(page.getByTestId(`po-status-${emailPo}`)).toHaveText('Acknowledged');
    await expect(page.getByTestId(`po-reference-${emailPo}`)).toContainText('TGM-55120');

    // The API supplier acknowledges on its side; "Check now" reads it.
    peers.sim.acknowledge(peers.sim.ordersByClientReference(apiPo)[0]!.id, { supplierReference: 'SUP-700001' });
    await page.getByTestId(`po-refresh-${apiPo}`).click();
    await expect(page.getByTestId(`po-status-${apiPo}`)).toHaveText('Acknowledged');
    await expect(page.getByTestId(`po-reference-${apiPo}`)).toContainText('SUP-700001');
    await expect(page.getByTestId('order-stage')).toHaveText('Awaiting supplier');
    await page.screenshot({ path: join(artifactDir, 'po-confirmed.png'), fullPage: true });
  } finally {
    await peers.smtp?.close();
    await peers.sim?.close();
  }
});

test('an e-mail cut off mid-send waits for the owner’s decision; a rejected line moves to the next supplier', async ({ page, desk }) => {
  const smtp = await startSmtpCatcher();
  const sim = await startSupplierSim({ apiKey: SIM_KEY, catalog: simCatalog() });
  try {
    const shop = await setUpDispatchShopOverHttp(desk.url, smtp, sim, SIM_KEY);
    const order = await shop.readyOrder(desk.url, 1);
    // A second supplier for the dog food, second choice: where a rejected line can go.
    const backup = await callDesk(desk.url, 'suppliers.save', { supplier: { name: 'Futterhaus Nord', channel: 'email', orderEmail: 'auftrag@futterhaus.example', currency: 'EUR', shipsTo: ['DE'] } });
    await callDesk(desk.url, 'catalog.saveOffer', { variantId: order.lines[0]!.variantId!, supplierId: backup.id, supplierSku: 'FN-ACANA-11', cost: 5400, stock: 20, priority: 2 });
    const digits = order.number.slice(3);
    const [emailPo, , reroutedPo] = [`PO-${digits}-1`, `PO-${digits}-2`, `PO-${digits}-3`];

    // The mail server takes the message, then the connection breaks before it says so.
    smtp.failNext(1, { kind: 'drop_after_data' });
    await page.goto(desk.url);
    await page.getByTestId('order-row').filter({ hasText: order.number }).click();
    await page.getByTestId('next-step-send').click();
    await page.getByTestId('po-send-confirm').click();
    await expect(page.getByTestId(`po-status-${emailPo}`)).toHaveText('Sent? Unknown', { timeout: 20_000 });
    await expect(page.getByTestId('order-stage')).toHaveText('Exception');
    await expect(page.getByTestId('outbox-indicator-text')).toHaveText('1 needs you');

    // The owner decides: send it again, marked as a possible duplicate. A note is required.
    await page.getByTestId(`po-resolve-${emailPo}`).click();
    const decide = page.getByTestId(`po-unknown-${emailPo}`);
    await decide.getByTestId('po-unknown-resend').check();
    await decide.getByTestId('po-unknown-confirm').click();
    await expect(decide.getByTestId('error-note')).toContainText('Write a note');
    await decide.getByTestId('field-note').fill('Not in our sent folder; Müller has no order from us today');
    await decide.getByTestId('po-unknown-confirm').click();
    await expect(decide).toHaveCount(0);
    await expect(page.getByTestId(`po-status-${emailPo}`)).toHaveText('Sent', { timeout: 20_000 });
    expect(smtp.messages).toHaveLength(2);
    expect(new Set(smtp.messages.map((m) => m.messageId))).toEqual(new Set([`<po-${emailPo}.petdrop@happypaws.example>`]));
    expect(smtp.messages[1]!.subject).toMatch(/^\[Possible duplicate\] /);

    // Müller answers: out of stock. The order is held as an exception until the line moves on.
    await page.getByTestId(`po-answer-${emailPo}`).click();
    const answer = page.getByTestId('po-answer-dialog');
    await answer.getByTestId('field-lines.0.status').selectOption('rejected');
    await answer.getByTestId('field-lines.0.rejectionReason').selectOption('out_of_stock');
    await answer.getByTestId('po-answer-confirm').click();
    await expect(answer).toHaveCount(0);
    await expect(page.getByTestId(`po-status-${emailPo}`)).toHaveText('Rejected');
    await expect(page.locator('[data-testid="hold"][data-reason="SUPPLIER_REJECTED"]')).toHaveAttribute('data-open', 'true');

    await page.getByTestId(`po-reroute-${emailPo}`).click();
    await page.getByTestId('po-reroute-confirm').click();
    await expect(page.getByTestId(`po-status-${reroutedPo}`)).toHaveText('Draft');
    await expect(page.locator('[data-testid="hold"][data-reason="SUPPLIER_REJECTED"]')).toHaveAttribute('data-open', 'false');
    await page.getByTestId('po-send').click();
    await page.getByTestId('po-send-confirm').click();
    await expect(page.getByTestId(`po-status-${reroutedPo}`)).toHaveText('Sent', { timeout: 20_000 });
    expect(smtp.messages.at(-1)!.envelope.to).toEqual(['auftrag@futterhaus.example']);
    await page.screenshot({ path: join(artifactDir, 'po-rerouted.png'), fullPage: true });
  } finally {
    await smtp.close();
    await sim.close();
  }
});

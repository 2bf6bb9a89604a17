import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { ProcedureName } from '../../src-shared/contract/names';
import type { ProcedureInput, ProcedureOutput } from '../../src-shared/contract/procedures';
import { startStripeSim, type StripeSim } from '../sim/stripe-sim';
import { callDesk } from '../support/desk-api';
import { fillOrderForm, ZOE_ORDER } from './order-form';
import { expect, test, type DeskHost } from './desk-fixture';

const artifactDir = join(import.meta.dirname, '..', '..', 'test-results', 'screens');

const api = <N extends ProcedureName>(desk: DeskHost, name: N, input: ProcedureInput<N>): Promise<ProcedureOutput<N>> => callDesk(desk.url, name, input);

/** Zoë's order as the orders spec types it: 2 × 89.99 + 5.90 shipping = EUR 185.88, free-text line (no catalog). */
const ZOE_TOTAL = 18_588;

const fillZoeOrder = (page: Page) => fillOrderForm(page, ZOE_ORDER);

test('a duplicate order waits in Needs review, is overridden there by keyboard, paid by bank transfer, and is ready to send', async ({ page, desk }) => {
  // The first purchase came in earlier (through the API, as an import would bring it).
  const first = await api(desk, 'orders.create', { submit: true, order: ZOE_ORDER });
  expect(first.stage).toBe('ready_to_pay');

  // The same customer, address and items typed in again: the duplicate check fails and holds the order.
  await page.goto(desk.url);
  await expect(page.getByTestId('order-row')).toHaveCount(1);
  await page.getByTestId('nav-new-order').click();
  await fillZoeOrder(page);
  await page.getByTestId('submit-order').click();
  await expect(page.getByTestId('order-number')).toHaveText('PD-1002');
  await expect(page.getByTestId('order-stage')).toHaveText('Needs review');
  await expect(page.getByTestId('next-step')).toHaveAttribute('data-kind', 'review');
  const duplicate = page.locator('[data-testid="check"][data-code="duplicate"]');
  await expect(duplicate).toHaveAttribute('data-outcome', 'fail');
  await expect(duplicate.getByTestId('check-message')).toContainText('PD-1001 has the same customer, address and items');
  await expect(page.locator('[data-testid="hold"][data-reason="POSSIBLE_DUPLICATE"]')).toHaveAttribute('data-open', 'true');
  // "Review" takes the cursor to the failed check's Override button.
  await page.getByTestId('next-step-action').click();
  await expect(duplicate.getByTestId('check-override')).toBeFocused();
  await page.screenshot({ path: join(artifactDir, 'order-needs-review.png'), fullPage: true });

  // The sidebar counts it; the queue shows it; O resolves it with a note, by keyboard only.
  await expect(page.getByTestId('nav-review-count')).toHaveAttribute('data-count', '1');
  await page.getByTestId('nav-review').click();
  const rows = page.getByTestId('review-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('review-detail')).toHaveAttribute('data-order-id', String(first.id + 1));
  await expect(page.locator('[data-testid="review-problem"][data-code="duplicate"]')).toContainText('PD-1001');
  await page.screenshot({ path: join(artifactDir, 'needs-review-queue.png') });
  // Enter opens the selected order (the queue has the focus, not the sidebar link just clicked); Back returns.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('order-number')).toHaveText('PD-1002');
  await page.goBack();
  await expect(rows.first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('o');
  const dialog = page.getByTestId('resolve-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('resolve-item')).toHaveCount(1);
  // The note is required: confirming without one says so beside the box.
  await page.getByTestId('resolve-confirm').click();
  await expect(page.getByTestId('error-note')).toContainText('Write a note');
  const note = 'Called Zoë: the second bag is for her sister, both wanted';
  await page.getByTestId('field-note').fill(note);
  await page.keyboard.press('Control+Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('review-empty')).toContainText('Orders with failed checks or holds appear here');
  await expect(page.getByTestId('review-notice')).toContainText('PD-1002 resolved');
  await expect(page.getByTestId('nav-review-count')).toHaveAttribute('data-count', '0');

  // Back on the order: the override is on the checklist, and the next step is taking the payment.
  await page.getByTestId('nav-orders').click();
  await page.getByTestId('order-row').filter({ hasText: 'PD-1002' }).click();
  await expect(page.getByTestId('order-stage')).toHaveText('Ready to pay');
  await expect(duplicate).toHaveAttribute('data-overridden', 'true');
  await expect(duplicate.getByTestId('check-override-info')).toContainText(note);
  await expect(page.getByTestId('next-step')).toHaveAttribute('data-kind', 'pay');
  await page.getByTestId('next-step-action').click();

  const pay = page.getByTestId('take-payment-dialog');
  await expect(pay).toBeVisible();
  await expect(page.getByTestId('field-amount')).toHaveValue('185.88');
  await pay.screenshot({ path: join(artifactDir, 'take-payment-dialog.png') });
  await page.getByTestId('field-method').selectOption('storefront');
  await page.getByTestId('record-payment').click();
  await expect(page.getByTestId('error-reference')).toContainText('storefront’s payment reference');
  await page.getByTestId('field-method').selectOption('bank_transfer');
  await page.getByTestId('field-reference').fill('SEPA-2024-0042');
  await page.getByTestId('record-payment').click();
  await expect(pay).toHaveCount(0);

  await expect(page.getByTestId('order-stage')).toHaveText('Ready to send');
  await expect(page.getByTestId('payment-status')).toHaveText('Paid');
  await expect(page.getByTestId('amount-due')).toContainText('0.00');
  await expect(page.getByTestId('next-step')).toHaveAttribute('data-kind', 'send');
  await expect(page.getByTestId('next-step-note')).toBeVisible();
  const payment = page.getByTestId('payment');
  await expect(payment).toHaveAttribute('data-method', 'bank_transfer');
  await expect(payment).toHaveAttribute('data-status', 'captured');
  const overridden = page.locator('[data-testid="timeline-entry"][data-kind="order.check_overridden"]');
  await expect(overridden.getByTestId('timeline-reason')).toContainText(note);
  await expect(page.locator('[data-testid="timeline-entry"][data-kind="payment.recorded"]')).toContainText(/185\.88 received by bank transfer \(reference SEPA-2024-0042\)/);
  await page.screenshot({ path: join(artifactDir, 'order-ready-to-send.png'), fullPage: true });
});

test.describe('with the Stripe simulator', () => {
  let sim: StripeSim;
  test.beforeEach(async () => {
    sim = await startStripeSim();
  });
  test.afterEach(async () => {
    await sim.close();
  });

  test('a card authorization attached to an order is captured once, and the order is ready to send', async ({ page, desk }) => {
    const order = await api(desk, 'orders.create', { submit: true, order: ZOE_ORDER });
    expect(order.checks.filter((c) => c.outcome === 'fail')).toEqual([]);
    expect(order.total.amount).toBe(ZOE_TOTAL);

    await page.goto(desk.url);
    await page.getByTestId('order-row').filter({ hasText: order.number }).click();
    await expect(page.getByTestId('order-stage')).toHaveText('Ready to pay');

    // Without a Stripe key the card choices say where to add it.
    await page.getByTestId('next-step-action').click();
    await page.getByTestId('pay-tab-stripe').click();
    await expect(page.getByTestId('stripe-not-set-up')).toContainText('Add the Stripe key in Settings first');
    await expect(page.getByTestId('stripe-settings-link')).toHaveAttribute('href', '#/settings');
    await page.getByTestId('take-payment-close').click();

    await api(desk, 'settings.update', { stripeApiUrl: sim.url, stripeSecretKey: sim.apiKey, captureRequiresSupplierAck: false });
    const intentId = sim.createAuthorizedIntent({ amount: ZOE_TOTAL, currency: 'eur', metadata: { order: order.number } });

    await page.getByTestId('next-step-action').click();
    await page.getByTestId('pay-tab-stripe').click();
    await page.getByTestId('field-paymentIntentId').fill('pi_nonsense');
    await page.getByTestId('attach-payment').click();
    await expect(page.getByTestId('error-paymentIntentId')).toBeVisible();
    await page.getByTestId('field-paymentIntentId').fill(intentId);
    await page.getByTestId('attach-payment').click();
    await expect(page.getByTestId('take-payment-dialog')).toHaveCount(0);

    const payment = page.getByTestId('payment');
    await expect(payment).toHaveAttribute('data-status', 'authorized');
    await expect(payment.getByTestId('payment-card')).toContainText('····4242');
    await expect(payment.getByTestId('payment-capture-before')).toHaveAttribute('data-urgent', 'false');
    await expect(page.getByTestId('next-step')).toHaveAttribute('data-kind', 'capture');
    const capture = page.getByTestId('next-step-action');
    await expect(capture).toHaveText(/Capture €185\.88/);
    await page.screenshot({ path: join(artifactDir, 'order-capture.png'), fullPage: true });
    await capture.click();

    // Queued in the outbox and done by the core in the background; the page follows orders.changed.
    await expect(payment).toHaveAttribute('data-status', 'captured', { timeout: 30_000 });
    await expect(payment.locator('[data-testid="payment-action"][data-kind="capture"]')).toHaveAttribute('data-status', 'done');
    await expect(payment.getByTestId('payment-captured')).toContainText('185.88');
    await expect(page.getByTestId('order-stage')).toHaveText('Ready to send');
    await expect(page.getByTestId('payment-status')).toHaveText('Paid');
    await expect(page.getByTestId('next-step')).toHaveAttribute('data-kind', 'send');
    await expect(page.locator('[data-testid="timeline-entry"][data-kind="payment.captured"]')).toContainText('185.88');
    await page.getByTestId('payments').screenshot({ path: join(artifactDir, 'order-payments-captured.png') });
    expect(sim.captures(intentId)).toHaveLength(1);
    expect(sim.requestsTo('POST /v1/payment_intents/:id/capture').filter((r) => r.status === 200)).toHaveLength(1);
  });
});

test('settings: errors beside their fields, and the Stripe key is write-only', async ({ page, desk }) => {
  const key = 'sk_test_PETDROPe2eKEY9f3c1e7a5b2d4c6e8f0a';
  await page.goto(desk.url);
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('field-duplicateWindowMinutes')).toHaveValue('1440');
  await expect(page.getByTestId('field-captureRequiresSupplierAck')).toBeChecked();

  await page.getByTestId('field-stripeApiUrl').fill('http://api.stripe.example');
  await page.getByTestId('field-duplicateWindowMinutes').fill('');
  await page.getByTestId('save-settings').click();
  await expect(page.getByTestId('error-stripeApiUrl')).toContainText('https');
  await expect(page.getByTestId('error-duplicateWindowMinutes')).toContainText('duplicate window');
  await expect(page.getByTestId('field-duplicateWindowMinutes')).toBeFocused();

  await page.getByTestId('field-duplicateWindowMinutes').fill('120');
  await page.getByTestId('field-stripeApiUrl').fill('https://api.stripe.com');
  // The core's own rule (hold factor at least the warning factor) comes back beside its field.
  await page.getByTestId('field-highValueFailFactor').fill('3');
  await page.getByTestId('field-stripeSecretKey').fill(key);
  await page.getByTestId('field-captureRequiresSupplierAck').uncheck();
  await expect(page.getByTestId('unsaved-indicator')).toBeVisible();
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('error-highValueFailFactor')).toContainText('at least the warning factor');
  await page.getByTestId('field-highValueFailFactor').fill('12');
  await page.getByTestId('save-settings').click();

  await expect(page.getByTestId('settings-notice')).toContainText('The Stripe key is stored');
  await expect(page.getByTestId('stripeSecretKey-stored')).toContainText('A key is stored');
  await expect(page.getByTestId('field-stripeSecretKey')).toHaveCount(0);
  await expect(page.getByTestId('unsaved-indicator')).toHaveCount(0);
  const inPage = () => page.evaluate((k) => document.documentElement.outerHTML.includes(k)
    || [...document.querySelectorAll('input, textarea')].some((el) => (el as HTMLInputElement).value.includes(k)), key);
  expect(await inPage()).toBe(false);
  await page.screenshot({ path: join(artifactDir, 'settings.png'), fullPage: true });

  const saved = await api(desk, 'settings.get', {});
  expect(saved).toMatchObject({ duplicateWindowMinutes: 120, highValueFailFactor: 12, captureRequiresSupplierAck: false, stripeKeyStored: true });
  expect(JSON.stringify(saved)).not.toContain(key);

  await page.reload();
  await expect(page.getByTestId('stripeSecretKey-stored')).toBeVisible();
  await expect(page.getByTestId('field-captureRequiresSupplierAck')).not.toBeChecked();
  await page.getByTestId('stripeSecretKey-remove').click();
  await page.getByTestId('stripeSecretKey-remove-confirm').click();
  await page.getByTestId('save-settings').click();
  await expect(page.getByTestId('settings-notice')).toContainText('The Stripe key is removed');
  expect((await api(desk, 'settings.get', {})).stripeKeyStored).toBe(false);
});

test('on the order page: a US address without its state is held; a person overrides it, puts on and releases a hold of their own', async ({ page, desk }) => {
  const order = await api(desk, 'orders.create', {
    submit: true,
    order: {
      ...ZOE_ORDER,
      customer: { name: 'Sam Rivera', email: 'sam.rivera@example.com', phone: '' },
      shippingAddress: { line1: '350 Fifth Avenue', line2: '', city: 'New York', region: '', postcode: '10118', country: 'US' },
      currency: 'USD',
    },
  });
  expect(order.stage).toBe('needs_review');

  await page.goto(desk.url);
  await page.getByTestId('order-row').filter({ hasText: order.number }).click();
  const address = page.locator('[data-testid="check"][data-code="address"]');
  await expect(address).toHaveAttribute('data-outcome', 'fail');
  await expect(address.getByTestId('check-outcome')).toHaveText('Failed');
  await expect(address.getByTestId('check-message')).toContainText('state is missing');
  await address.getByTestId('check-details-toggle').click();
  await expect(address.getByTestId('check-details')).toContainText('Region required');

  // Override needs a note, beside its box.
  await address.getByTestId('check-override').click();
  await page.getByTestId('override-confirm').click();
  await expect(page.getByTestId('error-note')).toContainText('Write a note');
  await page.getByTestId('field-note').fill('Customer confirmed by phone: the state is NY');
  await page.getByTestId('override-confirm').click();
  await expect(page.getByTestId('override-dialog')).toHaveCount(0);
  await expect(address).toHaveAttribute('data-overridden', 'true');
  await expect(page.getByTestId('order-stage')).toHaveText('Ready to pay');

  // Re-running the checks keeps a person's decision.
  await page.getByTestId('rerun-checks').click();
  await expect(page.getByTestId('order-notice')).toContainText('nothing is failing');
  await expect(address).toHaveAttribute('data-overridden', 'true');

  // A hold of the shop's own stops the order until it is released, with notes on both.
  await page.getByTestId('place-hold').click();
  await page.getByTestId('field-note').fill('Customer asked us to wait until Friday');
  await page.getByTestId('place-hold-confirm').click();
  await expect(page.getByTestId('order-stage')).toHaveText('Needs review');
  const own = page.locator('[data-testid="hold"][data-reason="OTHER"]');
  await expect(own).toHaveAttribute('data-open', 'true');
  await expect(page.getByTestId('next-step')).toHaveAttribute('data-kind', 'review');
  await own.getByTestId('release-hold').click();
  await page.getByTestId('field-note').fill('Friday came');
  await page.getByTestId('release-confirm').click();
  await expect(own).toHaveAttribute('data-open', 'false');
  await expect(own.getByTestId('hold-release-info')).toContainText('Friday came');
  await expect(page.getByTestId('order-stage')).toHaveText('Ready to pay');
  // Newest first: the release of the shop's own hold, after the address hold released by the override.
  const released = page.locator('[data-testid="timeline-entry"][data-kind="order.hold_released"]');
  await expect(released.first()).toContainText('Hold released: Other');
  await expect(released.first().getByTestId('timeline-reason')).toContainText('Friday came');
  await expect(released.nth(1).getByTestId('timeline-reason')).toContainText('the state is NY');
});

test.describe('a payment link with the Stripe simulator', () => {
  let sim: StripeSim;
  test.beforeEach(async () => {
    sim = await startStripeSim();
  });
  test.afterEach(async () => {
    await sim.close();
  });

  test('the link is made and copied, the customer pays it, and part is captured and part refunded', async ({ page, desk, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await api(desk, 'settings.update', { stripeApiUrl: sim.url, stripeSecretKey: sim.apiKey, captureRequiresSupplierAck: false });
    const order = await api(desk, 'orders.create', { submit: true, order: ZOE_ORDER });

    await page.goto(desk.url);
    await page.getByTestId('order-row').filter({ hasText: order.number }).click();
    await page.getByTestId('next-step-action').click();
    await page.getByTestId('pay-tab-link').click();
    await page.getByTestId('create-link').click();
    // The link is made by the outbox in the background; the dialog shows it when the order changes.
    const link = page.getByTestId('take-payment-dialog').getByTestId('payment-link-url');
    await expect(link).toHaveValue(new RegExp(`^${sim.url}/pay/cs_`));
    const url = await link.inputValue();
    await page.getByTestId('take-payment-dialog').getByTestId('copy-payment-link').click();
    await expect(page.getByTestId('take-payment-dialog').getByTestId('copy-payment-link')).toHaveText('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    await page.getByTestId('take-payment-close').click();

    await expect(page.getByTestId('next-step')).toHaveAttribute('data-kind', 'await_payment');
    await expect(page.getByTestId('next-step').getByTestId('payment-link-url')).toHaveValue(url);
    await expect(page.getByTestId('payment')).toHaveAttribute('data-status', 'awaiting_customer');
    await expect(page.getByTestId('payment-status')).toHaveText('Pending');

    // The customer pays on Stripe's page; the desk learns it when asked (it polls every minute too).
    sim.completeCheckout(new URL(url).pathname.split('/').pop() ?? '', { card: 'visa' });
    await page.getByTestId('next-step-action').click();
    const payment = page.getByTestId('payment');
    await expect(payment).toHaveAttribute('data-status', 'authorized');
    await expect(page.getByTestId('next-step')).toHaveAttribute('data-kind', 'capture');
    const intentId = (await api(desk, 'orders.get', { id: order.id })).payments[0]?.stripePaymentIntentId ?? '';
    expect(intentId).toMatch(/^pi_/);

    // One item cannot ship: capture only part; the rest goes back to the customer's card.
    await payment.getByTestId('capture-payment').click();
    await page.getByTestId('capture-part').check();
    await page.getByTestId('field-amount').fill('200');
    await page.getByTestId('capture-confirm').click();
    await expect(page.getByTestId('error-amount')).toContainText('At most €185.88');
    await page.getByTestId('field-amount').fill('100');
    await expect(page.getByTestId('capture-confirm')).toHaveText('Capture €100.00');
    await page.getByTestId('capture-confirm').click();
    await expect(page.getByTestId('capture-dialog')).toHaveCount(0);
    await expect(payment).toHaveAttribute('data-status', 'captured');
    await expect(payment.getByTestId('payment-captured')).toContainText('100.00');
    await expect(page.getByTestId('payment-status')).toHaveText('Partially paid');

    // A refund needs a reason, and says exactly how much.
    await payment.getByTestId('refund-payment').click();
    await expect(page.getByTestId('field-amount')).toHaveValue('100.00');
    await page.getByTestId('field-amount').fill('20');
    await page.getByTestId('refund-confirm').click();
    await expect(page.getByTestId('error-reason')).toContainText('Write a note');
    await page.getByTestId('field-reason').fill('One bag arrived torn');
    await expect(page.getByTestId('refund-confirm')).toHaveText('Refund €20.00');
    await page.getByTestId('refund-confirm').click();
    await expect(page.getByTestId('refund-dialog')).toHaveCount(0);
    await expect(payment.getByTestId('payment-refunded')).toContainText('20.00');
    await expect(payment.locator('[data-testid="payment-action"][data-kind="refund"]')).toHaveAttribute('data-status', 'done');
    await expect(page.getByTestId('payment-status')).toHaveText('Partially refunded');
    await expect(page.locator('[data-testid="timeline-entry"][data-kind="payment.refund_requested"]').getByTestId('timeline-reason')).toContainText('One bag arrived torn');

    expect(sim.captures(intentId).map((c) => c.amount)).toEqual([10_000]);
    expect(sim.refunds(intentId).map((r) => r.amount)).toEqual([2_000]);
  });
});

/**
 * The order page's processing models (payments, checks, holds) and the Settings form model (with its tracking and
 * customer e-mail sections and the logo file checks): what a shop owner
 * reads and what a typed value becomes. Pure modules only; resolve.ts, reviewStore.ts and settingsFormStore.ts
 * call the api client (and zustand) and are not tested here.
 */
import { describe, expect, it } from 'vitest';
import type { Hold } from '../../src-shared/domain/holds';
import { formatMoney, type Money } from '../../src-shared/domain/money';
import type { CheckView } from '../../src-shared/domain/order';
import type { PaymentAction, PaymentView } from '../../src-shared/domain/payments';
import { NOTIFICATION_KINDS } from '../../src-shared/domain/notifications';
import { DEFAULT_SETTINGS, NOTIFICATION_SETTING, type DeskSettings } from '../../src-shared/domain/settings';
import { updateSettingsInput } from '../../src-shared/schemas/catalog-procedures';
import {
  checkLabel, dataRows, holdLabel, isFailing, isOpenHold, OUTCOME_LABELS, reviewItems, type ReviewItem,
} from '../../src-renderer/features/processing/checkModel';
import {
  actionStatus, actionTitle, amountText, capturable, captureDeadline, checkManualPayment, checkPaymentIntentId, checkRefund,
  emptyManualPayment, latestAction, methodLabel, moneyActionInProgress, PAYMENT_STATUS_LABELS, readAmount, readAmountUpTo, refundable,
  type ManualPaymentValues,
} from '../../src-renderer/features/processing/paymentModel';
import {
  checkSettings, contentKey, noSettingsSecrets, NOTIFICATION_ROWS, portAfterSecurityChange, savedNotice, SETTINGS_FIELDS, secretDirty, settingsSecretsDirty,
  SMTP_SECURITY_OPTIONS, valuesFromSettings, type SettingsFormValues, type SettingsSecrets,
} from '../../src-renderer/features/settings/settingsFormModel';
import { logoFileProblem, logoFromDataUrl, sizeText } from '../../src-renderer/features/settings/logoModel';
import type { SecretChange } from '../../src-renderer/features/suppliers/supplierFormModel';

// Money is formatted in the default locale; expected texts use the same formatter so the suite runs in any locale.
const eur = (amount: number): Money => ({ amount, currency: 'EUR' });
const fm = (amount: number, currency = 'EUR') => formatMoney({ amount, currency });

function payment(change: Partial<PaymentView> = {}): PaymentView {
  return {
    id: 41, provider: 'stripe', method: 'card', reference: '', status: 'authorized',
    authorized: eur(12_000), captured: eur(0), refunded: eur(0),
    stripePaymentIntentId: 'pi_3Nk0000000', paymentLinkUrl: null, card: { brand: 'visa', last4: '4242' },
    captureBefore: null, failureMessage: null, actions: [], createdAt: '2025-03-01T10:00:00.000Z',
    ...change,
  };
}

function action(change: Partial<PaymentAction> = {}): PaymentAction {
  return { id: 1, kind: 'capture', amount: eur(12_000), status: 'pending', attempts: 0, lastError: null, createdAt: '2025-03-01T10:00:00.000Z', ...change };
}

// ---------------------------------------------------------------------------------------------------------------
// Payments panel: words

describe('payment labels', () => {
  it.each([
    ['awaiting_customer', 'Waiting for the customer'],
    ['authorized', 'Authorized — not captured yet'],
    ['captured', 'Captured'],
    ['voided', 'Cancelled'],
    ['failed', 'Failed'],
    ['expired', 'Authorization lapsed'],
  ] as const)('a %s payment is shown as “%s”', (status, text) => {
    expect(PAYMENT_STATUS_LABELS[status]).toBe(text);
  });

  it.each([
    ['cash', 'Cash'],
    ['bank_transfer', 'Bank transfer'],
    ['storefront', 'Paid in the storefront'],
    ['card', 'Card (Stripe)'],
    // A method a newer core knows: its code rather than nothing.
    ['crypto', 'crypto'],
  ])('method %s reads “%s”', (method, text) => {
    expect(methodLabel({ method } as Pick<PaymentView, 'method'>)).toBe(text);
  });
});

describe('actionStatus: one outbox row in words', () => {
  it.each<[string, Partial<PaymentAction>, { tone: string; text: string; canRetry: boolean }]>([
    ['queued while offline', { status: 'pending' },
      { tone: 'waiting', text: 'Queued — waiting for connection', canRetry: false }],
    ['queued, even after a person pressed Try again', { status: 'pending', lastError: 'Sent again by Ana' },
      { tone: 'waiting', text: 'Queued — waiting for connection', canRetry: false }],
    ['being sent', { status: 'in_flight', attempts: 1 },
      { tone: 'working', text: 'Sending…', canRetry: false }],
    ['done', { status: 'done', attempts: 1 },
      { tone: 'done', text: 'Done', canRetry: false }],
    ['failed once, the desk retries by itself', { status: 'failed', attempts: 1, lastError: 'Stripe could not be reached' },
      { tone: 'waiting', text: 'Not sent yet: Stripe could not be reached — trying again automatically (1 try so far)', canRetry: false }],
    ['failed several times, no error recorded', { status: 'failed', attempts: 3, lastError: null },
      { tone: 'waiting', text: 'Not sent yet: the last try failed — trying again automatically (3 tries so far)', canRetry: false }],
    ['dead with Stripe’s reason', { status: 'dead', attempts: 1, lastError: 'Your card was declined.' },
      { tone: 'failed', text: 'Failed: Your card was declined.', canRetry: true }],
    ['dead without a reason', { status: 'dead', attempts: 1, lastError: null },
      { tone: 'failed', text: 'Failed: Stripe refused it', canRetry: true }],
    ['unknown without a reason', { status: 'unknown', attempts: 1, lastError: null },
      { tone: 'failed', text: 'Not known: the desk stopped while sending this, so whether Stripe got it is not known.', canRetry: true }],
    ['unknown with the core’s sentence (one full stop, not two)', { status: 'unknown', attempts: 1, lastError: 'Whether it arrived is not known yet.' },
      { tone: 'failed', text: 'Not known: Whether it arrived is not known yet.', canRetry: true }],
  ])('%s', (_, change, expected) => {
    expect(actionStatus(action(change))).toEqual(expected);
  });

  it.each(['capture', 'cancel', 'refund', 'payment_link'] as const)('a %s that is dead or unknown offers Try again; pending, sending, retrying or done does not', (kind) => {
    const retry = (status: PaymentAction['status']) => actionStatus(action({ kind, status })).canRetry;
    expect(['pending', 'in_flight', 'failed', 'done', 'dead', 'unknown'].filter((s) => retry(s as PaymentAction['status']))).toEqual(['dead', 'unknown']);
  });
});

describe('actionTitle', () => {
  it.each<[Partial<PaymentAction>, string]>([
    [{ kind: 'capture', amount: eur(12_000) }, `Capture of ${fm(12_000)}`],
    [{ kind: 'refund', amount: eur(500) }, `Refund of ${fm(500)}`],
    [{ kind: 'refund', amount: { amount: 1500, currency: 'JPY' } }, `Refund of ${fm(1500, 'JPY')}`],
    [{ kind: 'capture', amount: null }, 'Capture'],
    [{ kind: 'cancel', amount: null }, 'Cancel the authorization'],
    // A link's amount is shown beside the link, not in its title.
    [{ kind: 'payment_link', amount: eur(4599) }, 'Payment link'],
  ])('%o → “%s”', (change, title) => {
    expect(actionTitle(action(change))).toBe(title);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Payments panel: amounts and what is in progress

describe('capturable: what is left to capture', () => {
  it.each<[string, Partial<PaymentView>, number]>([
    ['an authorized card payment, nothing captured', {}, 12_000],
    ['an authorized payment partly captured', { captured: eur(5000) }, 7000],
    ['an authorized payment captured in full', { captured: eur(12_000) }, 0],
    ['captured', { status: 'captured', captured: eur(12_000) }, 0],
    ['cancelled', { status: 'voided' }, 0],
    ['lapsed', { status: 'expired' }, 0],
    ['waiting for the customer', { status: 'awaiting_customer' }, 0],
    ['failed', { status: 'failed' }, 0],
    ['more captured than authorized: never negative', { captured: eur(13_000) }, 0],
  ])('%s → %i', (_, change, amount) => {
    expect(capturable(payment(change))).toEqual(eur(amount));
  });

  it('in the payment’s currency', () => {
    expect(capturable(payment({ authorized: { amount: 1500, currency: 'JPY' }, captured: { amount: 0, currency: 'JPY' } })))
      .toEqual({ amount: 1500, currency: 'JPY' });
  });
});

describe('refundable: what can be given back', () => {
  it.each<[string, Partial<PaymentView>, number]>([
    ['captured, nothing refunded', { status: 'captured', captured: eur(10_000) }, 10_000],
    ['partly refunded', { status: 'captured', captured: eur(10_000), refunded: eur(2500) }, 7500],
    ['refunded in full', { status: 'captured', captured: eur(10_000), refunded: eur(10_000) }, 0],
    ['authorized, nothing taken yet', {}, 0],
    ['money received by hand', { provider: 'manual', method: 'cash', status: 'captured', captured: eur(4599) }, 4599],
    ['more refunded than captured: never negative', { status: 'captured', captured: eur(100), refunded: eur(200) }, 0],
  ])('%s → %i', (_, change, amount) => {
    expect(refundable(payment(change))).toEqual(eur(amount));
  });
});

describe('moneyActionInProgress: a capture, cancel or refund locks the money buttons until it ends', () => {
  it.each<[string, Partial<PaymentAction>[], number | null]>([
    ['no actions', [], null],
    ['a capture queued', [{ id: 1, status: 'pending' }], 1],
    ['a capture being sent', [{ id: 1, status: 'in_flight' }], 1],
    ['a refund retrying by itself', [{ id: 2, kind: 'refund', status: 'failed' }], 2],
    ['a cancel nobody knows arrived (waits for a person)', [{ id: 3, kind: 'cancel', status: 'unknown' }], 3],
    ['a capture done', [{ id: 1, status: 'done' }], null],
    ['a capture Stripe refused', [{ id: 1, status: 'dead' }], null],
    ['a payment link being made does not lock them', [{ id: 4, kind: 'payment_link', status: 'pending' }], null],
    ['an old refund done and a new one queued', [{ id: 5, kind: 'refund', status: 'done' }, { id: 6, kind: 'refund', status: 'pending' }], 6],
  ])('%s', (_, actions, id) => {
    expect(moneyActionInProgress(payment({ actions: actions.map((a) => action(a)) }))?.id ?? null).toBe(id);
  });
});

describe('latestAction', () => {
  const actions = [
    action({ id: 1, kind: 'payment_link', status: 'dead' }),
    action({ id: 2, kind: 'capture' }),
    action({ id: 3, kind: 'payment_link', status: 'pending' }),
  ];
  it.each<[PaymentAction['kind'], number | null]>([['payment_link', 3], ['capture', 2], ['refund', null]])('the newest %s → %s', (kind, id) => {
    expect(latestAction(payment({ actions }), kind)?.id ?? null).toBe(id);
  });
});

describe('captureDeadline: the panel warns under 24 hours', () => {
  const now = Date.parse('2025-03-10T12:00:00.000Z');
  const at = (ms: number) => new Date(now + ms).toISOString();
  const HOUR = 3_600_000;
  it.each<[string, string | null, ReturnType<typeof captureDeadline>]>([
    ['no date', null, 'none'],
    ['not a date', 'soon-ish', 'none'],
    ['in a week', at(7 * 24 * HOUR), 'ok'],
    ['in exactly 24 hours', at(24 * HOUR), 'ok'],
    ['in 23 h 59 min', at(24 * HOUR - 60_000), 'soon'],
    ['in one hour', at(HOUR), 'soon'],
    ['in one second', at(1000), 'soon'],
    ['right now', at(0), 'passed'],
    ['an hour ago', at(-HOUR), 'passed'],
  ])('%s → %s', (_, iso, expected) => {
    expect(captureDeadline(iso, now)).toBe(expected);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Amount fields (capture, refund, money received)

describe('amountText: the text an amount field starts with', () => {
  it.each<[Money, string]>([
    [eur(18_588), '185.88'],
    [eur(5), '0.05'],
    [eur(0), '0.00'],
    [{ amount: 1500, currency: 'JPY' }, '1500'],
    [{ amount: 1234, currency: 'KWD' }, '1.234'],
    [{ amount: 123, currency: 'XYZ' }, '123'],
  ])('%o → %s', (amount, text) => {
    expect(amountText(amount)).toBe(text);
  });
});

describe('readAmount: typed text → minor units, or the field’s message', () => {
  it.each<[string, string, number]>([
    ['12.50', 'EUR', 1250],
    ['12,5', 'EUR', 1250],
    ['20', 'EUR', 2000],
    [' 1 299.00 ', 'EUR', 129_900],
    ['0.05', 'EUR', 5],
    ['1500', 'JPY', 1500],
    ['1.234', 'KWD', 1234],
  ])('“%s” %s → %i', (text, currency, amount) => {
    expect(readAmount(text, currency)).toEqual({ ok: true, amount });
  });

  it.each<[string, string, string]>([
    ['', 'EUR', 'Amount is required'],
    ['   ', 'EUR', 'Amount is required'],
    ['12.505', 'EUR', 'Amount takes at most 2 decimals in EUR'],
    ['1,299', 'USD', 'Amount takes at most 2 decimals in USD'],
    ['12.5', 'JPY', 'Amount takes no decimals in JPY'],
    ['abc', 'EUR', 'Amount must be a number such as 12.50'],
    ['-5', 'EUR', 'Amount must be a number such as 12.50'],
    ['€12', 'EUR', 'Amount must be a number such as 12.50'],
    ['0', 'EUR', 'Amount must be more than 0'],
    ['0.00', 'EUR', 'Amount must be more than 0'],
    ['12', 'XYZ', 'XYZ is not a currency the desk knows'],
  ])('“%s” %s → “%s”', (text, currency, message) => {
    expect(readAmount(text, currency)).toEqual({ ok: false, message });
  });

  it('the message names the field it was given', () => {
    expect(readAmount('', 'EUR', 'Shipping')).toEqual({ ok: false, message: 'Shipping is required' });
  });
});

describe('readAmountUpTo: capture / refund amount no more than what is left', () => {
  const max = eur(12_000);
  const what = 'captured: that is what is authorized';
  it.each<[string, { ok: true; amount: number } | { ok: false; message: string }]>([
    ['120.00', { ok: true, amount: 12_000 }],
    ['120', { ok: true, amount: 12_000 }],
    ['50', { ok: true, amount: 5000 }],
    ['0.01', { ok: true, amount: 1 }],
    ['120.01', { ok: false, message: `At most ${fm(12_000)} can be captured: that is what is authorized` }],
    ['1000', { ok: false, message: `At most ${fm(12_000)} can be captured: that is what is authorized` }],
    // What is wrong with the text is said before the limit.
    ['120.001', { ok: false, message: 'Amount takes at most 2 decimals in EUR' }],
    ['', { ok: false, message: 'Amount is required' }],
    ['0', { ok: false, message: 'Amount must be more than 0' }],
  ])('“%s”', (text, expected) => {
    expect(readAmountUpTo(text, max, what)).toEqual(expected);
  });

  it('nothing left: any amount is too much', () => {
    expect(readAmountUpTo('0.01', eur(0), 'refunded')).toEqual({ ok: false, message: `At most ${fm(0)} can be refunded` });
  });

  // The capture and refund dialogs start their field at what is left; confirming it unchanged takes exactly that.
  it.each<[string, Partial<PaymentView>, (p: PaymentView) => Money]>([
    ['capture EUR, partly captured', { captured: eur(1234) }, capturable],
    ['capture JPY', { authorized: { amount: 15_000, currency: 'JPY' }, captured: { amount: 0, currency: 'JPY' } }, capturable],
    ['capture KWD', { authorized: { amount: 12_345, currency: 'KWD' }, captured: { amount: 0, currency: 'KWD' } }, capturable],
    ['refund EUR, partly refunded', { status: 'captured', captured: eur(10_000), refunded: eur(1) }, refundable],
  ])('%s: the default text reads back as the whole amount left', (_, change, left) => {
    const p = payment(change);
    const max = left(p);
    expect(max.amount).toBeGreaterThan(0);
    expect(readAmountUpTo(amountText(max), max, 'captured')).toEqual({ ok: true, amount: max.amount });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Take payment: money received, a Stripe PaymentIntent

describe('money received by hand', () => {
  const order = { id: 7, amountDue: eur(4599) };
  const values = (change: Partial<ManualPaymentValues> = {}): ManualPaymentValues => ({ ...emptyManualPayment(order), ...change });

  it('starts as a bank transfer of everything still due, no reference', () => {
    expect(emptyManualPayment(order)).toEqual({ method: 'bank_transfer', amount: '45.99', reference: '' });
  });

  it.each<[string, Partial<ManualPaymentValues>, { method: string; amount: number; reference: string }]>([
    ['everything due, as the form starts', {}, { method: 'bank_transfer', amount: 4599, reference: '' }],
    ['part of it in cash', { method: 'cash', amount: '10' }, { method: 'cash', amount: 1000, reference: '' }],
    ['paid in the storefront with its reference', { method: 'storefront', reference: '#1042' }, { method: 'storefront', amount: 4599, reference: '#1042' }],
  ])('%s → recorded', (_, change, input) => {
    expect(checkManualPayment(values(change), order)).toEqual({ ok: true, input: { orderId: 7, ...input } });
  });

  it.each<[string, Partial<ManualPaymentValues>, Record<string, string>]>([
    ['more than is due', { amount: '46.00' }, { amount: `At most ${fm(4599)} can be recorded: that is what is still due` }],
    ['no amount', { amount: '' }, { amount: 'Amount is required' }],
    ['too many decimals', { amount: '1.999' }, { amount: 'Amount takes at most 2 decimals in EUR' }],
    ['storefront without its reference', { method: 'storefront' },
      { reference: 'Enter the storefront’s payment reference (its order or transaction number)' }],
    ['storefront with a blank reference', { method: 'storefront', reference: '   ' },
      { reference: 'Enter the storefront’s payment reference (its order or transaction number)' }],
    ['both wrong at once', { method: 'storefront', amount: '' },
      { amount: 'Amount is required', reference: 'Enter the storefront’s payment reference (its order or transaction number)' }],
    ['a very long reference', { reference: 'x'.repeat(201) }, { reference: 'Reference is too long' }],
    ['a method the desk does not record', { method: 'cheque' as ManualPaymentValues['method'] },
      { method: 'Choose how the money came: cash, bank transfer or the storefront' }],
  ])('%s → a message beside the field', (_, change, errors) => {
    expect(checkManualPayment(values(change), order)).toEqual({ ok: false, errors });
  });
});

describe('attaching a Stripe PaymentIntent', () => {
  it.each([
    ['pi_3Nk1234567', 'pi_3Nk1234567'],
    ['  pi_3Nk1234567_ab \n', 'pi_3Nk1234567_ab'],
  ])('“%s” → %s', (text, id) => {
    expect(checkPaymentIntentId(9, text)).toEqual({ ok: true, input: { orderId: 9, paymentIntentId: id } });
  });

  it.each(['', 'pi_12', 'ch_3Nk1234567', 'https://dashboard.stripe.com/payments/pi_3Nk1234567', 'pi_3Nk 1234567'])('“%s” → the id’s shape is explained', (text) => {
    expect(checkPaymentIntentId(9, text)).toEqual({ ok: false, errors: { paymentIntentId: 'A Stripe PaymentIntent id looks like pi_3Nk…' } });
  });
});

describe('checkRefund', () => {
  // €100 taken, €25 already given back: €75 can still be refunded.
  const paid = payment({ id: 12, status: 'captured', captured: eur(10_000), refunded: eur(2500) });

  it.each<[string, { amount: string; reason: string }, { amount: number; reason: string }]>([
    ['all that is left, as the field starts', { amount: amountText(refundable(paid)), reason: 'Arrived damaged' }, { amount: 7500, reason: 'Arrived damaged' }],
    ['part of it, decimal comma', { amount: '12,5', reason: 'One tin missing' }, { amount: 1250, reason: 'One tin missing' }],
    ['the note is trimmed', { amount: '1', reason: '  Goodwill  ' }, { amount: 100, reason: 'Goodwill' }],
  ])('%s', (_, values, input) => {
    expect(checkRefund(paid, values)).toEqual({ ok: true, input: { paymentId: 12, ...input } });
  });

  it.each<[string, { amount: string; reason: string }, Record<string, string>]>([
    ['more than is left', { amount: '75.01', reason: 'Damaged' }, { amount: `At most ${fm(7500)} can be refunded of this payment` }],
    ['the whole payment although part was refunded', { amount: '100', reason: 'Damaged' }, { amount: `At most ${fm(7500)} can be refunded of this payment` }],
    ['no amount', { amount: '', reason: 'Damaged' }, { amount: 'Amount is required' }],
    ['zero', { amount: '0', reason: 'Damaged' }, { amount: 'Amount must be more than 0' }],
    ['too many decimals', { amount: '1.005', reason: 'Damaged' }, { amount: 'Amount takes at most 2 decimals in EUR' }],
    ['no note', { amount: '10', reason: '' }, { reason: 'Write a note: a refund needs a reason' }],
    ['a blank note', { amount: '10', reason: '  \n ' }, { reason: 'Write a note: a refund needs a reason' }],
    ['a note too long', { amount: '10', reason: 'x'.repeat(1001) }, { reason: 'A refund is too long' }],
    ['amount and note both wrong', { amount: '80', reason: '' },
      { amount: `At most ${fm(7500)} can be refunded of this payment`, reason: 'Write a note: a refund needs a reason' }],
  ])('%s → a message beside the field', (_, values, errors) => {
    expect(checkRefund(paid, values)).toEqual({ ok: false, errors });
  });

  it('a payment refunded in full refunds nothing more', () => {
    const done = payment({ status: 'captured', captured: eur(10_000), refunded: eur(10_000) });
    expect(checkRefund(done, { amount: '0.01', reason: 'Again' })).toEqual({ ok: false, errors: { amount: `At most ${fm(0)} can be refunded of this payment` } });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Checklist and holds

function check(change: Partial<CheckView> = {}): CheckView {
  return { code: 'address', outcome: 'pass', message: 'The address looks deliverable.', data: {}, holdReason: null, checkedAt: '2025-03-01T10:00:00.000Z', override: null, ...change };
}

function hold(change: Partial<Hold> = {}): Hold {
  return { id: 1, reason: 'OTHER', note: 'Customer asked to wait', placedAt: '2025-03-01T10:00:00.000Z', placedBy: 'Ana', releasedAt: null, releasedBy: null, releaseNote: null, ...change };
}

const override = { by: 'Ana', at: '2025-03-01T11:00:00.000Z', note: 'Called the customer' };

describe('check and hold words', () => {
  it.each([
    ['address', 'Shipping address'],
    ['contact', 'E-mail and phone'],
    ['duplicate', 'Possible duplicate'],
    ['risk', 'Fraud signals'],
    ['stock', 'Supplier stock'],
    ['restricted', 'Restricted items'],
    // A check a newer core runs: its code made readable.
    ['velocity_burst', 'Velocity burst'],
  ])('check %s → “%s”', (code, label) => {
    expect(checkLabel(code)).toBe(label);
  });

  it.each([['pass', 'Passed'], ['warn', 'Warning'], ['fail', 'Failed']] as const)('outcome %s → “%s”', (outcome, label) => {
    expect(OUTCOME_LABELS[outcome]).toBe(label);
  });

  it.each([
    ['AWAITING_PAYMENT', 'Awaiting payment'],
    ['INCORRECT_ADDRESS', 'Incorrect address'],
    ['POSSIBLE_DUPLICATE', 'Possible duplicate'],
    ['HIGH_RISK_OF_FRAUD', 'High risk of fraud'],
    ['INVENTORY_OUT_OF_STOCK', 'Out of stock at suppliers'],
    ['AUTHORIZATION_EXPIRING', 'Authorization expiring'],
    ['SUPPLIER_REJECTED', 'Supplier rejected'],
    ['RESTRICTED_ITEM', 'Restricted item'],
    ['OTHER', 'Other'],
  ])('hold %s → “%s”', (reason, label) => {
    expect(holdLabel(reason)).toBe(label);
  });

  it.each<[string, Partial<CheckView>, boolean]>([
    ['passed', { outcome: 'pass' }, false],
    ['a warning', { outcome: 'warn' }, false],
    ['failed', { outcome: 'fail', holdReason: 'INCORRECT_ADDRESS' }, true],
    ['failed and overridden', { outcome: 'fail', holdReason: 'INCORRECT_ADDRESS', override }, false],
  ])('a check %s is failing: %s', (_, change, failing) => {
    expect(isFailing(check(change))).toBe(failing);
  });

  it.each<[string, Partial<Hold>, boolean]>([
    ['placed', {}, true],
    ['released', { releasedAt: '2025-03-02T10:00:00.000Z', releasedBy: 'Ana', releaseNote: 'Paid' }, false],
  ])('a hold %s is open: %s', (_, change, open) => {
    expect(isOpenHold(hold(change))).toBe(open);
  });
});

describe('reviewItems: what needs a person on this order', () => {
  const addressFail = check({ code: 'address', outcome: 'fail', message: 'The postcode does not match the city.', holdReason: 'INCORRECT_ADDRESS' });
  const riskFail = check({ code: 'risk', outcome: 'fail', message: 'Billing and shipping countries differ.', holdReason: 'HIGH_RISK_OF_FRAUD' });
  const addressHold = hold({ id: 3, reason: 'INCORRECT_ADDRESS', note: 'Placed by the address check' });
  const riskHold = hold({ id: 4, reason: 'HIGH_RISK_OF_FRAUD', note: 'Placed by the risk check' });
  const manualHold = hold({ id: 5, reason: 'OTHER', note: 'Customer asked to wait' });
  const expiring = hold({ id: 6, reason: 'AUTHORIZATION_EXPIRING', note: 'Capture before Friday' });
  const released = { releasedAt: '2025-03-02T10:00:00.000Z', releasedBy: 'Ana', releaseNote: 'ok' };

  const checkItem = (code: string, title: string, detail: string): ReviewItem => ({ kind: 'check', key: `check:${code}`, code, title, detail });
  const holdItem = (holdId: number, title: string, detail: string): ReviewItem => ({ kind: 'hold', key: `hold:${holdId}`, holdId, title, detail });

  it.each<[string, CheckView[], Hold[], ReviewItem[]]>([
    ['every check passed, no hold', [check(), check({ code: 'risk' })], [], []],
    ['a warning needs nobody', [check({ code: 'risk', outcome: 'warn', message: 'Unusual order value.' })], [], []],
    ['a failed check and the hold it placed: one item, the check',
      [addressFail], [addressHold],
      [checkItem('address', 'Shipping address check failed', 'The postcode does not match the city.')]],
    ['an overridden check whose hold was released: nothing',
      [{ ...addressFail, override }], [{ ...addressHold, ...released }], []],
    ['a manual hold', [check()], [manualHold], [holdItem(5, 'On hold: Other', 'Customer asked to wait')]],
    ['a released manual hold', [], [{ ...manualHold, ...released }], []],
    ['an expiring authorization, no check behind it', [], [expiring], [holdItem(6, 'On hold: Authorization expiring', 'Capture before Friday')]],
    ['failed checks first, then holds no failing check stands behind',
      [check(), addressFail, riskFail], [manualHold, addressHold, riskHold, expiring],
      [
        checkItem('address', 'Shipping address check failed', 'The postcode does not match the city.'),
        checkItem('risk', 'Fraud signals check failed', 'Billing and shipping countries differ.'),
        holdItem(5, 'On hold: Other', 'Customer asked to wait'),
        holdItem(6, 'On hold: Authorization expiring', 'Capture before Friday'),
      ]],
    ['a hold still open after its check was overridden is listed itself',
      [{ ...riskFail, override }], [riskHold], [holdItem(4, 'On hold: High risk of fraud', 'Placed by the risk check')]],
  ])('%s', (_, checks, holds, items) => {
    expect(reviewItems({ checks, holds })).toEqual(items);
  });
});

describe('dataRows: a check’s details as label / value rows', () => {
  it.each<[string, Record<string, unknown>, { label: string; value: string }[]]>([
    ['text', { postcode: '10115' }, [{ label: 'Postcode', value: '10115' }]],
    ['camelCase key', { maxOrders: 5 }, [{ label: 'Max orders', value: '5' }]],
    ['snake_case key', { billing_country: 'DE' }, [{ label: 'Billing country', value: 'DE' }]],
    ['a large number', { ordersSeen: 1_234_567 }, [{ label: 'Orders seen', value: (1_234_567).toLocaleString() }]],
    ['yes', { verified: true }, [{ label: 'Verified', value: 'Yes' }]],
    ['no', { verified: false }, [{ label: 'Verified', value: 'No' }]],
    ['nothing', { region: '', line2: null, phone: undefined }, [
      { label: 'Region', value: '—' }, { label: 'Line2', value: '—' }, { label: 'Phone', value: '—' },
    ]],
    ['an empty list', { signals: [] }, [{ label: 'Signals', value: 'None' }]],
    ['a list', { signals: ['PO box', 'No house number'] }, [{ label: 'Signals', value: 'PO box; No house number' }]],
    ['money', { usualOrder: { amount: 4000, currency: 'EUR' } }, [{ label: 'Usual order', value: fm(4000) }]],
    ['money in a list', { totals: [eur(100), { amount: 5, currency: 'JPY' }] }, [{ label: 'Totals', value: `${fm(100)}; ${fm(5, 'JPY')}` }]],
    ['an object', { matched: { orderNumber: 'PD-1001', createdAt: '2025-03-01' } },
      [{ label: 'Matched', value: 'order number: PD-1001, created at: 2025-03-01' }]],
    ['objects in a list', { lines: [{ sku: 'KB-1', quantity: 2 }, { sku: 'KB-2', quantity: 1 }] },
      [{ label: 'Lines', value: 'sku: KB-1, quantity: 2; sku: KB-2, quantity: 1' }]],
    ['an amount in a currency the desk does not know is not money', { fee: { amount: 5, currency: 'XYZ' } },
      [{ label: 'Fee', value: 'amount: 5, currency: XYZ' }]],
    ['an amount with more beside it is not money', { fee: { amount: 5, currency: 'EUR', note: 'x' } },
      [{ label: 'Fee', value: 'amount: 5, currency: EUR, note: x' }]],
    ['rows in the data’s order', { b: 1, a: 2 }, [{ label: 'B', value: '1' }, { label: 'A', value: '2' }]],
  ])('%s', (_, data, rows) => {
    expect(dataRows(data)).toEqual(rows);
  });

  it('never shows “[object Object]”', () => {
    const text = dataRows({ deep: { a: { b: { c: [{ d: eur(1) }] } } } }).map((r) => r.value).join(' ');
    expect(text).not.toContain('[object');
    expect(text).toContain(fm(1));
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Settings form

const stored: DeskSettings = {
  marginThresholdPercent: 25, duplicateWindowMinutes: 1440, highValueFactor: 2.5, highValueFailFactor: 10,
  velocityWindowMinutes: 60, velocityMaxOrders: 3, captureRequiresSupplierAck: false, authorizationWarningHours: 48,
  stripeApiUrl: 'http://127.0.0.1:12111', stripeKeyStored: true,
  shopName: 'Happy Paws', shopEmail: 'orders@happypaws.example', shopReplyTo: '', shopAddress: 'Happy Paws\n1 Dog Lane\nLeeds LS1 1AA',
  smtpHost: 'smtp.happypaws.example', smtpPort: 465, smtpSecurity: 'tls', smtpUser: 'orders@happypaws.example', smtpPasswordStored: false,
  supplierPollMinutes: 10,
  trackingSyncMinutes: 60, trackingExpireDays: 21, trackingApiUrl: 'http://127.0.0.1:4100', trackingKeyStored: true,
  notifyOrderConfirmed: true, notifyShipped: true, notifyOutForDelivery: false, notifyDelivered: true, notifyDelayed: true,
  emailAccentColor: '#aa3366', emailLogo: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==', emailSignOff: 'Woof!\nThe Happy Paws team',
  shopifyStoreUrl: 'https://happy-paws.myshopify.com', shopifyTokenStored: true, shopifySyncMinutes: 15,
};
/** Saved by Settings' own Shopify section (ShopifySettingsSection), not by the main form. */
const SHOPIFY_SECTION = ['shopifyStoreUrl', 'shopifySyncMinutes', 'shopifyAccessToken'];
const KEEP: SecretChange = { mode: 'keep', value: '' };
const NO_SECRETS: SettingsSecrets = noSettingsSecrets();
/** Only the Stripe key changes. */
const stripe = (change: SecretChange): SettingsSecrets => ({ ...noSettingsSecrets(), stripeSecretKey: change });
/** Only the SMTP password changes. */
const smtp = (change: SecretChange): SettingsSecrets => ({ ...noSettingsSecrets(), smtpPassword: change });
/** Only the tracking service key changes. */
const tracking = (change: SecretChange): SettingsSecrets => ({ ...noSettingsSecrets(), trackingApiKey: change });
const form = (change: Partial<SettingsFormValues> = {}): SettingsFormValues => ({ ...valuesFromSettings(stored), ...change });
const {
  stripeKeyStored: _, smtpPasswordStored: _smtp, trackingKeyStored: _tracking, shopifyTokenStored: _shopify,
  shopifyStoreUrl: _shopifyUrl, shopifySyncMinutes: _shopifyMinutes, ...editable
} = stored;

describe('settings form: reading the shop’s settings', () => {
  it('every setting becomes the text of its box (the key itself is never in the form)', () => {
    expect(valuesFromSettings(stored)).toEqual({
      marginThresholdPercent: '25', duplicateWindowMinutes: '1440', highValueFactor: '2.5', highValueFailFactor: '10',
      velocityWindowMinutes: '60', velocityMaxOrders: '3', captureRequiresSupplierAck: false, authorizationWarningHours: '48',
      stripeApiUrl: 'http://127.0.0.1:12111',
      shopName: 'Happy Paws', shopEmail: 'orders@happypaws.example', shopReplyTo: '', shopAddress: 'Happy Paws\n1 Dog Lane\nLeeds LS1 1AA',
      smtpHost: 'smtp.happypaws.example', smtpPort: '465', smtpSecurity: 'tls', smtpUser: 'orders@happypaws.example', supplierPollMinutes: '10',
      trackingSyncMinutes: '60', trackingExpireDays: '21', trackingApiUrl: 'http://127.0.0.1:4100',
      notifyOrderConfirmed: true, notifyShipped: true, notifyOutForDelivery: false, notifyDelivered: true, notifyDelayed: true,
      emailAccentColor: '#aa3366', emailLogo: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==', emailSignOff: 'Woof!\nThe Happy Paws team',
    });
  });

  it.each<[string, DeskSettings]>([
    ['this shop’s settings', stored],
    ['a new desk’s defaults', { ...DEFAULT_SETTINGS, stripeKeyStored: false, smtpPasswordStored: false, trackingKeyStored: false, shopifyTokenStored: false }],
  ])('%s saved unchanged send the same settings back, and no key or password', (_, settings) => {
    const {
      stripeKeyStored: __, smtpPasswordStored: ___, trackingKeyStored: ____, shopifyTokenStored: _____,
      shopifyStoreUrl: _url, shopifySyncMinutes: _minutes, ...same
    } = settings;
    expect(checkSettings(valuesFromSettings(settings), NO_SECRETS)).toEqual({ ok: true, input: same });
  });

  it('every box of the form has a place for its message, and so have the keys and the password', () => {
    for (const field of Object.keys(valuesFromSettings(stored))) expect(SETTINGS_FIELDS.has(field), field).toBe(true);
    expect(SETTINGS_FIELDS.has('stripeSecretKey')).toBe(true);
    expect(SETTINGS_FIELDS.has('smtpPassword')).toBe(true);
    expect(SETTINGS_FIELDS.has('trackingApiKey')).toBe(true);
  });

  it('every setting the core lets the shop change is a box of the form or a write-only secret', () => {
    const secrets = ['stripeSecretKey', 'smtpPassword', 'trackingApiKey'];
    expect([...Object.keys(updateSettingsInput.shape)].sort()).toEqual([...Object.keys(valuesFromSettings(stored)), ...secrets, ...SHOPIFY_SECTION].sort());
  });

  it('an edit changes the form’s content key (unsaved changes), the same text does not', () => {
    expect(contentKey(form())).toBe(contentKey(valuesFromSettings({ ...stored })));
    expect(contentKey(form({ marginThresholdPercent: '30' }))).not.toBe(contentKey(form()));
    expect(contentKey(form({ captureRequiresSupplierAck: true }))).not.toBe(contentKey(form()));
    expect(contentKey(form({ stripeApiUrl: 'https://api.stripe.com' }))).not.toBe(contentKey(form()));
  });
});

describe('settings form: typed text back to settings', () => {
  it.each<[string, Partial<SettingsFormValues>, Partial<DeskSettings>]>([
    ['a whole percentage', { marginThresholdPercent: '30' }, { marginThresholdPercent: 30 }],
    ['zero margin threshold', { marginThresholdPercent: '0' }, { marginThresholdPercent: 0 }],
    ['spaces around a number', { velocityMaxOrders: ' 5 ' }, { velocityMaxOrders: 5 }],
    ['a decimal factor', { highValueFactor: '3.5' }, { highValueFactor: 3.5 }],
    ['a decimal comma', { highValueFactor: '3,5' }, { highValueFactor: 3.5 }],
    ['the longest duplicate window', { duplicateWindowMinutes: '43200' }, { duplicateWindowMinutes: 43_200 }],
    ['a week of warning', { authorizationWarningHours: '168' }, { authorizationWarningHours: 168 }],
    ['capture only after the suppliers said yes', { captureRequiresSupplierAck: true }, { captureRequiresSupplierAck: true }],
    ['Stripe itself', { stripeApiUrl: 'https://api.stripe.com' }, { stripeApiUrl: 'https://api.stripe.com' }],
    ['a trailing slash and spaces dropped', { stripeApiUrl: '  https://api.stripe.com/ ' }, { stripeApiUrl: 'https://api.stripe.com' }],
    ['a simulator on this computer', { stripeApiUrl: 'http://localhost:12111//' }, { stripeApiUrl: 'http://localhost:12111' }],
  ])('%s', (_, change, expected) => {
    expect(checkSettings(form(change), NO_SECRETS)).toEqual({ ok: true, input: { ...editable, ...expected } });
  });
});

describe('settings form: a message beside the field at fault', () => {
  it.each<[string, Partial<SettingsFormValues>, Record<string, string>]>([
    ['blank margin', { marginThresholdPercent: '' }, { marginThresholdPercent: 'Enter a percentage from 0 to 100' }],
    ['blank duplicate window', { duplicateWindowMinutes: ' ' }, { duplicateWindowMinutes: 'Enter the duplicate window in minutes' }],
    ['blank warning factor', { highValueFactor: '' }, { highValueFactor: 'Enter how many times the usual order value gets a warning' }],
    ['blank hold factor', { highValueFailFactor: '' }, { highValueFailFactor: 'Enter how many times the usual order value puts the order on hold' }],
    ['blank burst window', { velocityWindowMinutes: '' }, { velocityWindowMinutes: 'Enter the order burst window in minutes' }],
    ['blank burst orders', { velocityMaxOrders: '' }, { velocityMaxOrders: 'Enter how many orders from one e-mail the burst window allows' }],
    ['blank warning hours', { authorizationWarningHours: '' },
      { authorizationWarningHours: 'Enter how many hours before a card authorization lapses the desk warns' }],
    ['margin over 100', { marginThresholdPercent: '101' }, { marginThresholdPercent: 'Margin threshold must be at most 100%' }],
    ['margin below 0', { marginThresholdPercent: '-1' }, { marginThresholdPercent: 'Margin threshold must be at least 0%' }],
    ['a thousands separator, which could mean 1 or 1000', { velocityMaxOrders: '1,000' }, { velocityMaxOrders: 'Orders allowed in the burst window must be a number' }],
    ['hexadecimal', { duplicateWindowMinutes: '0x10' }, { duplicateWindowMinutes: 'Duplicate window must be a number' }],
    ['an exponent', { duplicateWindowMinutes: '1e2' }, { duplicateWindowMinutes: 'Duplicate window must be a number' }],
    ['margin with decimals', { marginThresholdPercent: '12.5' }, { marginThresholdPercent: 'Margin threshold must be a whole number' }],
    ['margin not a number', { marginThresholdPercent: 'twenty' }, { marginThresholdPercent: 'Margin threshold must be a number' }],
    ['margin with a percent sign', { marginThresholdPercent: '20%' }, { marginThresholdPercent: 'Margin threshold must be a number' }],
    ['a duplicate window over 30 days', { duplicateWindowMinutes: '43201' }, { duplicateWindowMinutes: 'Duplicate window must be at most 43200 minutes' }],
    ['a warning factor too low', { highValueFactor: '1' }, { highValueFactor: 'High value factor must be at least 1.5' }],
    ['a warning factor too high', { highValueFactor: '100,5' }, { highValueFactor: 'High value factor must be at most 100' }],
    ['a hold factor too high', { highValueFailFactor: '1001' }, { highValueFailFactor: 'High value hold factor must be at most 1000' }],
    ['a burst window over a week', { velocityWindowMinutes: '10081' }, { velocityWindowMinutes: 'Order burst window must be at most 10080 minutes' }],
    ['no orders allowed in a burst', { velocityMaxOrders: '0' }, { velocityMaxOrders: 'Orders allowed in the burst window must be at least 1' }],
    ['warning hours over a week', { authorizationWarningHours: '169' }, { authorizationWarningHours: 'Authorization warning must be at most 168 hours' }],
    ['an address that is not Stripe’s', { stripeApiUrl: 'https://stripe.example.com' },
      { stripeApiUrl: 'The Stripe API address must be https://api.stripe.com (or a simulator on this computer, http://127.0.0.1:PORT)' }],
    ['Stripe without https', { stripeApiUrl: 'http://api.stripe.com' },
      { stripeApiUrl: 'The Stripe API address must be https://api.stripe.com (or a simulator on this computer, http://127.0.0.1:PORT)' }],
    ['no address', { stripeApiUrl: '' },
      { stripeApiUrl: 'The Stripe API address must be https://api.stripe.com (or a simulator on this computer, http://127.0.0.1:PORT)' }],
    ['several at once, each beside its own box', { marginThresholdPercent: '', velocityMaxOrders: '0', stripeApiUrl: 'ftp://x' }, {
      marginThresholdPercent: 'Enter a percentage from 0 to 100',
      velocityMaxOrders: 'Orders allowed in the burst window must be at least 1',
      stripeApiUrl: 'The Stripe API address must be https://api.stripe.com (or a simulator on this computer, http://127.0.0.1:PORT)',
    }],
  ])('%s', (_, change, errors) => {
    expect(checkSettings(form(change), NO_SECRETS)).toEqual({ ok: false, errors });
  });
});

describe('settings form: the write-only Stripe key', () => {
  it.each<[string, SecretChange, { stripeSecretKey?: string }]>([
    ['unchanged: no key is sent, the stored one stays', KEEP, {}],
    ['Replace pressed but nothing typed: the stored one stays', { mode: 'replace', value: '' }, {}],
    ['replaced', { mode: 'replace', value: 'sk_test_51AbCdEf12345678' }, { stripeSecretKey: 'sk_test_51AbCdEf12345678' }],
    ['replaced, pasted with spaces', { mode: 'replace', value: '  rk_live_51AbCdEf12345678\n' }, { stripeSecretKey: 'rk_live_51AbCdEf12345678' }],
    ['removed: an empty key is sent', { mode: 'remove', value: '' }, { stripeSecretKey: '' }],
    ['removed after typing one: still removed', { mode: 'remove', value: 'sk_test_51AbCdEf12345678' }, { stripeSecretKey: '' }],
  ])('%s', (_, secret, key) => {
    const checked = checkSettings(form(), stripe(secret));
    expect(checked).toEqual({ ok: true, input: { ...editable, ...key } });
  });

  it.each<[string, string, string]>([
    ['a publishable key', 'pk_test_51AbCdEf12345678', 'A Stripe secret key starts with sk_test_, sk_live_, rk_test_ or rk_live_'],
    ['too short to be a key', 'sk_test_abc', 'A Stripe secret key starts with sk_test_, sk_live_, rk_test_ or rk_live_'],
    ['something else pasted', 'hello', 'A Stripe secret key starts with sk_test_, sk_live_, rk_test_ or rk_live_'],
    ['far too long', `sk_test_${'a'.repeat(300)}`, 'Stripe secret key is too long'],
  ])('%s → a message beside the key', (_, value, message) => {
    expect(checkSettings(form(), stripe({ mode: 'replace', value }))).toEqual({ ok: false, errors: { stripeSecretKey: message } });
  });

  it('a wrong key and a wrong box: both messages', () => {
    expect(checkSettings(form({ highValueFactor: '' }), stripe({ mode: 'replace', value: 'pk_live_12345678' }))).toEqual({
      ok: false,
      errors: {
        highValueFactor: 'Enter how many times the usual order value gets a warning',
        stripeSecretKey: 'A Stripe secret key starts with sk_test_, sk_live_, rk_test_ or rk_live_',
      },
    });
  });

  it.each<[string, SecretChange, boolean]>([
    ['kept', KEEP, false],
    ['Replace pressed, nothing typed', { mode: 'replace', value: '' }, false],
    ['a new key typed', { mode: 'replace', value: 'sk_test_51AbCdEf12345678' }, true],
    ['removed', { mode: 'remove', value: '' }, true],
  ])('the key %s counts as an unsaved change: %s', (_, secret, dirty) => {
    expect(secretDirty(secret)).toBe(dirty);
  });
});

describe('settings form: the shop and its mail server', () => {
  it.each<[string, Partial<SettingsFormValues>, Partial<DeskSettings>]>([
    ['a new shop name', { shopName: 'Whiskers & Co' }, { shopName: 'Whiskers & Co' }],
    ['spaces around the e-mail dropped', { shopEmail: '  shop@whiskers.example ' }, { shopEmail: 'shop@whiskers.example' }],
    ['no reply-to (answers go to the From address)', { shopReplyTo: '' }, { shopReplyTo: '' }],
    ['a reply-to', { shopReplyTo: 'team@happypaws.example' }, { shopReplyTo: 'team@happypaws.example' }],
    ['an address on several lines', { shopAddress: 'Happy Paws\n2 Cat Street\nYork\n' }, { shopAddress: 'Happy Paws\n2 Cat Street\nYork' }],
    ['no mail server yet', { smtpHost: '' }, { smtpHost: '' }],
    ['STARTTLS on 587', { smtpSecurity: 'starttls-required', smtpPort: '587' }, { smtpSecurity: 'starttls-required', smtpPort: 587 }],
    ['a local catcher', { smtpHost: 'localhost', smtpSecurity: 'starttls-opportunistic', smtpPort: '2525' },
      { smtpHost: 'localhost', smtpSecurity: 'starttls-opportunistic', smtpPort: 2525 }],
    ['no sign-in', { smtpUser: '' }, { smtpUser: '' }],
    ['ask the suppliers every minute', { supplierPollMinutes: '1' }, { supplierPollMinutes: 1 }],
  ])('%s', (_, change, expected) => {
    expect(checkSettings(form(change), NO_SECRETS)).toEqual({ ok: true, input: { ...editable, ...expected } });
  });

  it.each<[string, Partial<SettingsFormValues>, Record<string, string>]>([
    ['no shop name', { shopName: '  ' }, { shopName: 'Enter the shop’s name' }],
    ['a From address that is not one', { shopEmail: 'orders at happypaws' }, { shopEmail: 'Shop e-mail must look like name@example.com' }],
    ['a reply-to that is not one', { shopReplyTo: 'team@' }, { shopReplyTo: 'Reply-to e-mail must look like name@example.com' }],
    ['a server written as an address', { smtpHost: 'smtp://mail.example.com' }, { smtpHost: 'SMTP server must be a host name like smtp.example.com' }],
    ['no port', { smtpPort: '' }, { smtpPort: 'Enter the SMTP port (465 for TLS, 587 for STARTTLS)' }],
    ['port 0', { smtpPort: '0' }, { smtpPort: 'SMTP port must be at least 1' }],
    ['a port too high', { smtpPort: '70000' }, { smtpPort: 'SMTP port must be at most 65535' }],
    ['a port that is not a number', { smtpPort: 'smtp' }, { smtpPort: 'SMTP port must be a number' }],
    ['no check interval', { supplierPollMinutes: '' }, { supplierPollMinutes: 'Enter how often, in minutes, the desk asks the suppliers’ APIs' }],
    ['a check interval of zero', { supplierPollMinutes: '0' }, { supplierPollMinutes: 'Supplier check interval must be at least 1 minute' }],
  ])('%s → a message beside the box', (_, change, errors) => {
    expect(checkSettings(form(change), NO_SECRETS)).toEqual({ ok: false, errors });
  });

  it('offers the three security choices in plain words, in the contract’s order', () => {
    expect(SMTP_SECURITY_OPTIONS.map((o) => o.value)).toEqual(['tls', 'starttls-required', 'starttls-opportunistic']);
    expect(SMTP_SECURITY_OPTIONS.map((o) => o.label)).toEqual([
      'TLS (port 465)', 'STARTTLS, required (port 587)', 'STARTTLS if offered — only for a server on this computer',
    ]);
  });

  it.each<[string, string, SettingsFormValues['smtpSecurity'], SettingsFormValues['smtpSecurity'], string]>([
    ['the usual STARTTLS port follows to TLS', '587', 'starttls-required', 'tls', '465'],
    ['the usual TLS port follows to STARTTLS', '465', 'tls', 'starttls-required', '587'],
    ['a blank port gets the usual one', ' ', 'tls', 'starttls-required', '587'],
    ['a port the shop typed stays', '2525', 'starttls-required', 'tls', '2525'],
    ['a local server’s port stays when it was typed', '1025', 'starttls-opportunistic', 'starttls-required', '1025'],
  ])('port on a security change: %s', (_, port, from, to, expected) => {
    expect(portAfterSecurityChange(port, from, to)).toBe(expected);
  });
});

describe('settings form: the write-only SMTP password', () => {
  it.each<[string, SecretChange, { smtpPassword?: string }]>([
    ['unchanged: no password is sent, the stored one stays', KEEP, {}],
    ['Replace pressed but nothing typed: the stored one stays', { mode: 'replace', value: '' }, {}],
    ['replaced: sent exactly as typed, spaces and all', { mode: 'replace', value: ' pass word ' }, { smtpPassword: ' pass word ' }],
    ['removed: an empty password is sent', { mode: 'remove', value: '' }, { smtpPassword: '' }],
  ])('%s', (_, secret, sent) => {
    expect(checkSettings(form(), smtp(secret))).toEqual({ ok: true, input: { ...editable, ...sent } });
  });

  it('a password on two lines gets the schema’s message beside it', () => {
    expect(checkSettings(form(), smtp({ mode: 'replace', value: 'a\nb' }))).toEqual({ ok: false, errors: { smtpPassword: 'SMTP password must be one line' } });
  });

  it('the key and the password travel together, each only when changed', () => {
    const checked = checkSettings(form(), { ...NO_SECRETS, stripeSecretKey: { mode: 'remove', value: '' }, smtpPassword: { mode: 'replace', value: 's3cret' } });
    expect(checked).toEqual({ ok: true, input: { ...editable, stripeSecretKey: '', smtpPassword: 's3cret' } });
  });

  it.each<[string, SettingsSecrets, boolean, string]>([
    ['nothing', NO_SECRETS, false, 'Settings saved.'],
    ['a new password', smtp({ mode: 'replace', value: 's3cret' }), true, 'Settings saved. The SMTP password is stored.'],
    ['the password removed', smtp({ mode: 'remove', value: '' }), true, 'Settings saved. The SMTP password is removed.'],
    ['a key stored and the password removed', { ...NO_SECRETS, stripeSecretKey: { mode: 'replace', value: 'sk_test_51AbCdEf12345678' }, smtpPassword: { mode: 'remove', value: '' } },
      true, 'Settings saved. The Stripe key is stored. The SMTP password is removed.'],
    ['Replace pressed, nothing typed', smtp({ mode: 'replace', value: '' }), false, 'Settings saved.'],
  ])('%s: unsaved change %s, then “%s”', (_, secrets, dirty, notice) => {
    expect(settingsSecretsDirty(secrets)).toBe(dirty);
    expect(savedNotice(secrets)).toBe(notice);
  });
});

describe('settings form: parcel tracking', () => {
  it.each<[string, Partial<SettingsFormValues>, Partial<DeskSettings>]>([
    ['check parcels every 5 minutes (the shortest)', { trackingSyncMinutes: '5' }, { trackingSyncMinutes: 5 }],
    ['check parcels once a day', { trackingSyncMinutes: '1440' }, { trackingSyncMinutes: 1440 }],
    ['expired after a year without news', { trackingExpireDays: ' 365 ' }, { trackingExpireDays: 365 }],
    ['AfterShip itself, slash and spaces dropped', { trackingApiUrl: ' https://api.aftership.com/ ' }, { trackingApiUrl: 'https://api.aftership.com' }],
    ['a simulator on this computer', { trackingApiUrl: 'http://localhost:4100' }, { trackingApiUrl: 'http://localhost:4100' }],
  ])('%s', (_, change, expected) => {
    expect(checkSettings(form(change), NO_SECRETS)).toEqual({ ok: true, input: { ...editable, ...expected } });
  });

  it.each<[string, Partial<SettingsFormValues>, Record<string, string>]>([
    ['no sync interval', { trackingSyncMinutes: '' }, { trackingSyncMinutes: 'Enter how often, in minutes, the desk checks parcels for news' }],
    ['a sync interval under 5 minutes', { trackingSyncMinutes: '4' }, { trackingSyncMinutes: 'Tracking sync interval must be at least 5 minutes' }],
    ['a sync interval over a day', { trackingSyncMinutes: '1441' }, { trackingSyncMinutes: 'Tracking sync interval must be at most 1440 minutes' }],
    ['no expiry', { trackingExpireDays: ' ' }, { trackingExpireDays: 'Enter after how many days without news a parcel counts as expired' }],
    ['expiry of zero days', { trackingExpireDays: '0' }, { trackingExpireDays: 'Days without news before a parcel counts as expired must be at least 1 day' }],
    ['expiry with decimals', { trackingExpireDays: '2.5' }, { trackingExpireDays: 'Days without news before a parcel counts as expired must be a whole number' }],
    ['an address that is not AfterShip’s, where the key would go', { trackingApiUrl: 'https://track.example.com' },
      { trackingApiUrl: 'The tracking service address must be https://api.aftership.com (or a simulator on this computer, http://127.0.0.1:PORT)' }],
  ])('%s → a message beside the box', (_, change, errors) => {
    expect(checkSettings(form(change), NO_SECRETS)).toEqual({ ok: false, errors });
  });

  it.each<[string, SecretChange, { trackingApiKey?: string }]>([
    ['unchanged: no key is sent, the stored one stays', KEEP, {}],
    ['Replace pressed but nothing typed: the stored one stays', { mode: 'replace', value: '  ' }, {}],
    ['replaced, pasted with spaces', { mode: 'replace', value: ' asat_1a2b3c4d5e6f \n' }, { trackingApiKey: 'asat_1a2b3c4d5e6f' }],
    ['removed: an empty key is sent', { mode: 'remove', value: '' }, { trackingApiKey: '' }],
  ])('the write-only tracking key %s', (_, secret, sent) => {
    expect(checkSettings(form(), tracking(secret))).toEqual({ ok: true, input: { ...editable, ...sent } });
  });

  it('a tracking key with other characters gets the schema’s message beside it', () => {
    expect(checkSettings(form(), tracking({ mode: 'replace', value: 'key with/slash' })))
      .toEqual({ ok: false, errors: { trackingApiKey: 'A tracking service API key has only letters, digits, - and _' } });
  });

  it.each<[string, SettingsSecrets, boolean, string]>([
    ['a new tracking key', tracking({ mode: 'replace', value: 'asat_1a2b3c' }), true, 'Settings saved. The tracking service key is stored.'],
    ['the tracking key removed', tracking({ mode: 'remove', value: '' }), true, 'Settings saved. The tracking service key is removed.'],
    ['Replace pressed, nothing typed', tracking({ mode: 'replace', value: '' }), false, 'Settings saved.'],
  ])('%s: unsaved change %s, then “%s”', (_, secrets, dirty, notice) => {
    expect(settingsSecretsDirty(secrets)).toBe(dirty);
    expect(savedNotice(secrets)).toBe(notice);
  });
});

describe('settings form: customer e-mails', () => {
  it('lists one switch per e-mail, in the contract’s order, each saying when it goes', () => {
    expect(NOTIFICATION_ROWS.map((r) => r.kind)).toEqual([...NOTIFICATION_KINDS]);
    expect(NOTIFICATION_ROWS.map((r) => r.setting)).toEqual(NOTIFICATION_KINDS.map((k) => NOTIFICATION_SETTING[k]));
    expect(NOTIFICATION_ROWS.find((r) => r.kind === 'shipped')).toMatchObject({
      label: 'Shipped', trigger: 'when a parcel gets a tracking number (one e-mail per parcel, naming what is in it)',
    });
  });

  it.each(NOTIFICATION_KINDS)('turning off the %s e-mail sends that switch off and nothing else changes', (kind) => {
    const setting = NOTIFICATION_SETTING[kind];
    expect(checkSettings(form({ [setting]: false }), NO_SECRETS)).toEqual({ ok: true, input: { ...editable, [setting]: false } });
    expect(contentKey(form({ [setting]: !stored[setting] }))).not.toBe(contentKey(form()));
  });

  it.each<[string, Partial<SettingsFormValues>, Partial<DeskSettings>]>([
    ['a colour from the picker', { emailAccentColor: '#1d4ed8' }, { emailAccentColor: '#1d4ed8' }],
    ['a typed colour with spaces', { emailAccentColor: ' #ABCDEF ' }, { emailAccentColor: '#ABCDEF' }],
    ['no logo', { emailLogo: '' }, { emailLogo: '' }],
    ['a JPEG logo', { emailLogo: 'data:image/jpeg;base64,/9j/4AAQSkZJRg==' }, { emailLogo: 'data:image/jpeg;base64,/9j/4AAQSkZJRg==' }],
    ['a sign-off on two lines', { emailSignOff: 'Thanks!\nAna ' }, { emailSignOff: 'Thanks!\nAna' }],
    ['no sign-off', { emailSignOff: '' }, { emailSignOff: '' }],
  ])('%s', (_, change, expected) => {
    expect(checkSettings(form(change), NO_SECRETS)).toEqual({ ok: true, input: { ...editable, ...expected } });
  });

  it.each<[string, Partial<SettingsFormValues>, Record<string, string>]>([
    ['a colour name', { emailAccentColor: 'green' }, { emailAccentColor: 'Accent colour must be a colour like #2f6f4e' }],
    ['a short colour', { emailAccentColor: '#abc' }, { emailAccentColor: 'Accent colour must be a colour like #2f6f4e' }],
    ['a logo that is not a PNG or JPEG', { emailLogo: 'data:image/svg+xml;base64,PHN2Zz4=' }, { emailLogo: 'The logo must be a PNG or JPEG image' }],
    ['a logo over 100 KB', { emailLogo: `data:image/png;base64,${'A'.repeat(140_000)}` }, { emailLogo: 'The logo is too large (100 KB at most)' }],
    ['a sign-off over 300 characters', { emailSignOff: 'x'.repeat(301) }, { emailSignOff: 'Sign-off is too long (300 characters at most)' }],
  ])('%s → a message beside it', (_, change, errors) => {
    expect(checkSettings(form(change), NO_SECRETS)).toEqual({ ok: false, errors });
  });
});

describe('settings form: choosing a logo file', () => {
  it.each<[string, { name: string; type: string; size: number }, string | null]>([
    ['a small PNG', { name: 'logo.png', type: 'image/png', size: 20_000 }, null],
    ['a JPEG of exactly 100 KB', { name: 'logo.jpg', type: 'image/jpeg', size: 100_000 }, null],
    ['a JPEG one byte too large', { name: 'big.jpg', type: 'image/jpeg', size: 100_001 },
      'The logo is too large: “big.jpg” is 101 KB, at most 100 KB. Save a smaller version of it (about 400 pixels wide is plenty for an e-mail).'],
    ['a photo of 2.4 MB', { name: 'shop.png', type: 'image/png', size: 2_400_000 },
      'The logo is too large: “shop.png” is 2.4 MB, at most 100 KB. Save a smaller version of it (about 400 pixels wide is plenty for an e-mail).'],
    ['an SVG', { name: 'logo.svg', type: 'image/svg+xml', size: 2_000 }, 'The logo must be a PNG or JPEG image, not SVG (“logo.svg”)'],
    ['a PDF', { name: 'logo.pdf', type: 'application/pdf', size: 2_000 }, 'The logo must be a PNG or JPEG image, not application/pdf (“logo.pdf”)'],
    ['a GIF', { name: 'logo.gif', type: 'image/gif', size: 2_000 }, 'The logo must be a PNG or JPEG image, not GIF (“logo.gif”)'],
    ['a file of no known type', { name: 'logo', type: '', size: 2_000 }, 'The logo must be a PNG or JPEG image; the desk cannot tell what “logo” is'],
    ['an empty PNG', { name: 'empty.png', type: 'image/png', size: 0 }, '“empty.png” is empty'],
  ])('%s', (_, file, problem) => {
    expect(logoFileProblem(file)).toBe(problem);
  });

  it.each<[string, string, ReturnType<typeof logoFromDataUrl>]>([
    ['a PNG that starts like one', 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==', { ok: true, logo: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==' }],
    ['a JPEG that starts like one', 'data:image/jpeg;base64,/9j/4AAQSkZJRg==', { ok: true, logo: 'data:image/jpeg;base64,/9j/4AAQSkZJRg==' }],
    ['a JPEG renamed to .png', 'data:image/png;base64,/9j/4AAQSkZJRg==', { ok: false, error: '“logo.png” is not really a PNG image (its contents say otherwise)' }],
    ['a text file called .jpg', 'data:image/jpeg;base64,aGVsbG8=', { ok: false, error: '“logo.png” is not really a JPEG image (its contents say otherwise)' }],
    ['something the reader did not make an image of', 'data:application/octet-stream;base64,AAAA',
      { ok: false, error: 'The logo must be a PNG or JPEG image; “logo.png” could not be read as one' }],
  ])('what was read: %s', (_, dataUrl, result) => {
    expect(logoFromDataUrl(dataUrl, 'logo.png')).toEqual(result);
  });

  it.each([[999, '1 KB'], [85_400, '86 KB'], [100_000, '100 KB'], [100_001, '101 KB'], [1_400_000, '1.4 MB'], [2_410_000, '2.5 MB']])('%i bytes read “%s” (rounded up)', (bytes, text) => {
    expect(sizeText(bytes)).toBe(text);
  });
});

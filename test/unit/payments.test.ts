import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelayMs, BACKOFF_BASE_MS, BACKOFF_CAP_MS } from '../../src-main/services/outbox/backoff';
import { nextStep, type NextStepInputs } from '../../src-shared/domain/next-step';
import type { PaymentStatus } from '../../src-shared/domain/order-status';
import { captureBlockers, derivePaymentStatus, type PaymentAmounts } from '../../src-shared/domain/payments';
import { isAllowedStripeApiUrl } from '../../src-shared/schemas/catalog-procedures';

const p = (status: PaymentAmounts['status'], authorized: number, captured = 0, refunded = 0): PaymentAmounts => ({ status, authorized, captured, refunded });

describe('derivePaymentStatus', () => {
  it.each<[string, PaymentAmounts[], PaymentStatus]>([
    ['no payment', [], 'unpaid'],
    ['a failed link only', [p('failed', 0)], 'unpaid'],
    ['a link sent, not paid', [p('awaiting_customer', 0)], 'pending'],
    ['an authorization', [p('authorized', 2000)], 'authorized'],
    ['cash for everything', [p('captured', 2000, 2000)], 'paid'],
    ['cash for part', [p('captured', 500, 500)], 'partially_paid'],
    ['two parts making the whole', [p('captured', 500, 500), p('captured', 1500, 1500)], 'paid'],
    ['part refunded', [p('captured', 2000, 2000, 300)], 'partially_refunded'],
    ['all refunded', [p('captured', 2000, 2000, 2000)], 'refunded'],
    ['authorization cancelled', [p('voided', 2000)], 'voided'],
    ['authorization lapsed', [p('expired', 2000)], 'expired'],
    ['lapsed, then a new link', [p('expired', 2000), p('awaiting_customer', 0)], 'pending'],
    ['all refunded, then a new authorization', [p('captured', 2000, 2000, 2000), p('authorized', 2000)], 'authorized'],
  ])('%s → %s', (_name, payments, expected) => {
    expect(derivePaymentStatus(payments, 2000)).toBe(expected);
  });

  it('calls an order with nothing to pay paid', () => {
    expect(derivePaymentStatus([], 0)).toBe('paid');
  });
});

describe('where the Stripe key may be sent', () => {
  it.each<[string, boolean]>([
    ['https://api.stripe.com', true], ['https://api.stripe.com/', true], ['http://127.0.0.1:4011', true], ['http://localhost:4011/', true],
    ['http://api.stripe.com', false], ['https://api.stripe.com.evil.example', false], ['https://evil.example', false],
    ['http://192.168.1.20:4011', false], ['https://127.0.0.1.nip.io', false], ['javascript:alert(1)', false],
  ])('%s → %s', (url, allowed) => {
    expect(isAllowedStripeApiUrl(url)).toBe(allowed);
  });
});

describe('captureBlockers', () => {
  const ready = { verificationPassed: true, openHolds: 0, requireSupplierAck: true, suppliersAcknowledged: true };
  it.each<[string, Partial<typeof ready>, RegExp[]]>([
    ['everything in order', {}, []],
    ['checks not passed', { verificationPassed: false }, [/verification/u]],
    ['two holds', { openHolds: 2 }, [/2 open holds/u]],
    ['suppliers silent, the shop waits for them', { suppliersAcknowledged: false }, [/acknowledged/u]],
    ['suppliers silent, the shop does not wait', { suppliersAcknowledged: false, requireSupplierAck: false }, []],
  ])('%s', (_name, change, expected) => {
    const blockers = captureBlockers({ ...ready, ...change });
    expect(blockers).toHaveLength(expected.length);
    expected.forEach((pattern, index) => expect(blockers[index]).toMatch(pattern));
  });
});

describe('nextStep', () => {
  const base: NextStepInputs = {
    submitted: true, cancelled: false, verified: true, failingChecks: 0, openHolds: 0, paymentStatus: 'unpaid',
    hasAuthorization: false, captureBlockers: [], fulfillmentStatus: 'unfulfilled',
  };
  it.each<[string, Partial<NextStepInputs>, string]>([
    ['a draft', { submitted: false }, 'submit'],
    ['not checked yet', { verified: false }, 'verify'],
    ['a failed check', { failingChecks: 1 }, 'review'],
    ['an open hold, even when paid', { openHolds: 1, paymentStatus: 'paid' }, 'review'],
    ['unpaid', {}, 'pay'],
    ['a link out', { paymentStatus: 'pending' }, 'await_payment'],
    ['authorized and free to capture', { paymentStatus: 'authorized', hasAuthorization: true }, 'capture'],
    ['authorized, waiting for suppliers', { paymentStatus: 'authorized', hasAuthorization: true, captureBlockers: ['suppliers'] }, 'send'],
    ['paid by hand', { paymentStatus: 'paid' }, 'send'],
    ['with its suppliers', { fulfillmentStatus: 'in_progress', paymentStatus: 'paid' }, 'with_suppliers'],
    ['cancelled', { cancelled: true }, 'none'],
  ])('%s → %s', (_name, change, kind) => {
    expect(nextStep({ ...base, ...change }).kind).toBe(kind);
  });
});

describe('backoffDelayMs', () => {
  it('doubles from the base up to the cap, always between half and all of it', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 60 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempts, random) => {
      const full = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempts - 1));
      const delay = backoffDelayMs(attempts, () => random);
      expect(delay).toBeGreaterThanOrEqual(Math.floor(full / 2));
      expect(delay).toBeLessThanOrEqual(full);
    }));
    expect(backoffDelayMs(1, () => 0)).toBe(BACKOFF_BASE_MS / 2);
    expect(backoffDelayMs(40, () => 0.999_999)).toBe(BACKOFF_CAP_MS);
  });
});

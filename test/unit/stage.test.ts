import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canChangeFulfillment, canChangePayment, FULFILLMENT_STATUSES, PAYMENT_STATUSES } from '../../src-shared/domain/order-status';
import { STAGES } from '../../src-shared/domain/stage';
import { canCancel, deriveStage, type StageInputs } from '../../src-shared/domain/stage';

const submittedUnpaid: StageInputs = {
  submitted: true, cancelled: false, paymentStatus: 'unpaid', fulfillmentStatus: 'unfulfilled', openHolds: 0, hasException: false,
};

describe('deriveStage', () => {
  it.each<[string, Partial<StageInputs>, string]>([
    ['a draft', { submitted: false }, 'draft'],
    ['a cancelled draft', { submitted: false, cancelled: true }, 'cancelled'],
    ['cancelled wins over everything', { cancelled: true, openHolds: 2, hasException: true }, 'cancelled'],
    ['submitted and unpaid', {}, 'ready_to_pay'],
    ['an open hold', { openHolds: 1 }, 'needs_review'],
    ['an open hold on a paid order', { openHolds: 1, paymentStatus: 'paid' }, 'needs_review'],
    ['authorized is enough to send', { paymentStatus: 'authorized' }, 'ready_to_send'],
    ['paid', { paymentStatus: 'paid' }, 'ready_to_send'],
    ['partially paid', { paymentStatus: 'partially_paid' }, 'ready_to_send'],
    ['pending payment still needs paying', { paymentStatus: 'pending' }, 'ready_to_pay'],
    ['expired authorization needs paying again', { paymentStatus: 'expired' }, 'ready_to_pay'],
    ['a supplier order is out', { paymentStatus: 'paid', fulfillmentStatus: 'in_progress' }, 'awaiting_supplier'],
    ['some lines shipped', { paymentStatus: 'paid', fulfillmentStatus: 'partially_fulfilled' }, 'shipped'],
    ['every line shipped', { paymentStatus: 'paid', fulfillmentStatus: 'fulfilled' }, 'shipped'],
    ['delivered', { paymentStatus: 'paid', fulfillmentStatus: 'delivered' }, 'delivered'],
    ['an exception', { paymentStatus: 'paid', fulfillmentStatus: 'in_progress', hasException: true }, 'exception'],
    ['a return needs a person', { paymentStatus: 'paid', fulfillmentStatus: 'returned' }, 'exception'],
  ])('%s → %s', (_label, change, stage) => {
    expect(deriveStage({ ...submittedUnpaid, ...change })).toBe(stage);
  });
});

describe('transitions', () => {
  it('payment moves forward only along allowed edges', () => {
    expect(canChangePayment('unpaid', 'paid')).toBe(true);
    expect(canChangePayment('authorized', 'paid')).toBe(true);
    expect(canChangePayment('paid', 'unpaid')).toBe(false);
    expect(canChangePayment('refunded', 'paid')).toBe(false);
    expect(canChangePayment('voided', 'authorized')).toBe(false);
  });

  it('terminal payment states have no way out', () => {
    for (const to of PAYMENT_STATUSES) {
      expect(canChangePayment('refunded', to)).toBe(false);
      expect(canChangePayment('voided', to)).toBe(false);
    }
  });

  it('fulfillment cannot skip back to unfulfilled once shipped', () => {
    expect(canChangeFulfillment('unfulfilled', 'in_progress')).toBe(true);
    expect(canChangeFulfillment('in_progress', 'unfulfilled')).toBe(true);
    expect(canChangeFulfillment('fulfilled', 'unfulfilled')).toBe(false);
    expect(canChangeFulfillment('delivered', 'returned')).toBe(true);
    for (const to of FULFILLMENT_STATUSES) expect(canChangeFulfillment('returned', to)).toBe(false);
  });

  it('an order can be cancelled until something has shipped', () => {
    expect(canCancel({ cancelled: false, fulfillmentStatus: 'unfulfilled' })).toBe(true);
    expect(canCancel({ cancelled: false, fulfillmentStatus: 'in_progress' })).toBe(true);
    expect(canCancel({ cancelled: false, fulfillmentStatus: 'fulfilled' })).toBe(false);
    expect(canCancel({ cancelled: true, fulfillmentStatus: 'unfulfilled' })).toBe(false);
  });
});

describe('deriveStage properties', () => {
  const anyInputs = fc.record({
    submitted: fc.boolean(),
    cancelled: fc.boolean(),
    paymentStatus: fc.constantFrom(...PAYMENT_STATUSES),
    fulfillmentStatus: fc.constantFrom(...FULFILLMENT_STATUSES),
    openHolds: fc.nat({ max: 3 }),
    hasException: fc.boolean(),
  });

  it('always gives one of the stages; cancelled wins; draft exactly when not submitted and not cancelled', () => {
    fc.assert(fc.property(anyInputs, (inputs) => {
      const stage = deriveStage(inputs);
      expect(STAGES).toContain(stage);
      expect(stage === 'cancelled').toBe(inputs.cancelled);
      expect(stage === 'draft').toBe(!inputs.cancelled && !inputs.submitted);
    }));
  });

  it('an open hold on an order that has not shipped always needs review', () => {
    fc.assert(fc.property(anyInputs, (inputs) => {
      const held = { ...inputs, submitted: true, cancelled: false, hasException: false, openHolds: 1 };
      if (held.fulfillmentStatus === 'unfulfilled' || held.fulfillmentStatus === 'in_progress') {
        expect(deriveStage(held)).toBe('needs_review');
      }
    }));
  });
});

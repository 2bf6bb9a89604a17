import { describe, expect, it } from 'vitest';
import { validOrder } from '../fixtures/orders';
import { useTestCore } from './support/open-test-core';
import { useTempDirs } from './support/temp-dir';

const makeDir = useTempDirs();
const openTestCore = useTestCore(makeDir);
const MINUTE = 60_000;

/** A clock the test moves by hand. */
function clock(start = Date.parse('2026-11-30T10:00:00Z')) {
  let now = start;
  return { now: () => now, advance: (ms: number) => { now += ms; } };
}

const usAddress = { line1: '1 Main St', line2: '', city: 'Springfield', region: '', postcode: '62701', country: 'US' };

describe('the verification checklist on a real desk', () => {
  it('fails a US address without its state on submit, holds the order, and lets a person override it with a note that survives a re-run', async () => {
    const t = openTestCore(clock());
    const order = await t.call('orders.create', { submit: true, order: validOrder({ shippingAddress: usAddress, customer: { name: 'Sam Lee', email: 'sam@example.com', phone: '' } }) });
    expect(order.checks.map((c) => c.code)).toEqual(['address', 'contact', 'duplicate', 'risk', 'stock', 'restricted']);
    expect(order.checks[0]).toMatchObject({ code: 'address', outcome: 'fail', holdReason: 'INCORRECT_ADDRESS', override: null });
    expect(order.holds).toEqual([expect.objectContaining({ reason: 'INCORRECT_ADDRESS', releasedAt: null })]);
    expect(order.stage).toBe('needs_review');
    expect(order.nextStep.kind).toBe('review');

    expect(await t.attempt('verification.override', { orderId: order.id, code: 'address', note: '  ' }))
      .toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'note' } });
    const overridden = await t.call('verification.override', { orderId: order.id, code: 'address', note: 'Called Sam: Illinois, label written by hand' });
    expect(overridden.checks[0]?.override).toMatchObject({ note: 'Called Sam: Illinois, label written by hand', by: 'tester' });
    expect(overridden.holds[0]).toMatchObject({ releasedBy: 'tester', releaseNote: 'Called Sam: Illinois, label written by hand' });
    expect(overridden.stage).toBe('ready_to_pay');
    expect(overridden.nextStep.kind).toBe('pay');

    const rerun = await t.call('verification.run', { orderId: order.id });
    expect(rerun.checks[0]).toMatchObject({ outcome: 'fail', override: expect.objectContaining({ note: 'Called Sam: Illinois, label written by hand' }) });
    expect(rerun.holds.filter((h) => h.releasedAt === null)).toEqual([]);
    expect(rerun.stage).toBe('ready_to_pay');
    expect(rerun.timeline.map((e) => e.kind)).toEqual(expect.arrayContaining(['order.verified', 'order.check_overridden', 'order.hold_released']));
  });

  it('holds the same order placed again 3 minutes later as a possible duplicate, naming the first', async () => {
    const time = clock();
    const t = openTestCore(time);
    const first = await t.call('orders.create', { submit: true, order: validOrder() });
    expect(first.checks.find((c) => c.code === 'duplicate')?.outcome).toBe('pass');
    time.advance(3 * MINUTE);
    const second = await t.call('orders.create', { submit: true, order: validOrder({ customer: { name: 'ZOË  MÜLLER', email: 'Zoe.Muller@example.com', phone: '+49 30 1234567' } }) });
    const duplicate = second.checks.find((c) => c.code === 'duplicate');
    expect(duplicate).toMatchObject({ outcome: 'fail', holdReason: 'POSSIBLE_DUPLICATE' });
    expect(duplicate?.message).toContain(first.number);
    expect(duplicate?.message).toMatch(/3 minutes/u);
    expect(second.stage).toBe('needs_review');

    // Releasing the hold is the same decision as overriding the check: a re-run does not put it back.
    const hold = second.holds.find((h) => h.reason === 'POSSIBLE_DUPLICATE');
    const released = await t.call('holds.release', { orderId: second.id, holdId: hold!.id, note: 'A second bag for her sister, confirmed by phone' });
    expect(released.checks.find((c) => c.code === 'duplicate')?.override?.note).toBe('A second bag for her sister, confirmed by phone');
    expect((await t.call('verification.run', { orderId: second.id })).stage).toBe('ready_to_pay');
  });

  it('fails an order worth 10× the shop’s usual value, and passes once the history says such orders are usual', async () => {
    const time = clock();
    const t = openTestCore(time);
    const usual = (n: number) => validOrder({
      customer: { name: `Customer ${n}`, email: `c${n}@example.com`, phone: '' },
      shippingAddress: { line1: `Weg ${n}`, line2: '', city: 'Berlin', region: '', postcode: '10115', country: 'DE' },
      lines: [{ title: 'Cat litter 10 l', sku: 'CAT-LITTER-10', quantity: 1, unitPrice: 1000 }], shippingCharge: 0,
    });
    for (let n = 0; n < 12; n += 1) {
      time.advance(MINUTE);
      await t.call('orders.create', { submit: true, order: usual(n) });
    }
    time.advance(MINUTE);
    const big = await t.call('orders.create', { submit: true, order: { ...usual(99), lines: [{ title: 'Cat tree XXL', sku: 'CAT-TREE-XXL', quantity: 1, unitPrice: 10_000 }] } });
    expect(big.checks.find((c) => c.code === 'risk')).toMatchObject({ outcome: 'fail', holdReason: 'HIGH_RISK_OF_FRAUD' });
    expect(big.holds).toEqual([expect.objectContaining({ reason: 'HIGH_RISK_OF_FRAUD' })]);
  });

  it('refuses to check a draft or a cancelled order, with a sentence', async () => {
    const t = openTestCore(clock());
    const draft = await t.call('orders.create', { submit: false, order: validOrder() });
    expect(await t.attempt('verification.run', { orderId: draft.id })).toMatchObject({ ok: false, error: { code: 'invalid_state', message: expect.stringMatching(/draft/u) } });
    expect(await t.attempt('verification.run', { orderId: 99_999 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('resolving an order in the review queue', () => {
  it('overrides the ticked checks and releases the ticked holds with one note, all or none', async () => {
    const t = openTestCore(clock());
    const order = await t.call('orders.create', { submit: true, order: validOrder({ shippingAddress: usAddress, customer: { name: 'Sam Lee', email: 'sam@example.com', phone: '' } }) });
    const withOwnHold = await t.call('holds.place', { orderId: order.id, note: 'Wait for the customer to confirm the colour' });
    const addressHold = withOwnHold.holds.find((h) => h.reason === 'INCORRECT_ADDRESS')!;
    const ownHold = withOwnHold.holds.find((h) => h.reason === 'OTHER')!;

    // The second item is refused (no such check): nothing of the first is kept.
    expect(await t.attempt('verification.resolve', { orderId: order.id, codes: ['address', 'weather'], holdIds: [], note: 'checked' }))
      .toMatchObject({ ok: false, error: { code: 'not_found', field: 'code' } });
    expect((await t.call('orders.get', { id: order.id })).checks[0]?.override).toBeNull();
    expect(await t.attempt('verification.resolve', { orderId: order.id, codes: [], holdIds: [], note: 'x' })).toMatchObject({ ok: false, error: { field: 'codes' } });

    // The address hold is released by overriding its check; listing it as well is the same decision.
    const resolved = await t.call('verification.resolve', { orderId: order.id, codes: ['address'], holdIds: [addressHold.id, ownHold.id], note: 'Confirmed by phone' });
    expect(resolved.holds.every((h) => h.releasedAt !== null && h.releaseNote === 'Confirmed by phone')).toBe(true);
    expect(resolved.checks[0]?.override?.note).toBe('Confirmed by phone');
    expect(resolved.stage).toBe('ready_to_pay');
  });
});

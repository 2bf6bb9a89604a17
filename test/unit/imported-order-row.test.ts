/**
 * How a storefront's order becomes the desk's: totals always the storefront's own (taxes and discounts make them add
 * up under the desk's CHECK), the storefront's payment state as a payment, history (shipped or cancelled there) not
 * checked again, and the fingerprint that lets a re-import find nothing to do.
 */
import { describe, expect, it } from 'vitest';
import type { ImportedOrder } from '../../src-shared/domain/storefront-orders';
import { importedOrderFingerprint, planImportedOrder } from '../../src-main/services/storefront-import/imported-order-row';
import { describeOrderChanges } from '../../src-main/services/storefront-import/order-differences';

const NOW = Date.parse('2026-11-30T12:00:00Z');

function order(overrides: Partial<ImportedOrder> = {}): ImportedOrder {
  return {
    source: 'shopify', externalId: '901', number: '#1001', createdAt: '2026-03-15T14:22:33.000Z', currency: 'USD',
    customer: { name: 'Jane Doe', email: 'jane@example.com', phone: '' },
    shipping: { name: 'Jane Doe', line1: '12 Elm Street', line2: '', city: 'Boston', region: 'MA', postcode: '02134', country: 'US', phone: '+16175550123' },
    billingCountry: 'US', lines: [{ title: 'Kibble', sku: 'KIB-1', quantity: 2, unitPrice: 1999 }],
    subtotal: 3998, shippingCharge: 500, taxes: 0, discount: 0, total: 4498, paymentState: 'paid', paidAt: null,
    paymentReference: 'pay_1', cancelledAt: null, notes: '', tags: [], riskLevel: 'low',
    ...overrides,
  };
}

const sums = (plan: ReturnType<typeof planImportedOrder>) =>
  plan.columns.subtotal + plan.columns.shipping_charge + plan.columns.tax_total - plan.columns.discount_total;

describe('planning an imported order', () => {
  it('keeps the storefront total when taxes are added on top', () => {
    const plan = planImportedOrder(order({ taxes: 360, total: 4858 }), NOW);
    expect(plan.columns).toMatchObject({ subtotal: 3998, tax_total: 360, discount_total: 0, total: 4858 });
    expect(sums(plan)).toBe(4858);
  });

  it('keeps the storefront total when prices include the taxes and a discount was taken', () => {
    // Shopify: Subtotal is after the discount; Taxes are inside the prices, so they add nothing.
    const plan = planImportedOrder(order({ subtotal: 3498, discount: 500, taxes: 583, total: 3998 }), NOW);
    expect(plan.columns).toMatchObject({ subtotal: 3998, tax_total: 0, discount_total: 500, total: 3998 });
    expect(sums(plan)).toBe(3998);
  });

  it('counts a total below lines + shipping − discount as more discount (line discounts the file does not total)', () => {
    const plan = planImportedOrder(order({ discount: 0, total: 4000 }), NOW);
    expect(plan.columns).toMatchObject({ tax_total: 0, discount_total: 498, total: 4000 });
  });

  it('records money paid in the storefront as a payment with its reference, and a refund as refunded', () => {
    expect(planImportedOrder(order(), NOW)).toMatchObject({ paymentStatus: 'paid', payment: { captured: 4498, refunded: 0, reference: 'pay_1' } });
    expect(planImportedOrder(order({ paymentState: 'refunded' }), NOW)).toMatchObject({ paymentStatus: 'refunded', payment: { refunded: 4498 } });
    expect(planImportedOrder(order({ paymentState: 'pending' }), NOW)).toMatchObject({ paymentStatus: 'pending', payment: null });
    expect(planImportedOrder(order({ paymentReference: '' }), NOW).payment?.reference).toBe('Shopify order #1001');
  });

  it('treats orders shipped or cancelled in the storefront as history that needs no checks', () => {
    expect(planImportedOrder(order(), NOW).needsChecks).toBe(true);
    expect(planImportedOrder(order({ fulfillmentState: 'fulfilled' }), NOW)).toMatchObject({ needsChecks: false, fulfillmentStatus: 'fulfilled' });
    expect(planImportedOrder(order({ cancelledAt: '2026-03-16T00:00:00Z' }), NOW)).toMatchObject({ needsChecks: false, cancelledAt: Date.parse('2026-03-16T00:00:00Z') });
  });

  it('leaves the address empty for an order without a shipping address', () => {
    const plan = planImportedOrder(order({ shipping: null }), NOW);
    expect(plan.columns).toMatchObject({ ship_line1: '', ship_city: '', ship_country: '', customer_phone: '' });
  });

  it('gives the same fingerprint to the same order and another to a changed one, whatever its update time', () => {
    expect(importedOrderFingerprint(order({ updatedAt: '2026-01-01T00:00:00Z' }))).toBe(importedOrderFingerprint(order({ updatedAt: '2026-02-01T00:00:00Z' })));
    expect(importedOrderFingerprint(order())).not.toBe(importedOrderFingerprint(order({ notes: 'Ring twice' })));
  });
});

describe('describing what changed in the storefront', () => {
  const stored = () => {
    const plan = planImportedOrder(order(), NOW);
    return {
      ...plan.columns, payment_status: plan.paymentStatus, fulfillment_status: plan.fulfillmentStatus, cancelled_at: null, lines: plan.lines,
    };
  };

  it('finds nothing when nothing changed', () => {
    expect(describeOrderChanges(stored(), planImportedOrder(order(), NOW))).toEqual([]);
  });

  it('names the address, the lines, the total and a cancellation', () => {
    const changed = order({
      shipping: { ...order().shipping!, line1: '99 New Road' },
      lines: [{ title: 'Kibble', sku: 'KIB-1', quantity: 3, unitPrice: 1999 }], subtotal: 5997, total: 6497, cancelledAt: '2026-03-16T00:00:00Z',
    });
    const changes = describeOrderChanges(stored(), planImportedOrder(changed, NOW));
    expect(changes).toEqual(expect.arrayContaining([
      'Shipping address: 12 Elm Street, Boston, MA, 02134, US → 99 New Road, Boston, MA, 02134, US',
      'Line removed: 2 × Kibble (KIB-1) at $19.99',
      'Line added: 3 × Kibble (KIB-1) at $19.99',
      'Total: $44.98 → $64.97',
      'Cancelled in the storefront',
    ]));
  });
});

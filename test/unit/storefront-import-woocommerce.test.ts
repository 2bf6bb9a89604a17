import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ImportedOrderAt, ImportRowProblem } from '../../src-shared/domain/storefront-orders';
import { DeskError } from '../../src-main/services/errors';
import { readWooCommerceOrders } from '../../src-main/services/storefront-import/read-woocommerce-orders';

const FIXTURES = fileURLToPath(new URL('../fixtures/storefront/', import.meta.url));
const fixture = (name: string) => new Uint8Array(readFileSync(FIXTURES + name));

function read(bytes: Uint8Array) {
  const orders: ImportedOrderAt[] = [];
  const problems: ImportRowProblem[] = [];
  const result = readWooCommerceOrders(bytes, { onOrder: (order) => orders.push(order), onProblem: (problem) => problems.push(problem) });
  return { orders, problems, result, byNumber: (number: string) => orders.find((at) => at.order.number === number)?.order };
}

function thrown(call: () => unknown): DeskError {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(DeskError);
    return error as DeskError;
  }
  throw new Error('expected the call to throw');
}

describe('readWooCommerceOrders: the Customer / Order / Coupon Export “Default - One Row per Item” CSV', () => {
  it('gathers the rows of one order_id into one order with every column it maps', () => {
    const { orders } = read(fixture('woocommerce-one-row-per-item.csv'));
    expect(orders[0]).toEqual({
      line: 2,
      order: {
        source: 'woocommerce',
        externalId: '1201',
        number: '1201',
        // WooCommerce writes the shop's local time without a zone: kept local, not guessed into UTC.
        createdAt: '2026-03-20T14:05:09',
        currency: 'SEK',
        customer: { name: 'Lisa Berg', email: 'lisa@example.se', phone: '+46701234567' },
        shipping: { name: 'Lisa Berg', line1: 'Storgatan 1', line2: 'Lgh 1102', city: 'Stockholm', region: '', postcode: '111 22', country: 'SE', phone: '' },
        billingCountry: 'SE',
        lines: [
          { title: 'Hundfoder Lax 12 kg', sku: 'DOG-SAL-12', quantity: 1, unitPrice: 39900 },
          // item_subtotal is for both units together.
          { title: 'Tuggben, 3-pack', sku: 'CHEW-3', quantity: 2, unitPrice: 4950 },
        ],
        subtotal: 49800,
        shippingCharge: 4900,
        taxes: 0,
        discount: 0,
        total: 54700,
        paymentState: 'paid',
        paidAt: null,
        paymentReference: '',
        cancelledAt: null,
        notes: 'Lämna vid dörren, tack',
        tags: [],
        riskLevel: '',
        fulfillmentState: 'unfulfilled',
      },
    });
  });

  it('maps the order status and refunded_total to the payment state, and a cancelled order to cancelledAt', () => {
    const { byNumber } = read(fixture('woocommerce-one-row-per-item.csv'));
    expect(byNumber('1202')?.paymentState).toBe('partially_refunded');
    expect(byNumber('1203')).toMatchObject({ paymentState: 'voided', cancelledAt: '2026-03-21T11:00:00' });
    expect(byNumber('1204')).toMatchObject({ paymentState: 'pending', shipping: null, notes: 'Digital download' });
    expect(byNumber('1205')).toMatchObject({ paymentState: 'refunded', cancelledAt: null });
  });

  it('reads completed as fulfilled and every other status as not yet fulfilled', () => {
    const { byNumber } = read(fixture('woocommerce-one-row-per-item.csv'));
    expect(byNumber('1202')?.fulfillmentState).toBe('fulfilled');
    expect(['1201', '1203', '1204', '1205'].map((number) => byNumber(number)?.fulfillmentState)).toEqual(['unfulfilled', 'unfulfilled', 'unfulfilled', 'unfulfilled']);
  });

  it('rounds a unit price that does not divide evenly and says so, and refuses an order whose rows mix currencies', () => {
    const { byNumber, problems, result } = read(fixture('woocommerce-one-row-per-item.csv'));
    expect(byNumber('1202')?.lines).toEqual([{ title: 'Cat toy', sku: 'TOY-CAT', quantity: 3, unitPrice: 333 }]);
    expect(byNumber('1206')).toBeUndefined();
    expect(problems).toEqual([
      {
        line: 4, orderNumber: '1202', kept: true,
        reason: 'Order 1202: the line “Cat toy” costs 10.00 for 3, which is no whole amount per unit; the unit price was rounded, '
          + 'so the lines add up to a little more or less than the order\'s subtotal.',
      },
      {
        line: 9, orderNumber: '1206',
        reason: 'Order 1206 was not imported: the column “order_currency” has “SEK”, which differs from EUR on the order\'s first row (line 8); one order cannot mix currencies.',
      },
    ]);
    expect(result).toEqual({ orders: 5, problems: 2, stopped: false });
  });

  it('refuses the one-row-per-order layout, saying which export format to choose', () => {
    const error = thrown(() => read(fixture('woocommerce-one-row-per-order.csv')));
    expect(error.message).toBe('This WooCommerce export has all items of an order packed into one “line_items” cell (the “Default” format), '
      + 'which the desk does not take apart. In WordPress, open WooCommerce › Export, choose Orders, and the output format “CSV” with “Default - One Row per Item”.');
    expect(error.field).toBe('contentBase64');
  });

  it('refuses a Shopify export naming the WooCommerce columns it lacks', () => {
    expect(thrown(() => read(fixture('shopify-multi-line.csv'))).message)
      .toMatch(/^This is not a WooCommerce orders export: the header has no column “order_id”, “order_number”, “order_date”, “order_currency”, “order_total”\./u);
  });
});

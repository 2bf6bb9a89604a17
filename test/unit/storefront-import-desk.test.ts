/**
 * The desk's own order-lines.csv read back into orders: the file is written with the export's own column
 * definitions and CSV writer (ORDER_LINE_EXPORT_COLUMNS + csvChunks), from rows shaped as the export's query gives
 * them, and read with the desk layout. Same orders back: customer, address, lines, totals, currency, notes, and
 * text the export neutralised against spreadsheet formulas restored exactly.
 */
import { describe, expect, it } from 'vitest';
import type { ImportedOrder, ImportedOrderAt, ImportRowProblem } from '../../src-shared/domain/storefront-orders';
import { csvChunks } from '../../src-main/services/export/csv-chunks';
import { ORDER_LINE_EXPORT_COLUMNS, type OrderLineExportRow } from '../../src-main/services/export/export-orders';
import { DESK_ORDER_LAYOUT } from '../../src-main/services/storefront-import/desk-order';
import { detectOrderFile, detectOrderFileFormat } from '../../src-main/services/storefront-import/detect-order-file';
import { readAnyOrderFile } from '../../src-main/services/storefront-import/read-any-order-file';
import { readOrderFile } from '../../src-main/services/storefront-import/read-order-file';

const FORMULA = '=HYPERLINK("http://evil.example","click")';
const NOTES = `${FORMULA}\nGate code: 1,234\r\nRing "twice"`;
const CREATED = Date.parse('2026-11-30T10:15:00.000Z');

type OrderPart = Omit<OrderLineExportRow, 'position' | 'sku' | 'title' | 'quantity' | 'unit_price' | 'line_total' | 'supplier_name'>;

function order(overrides: Partial<OrderPart> = {}): OrderPart {
  return {
    order_number: 'PD-1001', created_at: CREATED, cancelled_at: null, payment_status: 'paid', fulfillment_status: 'unfulfilled',
    customer_name: FORMULA, customer_email: 'zoe@example.com', customer_phone: '+49 30 1234567',
    ship_line1: 'Hauptstraße 5', ship_line2: "'s-Hertogenbosch wing", ship_city: 'Berlin', ship_region: 'BE', ship_postcode: '10115', ship_country: 'DE',
    billing_country: 'AT', currency: 'EUR', subtotal: 19_497, shipping_charge: 590, tax_total: 1_200, discount_total: 500, total: 20_787,
    amount_paid: 20_787, amount_refunded: 0, source: 'manual', external_id: null, storefront_number: null, notes: NOTES,
    ...overrides,
  };
}

function lines(of: OrderPart, items: { sku: string; title: string; quantity: number; unit_price: number }[]): OrderLineExportRow[] {
  return items.map((item, position) => ({ ...of, ...item, position, line_total: item.quantity * item.unit_price, supplier_name: 'Tiergroßhandel Müller' }));
}

const manual = order();
const shopify = order({
  order_number: 'PD-1002', created_at: CREATED + 60_000, cancelled_at: CREATED + 120_000, payment_status: 'partially_refunded',
  fulfillment_status: 'delivered', customer_name: 'Ana Cruz', customer_email: 'ana@example.com', customer_phone: '-12.50',
  ship_line2: '', billing_country: '', currency: 'JPY', subtotal: 3_980, shipping_charge: 0, tax_total: 0, discount_total: 0, total: 3_980,
  amount_paid: 3_980, amount_refunded: 1_000, source: 'shopify', external_id: '5512345678901', storefront_number: '#1001', notes: '',
});
const noAddress = order({
  order_number: 'PD-1003', payment_status: 'unpaid', fulfillment_status: 'partially_fulfilled', customer_name: 'Max', ship_line1: '', ship_line2: '',
  ship_city: '', ship_region: '', ship_postcode: '', ship_country: '', subtotal: 1_000, shipping_charge: 0, tax_total: 0, discount_total: 0,
  total: 1_000, source: 'woocommerce', external_id: '', notes: 'plain',
});

const ROWS: OrderLineExportRow[][] = [
  [
    ...lines(manual, [
      { sku: 'DOG-ACANA-LAMB-11', title: 'Acana Lamb 11.4 kg', quantity: 2, unit_price: 8_999 },
      { sku: '@promo', title: '-Rope toy', quantity: 1, unit_price: 1_499 },
    ]),
    ...lines(shopify, [{ sku: 'TOY', title: '猫のおもちゃ', quantity: 2, unit_price: 1_990 }]),
  ],
  // A second page, as the export writes one chunk per page of orders.
  lines(noAddress, [{ sku: '', title: 'Gift card', quantity: 1, unit_price: 1_000 }]),
];

const exportText = () => [...csvChunks(ORDER_LINE_EXPORT_COLUMNS, ROWS)].join('');

function read(text: string) {
  const orders: ImportedOrderAt[] = [];
  const problems: ImportRowProblem[] = [];
  const result = readOrderFile(new TextEncoder().encode(text), DESK_ORDER_LAYOUT, {
    onOrder: (at) => orders.push(at), onProblem: (problem) => problems.push(problem),
  });
  return { orders, problems, result };
}

describe('the desk layout: order-lines.csv read back', () => {
  it('gives back each exported order whole: customer, address, lines, totals, currency and notes', () => {
    const { orders, problems, result } = read(exportText());
    expect(problems).toEqual([]);
    expect(result).toEqual({ orders: 3, problems: 0, stopped: false });
    const expected: ImportedOrder = {
      source: 'csv',
      externalId: 'PD-1001',
      number: 'PD-1001',
      createdAt: '2026-11-30T10:15:00.000Z',
      currency: 'EUR',
      customer: { name: FORMULA, email: 'zoe@example.com', phone: '+49 30 1234567' },
      shipping: {
        name: FORMULA, line1: 'Hauptstraße 5', line2: "'s-Hertogenbosch wing", city: 'Berlin', region: 'BE', postcode: '10115', country: 'DE',
        phone: '+49 30 1234567',
      },
      billingCountry: 'AT',
      lines: [
        { title: 'Acana Lamb 11.4 kg', sku: 'DOG-ACANA-LAMB-11', quantity: 2, unitPrice: 8_999 },
        { title: '-Rope toy', sku: '@promo', quantity: 1, unitPrice: 1_499 },
      ],
      subtotal: 19_497,
      shippingCharge: 590,
      taxes: 1_200,
      discount: 500,
      total: 20_787,
      paymentState: 'paid',
      paidAt: null,
      paymentReference: '',
      cancelledAt: null,
      // Line breaks come back as \n, whatever the file used (OrderFileColumns.multiline).
      notes: `${FORMULA}\nGate code: 1,234\nRing "twice"`,
      tags: [],
      riskLevel: '',
      fulfillmentState: 'unfulfilled',
      deskNumber: 'PD-1001',
    };
    expect(orders[0]).toEqual({ line: 2, order: expected });
  });

  it('restores text the export neutralised, exactly: a formula, a leading apostrophe, a phone or SKU starting with - or @', () => {
    const text = exportText();
    // The file itself holds the neutralised form, so a spreadsheet would not run it…
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(text).toContain("''s-Hertogenbosch wing");
    // …and reading it back gives the text as typed.
    const [first, second] = read(text).orders.map((at) => at.order);
    expect(first?.customer.name).toBe(FORMULA);
    expect(first?.notes.startsWith(FORMULA)).toBe(true);
    expect(first?.shipping?.line2).toBe("'s-Hertogenbosch wing");
    expect(first?.lines.map((line) => [line.sku, line.title])).toEqual([['DOG-ACANA-LAMB-11', 'Acana Lamb 11.4 kg'], ['@promo', '-Rope toy']]);
    expect(second?.customer.phone).toBe('-12.50');
  });

  it('keeps a storefront order’s own source, id and number, and its currency’s minor units (JPY)', () => {
    const order = read(exportText()).orders[1]?.order;
    expect(order).toMatchObject({
      source: 'shopify', externalId: '5512345678901', number: '#1001', currency: 'JPY', total: 3_980, subtotal: 3_980,
      lines: [{ title: '猫のおもちゃ', sku: 'TOY', quantity: 2, unitPrice: 1_990 }],
      paymentState: 'partially_refunded', fulfillmentState: 'fulfilled', cancelledAt: '2026-11-30T10:17:00.000Z', billingCountry: '', notes: '',
    });
    expect(order).not.toHaveProperty('deskNumber');
  });

  it('reads an order without an address as shipping null, unpaid as unknown (so it stays unpaid), partially fulfilled as partial, an empty external id as the number', () => {
    const order = read(exportText()).orders[2]?.order;
    expect(order).toMatchObject({
      source: 'woocommerce', externalId: 'PD-1003', number: 'PD-1003', shipping: null, paymentState: 'unknown', fulfillmentState: 'partial',
    });
    expect(order).not.toHaveProperty('deskNumber');
  });

  it.each([
    ['paid', 'paid'], ['pending', 'pending'], ['authorized', 'authorized'], ['partially_paid', 'partially_paid'],
    ['partially_refunded', 'partially_refunded'], ['refunded', 'refunded'], ['voided', 'voided'], ['expired', 'voided'], ['unpaid', 'unknown'],
  ] as const)('payment_status %s → %s', (status, state) => {
    const text = [...csvChunks(ORDER_LINE_EXPORT_COLUMNS, [lines(order({ payment_status: status }), [{ sku: 'A', title: 'A', quantity: 1, unit_price: 100 }])])].join('');
    const { orders, problems } = read(text);
    expect(problems).toEqual([]);
    expect(orders[0]?.order.paymentState).toBe(state);
  });

  it('imports an order with a payment status the desk does not have as unknown, and says so', () => {
    const text = [...csvChunks(ORDER_LINE_EXPORT_COLUMNS, [lines(order({ payment_status: 'settled' as 'paid' }), [{ sku: 'A', title: 'A', quantity: 1, unit_price: 100 }])])].join('');
    const { orders, problems } = read(text);
    expect(orders[0]?.order.paymentState).toBe('unknown');
    expect(problems).toEqual([{
      line: 2, orderNumber: 'PD-1001', kept: true,
      reason: 'Order PD-1001: the column “payment_status” has “settled”, which is no payment status of the desk; the order was imported with its payment state unknown.',
    }]);
  });

  it('maps a source the storefront import does not know (demo) to csv, with the desk number to find it by', () => {
    const demo = order({ order_number: 'PD-2000', source: 'demo' });
    const text = [...csvChunks(ORDER_LINE_EXPORT_COLUMNS, [lines(demo, [{ sku: 'A', title: 'A', quantity: 1, unit_price: 100 }])])].join('');
    expect(read(text).orders[0]?.order).toMatchObject({ source: 'csv', externalId: 'PD-2000', deskNumber: 'PD-2000' });
  });

  it('refuses an order whose amount is not one of its currency (39.80 JPY), naming the line and column, and reads the others', () => {
    // The first ,3980, is the JPY order's subtotal.
    const text = exportText().replace(',3980,', ',39.80,');
    const { orders, problems } = read(text);
    expect(orders.map((at) => at.order.number)).toEqual(['PD-1001', 'PD-1003']);
    expect(problems).toHaveLength(1);
    // Physical line 8: each row of the first order spans three lines (its notes hold two line breaks).
    expect(problems[0]).toMatchObject({ line: 8, orderNumber: '#1001' });
    expect(problems[0]?.reason).toMatch(/^Order #1001 was not imported: the column “subtotal” has “39\.80”, which /u);
  });

  it('does not take an order-lines file from before the export carried the order’s columns for one (it cannot give whole orders)', () => {
    expect(detectOrderFileFormat(ORDER_LINE_EXPORT_COLUMNS.map((column) => column.header))).toBe('desk');
    expect(detectOrderFileFormat(['order_number', 'line', 'sku', 'title', 'quantity', 'currency', 'unit_price', 'line_total', 'supplier'])).toBe('unknown');
  });

  it('is recognised from its header and read by readAnyOrderFile as the desk format', () => {
    const bytes = new TextEncoder().encode(exportText());
    expect(detectOrderFile(bytes).format).toBe('desk');
    const orders: ImportedOrderAt[] = [];
    const result = readAnyOrderFile(bytes, { defaultCurrency: 'USD' }, { onOrder: (at) => orders.push(at), onProblem: () => undefined });
    expect(result).toEqual({ orders: 3, problems: 0, stopped: false, format: 'desk' });
    expect(orders.map((at) => at.order.number)).toEqual(['PD-1001', '#1001', 'PD-1003']);
  });
});

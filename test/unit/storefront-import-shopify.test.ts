import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ImportedOrder, ImportedOrderAt, ImportRowProblem } from '../../src-shared/domain/storefront-orders';
import { MAX_LINES } from '../../src-shared/schemas/order-input';
import { DeskError } from '../../src-main/services/errors';
import { readShopifyOrders } from '../../src-main/services/storefront-import/read-shopify-orders';
import type { OrderFileSink } from '../../src-main/services/storefront-import/read-order-file';
import { shopifyCsv, shopifyItemRow, shopifyOrderRow } from '../fixtures/storefront/shopify-file';

const FIXTURES = fileURLToPath(new URL('../fixtures/storefront/', import.meta.url));
const fixture = (name: string) => new Uint8Array(readFileSync(FIXTURES + name));

function read(bytes: Uint8Array, extra: Partial<OrderFileSink> = {}) {
  const orders: ImportedOrderAt[] = [];
  const problems: ImportRowProblem[] = [];
  const result = readShopifyOrders(bytes, { onOrder: (order) => orders.push(order), onProblem: (problem) => problems.push(problem), ...extra });
  return { orders, problems, result, byNumber: (number: string) => orders.find((at) => at.order.number === number)?.order };
}

/** The error a call throws (fails the test when it throws none or something else than a DeskError). */
function thrown(call: () => unknown): DeskError {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(DeskError);
    return error as DeskError;
  }
  throw new Error('expected the call to throw');
}

const JANE_ADDRESS = {
  name: 'Jane Doe', line1: '12 Elm Street', line2: 'Apt 4', city: 'Boston', region: 'MA', postcode: '02134', country: 'US', phone: '+16175550123',
};

describe('readShopifyOrders: a multi-line-item order', () => {
  it('gathers the rows that share a Name into one order with every column it maps, money in cents', () => {
    const { orders, problems, result } = read(fixture('shopify-multi-line.csv'));
    const expected: ImportedOrder = {
      source: 'shopify',
      externalId: '5512345678901',
      number: '#1001',
      createdAt: '2026-03-15T14:22:33.000Z',
      currency: 'USD',
      customer: { name: 'Jane Doe', email: 'jane@example.com', phone: '+16175550123' },
      shipping: JANE_ADDRESS,
      billingCountry: 'US',
      lines: [
        { title: 'Salmon Kibble 2 kg', sku: 'KIB-SAL-2', quantity: 2, unitPrice: 1999 },
        { title: 'Rope Toy - Large', sku: 'TOY-ROPE-L', quantity: 1, unitPrice: 1299 },
        { title: 'Gift wrapping', sku: '', quantity: 1, unitPrice: 500 },
      ],
      subtotal: 5797,
      shippingCharge: 500,
      taxes: 464,
      discount: 500,
      total: 6261,
      paymentState: 'paid',
      paidAt: '2026-03-15T14:22:35.000Z',
      paymentReference: 'rIw4QXqrJbXeyKv4gKSgs2b8P',
      cancelledAt: null,
      notes: 'Please leave at the back door',
      tags: ['autoship', 'VIP'],
      riskLevel: 'low',
      fulfillmentState: 'unfulfilled',
    };
    expect(orders[0]).toEqual({ line: 2, order: expected });
    expect(orders[1]?.line).toBe(5);
    expect(orders[1]?.order).toMatchObject({
      number: '#1002', currency: 'EUR', total: 2980, paymentState: 'pending', paymentReference: '', tags: [], riskLevel: '',
      lines: [{ title: 'Katzenstreu 10 l', sku: 'LIT-10', quantity: 1, unitPrice: 2490 }],
      shipping: { name: 'Max Müller', line1: 'Hauptstraße 5', line2: '', city: 'Berlin', region: 'BE', postcode: '10115', country: 'DE', phone: '+49301234567' },
    });
    expect(problems).toEqual([]);
    expect(result).toEqual({ orders: 2, problems: 0, stopped: false });
  });
});

describe('readShopifyOrders: what spreadsheets do to a file', () => {
  it('reads a UTF-8 BOM + CRLF file with quoted commas, quotes and line breaks, counting physical lines', () => {
    const { orders, problems } = read(fixture('shopify-bom-crlf-quoted.csv'));
    expect(problems).toEqual([]);
    // #2001's address line 2 and its note each hold a line break: its one row spans lines 2–5.
    expect(orders.map((at) => [at.line, at.order.number])).toEqual([[2, '#2001'], [6, '#2002']]);
    const order = orders[0]?.order;
    expect(order?.lines).toEqual([{ title: 'Chew "Bone", beef', sku: 'CHEW-BONE', quantity: 1, unitPrice: 1000 }]);
    expect(order?.shipping).toEqual({
      name: "Ann O'Brien, c/o Pets Ltd", line1: 'Flat 3, 12 Baker Street', line2: 'Rear entrance, blue door', city: 'London', region: '',
      postcode: 'NW1 6XE', country: 'GB', phone: '+442079460000',
    });
    expect(order?.notes).toBe('Ring twice, then wait.\nIf nobody answers, leave with number 14, "the green house".');
  });

  it('keeps formula-like text as plain text, exactly as written', () => {
    const order = read(fixture('shopify-bom-crlf-quoted.csv')).byNumber('#2002');
    expect(order?.customer).toEqual({ name: "=cmd|' /C calc'!A0", email: '=HYPERLINK("http://evil.example","click")', phone: '' });
    expect(order?.lines).toEqual([{ title: '=HYPERLINK("http://evil.example","Free treats")', sku: '+SUM(1,2)', quantity: 1, unitPrice: 800 }]);
    expect(order?.notes).toBe('=1+2');
    expect(order?.tags).toEqual(['@risk', '-5']);
  });

  it('drops the apostrophe Shopify puts before zips and phones for Excel', () => {
    const order = read(fixture('shopify-multi-line.csv')).byNumber('#1001');
    expect(order?.shipping?.postcode).toBe('02134');
    expect(order?.customer.phone).toBe('+16175550123');
  });
});

describe('readShopifyOrders: currencies', () => {
  it('reads each order in its own currency with that currency’s minor units (USD 2, JPY 0, KWD 3)', () => {
    const { byNumber } = read(fixture('shopify-currencies.csv'));
    expect(byNumber('#3001')).toMatchObject({ currency: 'USD', total: 1999, lines: [{ unitPrice: 1999 }] });
    // Shopify writes "0.00" in a JPY order too: surplus zeros carry no money and are read as 0.
    expect(byNumber('#3002')).toMatchObject({ currency: 'JPY', subtotal: 3980, shippingCharge: 500, taxes: 398, discount: 0, total: 4878, lines: [{ quantity: 2, unitPrice: 1990 }] });
    expect(byNumber('#3003')).toMatchObject({ currency: 'KWD', subtotal: 12500, shippingCharge: 1250, total: 13750 });
  });

  it('refuses an order whose rows disagree on the currency, naming the row and column, and reads the next order', () => {
    const { problems, byNumber, result } = read(fixture('shopify-currencies.csv'));
    expect(problems).toEqual([{
      line: 6, orderNumber: '#3004',
      reason: 'Order #3004 was not imported: the column “Currency” has “GBP”, which differs from EUR on the order\'s first row (line 5); one order cannot mix currencies.',
    }]);
    expect(byNumber('#3004')).toBeUndefined();
    expect(byNumber('#3005')?.total).toBe(500);
    expect(result).toEqual({ orders: 4, problems: 1, stopped: false });
  });
});

describe('readShopifyOrders: order states', () => {
  it('maps Financial Status, Cancelled at and Paid at, and reads an order without a shipping address as shipping null', () => {
    const { byNumber, problems } = read(fixture('shopify-statuses.csv'));
    expect(problems).toEqual([]);
    expect(byNumber('#4001')).toMatchObject({ shipping: null, billingCountry: 'US', paymentState: 'paid', paidAt: '2026-06-01T14:00:02.000Z', paymentReference: 'pi_digital1' });
    expect(byNumber('#4002')).toMatchObject({ paymentState: 'voided', cancelledAt: '2026-06-02T22:30:00.000Z', shipping: JANE_ADDRESS });
    expect(byNumber('#4003')).toMatchObject({ paymentState: 'refunded', cancelledAt: null, paymentReference: 'pi_refunded1' });
    expect(byNumber('#4004')?.paymentState).toBe('partially_refunded');
    expect(byNumber('#4005')).toMatchObject({ paymentState: 'unknown', riskLevel: 'high' });
  });

  it('falls back to the Name as the external id when Id is empty', () => {
    expect(read(fixture('shopify-statuses.csv')).byNumber('#4005')?.externalId).toBe('#4005');
  });

  it.each([
    ['paid', 'paid'], ['pending', 'pending'], ['authorized', 'authorized'], ['partially_paid', 'partially_paid'],
    ['partially_refunded', 'partially_refunded'], ['refunded', 'refunded'], ['voided', 'voided'], ['Paid', 'paid'], ['expired', 'unknown'], ['', 'unknown'],
  ] as const)('Financial Status “%s” → %s', (status, state) => {
    expect(read(shopifyCsv([shopifyOrderRow('#1', { 'Financial Status': status })])).orders[0]?.order.paymentState).toBe(state);
  });
});

describe('readShopifyOrders: fulfillment', () => {
  it.each([
    ['fulfilled', 'fulfilled'], ['partial', 'partial'], ['unfulfilled', 'unfulfilled'], ['pending', 'unfulfilled'], ['restocked', 'unfulfilled'],
    ['Fulfilled', 'fulfilled'],
  ] as const)('Fulfillment Status “%s” → %s', (status, state) => {
    expect(read(shopifyCsv([shopifyOrderRow('#1', { 'Fulfillment Status': status })])).orders[0]?.order.fulfillmentState).toBe(state);
  });

  it('leaves fulfillmentState out when the file has no Fulfillment Status column, or the cell is empty', () => {
    const withColumn = shopifyCsv([shopifyOrderRow('#1', { 'Fulfillment Status': 'fulfilled' })]);
    const withoutColumn = new TextEncoder().encode(new TextDecoder().decode(withColumn).replace('Fulfillment Status', 'Fulfilment Notes'));
    const order = read(withoutColumn).orders[0]?.order;
    expect(order?.number).toBe('#1');
    expect(order).not.toHaveProperty('fulfillmentState');
    expect(read(shopifyCsv([shopifyOrderRow('#1', { 'Fulfillment Status': '' })])).orders[0]?.order).not.toHaveProperty('fulfillmentState');
  });
});

describe('readShopifyOrders: rows it refuses', () => {
  it('reports each bad row with its line and a reason naming the column, and imports the good orders around them', () => {
    const { problems, orders, result } = read(fixture('shopify-bad-rows.csv'));
    expect(orders.map((at) => [at.line, at.order.number, at.order.lines.length])).toEqual([[7, '#5005', 1]]);
    expect(problems.map(({ line, orderNumber, reason }) => [line, orderNumber, reason])).toEqual([
      [3, undefined, 'The column “Name” is empty, so the row belongs to no order; the row was not imported.'],
      [2, '#5001', 'Order #5001 was not imported: the column “Lineitem quantity” has “0”, which must be a whole number from 1 to 10000.'],
      [4, '#5002', 'Order #5002 was not imported: the column “Lineitem quantity” has “1.5”, which must be a whole number from 1 to 10000.'],
      [5, '#5003', 'Order #5003 was not imported: the column “Subtotal” has “1,234.00”, which must be a number such as 12.50.'],
      [6, '#5004', 'Order #5004 was not imported: the column “Currency” has “XYZ”, which is not a currency code (ISO 4217, such as USD or JPY).'],
      [8, '#5006', 'Order #5006 was not imported: the column “Created at” has “yesterday”, which is not a date and time such as 2026-03-15 10:22:33 -0400.'],
      [8, '#5006', 'Order #5006 was not imported: the column “Shipping Country” has “Germany”, which is not a two-letter country code (ISO 3166-1, such as US or DE).'],
      [9, '#5005', 'Order #5005 appears again on line 9, after other orders; its rows started on line 7. The rows of one order must be next to each other, '
        + 'so these rows were not imported (the order was read from its first rows only).'],
      [10, '#5007', 'Order #5007 was not imported: the column “Subtotal” has “1000.50”, which takes no decimals in JPY.'],
    ]);
    expect(problems.every((problem) => problem.kept === undefined)).toBe(true);
    expect(result).toEqual({ orders: 1, problems: 9, stopped: false });
  });

  it('refuses an order of more than MAX_LINES line items and reads the order after it', () => {
    const items = Array.from({ length: MAX_LINES }, (_, index) => shopifyItemRow('#7001', { quantity: 1, title: `Toy ${index}`, price: '1.00', sku: `T-${index}` }));
    const { orders, problems } = read(shopifyCsv([shopifyOrderRow('#7001'), ...items, shopifyOrderRow('#7002')]));
    expect(problems).toEqual([{
      line: 2, orderNumber: '#7001', reason: `Order #7001 has ${MAX_LINES + 1} line items (lines 2–${MAX_LINES + 2}); an order can have at most ${MAX_LINES}, so it was not imported.`,
    }]);
    expect(orders.map((at) => [at.line, at.order.number])).toEqual([[MAX_LINES + 3, '#7002']]);
  });

  it('accepts an order of exactly MAX_LINES line items', () => {
    const items = Array.from({ length: MAX_LINES - 1 }, (_, index) => shopifyItemRow('#7001', { quantity: 1, title: `Toy ${index}`, price: '1.00', sku: `T-${index}` }));
    const { orders, problems } = read(shopifyCsv([shopifyOrderRow('#7001'), ...items]));
    expect(problems).toEqual([]);
    expect(orders[0]?.order.lines).toHaveLength(MAX_LINES);
  });

  it('names the order a row the CSV reader could not split lay inside, since that order was imported without it', () => {
    const text = new TextDecoder().decode(fixture('shopify-multi-line.csv')).split('\n');
    text.splice(2, 0, '#1001,jane@example.com,only three cells');
    const { orders, problems } = read(new TextEncoder().encode(text.join('\n')));
    expect(orders[0]?.order.lines).toHaveLength(3);
    expect(problems).toEqual([{
      line: 3, orderNumber: '#1001',
      reason: 'The row has 3 fields, the header has 79, so it was not read. It lies between rows of order #1001 (lines 2–5), which was imported without it: '
        + 'check that order against the shop.',
    }]);
  });

  it('refuses an empty Currency on an order’s first row, and a bad Billing Country only leaves it out', () => {
    const { orders, problems } = read(shopifyCsv([
      shopifyOrderRow('#1', { Currency: '' }),
      shopifyOrderRow('#2', { 'Billing Country': 'USA' }),
    ]));
    expect(problems).toEqual([
      { line: 2, orderNumber: '#1', reason: 'Order #1 was not imported: the column “Currency” is empty, but the first row of an order must name its currency.' },
      {
        line: 3, orderNumber: '#2', kept: true,
        reason: 'Order #2: imported without a billing country: the column “Billing Country” has “USA”, which is not a two-letter country code (ISO 3166-1, such as US or DE).',
      },
    ]);
    expect(orders.map((at) => [at.order.number, at.order.billingCountry])).toEqual([['#2', '']]);
  });
});

describe('readShopifyOrders: a 5 MB note in one cell', () => {
  it('imports the order with the first 5,000 characters of the note and says so on its line', () => {
    const note = 'Woof! '.repeat(Math.ceil((5 * 1024 * 1024) / 6)).slice(0, 5 * 1024 * 1024);
    const { orders, problems } = read(shopifyCsv([shopifyOrderRow('#1'), shopifyOrderRow('#2', { Notes: note }), shopifyOrderRow('#3')]));
    expect(orders.map((at) => [at.line, at.order.number, at.order.notes.length])).toEqual([[2, '#1', 0], [3, '#2', 5000], [4, '#3', 0]]);
    expect(orders[1]?.order.notes).toBe(note.slice(0, 5000));
    expect(problems).toEqual([{
      line: 3, orderNumber: '#2', kept: true,
      reason: 'Order #2: the column “Notes” has 5,242,880 characters; the first 5,000 were kept (the most an order\'s notes hold here), the whole note is still in Shopify.',
    }]);
  });
});

describe('readShopifyOrders: files that are not a Shopify orders export', () => {
  it('refuses a WooCommerce export naming the columns it lacks and how to export from Shopify', () => {
    const error = thrown(() => read(fixture('woocommerce-one-row-per-item.csv')));
    expect(error.message).toBe('This is not a Shopify orders export: the header has no column “Name”, “Financial Status”, “Currency”, “Total”, '
      + '“Lineitem quantity”, “Lineitem name”, “Lineitem price”. In Shopify, open Orders, choose Export, and pick “CSV for Excel, Numbers, or other spreadsheet programs”.');
    expect(error.field).toBe('contentBase64');
  });

  it('refuses a PDF, an empty file and a header without rows with the feed reader’s sentences, worded for orders', () => {
    expect(thrown(() => read(new TextEncoder().encode('%PDF-1.7\n...'))).message)
      .toBe('This looks like a PDF document, not a CSV file; export the orders from the shop as CSV.');
    expect(thrown(() => read(new Uint8Array())).message).toBe('The file is empty (0 bytes).');
    expect(thrown(() => read(shopifyCsv([]))).message).toMatch(/^The file has only the header line \(Name, Email, /u);
  });

  it('refuses a file whose quote never closes, even though orders above it were already handed on', () => {
    const rows = [shopifyOrderRow('#1'), shopifyOrderRow('#2'), shopifyOrderRow('#3', { 'Lineitem name': 'PLACEHOLDER' }), shopifyOrderRow('#4')];
    const bytes = new TextEncoder().encode(new TextDecoder().decode(shopifyCsv(rows)).replace('PLACEHOLDER', '"Open quote'));
    const orders: string[] = [];
    const error = thrown(() => readShopifyOrders(bytes, { onOrder: (at) => orders.push(at.order.number), onProblem: () => undefined }));
    expect(error.message).toBe('A quote (") opened on line 4 is never closed, so lines 4–5 cannot be read as rows; close or remove that quote.');
    // #1 was complete when #2 began; #2 was still being gathered when the quote swallowed the rest.
    expect(orders).toEqual(['#1']);
  });
});

describe('readShopifyOrders: streaming', () => {
  const many = (count: number) => shopifyCsv(Array.from({ length: count }, (_, index) => shopifyOrderRow(`#${1000 + index}`)));

  it('hands orders on before the whole file is read', () => {
    const seen: { bytesRead: number; total: number; orders: number }[] = [];
    const bytes = many(25_000);
    let orders = 0;
    readShopifyOrders(bytes, { onOrder: () => { orders += 1; }, onProblem: () => undefined, onProgress: (bytesRead, total) => seen.push({ bytesRead, total, orders }) });
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen[0]?.orders).toBeGreaterThan(0);
    expect(seen[0]?.orders).toBeLessThan(25_000);
    expect(seen[0]?.bytesRead).toBeLessThan(bytes.length);
    expect(seen.at(-1)).toEqual({ bytesRead: bytes.length, total: bytes.length, orders: 25_000 });
  });

  it('stops when shouldStop says so, without handing on the order it was gathering', () => {
    const numbers: string[] = [];
    const result = readShopifyOrders(many(100), {
      onOrder: (at) => numbers.push(at.order.number), onProblem: () => undefined, shouldStop: () => numbers.length >= 10,
    });
    expect(result).toEqual({ orders: 10, problems: 0, stopped: true });
    expect(numbers).toEqual(Array.from({ length: 10 }, (_, index) => `#${1000 + index}`));
  });
});

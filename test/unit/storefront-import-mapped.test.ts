/**
 * Orders files the desk does not recognise, read through a column mapping: a small German shop's export with its
 * own headers (semicolons, decimal commas, day-first dates, the order's columns on its first row only), the
 * guessed mapping for it, and the mappings that are refused before any order is read.
 */
import { describe, expect, it } from 'vitest';
import type { OrderColumnMapping } from '../../src-shared/domain/storefront-import';
import type { ImportedOrderAt, ImportRowProblem } from '../../src-shared/domain/storefront-orders';
import { MAX_QUANTITY } from '../../src-shared/schemas/order-input';
import { DeskError } from '../../src-main/services/errors';
import { guessOrderMapping } from '../../src-main/services/storefront-import/guess-order-mapping';
import { mappedOrderLayout, readLooseDateTime, readLooseMoney, readPaymentWord } from '../../src-main/services/storefront-import/mapped-order';
import { Invalid } from '../../src-main/services/storefront-import/order-values';
import { readAnyOrderFile } from '../../src-main/services/storefront-import/read-any-order-file';
import { readOrderFile } from '../../src-main/services/storefront-import/read-order-file';

const GERMAN_HEADER = 'Bestellnr.;Datum;Kunde;E-Mail;Straße;PLZ;Ort;Land;Artikel;Art.-Nr.;Menge;Einzelpreis;Versand;Gesamt;Bezahlt;Anmerkung';
const GERMAN_SHOP = [
  GERMAN_HEADER,
  'B-501;15.03.2026 10:22;Zoë Müller;zoe@example.de;Hauptstraße 5;10115;Berlin;DE;Hundefutter Lamm 12 kg;HF-LAMM-12;2;54,90;4,90;114,70;bezahlt;"Bitte beim Nachbarn\nabgeben"',
  'B-501;;;;;;;;Kauknochen;KK-1;3;1,50;;;;',
  'B-502;16.03.2026;Jan Schmidt;jan@example.de;Ringstraße 1;80331;München;DE;Katzenstreu 10 l;KS-10;1;1.024,50;0;;offen;',
].join('\r\n');

const bytes = (text: string) => new TextEncoder().encode(text);

const GERMAN_MAPPING: OrderColumnMapping = {
  orderNumber: 'Bestellnr.', createdAt: 'Datum', customerName: 'Kunde', email: 'E-Mail', shipLine1: 'Straße', shipPostcode: 'PLZ',
  shipCity: 'Ort', shipCountry: 'Land', lineTitle: 'Artikel', lineSku: 'Art.-Nr.', lineQuantity: 'Menge', linePrice: 'Einzelpreis',
  shipping: 'Versand', total: 'Gesamt', paymentState: 'Bezahlt', notes: 'Anmerkung',
};

function read(text: string, mapping: OrderColumnMapping, defaultCurrency = 'EUR') {
  const orders: ImportedOrderAt[] = [];
  const problems: ImportRowProblem[] = [];
  const result = readOrderFile(bytes(text), mappedOrderLayout(mapping, defaultCurrency), {
    onOrder: (at) => orders.push(at), onProblem: (problem) => problems.push(problem),
  });
  return { orders, problems, result };
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

describe('guessOrderMapping', () => {
  it('finds every column of the German shop’s header by its German name', () => {
    expect(guessOrderMapping(GERMAN_HEADER.split(';'))).toEqual(GERMAN_MAPPING);
  });

  it('finds English names whatever their case, marks and spacing, and gives no column to two fields', () => {
    const headers = ['Order #', 'Order Date', 'Customer Email', 'SKU', 'Product', 'QTY', 'Unit Price', 'Shipping', 'Shipping Country', 'Total', 'Notes', 'Colour'];
    expect(guessOrderMapping(headers)).toEqual({
      orderNumber: 'Order #', createdAt: 'Order Date', email: 'Customer Email', shipCountry: 'Shipping Country', lineTitle: 'Product', lineSku: 'SKU',
      lineQuantity: 'QTY', linePrice: 'Unit Price', shipping: 'Shipping', total: 'Total', notes: 'Notes',
    });
  });

  it('guesses nothing for a header it has no names for', () => {
    expect(guessOrderMapping(['Spalte 1', 'Spalte 2', 'x'])).toEqual({});
  });
});

describe('mappedOrderLayout: a German shop’s export', () => {
  it('reads each order from its rows: order columns from the first row that has them, lines from every row', () => {
    const { orders, problems, result } = read(GERMAN_SHOP, GERMAN_MAPPING);
    expect(problems).toEqual([]);
    expect(result).toEqual({ orders: 2, problems: 0, stopped: false });
    expect(orders[0]).toEqual({
      line: 2,
      order: {
        source: 'csv',
        externalId: 'B-501',
        number: 'B-501',
        createdAt: '2026-03-15T10:22:00',
        currency: 'EUR',
        customer: { name: 'Zoë Müller', email: 'zoe@example.de', phone: '' },
        shipping: { name: 'Zoë Müller', line1: 'Hauptstraße 5', line2: '', city: 'Berlin', region: '', postcode: '10115', country: 'DE', phone: '' },
        billingCountry: '',
        lines: [
          { title: 'Hundefutter Lamm 12 kg', sku: 'HF-LAMM-12', quantity: 2, unitPrice: 5490 },
          { title: 'Kauknochen', sku: 'KK-1', quantity: 3, unitPrice: 150 },
        ],
        subtotal: 11_430,
        shippingCharge: 490,
        taxes: 0,
        discount: 0,
        total: 11_470,
        paymentState: 'paid',
        paidAt: null,
        paymentReference: '',
        cancelledAt: null,
        notes: 'Bitte beim Nachbarn\nabgeben',
        tags: [],
        riskLevel: '',
      },
    });
  });

  it('counts the total as lines + shipping + taxes − discount when the file gives none', () => {
    const order = read(GERMAN_SHOP, GERMAN_MAPPING).orders[1]?.order;
    expect(order).toMatchObject({ number: 'B-502', createdAt: '2026-03-16', subtotal: 102_450, shippingCharge: 0, total: 102_450, paymentState: 'pending' });
    const withTaxes = 'Order;Item;Qty;Price;Shipping;Tax;Discount\nA1;Leash;2;10.00;4.95;1.50;2.00\n';
    const mapping = { orderNumber: 'Order', lineTitle: 'Item', lineQuantity: 'Qty', linePrice: 'Price', shipping: 'Shipping', taxes: 'Tax', discount: 'Discount' };
    expect(read(withTaxes, mapping, 'USD').orders[0]?.order).toMatchObject({ currency: 'USD', subtotal: 2000, total: 2000 + 495 + 150 - 200 });
  });

  it('refuses an order with a bad quantity, naming its line and the file’s column, and reads the other', () => {
    const { orders, problems } = read(GERMAN_SHOP.replace(';Kauknochen;KK-1;3;', ';Kauknochen;KK-1;drei;'), GERMAN_MAPPING);
    expect(orders.map((at) => at.order.number)).toEqual(['B-502']);
    expect(problems).toEqual([{
      line: 4, orderNumber: 'B-501', reason: `Order B-501 was not imported: the column “Menge” has “drei”, which must be a whole number from 1 to ${MAX_QUANTITY}.`,
    }]);
  });
});

describe('mappedOrderLayout: mappings it refuses', () => {
  it('refuses a mapping without a required field, naming the field, before reading anything', () => {
    const { lineQuantity: _left, ...withoutQuantity } = GERMAN_MAPPING;
    const error = thrown(() => mappedOrderLayout(withoutQuantity, 'EUR'));
    expect(error.toApiError()).toEqual({
      code: 'invalid_input', field: 'mapping', message: 'Choose the column that holds “Item quantity”: no order can be read without it.',
    });
    expect(thrown(() => mappedOrderLayout({ ...GERMAN_MAPPING, orderNumber: ' ' }, 'EUR')).message).toContain('“Order number”');
  });

  it('refuses a mapping that names a header the file does not have, naming it and its field', () => {
    const error = thrown(() => read(GERMAN_SHOP, { ...GERMAN_MAPPING, linePrice: 'Preis' }));
    expect(error.toApiError()).toEqual({
      code: 'invalid_input', field: 'mapping', message: 'The file has no column “Preis” (for Item unit price); choose the columns again from its header.',
    });
  });

  it('refuses a shop currency that is not a currency code', () => {
    expect(thrown(() => mappedOrderLayout(GERMAN_MAPPING, 'Euro')).field).toBe('defaultCurrency');
  });
});

describe('readAnyOrderFile with a file the desk does not know', () => {
  it('reads it through the mapping as the mapped format', () => {
    const orders: ImportedOrderAt[] = [];
    const result = readAnyOrderFile(bytes(GERMAN_SHOP), { mapping: GERMAN_MAPPING, defaultCurrency: 'EUR' }, { onOrder: (at) => orders.push(at), onProblem: () => undefined });
    expect(result).toEqual({ orders: 2, problems: 0, stopped: false, format: 'mapped' });
    expect(orders.map((at) => at.order.number)).toEqual(['B-501', 'B-502']);
  });

  it('asks for a mapping when none was chosen', () => {
    const error = thrown(() => readAnyOrderFile(bytes(GERMAN_SHOP), { defaultCurrency: 'EUR' }, { onOrder: () => undefined, onProblem: () => undefined }));
    expect(error.field).toBe('mapping');
    expect(error.message).toMatch(/^This file is not a Shopify, WooCommerce or PetDrop Desk export: choose which of its columns/u);
  });
});

describe('free-text cells of a mapped file', () => {
  it.each([
    ['paid', 'paid'], ['Paid', 'paid'], ['bezahlt', 'paid'], ['Completed', 'paid'], ['pending', 'pending'], ['unpaid', 'pending'], ['offen', 'pending'],
    ['on-hold', 'pending'], ['authorized', 'authorized'], ['Partially paid', 'partially_paid'], ['partially-refunded', 'partially_refunded'],
    ['refunded', 'refunded'], ['erstattet', 'refunded'], ['void', 'voided'], ['ja', 'unknown'], ['', 'unknown'],
  ] as const)('payment “%s” → %s', (text, state) => {
    expect(readPaymentWord(text)).toBe(state);
  });

  it.each([
    ['12.50', 'EUR', 1250], ['12,50', 'EUR', 1250], ['1.024,50', 'EUR', 102_450], ['3,5', 'EUR', 350], ['3980', 'JPY', 3980], ['1,234', 'KWD', 1234],
  ] as const)('money “%s” %s → %d', (text, currency, amount) => {
    expect(readLooseMoney(text, currency)).toBe(amount);
  });

  it.each([['1,234', 'EUR'], ['1,5', 'JPY'], ['12.50 €', 'EUR']] as const)('refuses “%s” in %s rather than guess', (text, currency) => {
    expect(readLooseMoney(text, currency)).toBeInstanceOf(Invalid);
  });

  it('reads day-first dotted dates and ISO dates, and refuses slashed ones', () => {
    expect(readLooseDateTime('5.3.2026')).toBe('2026-03-05');
    expect(readLooseDateTime('15.03.2026 9:05')).toBe('2026-03-15T09:05:00');
    expect(readLooseDateTime('2026-03-15 10:22:33 -0400')).toBe('2026-03-15T14:22:33.000Z');
    expect(readLooseDateTime('31.02.2026')).toBeInstanceOf(Invalid);
    expect(readLooseDateTime('03/04/2026')).toBeInstanceOf(Invalid);
  });
});

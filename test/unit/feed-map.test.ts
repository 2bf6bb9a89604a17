import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMoneyInput } from '../../src-shared/domain/money';
import type { FeedMapping, FeedRow, ResolvedColumns } from '../../src-main/services/feeds/feed-types';
import { checkMapping, mapFeedRow, mapFeedRows } from '../../src-main/services/feeds/map-feed-rows';
import { parseFeed } from '../../src-main/services/feeds/parse-feed';

const FIXTURES = fileURLToPath(new URL('../fixtures/feeds/', import.meta.url));
const GERMAN_MAPPING: FeedMapping = {
  supplierSku: 'Artikelnummer', stock: 'Bestand', cost: 'EK-Preis', leadTimeDays: 'Lieferzeit', currency: 'Währung',
};

function resolve(headers: string[], mapping: FeedMapping): ResolvedColumns {
  const checked = checkMapping(headers, mapping);
  if (!checked.ok) throw new Error(checked.reason);
  return checked.columns;
}

describe('checkMapping', () => {
  const headers = ['Artikelnummer', 'Bezeichnung', 'Bestand', 'EK-Preis', 'Lieferzeit (Tage)'];

  it('finds mapped columns ignoring case and spacing, and keeps the file’s spelling', () => {
    expect(checkMapping(headers, { supplierSku: ' artikelnummer', stock: 'BESTAND', cost: 'ek-preis', leadTimeDays: 'Lieferzeit  (tage)' })).toEqual({
      ok: true,
      columns: {
        supplierSku: { index: 0, header: 'Artikelnummer' },
        stock: { index: 2, header: 'Bestand' },
        cost: { index: 3, header: 'EK-Preis' },
        leadTimeDays: { index: 4, header: 'Lieferzeit (Tage)' },
      },
    });
  });

  it('treats an empty optional mapping as not mapped', () => {
    expect(checkMapping(headers, { supplierSku: 'Artikelnummer', stock: 'Bestand', cost: '', currency: '  ' })).toEqual({
      ok: true, columns: { supplierSku: { index: 0, header: 'Artikelnummer' }, stock: { index: 2, header: 'Bestand' } },
    });
  });

  it.each<[string, FeedMapping, string]>([
    ['a mapped column the file lacks', { supplierSku: 'SKU', stock: 'Stock', cost: 'EK-Preis' } as FeedMapping,
      'The column “SKU” mapped to supplier SKU is not in this file; its columns are: “Artikelnummer”, “Bezeichnung”, “Bestand”, “EK-Preis”, “Lieferzeit (Tage)”.'],
    ['an optional column the file lacks', { supplierSku: 'Artikelnummer', stock: 'Bestand', currency: 'Währung' },
      'The column “Währung” mapped to currency is not in this file; its columns are: “Artikelnummer”, “Bezeichnung”, “Bestand”, “EK-Preis”, “Lieferzeit (Tage)”.'],
    ['no column for stock', { supplierSku: 'Artikelnummer', stock: ' ' }, 'No column is mapped to stock; choose the column that holds it.'],
    ['one column for two fields', { supplierSku: 'Artikelnummer', stock: 'Bestand', leadTimeDays: 'bestand' },
      'The column “Bestand” is mapped to both stock and lead time; each needs its own column.'],
  ])('rejects %s', (_name, mapping, reason) => {
    expect(checkMapping(headers, mapping)).toEqual({ ok: false, reason });
  });
});

describe('mapFeedRows on bad-values.csv', () => {
  it('applies the good rows and names line, field, column and value for each bad one', () => {
    const parsed = parseFeed(new Uint8Array(readFileSync(`${FIXTURES}bad-values.csv`)));
    if (!parsed.ok) throw new Error(parsed.reason);
    const { updates, rowErrors } = mapFeedRows(parsed.rows, resolve(parsed.headers, GERMAN_MAPPING), 'EUR');
    expect(updates).toEqual([
      { line: 2, supplierSku: 'HF-ADULT-12', stock: 40, cost: { amount: 2990, currency: 'EUR' }, leadTimeDays: 2 },
      { line: 13, supplierSku: 'KF-PAL-60', stock: 2, cost: { amount: 129900, currency: 'EUR' }, leadTimeDays: 5 },
      { line: 14, supplierSku: 'BU-FELL-1', stock: 22, cost: { amount: 650, currency: 'EUR' } },
      { line: 15, supplierSku: 'PF-SET-CH', stock: 5, cost: { amount: 1250, currency: 'CHF' }, leadTimeDays: 2 },
    ]);
    expect(rowErrors).toEqual([
      { line: 3, reason: 'stock “-3” (column “Bestand”) must be a whole number of 0 or more' },
      { line: 4, reason: 'cost “gratis” (column “EK-Preis”) must be a number such as 12.50' },
      { line: 5, reason: 'supplier SKU (column “Artikelnummer”) is empty' },
      { line: 6, reason: 'SKU HF-ADULT-12 already appeared on line 2' },
      { line: 7, reason: 'stock “abc” (column “Bestand”) must be a whole number of 0 or more' },
      { line: 8, reason: 'stock “12.5” (column “Bestand”) must be a whole number of 0 or more' },
      { line: 9, reason: 'stock “1.234” (column “Bestand”) could be a decimal or use a thousands separator; write a whole number of 0 or more without separators, e.g. 1234' },
      { line: 10, reason: 'cost “19,90 USD” (column “EK-Preis”) is in USD, but this row\'s currency is EUR' },
      { line: 11, reason: 'lead time “400” (column “Lieferzeit”) must be a whole number from 0 to 365' },
      { line: 12, reason: 'currency “EURO” (column “Währung”) is not an ISO 4217 currency code such as EUR' },
      { line: 16, reason: 'cost “0,00” (column “EK-Preis”) must be more than 0' },
    ]);
  });
});

describe('mapFeedRow values', () => {
  const columns = resolve(['SKU', 'Stock', 'Cost', 'Lead', 'Cur'], { supplierSku: 'SKU', stock: 'Stock', cost: 'Cost', leadTimeDays: 'Lead', currency: 'Cur' });
  const row = (cells: Partial<Record<'sku' | 'stock' | 'cost' | 'lead' | 'cur', string>>): FeedRow => ({
    line: 9, cells: [cells.sku ?? 'A-1', cells.stock ?? '1', cells.cost ?? '', cells.lead ?? '', cells.cur ?? ''],
  });
  const map = (cells: Parameters<typeof row>[0], defaultCurrency = 'EUR') => mapFeedRow(row(cells), columns, defaultCurrency);

  it.each<[string, number]>([
    ['12', 12], [' 12 ', 12], ['0', 0], ['007', 7], ['1 234', 1234], ['1\u00a0234', 1234], ["1'234", 1234], ['9007199254740991', 9007199254740991],
  ])('reads stock %j as %i', (stock, expected) => {
    expect(map({ stock })).toEqual({ ok: true, update: { line: 9, supplierSku: 'A-1', stock: expected } });
  });

  it.each<[string, string]>([
    ['-3', 'stock “-3” (column “Stock”) must be a whole number of 0 or more'],
    ['12.5', 'stock “12.5” (column “Stock”) must be a whole number of 0 or more'],
    ['+5', 'stock “+5” (column “Stock”) must be a whole number of 0 or more'],
    ['ausverkauft', 'stock “ausverkauft” (column “Stock”) must be a whole number of 0 or more'],
    ['12 Stück', 'stock “12 Stück” (column “Stock”) must be a whole number of 0 or more'],
    ['1,234', 'stock “1,234” (column “Stock”) could be a decimal or use a thousands separator; write a whole number of 0 or more without separators, e.g. 1234'],
    ['99999999999999999', 'stock “99999999999999999” (column “Stock”) must be a whole number of 0 or more'],
    [' ', 'stock (column “Stock”) is empty; it must be a whole number of 0 or more'],
  ])('refuses stock %j', (stock, reason) => {
    expect(map({ stock })).toEqual({ ok: false, line: 9, reason });
  });

  it.each<[string, string, number, string?]>([
    ['19,99', 'EUR', 1999], ['19.99', 'EUR', 1999], ['12', 'EUR', 1200], [' 0,5 ', 'EUR', 50],
    ['1.299,00', 'EUR', 129900], ['1,299.00', 'EUR', 129900], ['1 299,00', 'EUR', 129900], ['1.299.000', 'EUR', 129900000],
    ['€ 12,50', 'EUR', 1250], ['12,50 €', 'EUR', 1250], ['12.50 EUR', 'EUR', 1250], ['eur 3,10', 'EUR', 310],
    ['$12.50', 'USD', 1250], ['CA$12.50', 'CAD', 1250, 'CAD'], ['CHF 4.20', 'CHF', 420], ['1500', 'JPY', 1500], ['¥1500', 'JPY', 1500],
  ])('reads cost %j in %s as %i minor units', (cost, currency, amount, column) => {
    expect(map({ cost, cur: column ?? '' }, currency)).toEqual({ ok: true, update: { line: 9, supplierSku: 'A-1', stock: 1, cost: { amount, currency } } });
  });

  it.each<[string, string]>([
    ['12.50 USD', 'cost “12.50 USD” (column “Cost”) is in USD, but this row\'s currency is EUR'],
    ['$12.50', 'cost “$12.50” (column “Cost”) has the currency sign $, but this row\'s currency is EUR'],
    ['£ 3,00', 'cost “£ 3,00” (column “Cost”) has the currency sign £, but this row\'s currency is EUR'],
    ['-1,00', 'cost “-1,00” (column “Cost”) must be more than 0'],
    ['0', 'cost “0” (column “Cost”) must be more than 0'],
    ['1,299', 'cost “1,299” (column “Cost”) takes at most 2 decimals in EUR'],
    ['1.299', 'cost “1.299” (column “Cost”) takes at most 2 decimals in EUR'],
    ['12,50,00', 'cost “12,50,00” (column “Cost”) must be a number such as 12.50'],
    ['1.29.00,00', 'cost “1.29.00,00” (column “Cost”) must be a number such as 12.50'],
    ['auf Anfrage', 'cost “auf Anfrage” (column “Cost”) must be a number such as 12.50'],
  ])('refuses cost %j in EUR', (cost, reason) => {
    expect(map({ cost })).toEqual({ ok: false, line: 9, reason });
  });

  it('uses the currency column, in any case, and the supplier default when it is empty', () => {
    expect(map({ cost: '4,20', cur: 'chf' })).toEqual({ ok: true, update: { line: 9, supplierSku: 'A-1', stock: 1, cost: { amount: 420, currency: 'CHF' } } });
    expect(map({ cost: '4,20', cur: ' ' }, 'GBP')).toEqual({ ok: true, update: { line: 9, supplierSku: 'A-1', stock: 1, cost: { amount: 420, currency: 'GBP' } } });
    expect(map({ cost: '4,20', cur: '€' })).toEqual({ ok: false, line: 9, reason: 'currency “€” (column “Cur”) is not an ISO 4217 currency code such as EUR' });
  });

  it.each<[string, number | undefined]>([['0', 0], ['365', 365], [' 14 ', 14], ['', undefined]])('reads lead time %j', (lead, expected) => {
    const result = map({ lead });
    expect(result.ok && result.update.leadTimeDays).toBe(expected);
  });

  it.each(['366', '2-3', '3 Tage', '-1'])('refuses lead time %j', (lead) => {
    expect(map({ lead })).toMatchObject({ ok: false, line: 9, reason: expect.stringMatching(new RegExp(`^lead time “${lead}” \\(column “Lead”\\) must be a whole number from 0 to 365$`, 'u')) });
  });

  it('trims the supplier SKU and refuses an empty, overlong or multi-line one', () => {
    expect(map({ sku: '  KIB-1 ' })).toEqual({ ok: true, update: { line: 9, supplierSku: 'KIB-1', stock: 1 } });
    expect(map({ sku: 'X'.repeat(100) }).ok).toBe(true);
    expect(map({ sku: 'X'.repeat(101) })).toEqual({ ok: false, line: 9, reason: `supplier SKU “${'X'.repeat(39)}…” (column “SKU”) is longer than 100 characters` });
    expect(map({ sku: 'KIB\n1' })).toEqual({ ok: false, line: 9, reason: 'supplier SKU “KIB\n1” (column “SKU”) contains a line break or a control character' });
  });

  it('reports every problem of a row at once', () => {
    expect(map({ sku: '', stock: '-1', lead: '999' })).toEqual({
      ok: false, line: 9,
      reason: 'supplier SKU (column “SKU”) is empty; stock “-1” (column “Stock”) must be a whole number of 0 or more; lead time “999” (column “Lead”) must be a whole number from 0 to 365',
    });
  });

  it('leaves cost out when the column is not mapped or the cell is empty', () => {
    const skuAndStock = resolve(['SKU', 'Stock'], { supplierSku: 'SKU', stock: 'Stock' });
    expect(mapFeedRow({ line: 2, cells: ['A-1', '3'] }, skuAndStock, 'EUR')).toEqual({ ok: true, update: { line: 2, supplierSku: 'A-1', stock: 3 } });
    expect(map({ cost: '  ' })).toEqual({ ok: true, update: { line: 9, supplierSku: 'A-1', stock: 1 } });
  });
});

describe('mapFeedRows duplicates', () => {
  const columns = resolve(['SKU', 'Stock'], { supplierSku: 'SKU', stock: 'Stock' });

  it('keeps the first row of a SKU, even when that row is refused, and reports each later one', () => {
    const rows: FeedRow[] = [
      { line: 2, cells: ['A-1', '-3'] }, { line: 3, cells: ['A-1', '4'] }, { line: 4, cells: [' A-1 ', '5'] },
      { line: 5, cells: ['a-1', '6'] }, { line: 6, cells: ['', '1'] }, { line: 7, cells: ['', '2'] },
    ];
    expect(mapFeedRows(rows, columns, 'EUR')).toEqual({
      // SKUs compare exactly after trimming, as the offers table's UNIQUE (supplier_id, supplier_sku) does.
      updates: [{ line: 5, supplierSku: 'a-1', stock: 6 }],
      rowErrors: [
        { line: 2, reason: 'stock “-3” (column “Stock”) must be a whole number of 0 or more' },
        { line: 3, reason: 'SKU A-1 already appeared on line 2' },
        { line: 4, reason: 'SKU A-1 already appeared on line 2' },
        { line: 6, reason: 'supplier SKU (column “SKU”) is empty' },
        { line: 7, reason: 'supplier SKU (column “SKU”) is empty' },
      ],
    });
  });

  it('throws when the supplier’s default currency is not ISO 4217', () => {
    expect(() => mapFeedRows([], columns, 'EURO')).toThrow(RangeError);
  });
});

describe('the quick reading of plain numbers', () => {
  const columns = resolve(['SKU', 'Stock', 'Cost'], { supplierSku: 'SKU', stock: 'Stock', cost: 'Cost' });
  const plainNumber = fc.tuple(fc.stringMatching(/^\d{1,15}$/u), fc.option(fc.tuple(fc.constantFrom('.', ','), fc.stringMatching(/^\d{1,4}$/u)), { nil: undefined }))
    .map(([whole, fraction]) => (fraction ? `${whole}${fraction[0]}${fraction[1]}` : whole));

  it('agrees with parseMoneyInput on every plain cost, in currencies with 0, 2 and 3 decimals', () => {
    fc.assert(fc.property(plainNumber, fc.constantFrom('JPY', 'EUR', 'KWD'), (cost, currency) => {
      const expected = parseMoneyInput(cost, currency);
      const result = mapFeedRow({ line: 2, cells: ['A-1', '1', cost] }, columns, currency);
      if (!expected.ok) expect(result.ok).toBe(false);
      else if (expected.amount === 0) expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/more than 0/u) });
      else expect(result).toMatchObject({ ok: true, update: { cost: { amount: expected.amount, currency } } });
    }), { numRuns: 2_000 });
  });

  it('reads every plain stock as Number does, up to the largest safe integer', () => {
    fc.assert(fc.property(fc.stringMatching(/^\d{1,17}$/u), (stock) => {
      const result = mapFeedRow({ line: 2, cells: ['A-1', stock, ''] }, columns, 'EUR');
      if (Number.isSafeInteger(Number(stock))) expect(result).toMatchObject({ ok: true, update: { stock: Number(stock) } });
      else expect(result.ok).toBe(false);
    }), { numRuns: 2_000 });
  });
});

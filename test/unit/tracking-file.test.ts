import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CarrierCode } from '../../src-shared/domain/tracking/carriers';
import type { TrackingMapping } from '../../src-shared/schemas/fulfillment-procedures';
import { DeskError } from '../../src-main/services/errors';
import { previewTrackingFile, readTrackingFile, type TrackingFileRow } from '../../src-main/services/tracking-file/read-tracking-file';

const FIXTURES = fileURLToPath(new URL('../fixtures/tracking-files/', import.meta.url));
const fixture = (name: string) => new Uint8Array(readFileSync(FIXTURES + name));
const utf8 = (text: string) => new TextEncoder().encode(text);

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

const SEMICOLON_MAPPING: TrackingMapping = {
  poNumber: 'PO Number', trackingNumber: 'Tracking No.', carrier: 'Carrier', supplierSku: 'SKU', quantity: 'Qty', shippedAt: 'Ship Date',
};
const QUOTED_MAPPING: TrackingMapping = {
  poNumber: 'Order ref', trackingNumber: 'Tracking Number', carrier: 'Courier', supplierSku: 'Item', quantity: 'Quantity', shippedAt: 'Dispatch date',
};
const BAD_ROWS_MAPPING: TrackingMapping = {
  poNumber: 'PO', trackingNumber: 'Tracking', carrier: 'Carrier', supplierSku: 'SKU', quantity: 'Qty', shippedAt: 'Shipped',
};
const SHORT_MAPPING: TrackingMapping = { poNumber: 'PO', trackingNumber: 'Tracking' };

describe('previewTrackingFile', () => {
  it('reads a BOM + CRLF + semicolon file and guesses every column from its header names', () => {
    const preview = previewTrackingFile(fixture('semicolon-bom-crlf.csv'));
    expect(preview.headers).toEqual(['PO Number', 'SKU', 'Description', 'Qty', 'Tracking No.', 'Carrier', 'Ship Date']);
    expect(preview.mapping).toEqual(SEMICOLON_MAPPING);
    expect(preview.rowCount).toBe(3);
    expect(preview.sample[0]).toEqual(['PO-1001', 'KIB-ADULT-12', 'Hundefutter 12,5 kg', '2', '1Z5R89390357567127', 'UPS', '03.07.2026']);
  });

  it('guesses other header wordings and leaves fields without a fitting column empty', () => {
    expect(previewTrackingFile(fixture('parcels-quoted.csv')).mapping).toEqual(QUOTED_MAPPING);
    expect(previewTrackingFile(fixture('carrier-names.csv')).mapping).toEqual({
      poNumber: 'Purchase order', trackingNumber: 'Tracking number', carrier: 'Shipping company', supplierSku: '', quantity: '', shippedAt: 'Ship date',
    });
  });

  it.each([
    ['P.O. Number', 'poNumber'], ['PO #', 'poNumber'], ['Purchase Order', 'poNumber'], ['Client Reference', 'poNumber'], ['ORDER REF', 'poNumber'],
    ['AWB', 'trackingNumber'], ['Consignment', 'trackingNumber'], ['Tracking #', 'trackingNumber'], ['tracking_no', 'trackingNumber'],
    ['Courier', 'carrier'], ['Shipping Company', 'carrier'], ['Product code', 'supplierSku'], ['Item', 'supplierSku'],
    ['Qty', 'quantity'], ['Quantity', 'quantity'], ['Shipped', 'shippedAt'], ['Dispatch-Date', 'shippedAt'],
  ] as const)('guesses the header “%s” as %s', (header, field) => {
    const headers = ['Notes', header];
    const preview = previewTrackingFile(utf8(`${headers.join(',')}\nx,y\n`));
    expect(preview.mapping[field]).toBe(header);
    expect(Object.values(preview.mapping).filter((column) => column !== '')).toEqual([header]);
  });

  it('offers the saved mapping when its columns are in the file (spelled as the file spells them), else guesses', () => {
    const bytes = utf8('Ref,Parcel,Carrier\nPO-1,1Z5R89390357567127,UPS\n');
    expect(previewTrackingFile(bytes, { poNumber: 'ref', trackingNumber: 'PARCEL' }).mapping)
      .toEqual({ poNumber: 'Ref', trackingNumber: 'Parcel', carrier: '', supplierSku: '', quantity: '', shippedAt: '' });
    const semicolon = fixture('semicolon-bom-crlf.csv');
    expect(previewTrackingFile(semicolon, { poNumber: 'Ref', trackingNumber: 'Parcel' }).mapping).toEqual(SEMICOLON_MAPPING);
  });

  it.each([
    ['an empty file', new Uint8Array(), /empty/],
    ['a header without rows', utf8('PO,Tracking\n'), /only the header line/],
    ['a PDF', utf8('%PDF-1.7\n...'), /PDF document.*tracking list/],
    ['a web page', utf8('<!DOCTYPE html><html><body>Login</body></html>'), /web page/],
  ])('refuses %s with a sentence for the owner', (_what, bytes, reason) => {
    const error = thrown(() => previewTrackingFile(bytes));
    expect(error.message).toMatch(reason);
    expect(error.message).not.toMatch(/stock list/);
    expect(error.field).toBe('contentBase64');
  });
});

describe('readTrackingFile', () => {
  it('reads the BOM + CRLF + semicolon file: normalised numbers, named carriers, dotted dates, physical lines', () => {
    const result = readTrackingFile(fixture('semicolon-bom-crlf.csv'), SEMICOLON_MAPPING);
    expect(result.rejected).toEqual([]);
    expect(result.rows).toEqual<TrackingFileRow[]>([
      { line: 2, poNumber: 'PO-1001', trackingNumber: '1Z5R89390357567127', carrier: 'ups', carrierText: 'UPS', supplierSku: 'KIB-ADULT-12', quantity: 2, shippedAt: '2026-07-03' },
      { line: 3, poNumber: 'PO-1002', trackingNumber: 'RB123456785GB', carrier: 'royal_mail', carrierText: 'Royal Mail', supplierSku: 'LIT-CLUMP-10', quantity: 1, shippedAt: '2026-07-04' },
      { line: 4, poNumber: 'PO-1003', trackingNumber: 'DPD015501234567', carrier: 'dpd', carrierText: 'DPD', supplierSku: 'TOY-ROPE-L', quantity: 3, shippedAt: '2026-07-04' },
    ]);
  });

  it('keeps quoted commas, two parcels of one PO, and both rows of one parcel holding two SKUs', () => {
    const { rows, rejected } = readTrackingFile(fixture('parcels-quoted.csv'), QUOTED_MAPPING);
    expect(rejected).toEqual([]);
    expect(rows.map((row) => [row.line, row.poNumber, row.supplierSku, row.quantity, row.trackingNumber, row.carrier])).toEqual([
      [2, 'PO-2001', 'BOWL-STEEL-1,5L', 1, '1Z879E930346834440', 'ups'],
      [3, 'PO-2001', 'KIB-PUP-3', 2, '3318810025', 'dhl'],
      [4, 'PO-2002', 'CAT-TREE-150', 1, '041441760228964', 'fedex'],
      [5, 'PO-2002', 'CAT-TOY-MOUSE', 4, '041441760228964', 'fedex'],
      [6, '=HYPERLINK("https://evil.example/","PO-2003")', 'LEASH-2M', 1, 'LX123456785DE', 'deutsche_post'],
    ]);
    expect(rows[0]?.carrierText).toBe('United Parcel Service, Ground');
    expect(rows[2]?.carrierText).toBe('FedEx, Home Delivery');
    // A time with a zone names an instant: kept whole, in UTC.
    expect(rows[1]?.shippedAt).toBe('2026-07-06T07:30:00.000Z');
    expect(rows[0]?.shippedAt).toBe('2026-07-05');
  });

  it('rejects each bad row with its line and a reason naming the column and the value, and keeps the good ones', () => {
    const { rows, rejected } = readTrackingFile(fixture('bad-rows.csv'), BAD_ROWS_MAPPING);
    expect(rows.map((row) => row.line)).toEqual([2, 13]);
    expect(rows[1]).toEqual({
      line: 13, poNumber: 'PO-3012', trackingNumber: 'TBA123456789000', carrier: 'amazon', carrierText: '', supplierSku: null, quantity: null, shippedAt: null,
    });
    const expected: [number, RegExp][] = [
      [3, /^PO number \(column “PO”\) is empty$/],
      [4, /^tracking number \(column “Tracking”\) is empty$/],
      [5, /^tracking number “=HYPERLINK\("https:\/\/x\.example","1Z"\)” \(column “Tracking”\) is not accepted: A tracking number has only letters, digits, spaces and dashes$/],
      [6, /^quantity “0” \(column “Qty”\) must be a whole number from 1 to 100000$/],
      [7, /^quantity “1\.5” \(column “Qty”\) must be a whole number/],
      [8, /^SKU \(column “SKU”\) is empty, but quantity “2” \(column “Qty”\) is given; say which item the quantity is for$/],
      [9, /^shipped date “yesterday” \(column “Shipped”\) is not a date; write it as YYYY-MM-DD/],
      [10, /^shipped date “2026-02-30” \(column “Shipped”\) is not a real date/],
      [11, /^tracking number “9\.40011E\+21” \(column “Tracking”\) was shortened by a spreadsheet/],
      [12, /^the row has 5 fields, the header has 6$/],
      [14, /^PO number \(column “PO”\) is empty; tracking number \(column “Tracking”\) is empty; quantity “-1” \(column “Qty”\) must be .*; shipped date “32\.13\.2026” \(column “Shipped”\) is not a real date/],
    ];
    expect(rejected.map((issue) => issue.line)).toEqual(expected.map(([line]) => line));
    for (const [index, [line, reason]] of expected.entries()) {
      expect({ line, reason: rejected[index]?.reason }).toEqual({ line, reason: expect.stringMatching(reason) });
    }
  });

  it('maps carrier names as suppliers write them, detects the carrier from the number when the column is empty, and falls back to other', () => {
    const { rows, rejected } = readTrackingFile(fixture('carrier-names.csv'), {
      poNumber: 'Purchase order', trackingNumber: 'Tracking number', carrier: 'Shipping company', shippedAt: 'Ship date',
    });
    expect(rejected).toEqual([]);
    const expected: [string, CarrierCode | null][] = [
      ['UPS', 'ups'], ['ups', 'ups'], ['United Parcel Service', 'ups'], ['Royal Mail', 'royal_mail'], ['royal-mail', 'royal_mail'], ['RM', 'royal_mail'],
      ['DHL Express', 'dhl'], ['DHL eCommerce', 'dhl'], ['FedEx', 'fedex'], ['Federal Express', 'fedex'], ['USPS', 'usps'], ['US Postal Service', 'usps'],
      ['DPD', 'dpd'], ['GLS', 'gls'], ['Evri', 'evri'], ['Hermes', 'evri'], ['PostNL', 'postnl'], ['Canada Post', 'canada_post'],
      ['Deutsche Post', 'deutsche_post'], ['La Poste', 'la_poste'], ['Colissimo', 'la_poste'], ['Amazon', 'amazon'], ['OnTrac', 'ontrac'],
      ['U.S. Postal Service', 'usps'],
      // Empty: from the number (Royal Mail S10, FedEx 12 digits), or null when the number says nothing.
      ['', 'royal_mail'], ['', 'fedex'], ['', null],
      // A name we do not know: the number's carrier when it has one, else other with the name kept.
      ['Speedy Pets Courier', 'dhl'], ['Speedy Pets Courier', 'other'],
    ];
    expect(rows.map((row) => [row.carrierText, row.carrier])).toEqual(expected);
  });

  it('detects the carrier from the number when no carrier column is mapped', () => {
    const bytes = utf8('PO,Tracking,Carrier\nPO-1,1Z5R89390357567127,FedEx\nPO-2,ZZ000001,FedEx\n');
    expect(readTrackingFile(bytes, SHORT_MAPPING).rows.map((row) => [row.carrier, row.carrierText])).toEqual([['ups', ''], [null, '']]);
  });

  it('does not take a longer name for the carrier it starts like (Hermes Germany is not Evri), nor a later word for a carrier', () => {
    const bytes = utf8('PO,Tracking,Carrier\nPO-1,ZZ000001,Hermes Germany\nPO-2,ZZ000002,Pets via UPS\nPO-3,ZZ000003,Royal Mail Tracked 24\n');
    expect(readTrackingFile(bytes, { ...SHORT_MAPPING, carrier: 'Carrier' }).rows.map((row) => row.carrier)).toEqual(['other', 'other', 'royal_mail']);
  });

  it('refuses a mapped column the file does not have, naming it and listing the file’s columns', () => {
    const error = thrown(() => readTrackingFile(fixture('semicolon-bom-crlf.csv'), { ...SEMICOLON_MAPPING, carrier: 'Courier' }));
    expect(error.message).toBe('The column “Courier” mapped to the carrier is not in this file; its columns are: '
      + '“PO Number”, “SKU”, “Description”, “Qty”, “Tracking No.”, “Carrier”, “Ship Date”.');
    expect(error.field).toBe('mapping.carrier');
  });

  it('refuses one column mapped to two fields, and an empty required mapping', () => {
    const twice = thrown(() => readTrackingFile(fixture('bad-rows.csv'), { ...BAD_ROWS_MAPPING, supplierSku: 'Tracking' }));
    expect(twice.message).toMatch(/“Tracking” is mapped to both the tracking number and the SKU/);
    const empty = thrown(() => readTrackingFile(fixture('bad-rows.csv'), { ...BAD_ROWS_MAPPING, poNumber: ' ' }));
    expect(empty.message).toMatch(/No column is mapped to the PO number/);
    expect(empty.field).toBe('mapping.poNumber');
  });

  it('reports the file’s own problem before the mapping’s', () => {
    const error = thrown(() => readTrackingFile(utf8('%PDF-1.7\n'), { poNumber: 'Nope', trackingNumber: 'Nope 2' }));
    expect(error.message).toMatch(/PDF/);
    expect(error.field).toBe('contentBase64');
  });

  it('reads slashed dates in the order the file’s unambiguous dates show, and refuses 03/07 when none does', () => {
    const mapping = { ...SHORT_MAPPING, shippedAt: 'Shipped' };
    const dates = (cells: string[]) => {
      const text = `PO,Tracking,Shipped\n${cells.map((cell, index) => `PO-${index},1Z5R89390357567127,"${cell}"`).join('\n')}\n`;
      const { rows, rejected } = readTrackingFile(utf8(text), mapping);
      return { shipped: rows.map((row) => row.shippedAt), rejected: rejected.map((issue) => issue.reason) };
    };
    expect(dates(['03/07/2026', '25/07/2026'])).toEqual({ shipped: ['2026-07-03', '2026-07-25'], rejected: [] });
    expect(dates(['03/07/2026', '07/25/2026'])).toEqual({ shipped: ['2026-03-07', '2026-07-25'], rejected: [] });
    expect(dates(['05/05/26', '3 Jul 2026', 'Jul 4, 2026', '2026/07/05', '2026-07-06 14:05'])).toEqual({
      shipped: ['2026-05-05', '2026-07-03', '2026-07-04', '2026-07-05', '2026-07-06'], rejected: [],
    });
    const ambiguous = dates(['03/07/2026']);
    expect(ambiguous.shipped).toEqual([]);
    expect(ambiguous.rejected).toEqual([expect.stringMatching(/^shipped date “03\/07\/2026” \(column “Shipped”\) could be 3 July or 7 March/)]);
  });

  it('reads a 5,000-row file, keeping every row in order', () => {
    const lines = ['PO Number,SKU,Qty,Tracking Number,Carrier,Shipped'];
    for (let index = 0; index < 5000; index += 1) {
      lines.push(`PO-${10_000 + Math.floor(index / 2)},SKU-${index},${(index % 5) + 1},TRK${String(index).padStart(9, '0')},${index % 2 === 0 ? 'DPD' : 'GLS'},2026-07-01`);
    }
    const { rows, rejected } = readTrackingFile(utf8(lines.join('\r\n')), {
      poNumber: 'PO Number', trackingNumber: 'Tracking Number', carrier: 'Carrier', supplierSku: 'SKU', quantity: 'Qty', shippedAt: 'Shipped',
    });
    expect(rejected).toEqual([]);
    expect(rows).toHaveLength(5000);
    expect(rows[4999]).toEqual({
      line: 5001, poNumber: 'PO-12499', trackingNumber: 'TRK000004999', carrier: 'gls', carrierText: 'GLS', supplierSku: 'SKU-4999', quantity: 5, shippedAt: '2026-07-01',
    });
  });
});

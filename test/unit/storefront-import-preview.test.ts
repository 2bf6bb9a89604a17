/**
 * The first look at a picked orders file: which kind the desk takes it for (each kind from a real file of that
 * kind), its header, its first rows, and a guessed mapping only for a file it does not know.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { csvChunks } from '../../src-main/services/export/csv-chunks';
import { ORDER_LINE_EXPORT_COLUMNS } from '../../src-main/services/export/export-orders';
import { DeskError } from '../../src-main/services/errors';
import { PREVIEW_ROWS, previewOrderFile } from '../../src-main/services/storefront-import/preview-order-file';
import { makeLargeShopifyFile, SHOPIFY_HEADER } from '../fixtures/storefront/shopify-file';

const FIXTURES = fileURLToPath(new URL('../fixtures/storefront/', import.meta.url));
const fixture = (name: string) => new Uint8Array(readFileSync(FIXTURES + name));
const bytes = (text: string) => new TextEncoder().encode(text);

describe('previewOrderFile', () => {
  it('takes a Shopify export for one, with its header, first rows and no guessed mapping', () => {
    const file = fixture('shopify-multi-line.csv');
    const preview = previewOrderFile(file);
    expect(preview).toMatchObject({ kind: 'shopify', suggestedMapping: {}, bytes: file.length });
    expect(preview.headers).toEqual([...SHOPIFY_HEADER]);
    expect(preview.sampleRows.map((cells) => cells[0])).toEqual(['#1001', '#1001', '#1001', '#1002']);
    expect(preview.sampleRows.every((cells) => cells.length === SHOPIFY_HEADER.length)).toBe(true);
  });

  it('takes the WooCommerce extension’s export for one', () => {
    expect(previewOrderFile(fixture('woocommerce-one-row-per-item.csv')).kind).toBe('woocommerce');
  });

  it('takes the desk’s own order lines export for one', () => {
    const text = [...csvChunks(ORDER_LINE_EXPORT_COLUMNS, [])].join('')
      + 'PD-1,2026-11-30T10:00:00.000Z,,paid,unfulfilled,Zoë,z@example.com,,,,,,,,,EUR,1.00,0.00,0.00,0.00,1.00,1.00,0.00,manual,,,,1,A,A,1,1.00,1.00,\r\n';
    const preview = previewOrderFile(bytes(text));
    expect(preview).toMatchObject({ kind: 'desk', suggestedMapping: {}, sampleRows: [expect.arrayContaining(['PD-1', 'Zoë'])] });
    expect(preview.headers).toEqual(ORDER_LINE_EXPORT_COLUMNS.map((column) => column.header));
  });

  it('guesses a mapping for a file it does not know', () => {
    const file = bytes('Order No;Product;Qty;Price;Land\nA1;Leash;1;9,90;DE\n');
    const preview = previewOrderFile(file);
    expect(preview).toEqual({
      kind: 'unknown',
      headers: ['Order No', 'Product', 'Qty', 'Price', 'Land'],
      sampleRows: [['A1', 'Leash', '1', '9,90', 'DE']],
      suggestedMapping: { orderNumber: 'Order No', lineTitle: 'Product', lineQuantity: 'Qty', linePrice: 'Price', shipCountry: 'Land' },
      bytes: file.length,
    });
  });

  it(`shows the first ${PREVIEW_ROWS} rows only, and stops reading there (a broken end of the file is not reached)`, () => {
    const large = makeLargeShopifyFile(20);
    const broken = new Uint8Array([...large, ...bytes('"never closed,\nx\ny\n')]);
    expect(previewOrderFile(broken).sampleRows).toHaveLength(PREVIEW_ROWS);
  });

  it('refuses a file with no rows or no text, as a DeskError on the file', () => {
    for (const file of [bytes(''), bytes('Order,Product\n'), new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a, 0x00, 0x01])]) {
      let error: unknown;
      try {
        previewOrderFile(file);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(DeskError);
      expect((error as DeskError).field).toBe('contentBase64');
    }
  });
});

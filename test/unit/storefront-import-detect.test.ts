import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src-main/services/feeds/parse-feed';
import { detectOrderFile, detectOrderFileFormat } from '../../src-main/services/storefront-import/detect-order-file';
import { DeskError } from '../../src-main/services/errors';
import { makeLargeShopifyFile, SHOPIFY_HEADER } from '../fixtures/storefront/shopify-file';

const FIXTURES = fileURLToPath(new URL('../fixtures/storefront/', import.meta.url));

function headersOf(name: string): string[] {
  const parsed = parseFeed(new Uint8Array(readFileSync(FIXTURES + name)));
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.headers;
}

describe('detectOrderFileFormat', () => {
  it.each([
    ['shopify-multi-line.csv', 'shopify'],
    ['shopify-bom-crlf-quoted.csv', 'shopify'],
    ['woocommerce-one-row-per-item.csv', 'woocommerce'],
    // Detected as WooCommerce so the reader can say which of the extension's formats to export instead.
    ['woocommerce-one-row-per-order.csv', 'woocommerce'],
  ] as const)('recognizes %s as %s from its header', (file, format) => {
    expect(detectOrderFileFormat(headersOf(file))).toBe(format);
  });

  it('compares names ignoring case and spacing', () => {
    expect(detectOrderFileFormat(SHOPIFY_HEADER.map((name) => ` ${name.toUpperCase().replace(' ', '  ')} `))).toBe('shopify');
  });

  it('recognizes an older Shopify export without the newer payment columns', () => {
    const older = SHOPIFY_HEADER.filter((name) => !['Payment ID', 'Payment References', 'Payment Terms Name', 'Next Payment Due At', 'Duties'].includes(name));
    expect(detectOrderFileFormat(older)).toBe('shopify');
  });

  it.each([
    ['a Shopify header without Currency', SHOPIFY_HEADER.filter((name) => name !== 'Currency')],
    ['WooCommerce Analytics › Orders download', ['Date', 'Order #', 'N. Revenue (formatted)', 'Status', 'Customer', 'Customer type', 'Product(s)', 'Items sold', 'Coupon(s)', 'Net Sales']],
    ['a hand-made order list', ['Order', 'Customer', 'Address', 'SKU', 'Qty', 'Price']],
    ['a supplier tracking file', ['PO Number', 'SKU', 'Qty', 'Tracking No.', 'Carrier', 'Ship Date']],
    ['no columns at all', []],
  ])('answers unknown for %s, so the mapping screen opens', (_what, headers) => {
    expect(detectOrderFileFormat(headers)).toBe('unknown');
  });
});

describe('detectOrderFile', () => {
  it('answers the format and the header of a file', () => {
    const bytes = new Uint8Array(readFileSync(`${FIXTURES}shopify-bom-crlf-quoted.csv`));
    expect(detectOrderFile(bytes)).toEqual({ format: 'shopify', headers: [...SHOPIFY_HEADER] });
  });

  it('stops after the header: rows that would refuse the whole file are not read', () => {
    const bytes = makeLargeShopifyFile(3);
    const broken = new Uint8Array([...bytes, ...new TextEncoder().encode('"never closed,\nx\ny\n')]);
    expect(detectOrderFile(broken).format).toBe('shopify');
  });

  it('refuses a file without a readable header with the reader’s sentence', () => {
    let error: unknown;
    try {
      detectOrderFile(new TextEncoder().encode('<!DOCTYPE html><html><body>Log in</body></html>'));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DeskError);
    expect((error as DeskError).message).toBe('This is a web page (HTML), not a CSV file; perhaps a login or error page was saved instead of the export.');
  });
});

/**
 * The PO as a CSV attachment: a header row and one row per line, the ship-to repeated on every row so a
 * supplier's import can work row by row.
 * Why csv-stringify (6.9.0, sync API): RFC 4180 quoting done right (quotes doubled, fields holding the
 * delimiter, a quote, CR or LF quoted) without a hand-written writer. Its own `escape_formulas` is not used:
 * it would also turn a real negative number into text; neutraliseCsvCell (csv-safety.ts) knows the column type.
 *
 * Format: comma-separated, CRLF line endings (RFC 4180), UTF-8. No byte order mark by default: suppliers'
 * import scripts read the BOM as part of the first header name; `{ bom: true }` (a per-supplier setting) adds
 * it for suppliers who open the file in Excel, which otherwise reads UTF-8 as Windows-1252 ("ZoÃ«").
 * Money columns are decimals as the currency writes them (12.50 USD, 1250 JPY), the code in `currency`.
 * Text is written as given (line breaks inside a title survive, quoted), after formula neutralisation.
 */
import { stringify } from 'csv-stringify/sync';
import { minorToDecimalString, multiplyMoney } from '../../../../src-shared/domain/money';
import { neutraliseCsvCell } from './csv-safety';
import { poTotal } from './po-view';
import type { PurchaseOrderDocument } from './types';

export const PO_CSV_COLUMNS = [
  'po_number', 'order_number', 'supplier_sku', 'title', 'quantity', 'unit_cost', 'currency', 'line_total',
  'ship_to_name', 'ship_to_line1', 'ship_to_line2', 'ship_to_city', 'ship_to_region', 'ship_to_postcode',
  'ship_to_country', 'ship_to_phone', 'ship_to_email',
] as const;

export interface PoCsvOptions {
  /** Prepend a UTF-8 byte order mark (U+FEFF) for Excel. Default false. */
  bom?: boolean;
}

export function poCsv(doc: PurchaseOrderDocument, options: PoCsvOptions = {}): string {
  poTotal(doc); // validates: at least one line, one currency, positive integer quantities
  const s = doc.shipTo;
  const text = (value: string): string => neutraliseCsvCell(value, 'text');
  const records = doc.lines.map((line) => {
    const lineTotal = multiplyMoney(line.unitCost, line.quantity);
    return [
      text(doc.poNumber), text(doc.orderNumber), text(line.supplierSku), text(line.title),
      neutraliseCsvCell(line.quantity, 'number'),
      neutraliseCsvCell(minorToDecimalString(line.unitCost.amount, line.unitCost.currency), 'number'),
      text(line.unitCost.currency),
      neutraliseCsvCell(minorToDecimalString(lineTotal.amount, lineTotal.currency), 'number'),
      text(s.name), text(s.line1), text(s.line2), text(s.city), text(s.region), text(s.postcode),
      text(s.country), text(s.phone), text(s.email),
    ];
  });
  return stringify([[...PO_CSV_COLUMNS], ...records], {
    record_delimiter: 'windows',
    // Quote a field holding CR or LF even though the record delimiter is CRLF: RFC 4180, and a lone CR or LF
    // in a title must not split the record for a reader that accepts any line ending.
    quote_record_delimiter: true,
    quoted_match: /[\r\n]/,
    bom: options.bom ?? false,
  });
}

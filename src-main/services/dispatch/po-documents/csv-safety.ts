/**
 * Spreadsheet formula injection (CSV injection, OWASP): a cell that starts with = + - @ tab or CR is run as a
 * formula by Excel/LibreOffice/Sheets ("=HYPERLINK(...)", "@SUM(...)", "-2+3"). Such a TEXT cell gets a
 * leading apostrophe, which spreadsheets read as "this is text" and hide.
 * A NUMBER cell stays a number: a JS number, or a string declared as a number that is a plain decimal
 * ("-12.50"), is written as is, so a real negative amount is not turned into text. Shared with issue 7 (exports).
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_DECIMAL = /^-?\d+(?:\.\d+)?$/;

export type CsvCellKind = 'text' | 'number';

export function neutraliseCsvCell(value: string | number | null | undefined, kind: CsvCellKind = 'text'): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return String(value);
    return neutraliseCsvCell(String(value), 'text');
  }
  if (kind === 'number' && PLAIN_DECIMAL.test(value)) return value;
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * Turns pages of rows into CSV text, one string chunk per page, lazily: the caller pulls the next page only
 * when it has written the last one, so a 100,000-order export never holds more than one page of rows.
 *
 * Format (RFC 4180): comma-separated, every record ends with CRLF, a field holding a comma, a quote, CR or LF
 * is quoted with its quotes doubled. Quoting is csv-stringify's (6.9.0, the sync API per page); the formula
 * rule is ours (csv-cells.ts), applied per column type before csv-stringify sees the value.
 * `quote_record_delimiter`: a lone LF or CR inside a note is quoted too, not only CRLF, so a reader that
 * accepts any line ending (ours does) never splits the record there.
 * A UTF-8 byte order mark starts the file by default: Excel, the accountant's tool, opens a double-clicked
 * .csv in the Windows code page unless the file starts with a BOM ("Zoë Müller" would read "ZoÃ« MÃ¼ller").
 * The desk's own reader and most import tools skip it.
 */
import { stringify } from 'csv-stringify/sync';
import { csvCell, type CsvColumnType } from './csv-cells';

export interface CsvColumn<R> {
  /** The header name: snake_case, stable, so a re-import can find the column. */
  header: string;
  type: CsvColumnType;
  value(row: R): string | number | null;
}

export interface CsvOptions {
  /** Start the file with a UTF-8 byte order mark. Default true (see above). */
  bom?: boolean;
}

export const UTF8_BOM = '\uFEFF';

function stringifyRecords(records: string[][]): string {
  return stringify(records, { record_delimiter: 'windows', quote_record_delimiter: true });
}

export function csvHeader(columns: readonly { header: string }[], options: CsvOptions = {}): string {
  return (options.bom === false ? '' : UTF8_BOM) + stringifyRecords([columns.map((c) => csvCell(c.header, 'text'))]);
}

export function csvRecords<R>(columns: readonly CsvColumn<R>[], rows: readonly R[]): string {
  if (rows.length === 0) return '';
  return stringifyRecords(rows.map((row) => columns.map((c) => csvCell(c.value(row), c.type))));
}

/** The header, then one chunk per non-empty page. A file with no rows is the header alone. */
export function* csvChunks<R>(columns: readonly CsvColumn<R>[], pages: Iterable<readonly R[]>, options: CsvOptions = {}): Generator<string, void, undefined> {
  yield csvHeader(columns, options);
  for (const page of pages) {
    const chunk = csvRecords(columns, page);
    if (chunk !== '') yield chunk;
  }
}

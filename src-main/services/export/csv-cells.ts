/**
 * One cell of an exported CSV, by the type of its column (never by sniffing the value).
 *
 * Spreadsheet formula injection (OWASP "CSV injection"): Excel, LibreOffice and Sheets run a cell that starts
 * with = + - @ as a formula ("=HYPERLINK(...)", "@SUM(...)", "-2+3"), and a leading tab or CR is dropped by
 * some of them before that check. A customer types their own name and notes, so a TEXT cell that starts with
 * one of those gets a leading apostrophe, which every spreadsheet reads as "this is text".
 * Also neutralised:
 * - the same characters after leading whitespace: LibreOffice's "trim spaces" import option and Sheets trim
 *   before they look for a formula;
 * - their full-width forms (＝ ＋ － ＠), which Apple Numbers folds to ASCII (csv-stringify's escape_formulas
 *   list, not used itself because it cannot tell a negative amount from text);
 * - a text that already starts with an apostrophe, so that restoreCsvText can undo the rule exactly: every
 *   exported text cell that starts with ' got exactly one added, and a re-import removes exactly one.
 * A NUMBER column (money as a decimal string, a quantity) is written as is when it holds a plain decimal, so a
 * refund of -12.50 stays a number; a TEXT column holding "-12.50" or "+49 30 123" is text and is neutralised.
 */

export type CsvColumnType = 'text' | 'number';

const NEEDS_APOSTROPHE = /^(?:[\t\r']|\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/u;
const PLAIN_DECIMAL = /^-?\d+(?:\.\d+)?$/;

/** A text cell made safe to open in a spreadsheet (see above). */
export function neutraliseCsvText(text: string): string {
  return NEEDS_APOSTROPHE.test(text) ? `'${text}` : text;
}

/** The inverse of neutraliseCsvText, for reading the desk's own export back. */
export function restoreCsvText(cell: string): string {
  return cell.startsWith("'") ? cell.slice(1) : cell;
}

/**
 * The text written for one value of a column. null is an empty cell. A number column's value that is not a
 * plain decimal (NaN, "1e21", a string that is not a number) is a bug in the caller, but it is still written
 * neutralised as text rather than risk a formula.
 */
export function csvCell(value: string | number | null, type: CsvColumnType): string {
  if (value === null) return '';
  const text = String(value);
  if (type === 'number' && PLAIN_DECIMAL.test(text)) return text;
  return neutraliseCsvText(text);
}

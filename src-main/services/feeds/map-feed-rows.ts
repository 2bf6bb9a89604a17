/**
 * Turns parsed feed rows into offer updates through the supplier's saved column mapping. Pure.
 * Strict on purpose: a value the desk would have to guess at (a stock of "1.234", a price in another
 * currency) is reported with its line, column and value rather than applied, because a wrong stock
 * or cost silently changes routing and margins.
 */
import { isCurrencyCode, minorUnitDigits, parseMoneyInput, type ParseMoneyResult } from '../../../src-shared/domain/money';
import { headerKey } from './parse-feed';
import type {
  CheckMappingResult, FeedMapping, FeedRow, MapFeedRowResult, MappedFeed, OfferUpdate, ResolvedColumn, ResolvedColumns, RowIssue,
} from './feed-types';

export const MAX_SUPPLIER_SKU_LENGTH = 100;
export const MAX_LEAD_TIME_DAYS = 365;

type MappedField = keyof FeedMapping & keyof ResolvedColumns;
const MAPPED_FIELDS: readonly MappedField[] = ['supplierSku', 'stock', 'cost', 'leadTimeDays', 'currency'];
const REQUIRED_FIELDS: ReadonlySet<MappedField> = new Set(['supplierSku', 'stock']);
/** How fields are named in messages to the shop owner. */
const FIELD_LABELS: Record<MappedField, string> = {
  supplierSku: 'supplier SKU', stock: 'stock', cost: 'cost', leadTimeDays: 'lead time', currency: 'currency',
};

/** Finds each mapped column in the file's header (ignoring case and spacing); a missing one rejects the feed. */
export function checkMapping(headers: readonly string[], mapping: FeedMapping): CheckMappingResult {
  const indexByKey = new Map(headers.map((name, index) => [headerKey(name), index]));
  const columns: Partial<ResolvedColumns> = {};
  const fieldByIndex = new Map<number, MappedField>();
  for (const field of MAPPED_FIELDS) {
    const name = mapping[field]?.trim() ?? '';
    if (name === '') {
      if (REQUIRED_FIELDS.has(field)) return { ok: false, reason: `No column is mapped to ${FIELD_LABELS[field]}; choose the column that holds it.` };
      continue;
    }
    const index = indexByKey.get(headerKey(name));
    if (index === undefined) {
      const available = headers.map((header) => `“${header}”`).join(', ');
      return { ok: false, reason: `The column “${name}” mapped to ${FIELD_LABELS[field]} is not in this file; its columns are: ${available}.` };
    }
    const header = headers[index] ?? name;
    const other = fieldByIndex.get(index);
    if (other) {
      return { ok: false, reason: `The column “${header}” is mapped to both ${FIELD_LABELS[other]} and ${FIELD_LABELS[field]}; each needs its own column.` };
    }
    fieldByIndex.set(index, field);
    columns[field] = { index, header };
  }
  return { ok: true, columns: columns as ResolvedColumns };
}

/**
 * Maps every row and reports the ones that cannot be used (see FeedRowMapper for the rules).
 * Throws RangeError when defaultCurrency is not an ISO 4217 code (the supplier record is wrong, not the file).
 */
export function mapFeedRows(rows: readonly FeedRow[], columns: ResolvedColumns, defaultCurrency: string): MappedFeed {
  const updates: OfferUpdate[] = [];
  const mapper = new FeedRowMapper(columns, defaultCurrency, (update) => updates.push(update));
  for (const row of rows) mapper.add(row.line, row.cells);
  return { updates, rowErrors: mapper.rowErrors };
}

/**
 * Maps rows one at a time as a file is read, handing each good row's update on and keeping the problems.
 * A supplier SKU that appears again is reported on the later line and the first one is kept, even when
 * the first one has an error itself: two rows for one offer mean the file is unsure, and the person fixing
 * line 7 should not find line 9 applied behind their back.
 */
export class FeedRowMapper {
  readonly rowErrors: RowIssue[] = [];
  private readonly firstLineBySku = new Map<string, number>();

  /** Throws RangeError when defaultCurrency is not an ISO 4217 code (the supplier record is wrong, not the file). */
  constructor(private readonly columns: ResolvedColumns, private readonly defaultCurrency: string, private readonly emit: (update: OfferUpdate) => void) {
    minorUnitDigits(defaultCurrency);
  }

  /** `cells` may be reused by the caller once this returns: nothing here keeps the array. */
  add(line: number, cells: readonly string[]): void {
    const mapped = mapRow(line, cells, this.columns, this.defaultCurrency);
    // The SKU is read once: from the update when the row is good, from its cell only when it is not.
    const sku = typeof mapped === 'string' ? readSupplierSku(cellOf(cells, this.columns.supplierSku), '') : mapped.supplierSku;
    if (!(sku instanceof Problem)) {
      const firstLine = this.firstLineBySku.get(sku);
      if (firstLine !== undefined) {
        this.rowErrors.push({ line, reason: `SKU ${sku} already appeared on line ${firstLine}` });
        return;
      }
      this.firstLineBySku.set(sku, line);
    }
    if (typeof mapped === 'string') this.rowErrors.push({ line, reason: mapped });
    else this.emit(mapped);
  }
}

/**
 * One row → one update, or every problem of the row in one reason ("stock “-3” (column “Bestand”) must be …;
 * cost …"), so the person fixes the row once. Empty optional cells leave that part of the offer as it is.
 */
export function mapFeedRow(row: FeedRow, columns: ResolvedColumns, defaultCurrency: string): MapFeedRowResult {
  const mapped = mapRow(row.line, row.cells, columns, defaultCurrency);
  return typeof mapped === 'string' ? { ok: false, line: row.line, reason: mapped } : { ok: true, update: mapped };
}

/**
 * mapFeedRow without the result wrapper. A 100,000-row feed passes through here, so a good row allocates
 * only its update: readers return the value itself, and a Problem only when there is one.
 */
function mapRow(line: number, cells: readonly string[], columns: ResolvedColumns, defaultCurrency: string): OfferUpdate | string {
  const problems: string[] = [];
  const supplierSku = take(problems, cells, 'supplierSku', columns.supplierSku, readSupplierSku, defaultCurrency);
  const stock = take(problems, cells, 'stock', columns.stock, readStock, defaultCurrency);
  const currency = columns.currency ? take(problems, cells, 'currency', columns.currency, readCurrency, defaultCurrency) : defaultCurrency;
  const cost = columns.cost && currency !== undefined && !isBlank(cellOf(cells, columns.cost))
    ? take(problems, cells, 'cost', columns.cost, readCost, currency)
    : undefined;
  const leadTimeDays = columns.leadTimeDays && !isBlank(cellOf(cells, columns.leadTimeDays))
    ? take(problems, cells, 'leadTimeDays', columns.leadTimeDays, readLeadTime, defaultCurrency)
    : undefined;

  if (problems.length > 0 || supplierSku === undefined || stock === undefined) return problems.join('; ');
  // One literal with every key (undefined when absent): in a 100k-row loop, objects built whole were measured
  // ~2.5x cheaper than ones that gain properties afterwards, and one shape keeps the importer's loop monomorphic.
  return {
    line,
    supplierSku,
    stock,
    cost: cost === undefined || currency === undefined ? undefined : { amount: cost, currency },
    leadTimeDays,
  };
}

/** Why a cell could not be used; allocated only for a bad cell. */
class Problem {
  constructor(readonly problem: string) {}
}
/** A reader's answer: the value, or a Problem. `currency` is the row's currency (readers that need none ignore it). */
type Reader<T> = (text: string, currency: string) => T | Problem;

/** Reads one mapped cell; a problem is collected, worded with the field, the value and the file's column name. */
function take<T>(problems: string[], cells: readonly string[], field: MappedField, column: ResolvedColumn, reader: Reader<T>, currency: string): T | undefined {
  const text = cellOf(cells, column);
  const value = reader(text, currency);
  if (!(value instanceof Problem)) return value;
  problems.push(describe(field, text, column, value.problem));
  return undefined;
}

const readStock = (text: string) => readWholeNumber(text, Number.MAX_SAFE_INTEGER);
const readLeadTime = (text: string) => readWholeNumber(text, MAX_LEAD_TIME_DAYS);

// ─── Reading one value ──────────────────────────────────────────────────────────────────────────

const isBlank = (text: string) => text.trim() === '';
const cellOf = (cells: readonly string[], column: ResolvedColumn) => cells[column.index] ?? '';

/** `stock “-3” (column “Bestand”) must be …`: the field, the value and the file's own column name. */
function describe(field: MappedField, value: string, column: ResolvedColumn, problem: string): string {
  const shown = value.trim();
  const quoted = shown === '' ? '' : ` “${shown.length > 40 ? `${shown.slice(0, 39)}…` : shown}”`;
  return `${FIELD_LABELS[field]}${quoted} (column “${column.header}”) ${problem}`;
}

const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/u;

function readSupplierSku(text: string, _currency: string): string | Problem {
  const sku = text.trim();
  if (sku === '') return new Problem('is empty');
  if (sku.length > MAX_SUPPLIER_SKU_LENGTH) return new Problem(`is longer than ${MAX_SUPPLIER_SKU_LENGTH} characters`);
  if (CONTROL_CHARACTER.test(sku)) return new Problem('contains a line break or a control character');
  return sku;
}

const DIGIT_0 = 0x30;
const NOT_PLAIN = -1;

/**
 * The usual cell of a 100k-row feed, read by character codes without allocating: 1 to `maxDigits` ASCII
 * digits and nothing else. Anything else (spaces, signs, separators) answers NOT_PLAIN for the careful route.
 */
function plainDigits(text: string, from: number, to: number, maxDigits: number): number {
  if (to <= from || to - from > maxDigits) return NOT_PLAIN;
  let value = 0;
  for (let index = from; index < to; index += 1) {
    const digit = text.charCodeAt(index) - DIGIT_0;
    if (digit < 0 || digit > 9) return NOT_PLAIN;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * A whole number as an export writes it. Spaces and apostrophes may group thousands ("1 234", "1'234"):
 * they cannot mean anything else. "1.234" and "1,234" are refused: in a German export "1.234" is 1234,
 * but SAP-style quantity columns write 1 as "1,000", and guessing wrong by a factor of 1000 is worse than asking.
 */
function readWholeNumber(text: string, max: number): number | Problem {
  const plain = plainDigits(text, 0, text.length, 15);
  if (plain !== NOT_PLAIN && plain <= max) return plain;
  const trimmed = text.trim();
  const range = max === Number.MAX_SAFE_INTEGER ? 'a whole number of 0 or more' : `a whole number from 0 to ${max}`;
  if (trimmed === '') return new Problem(`is empty; it must be ${range}`);
  const digits = /^\d{1,3}(?:[ \u00a0\u202f'’]\d{3})+$/u.test(trimmed) ? trimmed.replace(/\D/gu, '') : trimmed;
  if (/^\d{1,3}(?:[.,]\d{3})+$/u.test(trimmed)) {
    return new Problem(`could be a decimal or use a thousands separator; write ${range} without separators, e.g. ${trimmed.replace(/\D/gu, '')}`);
  }
  if (!/^\d+$/u.test(digits)) return new Problem(`must be ${range}`);
  const value = Number(digits);
  if (!Number.isSafeInteger(value) || value > max) return new Problem(`must be ${range}`);
  return value;
}

function readCurrency(text: string, defaultCurrency: string): string | Problem {
  if (text === defaultCurrency) return text;
  const code = text.trim().toUpperCase();
  if (code === '') return defaultCurrency;
  return isCurrencyCode(code) ? code : new Problem('is not an ISO 4217 currency code such as EUR');
}

const POWERS_OF_TEN = [1, 10, 100, 1000];
const DOT = 0x2e;
const COMMA = 0x2c;

/**
 * "12,50", "31.9" or "12" in a currency with at least that many decimals — most cells of a feed — in minor
 * units, by character codes; NOT_PLAIN sends anything else to parseMoneyInput's careful reading.
 */
function plainCost(text: string, currency: string): number {
  const length = text.length;
  let mark = length;
  for (let index = 0; index < length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === DOT || code === COMMA) {
      mark = index;
      break;
    }
  }
  const whole = plainDigits(text, 0, mark, 13);
  if (whole === NOT_PLAIN) return NOT_PLAIN;
  const digits = minorUnitDigits(currency);
  const scale = POWERS_OF_TEN[digits] ?? 10 ** digits;
  if (mark === length) return whole * scale;
  const fractionDigits = length - mark - 1;
  if (fractionDigits > digits) return NOT_PLAIN;
  const fraction = plainDigits(text, mark + 1, length, 3);
  if (fraction === NOT_PLAIN) return NOT_PLAIN;
  const amount = whole * scale + fraction * (POWERS_OF_TEN[digits - fractionDigits] ?? 10 ** (digits - fractionDigits));
  return Number.isSafeInteger(amount) ? amount : NOT_PLAIN;
}

/**
 * A cost in minor units of `currency`. The currency may be written next to the number ("€ 12,50",
 * "12.50 USD"); another currency is refused rather than converted. Grouped thousands are accepted only
 * where the reading is certain (see withoutThousandsSeparators); parseMoneyInput decides the rest.
 */
function readCost(text: string, currency: string): number | Problem {
  const plain = plainCost(text, currency);
  let amount: number;
  if (plain === NOT_PLAIN) {
    const parsed = PLAIN_DECIMAL.test(text) ? parseMoneyInput(text, currency) : parseDecoratedCost(text.trim(), currency);
    if (!parsed.ok) return new Problem(parsed.reason);
    amount = parsed.amount;
  } else {
    amount = plain;
  }
  // A zero cost is what exports write for a missing price; applying it would show a full margin.
  if (amount === 0) return new Problem('must be more than 0');
  return amount;
}

const PLAIN_DECIMAL = /^\d{1,13}(?:[.,]\d{1,3})?$/u;

/** The careful route: a currency code or sign beside the number, a minus sign, grouped thousands. */
function parseDecoratedCost(text: string, currency: string): ParseMoneyResult {
  const number = withoutCurrencyMark(text, currency);
  const foreign = /\b[A-Za-z]{3}\b/u.exec(number)?.[0]?.toUpperCase();
  if (foreign && isCurrencyCode(foreign)) return { ok: false, reason: `is in ${foreign}, but this row's currency is ${currency}` };
  const sign = /\p{Sc}/u.exec(number)?.[0];
  if (sign) return { ok: false, reason: `has the currency sign ${sign}, but this row's currency is ${currency}` };
  if (number.startsWith('-')) return { ok: false, reason: 'must be more than 0' };
  return parseMoneyInput(withoutThousandsSeparators(number), currency);
}

const currencyMarksMemo = new Map<string, readonly string[]>();
/** "EUR", "€": the code and the signs Intl writes for it, longest first so "CA$" is tried before "$". */
function currencyMarks(currency: string): readonly string[] {
  let marks = currencyMarksMemo.get(currency);
  if (!marks) {
    const signs = (['symbol', 'narrowSymbol'] as const).map((currencyDisplay) => new Intl.NumberFormat('en', { style: 'currency', currency, currencyDisplay })
      .formatToParts(1).find((part) => part.type === 'currency')?.value ?? currency);
    marks = [...new Set([currency, ...signs])].sort((a, b) => b.length - a.length);
    currencyMarksMemo.set(currency, marks);
  }
  return marks;
}

function withoutCurrencyMark(text: string, currency: string): string {
  if (/^[\d.,\s]*$/u.test(text)) return text;
  const upper = text.toUpperCase();
  for (const mark of currencyMarks(currency)) {
    const markUpper = mark.toUpperCase();
    if (upper.startsWith(markUpper)) return text.slice(mark.length).trim();
    if (upper.endsWith(markUpper)) return text.slice(0, -mark.length).trim();
  }
  return text;
}

/**
 * parseMoneyInput reads one '.' or ',' as the decimal mark. Before it, remove thousands separators where
 * the reading is certain: with both marks the last one is the decimal mark ("1.299,00", "1,299.00"), and a
 * mark that repeats can only group ("1.299.000"). Digits must then come in threes; otherwise the text goes
 * on unchanged and parseMoneyInput refuses it. A lone "1.299" stays a decimal (3 decimals: refused for EUR).
 */
function withoutThousandsSeparators(text: string): string {
  const compact = text.replace(/[\s\u00a0\u202f']/gu, '');
  const lastDot = compact.lastIndexOf('.');
  const lastComma = compact.lastIndexOf(',');
  if (lastDot !== -1 && lastComma !== -1) {
    const decimalAt = Math.max(lastDot, lastComma);
    const group = lastDot > lastComma ? ',' : '.';
    const whole = compact.slice(0, decimalAt);
    if (!groupedByThrees(whole, group)) return compact;
    return `${whole.replaceAll(group, '')}.${compact.slice(decimalAt + 1)}`;
  }
  const mark = lastDot !== -1 ? '.' : ',';
  const repeats = compact.indexOf(mark) !== compact.lastIndexOf(mark);
  return repeats && groupedByThrees(compact, mark) ? compact.replaceAll(mark, '') : compact;
}

function groupedByThrees(digits: string, separator: string): boolean {
  const parts = digits.split(separator);
  return parts.length > 1 && /^\d{1,3}$/u.test(parts[0] ?? '') && parts.slice(1).every((part) => /^\d{3}$/u.test(part));
}

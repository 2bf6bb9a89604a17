/**
 * One cell of a storefront export → the value an ImportedOrder holds, or what is wrong with it in words that
 * name the column. Shared by the Shopify and WooCommerce readers.
 */
import { isCountryCode } from '../../../src-shared/domain/countries';
import { isCurrencyCode, minorUnitDigits, parseMoneyInput } from '../../../src-shared/domain/money';
import { MAX_MINOR_AMOUNT, MAX_QUANTITY } from '../../../src-shared/schemas/order-input';

/** A cell the reader cannot use; `problem` completes “the column “X” has “v”, …”. */
export class Invalid {
  constructor(readonly problem: string) {}
}

/**
 * The desk's own limit for an order's notes (orderInputSchema: 5,000 characters), so an imported order fits the
 * order form. A longer note (a pasted e-mail thread, a 5 MB cell) is cut there rather than the order refused:
 * the order itself is good and paid, and the note is kept whole in the storefront.
 */
export const MAX_IMPORTED_NOTES = 5_000;

/** `the column “Lineitem quantity” has “0”, which …` / `the column “Name” is empty`. */
export function describeCell(column: string, value: string, problem: string): string {
  const shown = value.replace(/[\r\n]+/gu, ' ');
  if (shown === '') return `the column “${column}” is empty${problem === '' ? '' : `, ${problem}`}`;
  const quoted = shown.length > 40 ? `${shown.slice(0, 39)}…` : shown;
  return `the column “${column}” has “${quoted}”, which ${problem}`;
}

/** Shopify writes zips and phones as '02134 so Excel keeps the leading zero; the apostrophe is not part of the value. */
export function withoutExcelApostrophe(text: string): string {
  return text.startsWith("'") ? text.slice(1).trim() : text;
}

/** Upper case ISO 4217, or Invalid. */
export function readCurrency(text: string): string | Invalid {
  if (text === '') return new Invalid('');
  const code = text.toUpperCase();
  return isCurrencyCode(code) ? code : new Invalid('is not a currency code (ISO 4217, such as USD or JPY)');
}

/** A decimal string in the order's currency → integer minor units with that currency's digits (JPY 0, KWD 3). */
export function readMoney(text: string, currency: string): number | Invalid {
  const parsed = parseMoneyInput(withoutSurplusZeros(text, minorUnitDigits(currency)), currency);
  // parseMoneyInput's reasons ("must be a number such as 12.50", "takes no decimals in JPY") read on after “which”.
  if (!parsed.ok) return new Invalid(parsed.reason === 'is required' ? '' : parsed.reason);
  if (parsed.amount > MAX_MINOR_AMOUNT) return new Invalid('is too large for one amount');
  return parsed.amount;
}

/**
 * "3980.00" in JPY is 3980: exports may write every amount with two decimals whatever the currency. Only zeros are
 * dropped, so "1000.50" in JPY is still refused rather than rounded.
 */
function withoutSurplusZeros(text: string, digits: number): string {
  const match = /^\s*(\d+)\.(\d+)\s*$/u.exec(text);
  const [, whole = '', fraction = ''] = match ?? [];
  if (!match || fraction.length <= digits || fraction.replace(/0+$/u, '').length > digits) return text;
  return digits === 0 ? whole : `${whole}.${fraction.slice(0, digits)}`;
}

/** An empty money cell is 0 (Shopify leaves Discount Amount empty when there was none). */
export function readMoneyOrZero(text: string, currency: string): number | Invalid {
  return text === '' ? 0 : readMoney(text, currency);
}

export function readQuantity(text: string): number | Invalid {
  const problem = `must be a whole number from 1 to ${MAX_QUANTITY}`;
  if (!/^\d+$/u.test(text)) return new Invalid(problem);
  const quantity = Number(text);
  return quantity >= 1 && quantity <= MAX_QUANTITY ? quantity : new Invalid(problem);
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/iu;

/**
 * Storefront timestamps → ISO 8601. Shopify writes "2026-03-15 10:22:33 -0400": with a zone it becomes the UTC
 * instant ("2026-03-15T14:22:33.000Z"), which sorts and compares as text. WooCommerce writes the shop's local
 * time without a zone: that stays local ("2026-03-15T10:22:33"), still ISO 8601, rather than guessing a zone.
 */
export function readDateTime(text: string): string | Invalid {
  const match = DATE_TIME.exec(text);
  const problem = 'is not a date and time such as 2026-03-15 10:22:33 -0400';
  if (!match) return new Invalid(problem);
  const [, year = '', month = '', day = '', hour, minute = '', second = '00', fraction = '', zone] = match;
  const date = `${year}-${month}-${day}`;
  if (!isRealDate(Number(year), Number(month), Number(day))) return new Invalid(problem);
  if (hour === undefined) return date;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return new Invalid(problem);
  if (zone === undefined) return `${date}T${hour}:${minute}:${second}`;
  const sign = zone.startsWith('-') ? -1 : 1;
  const offsetMinutes = zone.toUpperCase() === 'Z' ? 0 : sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
  // One Date per value, built from numbers: a 100,000-order file has two or three timestamps an order.
  // Milliseconds are kept (the desk's own export writes them), finer digits are not.
  const ms = Number(fraction.slice(0, 3).padEnd(3, '0'));
  const utc = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), ms) - offsetMinutes * 60_000;
  return new Date(utc).toISOString();
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isRealDate(year: number, month: number, day: number): boolean {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  return year >= 1970 && day >= 1 && day <= days;
}

/** '' stays '' (the storefront gave none); else an ISO 3166-1 alpha-2 code in upper case. */
export function readCountry(text: string): string | Invalid {
  if (text === '') return '';
  const code = text.toUpperCase();
  return isCountryCode(code) ? code : new Invalid('is not a two-letter country code (ISO 3166-1, such as US or DE)');
}

/** Notes as written, up to MAX_IMPORTED_NOTES; `cut` is the length of the cell when it was longer. */
export function capNotes(text: string): { notes: string; cut?: number } {
  return text.length <= MAX_IMPORTED_NOTES ? { notes: text } : { notes: text.slice(0, MAX_IMPORTED_NOTES), cut: text.length };
}

/** "dog, puppy ,, VIP" → ['dog', 'puppy', 'VIP']. */
export function readTags(text: string): string[] {
  return text.split(',').map((tag) => tag.trim()).filter((tag) => tag !== '');
}

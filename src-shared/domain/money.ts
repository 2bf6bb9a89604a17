/**
 * Money is always integer minor units plus an ISO 4217 currency code.
 * Floats never carry an amount; they appear only inside Intl formatting.
 */
import currencyCodes from 'currency-codes';

export interface Money {
  amount: number;
  currency: string;
}

/**
 * Currencies and their minor-unit digits come from the ISO 4217 table (currency-codes), not from Intl:
 * ICU builds disagree (Node 20 gives RSD 2 decimals, Chromium 156 gives 0; IQD is 3 in ISO and 0 in ICU),
 * and a stored amount must mean the same money in every window. Intl only formats.
 */
const ISO_CURRENCIES = new Map(currencyCodes.data
  // "Zz…" entries are ISO's non-currencies (gold, SDR, the testing code, "no currency").
  .filter((c) => !c.countries.every((country) => country.startsWith('Zz')))
  .map((c) => [c.code, c]));

/** Number of minor-unit digits of a currency (USD 2, JPY 0, KWD 3, IQD 3) per ISO 4217. */
export function minorUnitDigits(currency: string): number {
  const entry = ISO_CURRENCIES.get(currency);
  if (!entry) throw new RangeError(`${currency} is not an ISO 4217 currency`);
  return entry.digits;
}

let currencyList: readonly string[] | undefined;
/** ISO 4217 codes the desk accepts, sorted. The same list in Node and in every browser. */
export function supportedCurrencies(): readonly string[] {
  currencyList ??= [...ISO_CURRENCIES.keys()].sort();
  return currencyList;
}

export function currencyName(code: string): string {
  return ISO_CURRENCIES.get(code)?.currency ?? code;
}

export function isCurrencyCode(code: string): boolean {
  return ISO_CURRENCIES.has(code);
}

/** Renders minor units as an exact decimal string ("1999", USD → "19.99") without float arithmetic. */
export function minorToDecimalString(amount: number, currency: string): string {
  const digits = minorUnitDigits(currency);
  const negative = amount < 0;
  const text = Math.abs(amount).toString().padStart(digits + 1, '0');
  const whole = digits === 0 ? text : text.slice(0, -digits);
  const fraction = digits === 0 ? '' : `.${text.slice(-digits)}`;
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

export type ParseMoneyResult = { ok: true; amount: number } | { ok: false; reason: string };

/**
 * Parses what a person types ("19.99", "19,99", "1 299.5", "20") into minor units.
 * A comma is accepted as the decimal mark only when no dot is present, so "1,299" in USD
 * (ambiguous) is read as a decimal comma and then rejected for having 3 decimals.
 */
export function parseMoneyInput(text: string, currency: string): ParseMoneyResult {
  const digits = minorUnitDigits(currency);
  let cleaned = text.trim().replace(/[\s\u00a0']/g, '');
  if (cleaned === '') return { ok: false, reason: 'is required' };
  if (!cleaned.includes('.') && cleaned.includes(',')) cleaned = cleaned.replace(',', '.');
  const match = /^(\d+)(?:\.(\d*))?$/.exec(cleaned);
  if (!match) return { ok: false, reason: 'must be a number such as 12.50' };
  const whole = match[1] ?? '0';
  const fraction = match[2] ?? '';
  if (fraction.length > digits) {
    return { ok: false, reason: digits === 0 ? `takes no decimals in ${currency}` : `takes at most ${digits} decimals in ${currency}` };
  }
  const amount = Number(whole + fraction.padEnd(digits, '0'));
  if (!Number.isSafeInteger(amount)) return { ok: false, reason: 'is too large' };
  return { ok: true, amount };
}

export function formatMoney(money: Money, locale?: string): string {
  const digits = minorUnitDigits(money.currency);
  const format = new Intl.NumberFormat(locale, {
    style: 'currency', currency: money.currency, minimumFractionDigits: digits, maximumFractionDigits: digits,
  });
  // A decimal string keeps large amounts exact (Intl.NumberFormat v3 formats strings as decimals).
  return format.format(minorToDecimalString(money.amount, money.currency) as `${number}`);
}

function assertSameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new Error(`Cannot combine ${a.currency} with ${b.currency}`);
}

function checkedAmount(amount: number): number {
  if (!Number.isSafeInteger(amount)) throw new RangeError('Amount is outside the safe integer range');
  return amount;
}

export function addMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return { amount: checkedAmount(a.amount + b.amount), currency: a.currency };
}

export function multiplyMoney(unit: Money, quantity: number): Money {
  if (!Number.isInteger(quantity)) throw new RangeError('Quantity must be an integer');
  return { amount: checkedAmount(unit.amount * quantity), currency: unit.currency };
}

export function sumMoney(items: readonly Money[], currency: string): Money {
  return items.reduce<Money>((total, item) => addMoney(total, item), { amount: 0, currency });
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMoney, formatMoney, isCurrencyCode, minorToDecimalString, minorUnitDigits, multiplyMoney, parseMoneyInput, sumMoney,
} from '../../src-shared/domain/money';

describe('money', () => {
  it.each([
    ['USD', 2], ['EUR', 2], ['JPY', 0], ['KWD', 3], ['GBP', 2],
    // Where ICU builds disagree with each other or with ISO 4217, ISO wins.
    ['RSD', 2], ['IQD', 3], ['IDR', 2], ['HUF', 2],
  ])('%s has %i minor digits', (currency, digits) => {
    expect(minorUnitDigits(currency)).toBe(digits);
  });

  it.each([
    ['19.99', 'USD', 1999], ['20', 'USD', 2000], ['0.5', 'USD', 50], ['19,99', 'EUR', 1999], [' 1 299.00 ', 'USD', 129900],
    ['1500', 'JPY', 1500], ['1.234', 'KWD', 1234], ['.5', 'USD', undefined], ['abc', 'USD', undefined],
    ['1.999', 'USD', undefined], ['12.5', 'JPY', undefined], ['-3', 'USD', undefined], ['', 'USD', undefined],
    ['99999999999999999999', 'USD', undefined],
  ])('parses %j in %s as %j', (text, currency, expected) => {
    const result = parseMoneyInput(text, currency);
    if (expected === undefined) expect(result.ok).toBe(false);
    else expect(result).toEqual({ ok: true, amount: expected });
  });

  it('gives a reason a person understands', () => {
    expect(parseMoneyInput('1.999', 'USD')).toEqual({ ok: false, reason: 'takes at most 2 decimals in USD' });
    expect(parseMoneyInput('12.5', 'JPY')).toEqual({ ok: false, reason: 'takes no decimals in JPY' });
  });

  it('renders minor units as exact decimals', () => {
    expect(minorToDecimalString(1999, 'USD')).toBe('19.99');
    expect(minorToDecimalString(5, 'USD')).toBe('0.05');
    expect(minorToDecimalString(1500, 'JPY')).toBe('1500');
    expect(minorToDecimalString(-5, 'KWD')).toBe('-0.005');
    expect(minorToDecimalString(9007199254740991, 'USD')).toBe('90071992547409.91');
  });

  it('formats with Intl for the locale', () => {
    expect(formatMoney({ amount: 123456, currency: 'USD' }, 'en-US')).toBe('$1,234.56');
    expect(formatMoney({ amount: 1500, currency: 'JPY' }, 'en-US')).toBe('¥1,500');
    expect(formatMoney({ amount: 123456, currency: 'EUR' }, 'de-DE')).toBe('1.234,56\u00a0€');
  });

  it('refuses to mix currencies or leave the safe integer range', () => {
    expect(() => addMoney({ amount: 1, currency: 'USD' }, { amount: 1, currency: 'EUR' })).toThrow(/USD with EUR/);
    expect(() => multiplyMoney({ amount: Number.MAX_SAFE_INTEGER, currency: 'USD' }, 2)).toThrow(RangeError);
    expect(() => multiplyMoney({ amount: 100, currency: 'USD' }, 1.5)).toThrow(RangeError);
  });

  it('knows ISO 4217 codes and rejects others', () => {
    expect(isCurrencyCode('USD')).toBe(true);
    expect(isCurrencyCode('usd')).toBe(false);
    expect(isCurrencyCode('XYZ')).toBe(false);
    // ISO's non-currencies (testing code, gold, "no currency") are not money a shop takes.
    expect(isCurrencyCode('XTS')).toBe(false);
    expect(isCurrencyCode('XAU')).toBe(false);
    expect(isCurrencyCode('XXX')).toBe(false);
    expect(isCurrencyCode('XOF')).toBe(true);
    expect(() => minorUnitDigits('XYZ')).toThrow(/not an ISO 4217 currency/);
  });

  it('round-trips: formatting minor units and parsing them back gives the same amount', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e12 }), fc.constantFrom('USD', 'JPY', 'KWD'), (amount, currency) => {
      expect(parseMoneyInput(minorToDecimalString(amount, currency), currency)).toEqual({ ok: true, amount });
    }));
  });

  it('sums like integers, in any order', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 1e9 }), { maxLength: 50 }), (amounts) => {
      const items = amounts.map((amount) => ({ amount, currency: 'EUR' }));
      const expected = amounts.reduce((a, b) => a + b, 0);
      expect(sumMoney(items, 'EUR').amount).toBe(expected);
      expect(sumMoney([...items].reverse(), 'EUR').amount).toBe(expected);
    }));
  });
});

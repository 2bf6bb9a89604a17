import { describe, expect, it } from 'vitest';
import { Invalid, readCountry, readDateTime, readMoney, readQuantity } from '../../src-main/services/storefront-import/order-values';

const problemOf = (value: unknown) => (value instanceof Invalid ? value.problem : value);

describe('readMoney: decimal strings → minor units of the order’s currency', () => {
  it.each([
    ['19.99', 'USD', 1999], ['20', 'USD', 2000], ['12.5', 'USD', 1250], ['0.00', 'USD', 0],
    ['3980', 'JPY', 3980], ['3980.00', 'JPY', 3980], ['0.00', 'JPY', 0],
    ['12.500', 'KWD', 12500], ['12.5', 'KWD', 12500], ['12.500', 'USD', 1250],
  ] as const)('“%s” in %s is %d', (text, currency, amount) => {
    expect(readMoney(text, currency)).toBe(amount);
  });

  it.each([
    ['1000.50', 'JPY', 'takes no decimals in JPY'],
    ['12.505', 'USD', 'takes at most 2 decimals in USD'],
    ['1,234.00', 'USD', 'must be a number such as 12.50'],
    ['-5.00', 'USD', 'must be a number such as 12.50'],
    ['abc', 'USD', 'must be a number such as 12.50'],
    ['', 'USD', ''],
    ['99999999.99', 'USD', 'is too large for one amount'],
  ] as const)('refuses “%s” in %s: %s', (text, currency, problem) => {
    expect(problemOf(readMoney(text, currency))).toBe(problem);
  });
});

describe('readDateTime', () => {
  it.each([
    ['2026-03-15 10:22:33 -0400', '2026-03-15T14:22:33.000Z'],
    ['2026-03-15 10:22:33 +0530', '2026-03-15T04:52:33.000Z'],
    ['2026-03-15T10:22:33+05:30', '2026-03-15T04:52:33.000Z'],
    ['2026-03-15T10:22:33Z', '2026-03-15T10:22:33.000Z'],
    ['2024-02-29 00:00:00 +0000', '2024-02-29T00:00:00.000Z'],
    // No zone: the shop's local time stays local rather than being guessed into UTC.
    ['2026-03-20 14:05:09', '2026-03-20T14:05:09'],
    ['2026-03-20 14:05', '2026-03-20T14:05:00'],
    ['2026-03-20', '2026-03-20'],
  ])('reads “%s” as %s', (text, iso) => {
    expect(readDateTime(text)).toBe(iso);
  });

  it.each(['yesterday', '03/15/2026', '2026-02-29', '2026-13-01', '2026-03-15 24:00:00', '2026-03-15 10:60:00 +0000'])('refuses “%s”', (text) => {
    expect(problemOf(readDateTime(text))).toBe('is not a date and time such as 2026-03-15 10:22:33 -0400');
  });
});

describe('readQuantity and readCountry', () => {
  it.each([['1', 1], ['10000', 10000]] as const)('quantity “%s” is %d', (text, quantity) => expect(readQuantity(text)).toBe(quantity));
  it.each(['0', '1.5', '-1', '10001', 'two', ''])('refuses quantity “%s”', (text) => {
    expect(problemOf(readQuantity(text))).toBe('must be a whole number from 1 to 10000');
  });
  it.each([['US', 'US'], ['de', 'DE'], ['', '']] as const)('country “%s” is “%s”', (text, code) => expect(readCountry(text)).toBe(code));
  it.each(['Germany', 'XX', 'USA'])('refuses country “%s”', (text) => {
    expect(problemOf(readCountry(text))).toBe('is not a two-letter country code (ISO 3166-1, such as US or DE)');
  });
});

/** Option lists for selects, built once. Names only: codes and their rules come from src-shared. */
import { countryName, countryOptions } from '../../src-shared/domain/countries';
import { currencyName, supportedCurrencies } from '../../src-shared/domain/money';

export interface Option {
  value: string;
  label: string;
}

/** Intl's English name where this browser has one, else ISO 4217's. Names only: decimals come from money.ts. */
function currencyLabeler(): (code: string) => string {
  let names: Intl.DisplayNames | undefined;
  try {
    names = new Intl.DisplayNames(['en'], { type: 'currency' });
  } catch {
    names = undefined;
  }
  return (code) => {
    let name: string | undefined;
    try {
      name = names?.of(code);
    } catch {
      name = undefined;
    }
    if (!name || name === code) name = currencyName(code);
    return name !== code ? `${code} — ${name}` : code;
  };
}

let currencyOptionsCache: Option[] | undefined;
export function currencyOptions(): Option[] {
  if (!currencyOptionsCache) {
    const label = currencyLabeler();
    currencyOptionsCache = supportedCurrencies().map((code) => ({ value: code, label: label(code) }));
  }
  return currencyOptionsCache;
}

let currencyCodeCache: Option[] | undefined;
/** Codes only, for narrow selects (a row of variants). */
export function currencyCodeOptions(): Option[] {
  currencyCodeCache ??= supportedCurrencies().map((code) => ({ value: code, label: code }));
  return currencyCodeCache;
}

let countryOptionsCache: Option[] | undefined;
export function countrySelectOptions(): Option[] {
  countryOptionsCache ??= countryOptions().map((c) => ({ value: c.code, label: c.name }));
  return countryOptionsCache;
}

/** "Germany, Austria and 3 more" for a list of country codes. */
export function countriesSummary(codes: readonly string[], shown = 3): string {
  const names = codes.map((c) => countryName(c));
  if (names.length <= shown) return names.join(', ');
  return `${names.slice(0, shown).join(', ')} and ${names.length - shown} more`;
}

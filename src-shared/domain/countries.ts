import countries from 'i18n-iso-countries';
import { postcodeValidator, postcodeValidatorExistsForCountry } from 'postcode-validator';

/**
 * Country codes come from i18n-iso-countries (the maintained ISO 3166-1 list); display names come from
 * the platform's Intl.DisplayNames so no locale JSON has to be bundled.
 */
let codes: readonly string[] | undefined;
let codeSet: ReadonlySet<string> | undefined;
export function countryCodes(): readonly string[] {
  codes ??= Object.keys(countries.getAlpha2Codes()).sort();
  return codes;
}

/** A set lookup: feeds and supplier APIs check a country per row. */
export function isCountryCode(code: string): boolean {
  codeSet ??= new Set(countryCodes());
  return codeSet.has(code);
}

const displayNames = new Map<string, Intl.DisplayNames>();
export function countryName(code: string, locale = 'en'): string {
  let names = displayNames.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([locale], { type: 'region' });
    displayNames.set(locale, names);
  }
  return names.of(code) ?? code;
}

export interface CountryOption {
  code: string;
  name: string;
}

export function countryOptions(locale = 'en'): CountryOption[] {
  return countryCodes()
    .map((code) => ({ code, name: countryName(code, locale) }))
    .sort((a, b) => a.name.localeCompare(b.name, locale));
}

/** Countries without postal codes (or without a known format) accept any postcode, including none. */
export function countryUsesKnownPostcodeFormat(country: string): boolean {
  return postcodeValidatorExistsForCountry(country);
}

export function isValidPostcode(postcode: string, country: string): boolean {
  if (!countryUsesKnownPostcodeFormat(country)) return true;
  return postcodeValidator(postcode.trim(), country);
}

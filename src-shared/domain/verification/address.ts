import { countryUsesKnownPostcodeFormat, isCountryCode, isValidPostcode } from '../countries';
import { capitalize, countryLabel, normalizeCountry, result } from './format';
import type { CheckResult, VerificationAddress } from './types';

/**
 * Countries whose carriers and supplier APIs reject an address without its state, province or territory
 * (and whose storefronts make it a required field). Other countries have regions too (BR, MX, IN, JP, IT...)
 * but carriers deliver there on the postcode, so holding those orders would mostly be noise.
 */
export const REGION_REQUIRED: Readonly<Record<string, string>> = { US: 'state', CA: 'province or territory', AU: 'state or territory' };

interface AddressProblem {
  field: 'line1' | 'city' | 'region' | 'postcode' | 'country';
  problem: 'missing' | 'invalid';
  /** The sentence fragment, lower case, for the list in the message. */
  words: string;
}

/**
 * Address completeness and postcode format. Everything wrong is a fail (INCORRECT_ADDRESS), including a missing
 * region where one is required: a supplier cannot print a label without it, and fixing it now (the owner can read
 * the state off the ZIP code in seconds) is cheaper than a supplier rejection after the payment is captured.
 * A country with no known postcode format (Hong Kong, the UAE...) accepts any postcode or none.
 */
export function checkAddress(address: VerificationAddress): CheckResult {
  const country = normalizeCountry(address.country);
  const postcode = address.postcode.trim();
  const problems: AddressProblem[] = [];
  if (address.line1.trim() === '') problems.push({ field: 'line1', problem: 'missing', words: 'the street address is missing' });
  if (address.city.trim() === '') problems.push({ field: 'city', problem: 'missing', words: 'the city is missing' });

  const known = country !== '' && isCountryCode(country);
  const name = countryLabel(country);
  const regionLabel = REGION_REQUIRED[country];
  const postcodeRequired = known && countryUsesKnownPostcodeFormat(country);
  if (known && regionLabel && address.region.trim() === '') {
    problems.push({ field: 'region', problem: 'missing', words: `the ${regionLabel} is missing (required in ${name})` });
  }
  if (postcodeRequired && postcode === '') {
    problems.push({ field: 'postcode', problem: 'missing', words: `the postcode is missing (required in ${name})` });
  } else if (postcodeRequired && !isValidPostcode(postcode, country)) {
    problems.push({ field: 'postcode', problem: 'invalid', words: `“${postcode}” is not a valid postcode for ${name}` });
  }
  if (country === '') problems.push({ field: 'country', problem: 'missing', words: 'the country is missing' });
  else if (!known) problems.push({ field: 'country', problem: 'invalid', words: `${name} is not a country we recognise` });

  const data = {
    country, countryName: known ? name : null, postcode, postcodeFormatKnown: postcodeRequired,
    regionRequired: Boolean(known && regionLabel),
    problems: problems.map(({ field, problem }) => ({ field, problem })),
  };
  if (problems.length > 0) {
    return result('address', 'fail', `${capitalize(problems.map((p) => p.words).join('; '))}.`, data, 'INCORRECT_ADDRESS');
  }
  const message = postcodeRequired
    ? `The shipping address is complete and the postcode fits ${name}.`
    : `The shipping address is complete; ${name} has no postcode format to check.`;
  return result('address', 'pass', message, data, 'INCORRECT_ADDRESS');
}

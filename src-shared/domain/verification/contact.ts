import { isPossiblePhoneNumber, isSupportedCountry } from 'libphonenumber-js';
import { z } from 'zod';
import { capitalize, countryLabel, normalizeCountry, result, worstOutcome } from './format';
import type { CheckOutcome, CheckResult, VerificationOrder } from './types';

export type EmailShape = 'missing' | 'valid' | 'international' | 'invalid';

const strictEmail = z.email();
const NON_ASCII = /[^\u0000-\u007f]/u;
const UNICODE_DOMAIN = /^[\p{L}\p{N}\p{M}-]+(?:\.[\p{L}\p{N}\p{M}-]+)+$/u;

/**
 * The e-mail's shape. 'valid' is zod's z.email(), the same rule as the order form. zod rejects every non-ASCII
 * address, but "zoë@example.com" and "taro@例え.jp" are real (RFC 6531 / IDN) and arrive in storefront imports,
 * so one whose ASCII skeleton passes (domain converted to punycode, non-ASCII local characters stood in for) is
 * 'international': not wrong, but not every mail server delivers to it.
 */
export function emailShape(email: string): EmailShape {
  const value = email.trim();
  if (value === '') return 'missing';
  if (strictEmail.safeParse(value).success) return 'valid';
  if (!NON_ASCII.test(value)) return 'invalid';
  const at = value.lastIndexOf('@');
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (at <= 0 || local.length > 64 || !UNICODE_DOMAIN.test(domain)) return 'invalid';
  let asciiDomain: string;
  try {
    // WHATWG URL is in every runtime src-shared targets (Node and the renderer) and does IDNA to punycode.
    asciiDomain = new URL(`http://${domain}/`).hostname;
  } catch {
    return 'invalid';
  }
  const skeleton = `${local.replace(/[^\u0000-\u007f]/gu, 'x')}@${asciiDomain}`;
  return strictEmail.safeParse(skeleton).success ? 'international' : 'invalid';
}

/** Whether the number could be a phone number, read as a national number of the shipping country when it has no "+". */
export function phonePlausible(phone: string, country: string): boolean {
  const c = normalizeCountry(country);
  return isPossiblePhoneNumber(phone.trim(), isSupportedCountry(c) ? c : undefined);
}

/**
 * E-mail and phone shape. A malformed e-mail fails: the customer would get no confirmation, payment link or
 * tracking, and it is often a typo worth a quick call. The hold is INCORRECT_ADDRESS because an e-mail address is
 * the customer's other address (DOMAIN.md has no contact hold). A missing e-mail only warns: marketplaces often hide
 * it and the parcel still arrives. The phone is optional, so only an implausible one warns (carriers use it to
 * arrange delivery); plausibility is libphonenumber's "possible" (length), not "valid" (number ranges), because
 * ranges change faster than the library ships and a false warning on a real number teaches people to ignore them.
 */
export function checkContact(order: VerificationOrder): CheckResult {
  const email = order.customer.email.trim();
  const phone = order.customer.phone.trim();
  const country = normalizeCountry(order.shippingAddress.country);
  const shape = emailShape(email);
  const phoneShape = phone === '' ? 'missing' : phonePlausible(phone, country) ? 'plausible' : 'implausible';

  const signals: { signal: 'email' | 'phone'; outcome: CheckOutcome; words: string }[] = [];
  if (shape === 'invalid') signals.push({ signal: 'email', outcome: 'fail', words: `the e-mail address “${email}” is not valid, so the customer would get no order or tracking e-mails` });
  if (shape === 'missing') signals.push({ signal: 'email', outcome: 'warn', words: 'there is no e-mail address, so the customer will get no order or tracking e-mails' });
  if (shape === 'international') signals.push({ signal: 'email', outcome: 'warn', words: `the e-mail address “${email}” has non-Latin characters, which some mail servers cannot deliver to` });
  if (phoneShape === 'implausible') {
    const where = country === '' ? '' : ` for ${countryLabel(country)}`;
    signals.push({ signal: 'phone', outcome: 'warn', words: `“${phone}” does not look like a phone number${where}, and carriers may need it to deliver` });
  }

  const outcome = worstOutcome(signals.map((s) => s.outcome));
  const data = { email, emailShape: shape, phone, phoneShape, country, signals: signals.map(({ signal, outcome: o }) => ({ signal, outcome: o })) };
  if (signals.length > 0) return result('contact', outcome, `${capitalize(signals.map((s) => s.words).join('; '))}.`, data, 'INCORRECT_ADDRESS');
  const phoneWords = phone === '' ? 'no phone number was given (it is optional)' : 'the phone number looks right';
  return result('contact', 'pass', `The e-mail address looks right and ${phoneWords}.`, data, 'INCORRECT_ADDRESS');
}

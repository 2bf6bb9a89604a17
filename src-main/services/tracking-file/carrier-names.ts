/**
 * What suppliers write in a "Carrier" column ("UPS Ground", "royal-mail", "U.S. Postal Service", "DHL eCommerce")
 * → our CarrierCode. A service level after the carrier's name is ignored, so a name matches when it is the
 * whole text or its first words. Unknown text answers undefined: the caller then looks at the number.
 */
import { CARRIER_CODES, CARRIER_NAMES, type CarrierCode } from '../../../src-shared/domain/tracking/carriers';

/**
 * Names by the words they normalise to (see nameKey). `null`: a carrier we know is NOT one of ours even though
 * its name starts like one, so the longer name must win over the prefix (Hermes Germany is not Evri).
 */
const NAMES: Record<string, CarrierCode | null> = {
  'ups': 'ups', 'united parcel service': 'ups', 'united parcel': 'ups',
  'usps': 'usps', 'us postal service': 'usps', 'us postal': 'usps', 'united states postal service': 'usps', 'us mail': 'usps',
  'fedex': 'fedex', 'fed ex': 'fedex', 'federal express': 'fedex',
  // DHL Express, DHL eCommerce, DHL Parcel: one tracking page takes them all.
  'dhl': 'dhl',
  'amazon': 'amazon', 'amzl': 'amazon', 'amazon logistics': 'amazon', 'amazon shipping': 'amazon',
  'ontrac': 'ontrac', 'on trac': 'ontrac',
  'royal mail': 'royal_mail', 'royalmail': 'royal_mail', 'rm': 'royal_mail',
  // Parcelforce belongs to Royal Mail but tracks on its own site.
  'parcelforce': null,
  'deutsche post': 'deutsche_post',
  'la poste': 'la_poste', 'laposte': 'la_poste', 'colissimo': 'la_poste',
  'postnl': 'postnl', 'post nl': 'postnl',
  'canada post': 'canada_post', 'canadapost': 'canada_post', 'postes canada': 'canada_post',
  'dpd': 'dpd',
  'gls': 'gls',
  // Hermes UK became Evri in 2022; Hermes in Germany is another company with its own tracking.
  'evri': 'evri', 'hermes': 'evri', 'myhermes': 'evri', 'hermes uk': 'evri',
  'hermes germany': null, 'hermes de': null, 'hermes deutschland': null, 'hermes einrichtungs service': null,
};

/** "U.S. Postal-Service" → "us postal service": dots vanish (U.S. → us), any other mark separates words. */
function nameKey(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/gu, '').toLowerCase()
    .replace(/\./gu, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function buildTable(): Map<string, CarrierCode | null> {
  const table = new Map<string, CarrierCode | null>(Object.entries(NAMES));
  // Our own codes and display names read back too ("royal_mail", "Amazon Logistics"), except the catch-alls.
  for (const code of CARRIER_CODES) {
    if (code === 'other' || code === 'postal') continue;
    for (const name of [code, CARRIER_NAMES[code]]) if (!table.has(nameKey(name))) table.set(nameKey(name), code);
  }
  return table;
}

const TABLE = buildTable();
const LONGEST_NAME_WORDS = Math.max(...[...TABLE.keys()].map((key) => key.split(' ').length));

/** The carrier a supplier named, or undefined when the text names none of ours (or is empty). */
export function carrierFromName(text: string): CarrierCode | undefined {
  const words = nameKey(text).split(' ').filter((word) => word !== '');
  // Longest first, so "hermes germany" is found before "hermes" and "deutsche post" before nothing.
  for (let count = Math.min(words.length, LONGEST_NAME_WORDS); count > 0; count -= 1) {
    const carrier = TABLE.get(words.slice(0, count).join(' '));
    if (carrier !== undefined) return carrier ?? undefined;
  }
  return undefined;
}

/**
 * The carriers the desk knows by name, and each one's public tracking page. Some are recognised from the
 * tracking number alone (see detect-carrier.ts); the others (DPD, GLS, Evri, …) use formats no published
 * data set describes reliably, so a person picks them by hand. `other` is any carrier not listed: the
 * number is still kept, there is just no link.
 */

export const CARRIER_CODES = [
  'ups', 'usps', 'fedex', 'dhl', 'amazon', 'ontrac', 'royal_mail', 'deutsche_post', 'la_poste', 'postnl',
  'canada_post', 'postal', 'dpd', 'gls', 'evri', 'other',
] as const;
export type CarrierCode = (typeof CARRIER_CODES)[number];

export const CARRIER_NAMES: Record<CarrierCode, string> = {
  ups: 'UPS',
  usps: 'USPS',
  fedex: 'FedEx',
  dhl: 'DHL',
  amazon: 'Amazon Logistics',
  ontrac: 'OnTrac',
  royal_mail: 'Royal Mail',
  deutsche_post: 'Deutsche Post',
  la_poste: 'La Poste',
  postnl: 'PostNL',
  canada_post: 'Canada Post',
  // A UPU (S10) number from a national post without an entry of its own; detection names the post.
  postal: 'National post',
  dpd: 'DPD',
  gls: 'GLS',
  evri: 'Evri',
  other: 'Other carrier',
};

/**
 * The carriers' own public tracking pages, `{n}` replaced by the URL-encoded number. Kept here rather than
 * taken from the detection library, whose links are partly outdated (http://, retired paths). A carrier
 * without a page that takes the number in the URL has none: the desk then shows the number only.
 */
const TRACKING_PAGES: Record<CarrierCode, string | null> = {
  ups: 'https://www.ups.com/track?tracknum={n}',
  usps: 'https://tools.usps.com/go/TrackConfirmAction?tLabels={n}',
  fedex: 'https://www.fedex.com/fedextrack/?trknbr={n}',
  dhl: 'https://www.dhl.com/global-en/home/tracking.html?tracking-id={n}&submit=1',
  amazon: 'https://track.amazon.com/tracking/{n}',
  ontrac: 'https://www.ontrac.com/tracking/?number={n}',
  royal_mail: 'https://www.royalmail.com/track-your-item#/tracking-results/{n}',
  deutsche_post: 'https://www.deutschepost.de/de/s/sendungsverfolgung.html?piececode={n}',
  la_poste: 'https://www.laposte.fr/outils/suivre-vos-envois?code={n}',
  postnl: 'https://jouw.postnl.nl/track-and-trace/{n}',
  canada_post: 'https://www.canadapost-postescanada.ca/track-reperage/en#/details/{n}',
  postal: null,
  dpd: 'https://tracking.dpd.de/status/en_US/parcel/{n}',
  gls: 'https://gls-group.com/track/{n}',
  evri: 'https://www.evri.com/track/parcel/{n}',
  other: null,
};

/** The hosts of the carriers' tracking pages: the Electron shell lets the owner open exactly these. */
export const CARRIER_TRACKING_HOSTS: readonly string[] = [...new Set(Object.values(TRACKING_PAGES)
  .filter((page): page is string => page !== null).map((page) => new URL(page.replace('{n}', 'X')).host))];

/** How the desk stores and compares a tracking number: no spaces or dashes, upper case (`1z 5r8…` → `1Z5R8…`). */
export function normalizeTrackingNumber(raw: string): string {
  return raw.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
}

/** The carrier's tracking page for this number, or null when the carrier has none we can link to. */
export function trackingUrlFor(carrier: CarrierCode, trackingNumber: string): string | null {
  const page = TRACKING_PAGES[carrier];
  const number = normalizeTrackingNumber(trackingNumber);
  if (page === null || number === '') return null;
  return page.replace('{n}', encodeURIComponent(number));
}

export function isCarrierCode(value: string): value is CarrierCode {
  return (CARRIER_CODES as readonly string[]).includes(value);
}

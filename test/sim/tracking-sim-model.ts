/**
 * The simulated carrier aggregator's data: trackings and their checkpoints in the wire shape of AfterShip's
 * Tracking API version 2026-07 (the version @aftership/tracking-sdk 17 calls; field names from its types),
 * a small courier detection, and the rules that turn checkpoints into a tracking's `tag`.
 * See test/sim/README.md, "Tracking simulator". Imports nothing from src-main or src-shared.
 */
import { createHash } from 'node:crypto';

/** AfterShip's delivery statuses (`tag`), in the order a parcel normally moves through them. */
export const TAGS = [
  'Pending', 'InfoReceived', 'InTransit', 'OutForDelivery', 'AttemptFail', 'AvailableForPickup', 'Delivered', 'Exception', 'Expired',
] as const;
export type SimTag = (typeof TAGS)[number];

const SUBTAG_MESSAGES: Record<SimTag, string> = {
  Pending: 'Pending',
  InfoReceived: 'Info Received',
  InTransit: 'In Transit',
  OutForDelivery: 'Out for Delivery',
  AttemptFail: 'Failed Attempt',
  AvailableForPickup: 'Available for Pickup',
  Delivered: 'Delivered',
  Exception: 'Exception',
  Expired: 'Expired',
};

export function isTag(value: unknown): value is SimTag {
  return typeof value === 'string' && (TAGS as readonly string[]).includes(value);
}

/** A checkpoint as the API sends it. AfterShip documents no checkpoint id: clients dedupe by content. */
export interface SimCheckpoint {
  /** When the aggregator recorded it (the simulator's clock at `advance`). */
  created_at: string;
  slug: string;
  /** When the carrier scanned it (the `at` given to `advance`). */
  checkpoint_time: string;
  location: string | null;
  city: string | null;
  country_region: string | null;
  message: string;
  tag: SimTag;
  subtag: string;
  subtag_message: string;
  raw_tag: string | null;
}

export interface SimCourierEstimatedDelivery {
  estimated_delivery_date: string | null;
  estimated_delivery_date_min: string | null;
  estimated_delivery_date_max: string | null;
}

/** A tracking as the API sends it (a subset of AfterShip's 2026-07 Tracking object). */
export interface SimTracking {
  id: string;
  created_at: string;
  updated_at: string;
  tracking_number: string;
  slug: string;
  active: boolean;
  title: string;
  order_id: string | null;
  order_number: string | null;
  origin_country_region: string | null;
  destination_country_region: string | null;
  tag: SimTag;
  subtag: string;
  subtag_message: string;
  checkpoints: SimCheckpoint[];
  courier_estimated_delivery_date: SimCourierEstimatedDelivery | null;
  courier_tracking_link: string | null;
  shipment_pickup_date: string | null;
  shipment_delivery_date: string | null;
  signed_by: string | null;
  source: string;
}

/** The simulator's own bookkeeping next to a tracking (never sent). */
export interface TrackingRecord {
  tracking: SimTracking;
  /** `stall()`: no news; `advance` is ignored until `resume()`. */
  stalled: boolean;
  /** Arrival order, for listing and cursors. */
  seq: number;
}

/** AfterShip's ISO 8601 shape with an explicit offset: `2026-12-01T09:30:00+00:00`. */
export function isoOffset(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

/** A 32-hex id like AfterShip's, derived from the creation index: the same run of creates gives the same ids. */
export function trackingId(seq: number): string {
  return createHash('sha256').update(`tracking-sim-${seq}`).digest('hex').slice(0, 32);
}

/** Courier slugs the simulator knows, with their public tracking pages. */
export const COURIER_LINKS: Record<string, (number: string) => string> = {
  ups: (n) => `https://www.ups.com/track?tracknum=${encodeURIComponent(n)}`,
  usps: (n) => `https://tools.usps.com/go/TrackConfirmAction?tLabels=${encodeURIComponent(n)}`,
  fedex: (n) => `https://www.fedex.com/fedextrack/?trknbr=${encodeURIComponent(n)}`,
  dhl: (n) => `https://www.dhl.com/en/express/tracking.html?AWB=${encodeURIComponent(n)}`,
  'royal-mail': (n) => `https://www.royalmail.com/track-your-item#/tracking-results/${encodeURIComponent(n)}`,
  'deutsch-post': (n) => `https://www.deutschepost.de/sendung/simpleQuery.html?form.sendungsnummer=${encodeURIComponent(n)}`,
  dpd: (n) => `https://tracking.dpd.de/status/en_US/parcel/${encodeURIComponent(n)}`,
};

/**
 * The simulator's stand-in for AfterShip's courier detection: by shape only, no check digits (the desk's
 * own detection is tested against a real library, not against this). `undefined`: cannot detect.
 */
export function detectSlug(trackingNumber: string): string | undefined {
  const n = trackingNumber.toUpperCase();
  if (/^1Z[0-9A-Z]{16}$/.test(n)) return 'ups';
  if (/^(94|93|92|95)\d{20}$/.test(n)) return 'usps';
  if (/^[A-Z]{2}\d{9}GB$/.test(n)) return 'royal-mail';
  if (/^[A-Z]{2}\d{9}DE$/.test(n)) return 'deutsch-post';
  if (/^\d{12}$|^\d{15}$/.test(n)) return 'fedex';
  if (/^\d{10}$|^JJD\d{16,18}$/.test(n)) return 'dhl';
  if (/^\d{14}$/.test(n)) return 'dpd';
  return undefined;
}

export function subtagFor(tag: SimTag): { subtag: string; subtag_message: string } {
  return { subtag: `${tag}_001`, subtag_message: SUBTAG_MESSAGES[tag] };
}

/** Same carrier event? AfterShip has no checkpoint id, so this is what a client must compare. */
export function sameCheckpoint(a: SimCheckpoint, b: SimCheckpoint): boolean {
  return a.checkpoint_time === b.checkpoint_time && a.tag === b.tag && a.location === b.location && a.message === b.message;
}

/**
 * The tracking's status follows its newest checkpoint by `checkpoint_time` (ties: the later one in the
 * list), as at AfterShip; with no checkpoints it is `Pending`. Expired is set by the clock, not here.
 */
export function statusFromCheckpoints(checkpoints: readonly SimCheckpoint[]): { tag: SimTag; subtag: string; subtag_message: string } {
  let newest: SimCheckpoint | undefined;
  for (const checkpoint of checkpoints) {
    if (!newest || Date.parse(checkpoint.checkpoint_time) >= Date.parse(newest.checkpoint_time)) newest = checkpoint;
  }
  return newest ? { tag: newest.tag, subtag: newest.subtag, subtag_message: newest.subtag_message } : { tag: 'Pending', ...subtagFor('Pending') };
}

/**
 * AfterShip Tracking API (version 2026-07) answers in the desk's terms: which courier slug to ask for, and a
 * tracking with its checkpoints as a ServiceTracking with TrackingEvents. Pure: no I/O, so every odd shape a
 * carrier produces (no offset on a time, an unknown tag, a checkpoint without a place) is decided here once.
 */
import { z } from 'zod';
import type { CarrierCode } from '../../src-shared/domain/tracking/carriers';
import {
  applyTrackingEvents, compareEvents, derivedEventId, emptyTrackingState, type TrackingEvent,
} from '../../src-shared/domain/tracking/events';
import { TRACKING_STATUS_LABELS, type TrackingStatus } from '../../src-shared/domain/tracking/statuses';

export interface ServiceTracking {
  /** The service's tracking id (AfterShip: 32 hex), for `get`. */
  id: string;
  trackingNumber: string;
  /**
   * The status the events lead to by the desk's own rule (applyTrackingEvents: delivered stays delivered, an
   * aggregator re-reading an older carrier page cannot move it back); with no events yet, the service's tag.
   * Never `expired`: that is the desk's own rule, by the shop's setting and the desk's clock.
   */
  status: TrackingStatus;
  /** Distinct events, oldest first (compareEvents). */
  events: TrackingEvent[];
  /** The courier the service tracks it with (AfterShip's slug, e.g. 'ups'); detected when none was given. */
  slug: string;
  /** The carrier's estimated delivery day (`YYYY-MM-DD`), when it gives one. */
  expectedDelivery: string | null;
}

/**
 * Our carriers → AfterShip courier slugs. `postal` (some national post) and `other` have none: AfterShip
 * detects the courier from the number. AfterShip's own spellings, e.g. `deutsch-post`, and Evri is still
 * `hermes-uk` there.
 */
const AFTERSHIP_SLUGS: Record<CarrierCode, string | undefined> = {
  ups: 'ups',
  usps: 'usps',
  fedex: 'fedex',
  dhl: 'dhl',
  amazon: 'amazon',
  ontrac: 'ontrac',
  royal_mail: 'royal-mail',
  deutsche_post: 'deutsch-post',
  la_poste: 'la-poste-colissimo',
  postnl: 'postnl',
  canada_post: 'canada-post',
  postal: undefined,
  dpd: 'dpd',
  gls: 'gls',
  evri: 'hermes-uk',
  other: undefined,
};

export function aftershipSlugFor(carrier: CarrierCode): string | undefined {
  return AFTERSHIP_SLUGS[carrier];
}

/**
 * AfterShip tags → our statuses. Expired is absent on purpose: it is the desk's own derived status (expiry.ts),
 * never stored as an event, so a checkpoint tagged Expired is skipped and a tracking tagged Expired shows the
 * status its events lead to (pending with none).
 */
const TAG_STATUSES: Readonly<Record<string, TrackingStatus>> = {
  Pending: 'pending',
  InfoReceived: 'info_received',
  InTransit: 'in_transit',
  OutForDelivery: 'out_for_delivery',
  AttemptFail: 'attempt_fail',
  AvailableForPickup: 'available_for_pickup',
  Delivered: 'delivered',
  Exception: 'exception',
};

export function statusForTag(tag: unknown): TrackingStatus | undefined {
  return typeof tag === 'string' && Object.hasOwn(TAG_STATUSES, tag) ? TAG_STATUSES[tag] : undefined;
}

const optionalText = z.string().nullish().catch(null);

/** Only the fields the desk reads; AfterShip adds fields freely, and a broken optional one must not lose the rest. */
const wireCheckpointSchema = z.object({
  checkpoint_time: optionalText,
  created_at: optionalText,
  tag: z.unknown(),
  message: optionalText,
  subtag_message: optionalText,
  location: optionalText,
  city: optionalText,
  state: optionalText,
  country_region_name: optionalText,
  country_region: optionalText,
});
type WireCheckpoint = z.infer<typeof wireCheckpointSchema>;

export const wireTrackingSchema = z.object({
  id: z.string().min(1).max(200),
  tracking_number: z.string().min(1),
  slug: z.string().nullish().catch(null),
  tag: z.unknown(),
  checkpoints: z.array(z.unknown()).nullish().catch(null),
  courier_estimated_delivery_date: z.object({ estimated_delivery_date: z.string().nullish() }).nullish().catch(null),
});
export type WireTracking = z.infer<typeof wireTrackingSchema>;

const ISO_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?))?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * A checkpoint time as ISO 8601 with an offset, or undefined when it is not a time at all. AfterShip often
 * sends the carrier's local time with no offset; we read that as UTC. Any fixed reading will do for the
 * event's identity (the same text always gives the same id); the instant may be off by the carrier's zone,
 * which only matters for ordering against another carrier's scans.
 */
export function checkpointInstant(text: string | null | undefined): string | undefined {
  const match = text ? ISO_TIME.exec(text.trim()) : null;
  if (!match) return undefined;
  const [, day, time = '00:00:00', zone] = match;
  const withSeconds = time.length === 5 ? `${time}:00` : time;
  const offset = zone === undefined || zone.toUpperCase() === 'Z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const iso = `${day}T${withSeconds}${offset}`;
  return Number.isNaN(Date.parse(iso)) ? undefined : iso;
}

const clean = (text: string | null | undefined) => (text ?? '').replace(/[\p{Cc}\s]+/gu, ' ').trim();

/**
 * Where the scan happened: the carrier's own location text when it sends one (it is what the carrier's page
 * shows), else city, state and country joined, each once ("Berlin, BE, DEU"; no ", , ").
 */
export function checkpointLocation(checkpoint: Pick<WireCheckpoint, 'location' | 'city' | 'state' | 'country_region_name' | 'country_region'>): string {
  const given = clean(checkpoint.location);
  if (given !== '') return given;
  const parts: string[] = [];
  for (const part of [checkpoint.city, checkpoint.state, checkpoint.country_region_name || checkpoint.country_region]) {
    const text = clean(part);
    if (text !== '' && !parts.some((p) => p.toLowerCase() === text.toLowerCase())) parts.push(text);
  }
  return parts.join(', ');
}

/** One checkpoint as an event, or undefined when it must be skipped (Expired, an unknown tag, no usable time). */
export function checkpointEvent(raw: unknown): TrackingEvent | undefined {
  const parsed = wireCheckpointSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const checkpoint = parsed.data;
  // Expired maps to nothing here: the desk derives it itself and never stores it as an event (see TAG_STATUSES).
  const status = statusForTag(checkpoint.tag);
  if (status === undefined) return undefined;
  // Without the carrier's scan time, when the aggregator recorded it is the best stable stand-in.
  const occurredAt = checkpointInstant(checkpoint.checkpoint_time) ?? checkpointInstant(checkpoint.created_at);
  if (occurredAt === undefined) return undefined;
  const location = checkpointLocation(checkpoint);
  const message = clean(checkpoint.message) || clean(checkpoint.subtag_message) || TRACKING_STATUS_LABELS[status];
  return { id: derivedEventId({ occurredAt, status, location }), occurredAt, status, message, location };
}

/** The events of a tracking: one per distinct id (carriers resend scans), oldest first. */
export function trackingEvents(checkpoints: readonly unknown[]): TrackingEvent[] {
  const byId = new Map<string, TrackingEvent>();
  for (const raw of checkpoints) {
    const event = checkpointEvent(raw);
    if (event && !byId.has(event.id)) byId.set(event.id, event);
  }
  return [...byId.values()].sort(compareEvents);
}

export function toServiceTracking(wire: WireTracking): ServiceTracking {
  const events = trackingEvents(wire.checkpoints ?? []);
  const status = events.length > 0
    ? applyTrackingEvents(emptyTrackingState(new Date(0).toISOString()), events).status
    : statusForTag(wire.tag) ?? 'pending';
  const estimate = wire.courier_estimated_delivery_date?.estimated_delivery_date ?? null;
  return {
    id: wire.id,
    trackingNumber: wire.tracking_number,
    status,
    events,
    slug: wire.slug ?? '',
    expectedDelivery: estimate && /^\d{4}-\d{2}-\d{2}/.test(estimate) ? estimate.slice(0, 10) : null,
  };
}

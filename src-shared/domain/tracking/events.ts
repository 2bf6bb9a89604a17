/**
 * Tracking events for one shipment, applied idempotently (DOMAIN.md): the same event twice, or an older one
 * after a newer one, never moves the status. The state is a function of the *set* of events seen, so the
 * order and the number of times a source reports them do not matter — which is what makes polling, CSV
 * re-imports and retries after a crash safe.
 */
import { TRACKING_STATUS_PROGRESS, type TrackingStatus } from './statuses';

export interface TrackingEvent {
  /** The source's checkpoint id, or derivedEventId(...) when the source has none. */
  id: string;
  /** ISO 8601 with an offset; compared as instants, so `…+01:00` and the same moment in `Z` are equal. */
  occurredAt: string;
  status: TrackingStatus;
  message: string;
  location: string;
}

export interface TrackingState {
  /** The status the shipment shows (expiry is applied on top, see expiry.ts). */
  status: TrackingStatus;
  /** Every distinct event seen, oldest first (see compareEvents). The history shown on the shipment. */
  events: TrackingEvent[];
  /** When the tracking number was added: the start of the "no news" clock before any event. */
  registeredAt: string;
}

export function emptyTrackingState(registeredAt: string): TrackingState {
  return { status: 'pending', events: [], registeredAt };
}

function instant(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`Not an ISO date-time: ${iso}`);
  return ms;
}

/**
 * An id for a source that gives none: the instant, the status and the place. Not the message: carriers
 * reword the same checkpoint between polls. A readable key rather than a hash: no collisions, and nothing
 * in src-shared may use node:crypto.
 */
export function derivedEventId(event: Pick<TrackingEvent, 'occurredAt' | 'status' | 'location'>): string {
  const place = event.location.trim().replace(/\s+/g, ' ').toLowerCase();
  return `derived:${new Date(instant(event.occurredAt)).toISOString()}|${event.status}|${place}`;
}

/** Oldest first; at the same instant the further status comes later (so it is "the latest"); then by id. */
export function compareEvents(a: TrackingEvent, b: TrackingEvent): number {
  return instant(a.occurredAt) - instant(b.occurredAt)
    || TRACKING_STATUS_PROGRESS[a.status] - TRACKING_STATUS_PROGRESS[b.status]
    || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Two reports with one id are one event. If they differ (a source corrected a checkpoint), keep one chosen
 * by content, not by arrival, so the result does not depend on the order reports came in.
 */
function preferred(a: TrackingEvent, b: TrackingEvent): TrackingEvent {
  const byTime = compareEvents(a, b);
  if (byTime !== 0) return byTime > 0 ? a : b;
  return JSON.stringify([a.message, a.location, a.occurredAt]) >= JSON.stringify([b.message, b.location, b.occurredAt]) ? a : b;
}

/**
 * The status the history leads to: the latest event's, except that delivered stays delivered — a later scan
 * saying "in transit" is a carrier glitch or a mislabelled time zone, not a parcel leaving the customer's
 * door. Only a later exception (returned to sender, damaged) replaces it.
 */
function statusOf(events: readonly TrackingEvent[]): TrackingStatus {
  let status: TrackingStatus = 'pending';
  for (const event of events) {
    if (status === 'delivered' && event.status !== 'exception') continue;
    status = event.status;
  }
  return status;
}

export function applyTrackingEvents(state: TrackingState, incoming: readonly TrackingEvent[]): TrackingState {
  const byId = new Map(state.events.map((event) => [event.id, event]));
  let changed = false;
  for (const event of incoming) {
    instant(event.occurredAt); // reject a malformed date before it is stored
    const known = byId.get(event.id);
    const kept = known ? preferred(known, event) : event;
    if (kept !== known) {
      byId.set(event.id, kept);
      changed = true;
    }
  }
  if (!changed) return state;
  const events = [...byId.values()].sort(compareEvents);
  return { ...state, status: statusOf(events), events };
}

/** The events of `incoming` not already in the state (for "notify once" and the order's timeline). */
export function unseenEvents(state: TrackingState, incoming: readonly TrackingEvent[]): TrackingEvent[] {
  const seen = new Set(state.events.map((event) => event.id));
  const fresh = new Map<string, TrackingEvent>();
  for (const event of incoming) if (!seen.has(event.id)) fresh.set(event.id, event);
  return [...fresh.values()];
}

export function latestEvent(state: TrackingState): TrackingEvent | undefined {
  return state.events.at(-1);
}

/**
 * "Expired": no news for too long (DOMAIN.md). Derived, never stored as an event: it is a function of the
 * history, the clock and the shop's setting, so it clears by itself when news comes.
 */
import type { TrackingState } from './events';
import { isTerminalTrackingStatus, type TrackingStatus } from './statuses';

export const DEFAULT_EXPIRE_AFTER_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The last time anything was heard: the latest event, or when the number was added if nothing yet. */
export function lastNewsAt(state: TrackingState): string {
  return state.events.at(-1)?.occurredAt ?? state.registeredAt;
}

/** True when the parcel is not delivered and nothing has been heard for at least `days` whole days. */
export function isTrackingExpired(state: TrackingState, now: Date, days: number): boolean {
  if (!(days > 0)) throw new Error(`Expiry needs a positive number of days, got ${days}`);
  if (isTerminalTrackingStatus(state.status)) return false;
  return now.getTime() - Date.parse(lastNewsAt(state)) >= days * DAY_MS;
}

/** The status to show and roll up: the history's status, or expired when it has gone quiet. */
export function effectiveTrackingStatus(state: TrackingState, now: Date, days: number): TrackingStatus {
  return isTrackingExpired(state, now, days) ? 'expired' : state.status;
}

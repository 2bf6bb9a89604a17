import { describe, expect, it } from 'vitest';
import {
  applyTrackingEvents, effectiveTrackingStatus, emptyTrackingState, isTrackingExpired, lastNewsAt,
  isTerminalTrackingStatus, TRACKING_STATUSES, TRACKING_STATUS_LABELS, type TrackingStatus,
} from '../../src-shared/domain/tracking';

const REGISTERED = '2026-03-01T08:00:00Z';
const at = (iso: string) => new Date(iso);
const withEvent = (status: TrackingStatus, occurredAt: string) =>
  applyTrackingEvents(emptyTrackingState(REGISTERED), [{ id: 'e1', occurredAt, status, message: '', location: '' }]);

describe('expiry: no news for N days', () => {
  it('counts from registration while there is no event', () => {
    const state = emptyTrackingState(REGISTERED);
    expect(lastNewsAt(state)).toBe(REGISTERED);
    expect(isTrackingExpired(state, at('2026-03-08T07:59:59Z'), 7)).toBe(false);
    expect(isTrackingExpired(state, at('2026-03-08T08:00:00Z'), 7)).toBe(true);
  });

  it('counts from the latest event, and news clears it by itself', () => {
    const quiet = withEvent('in_transit', '2026-03-02T10:00:00Z');
    expect(effectiveTrackingStatus(quiet, at('2026-03-12T10:00:00Z'), 10)).toBe('expired');
    const news = applyTrackingEvents(quiet, [{ id: 'e2', occurredAt: '2026-03-12T09:00:00Z', status: 'in_transit', message: '', location: '' }]);
    expect(effectiveTrackingStatus(news, at('2026-03-12T10:00:00Z'), 10)).toBe('in_transit');
  });

  it('never expires a delivered parcel', () => {
    const done = withEvent('delivered', '2026-03-02T10:00:00Z');
    expect(effectiveTrackingStatus(done, at('2027-03-02T10:00:00Z'), 10)).toBe('delivered');
  });

  it('expires an exception that goes quiet too (it still needs a person)', () => {
    expect(isTrackingExpired(withEvent('exception', '2026-03-02T10:00:00Z'), at('2026-04-02T10:00:00Z'), 30)).toBe(true);
  });

  it('refuses a non-positive number of days', () => {
    expect(() => isTrackingExpired(emptyTrackingState(REGISTERED), at(REGISTERED), 0)).toThrow(/positive/);
  });
});

describe('normalized statuses', () => {
  it('has AfterShip\'s nine tags, each labelled, and only delivered is terminal', () => {
    expect(TRACKING_STATUSES).toEqual([
      'pending', 'info_received', 'in_transit', 'out_for_delivery', 'attempt_fail', 'available_for_pickup', 'delivered', 'exception', 'expired',
    ]);
    for (const status of TRACKING_STATUSES) expect(TRACKING_STATUS_LABELS[status]).not.toBe('');
    expect(TRACKING_STATUSES.filter(isTerminalTrackingStatus)).toEqual(['delivered']);
  });
});

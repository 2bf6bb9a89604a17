import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyTrackingEvents, compareEvents, derivedEventId, emptyTrackingState, unseenEvents,
  TRACKING_STATUSES, type TrackingEvent, type TrackingStatus,
} from '../../src-shared/domain/tracking';

const REGISTERED = '2026-03-01T08:00:00Z';

function event(id: string, occurredAt: string, status: TrackingStatus, location = 'Leeds'): TrackingEvent {
  return { id, occurredAt, status, message: `${status} at ${location}`, location };
}

const labelled = event('c1', '2026-03-01T09:00:00Z', 'info_received');
const moving = event('c2', '2026-03-02T09:00:00Z', 'in_transit');
const outForDelivery = event('c3', '2026-03-03T07:00:00Z', 'out_for_delivery');
const delivered = event('c4', '2026-03-03T12:00:00Z', 'delivered');

describe('applyTrackingEvents', () => {
  it('starts pending and follows the latest event', () => {
    const state = applyTrackingEvents(emptyTrackingState(REGISTERED), [labelled, moving]);
    expect(state.status).toBe('in_transit');
    expect(state.events.map((e) => e.id)).toEqual(['c1', 'c2']);
  });

  it('changes nothing when the same event comes twice (the same object is returned)', () => {
    const once = applyTrackingEvents(emptyTrackingState(REGISTERED), [labelled, moving]);
    expect(applyTrackingEvents(once, [{ ...moving }])).toBe(once);
    expect(applyTrackingEvents(once, [moving, moving, labelled])).toBe(once);
  });

  it('records an older event in the history without moving the status back', () => {
    const state = applyTrackingEvents(emptyTrackingState(REGISTERED), [outForDelivery]);
    const after = applyTrackingEvents(state, [moving]);
    expect(after.status).toBe('out_for_delivery');
    expect(after.events.map((e) => e.id)).toEqual(['c2', 'c3']);
  });

  it('keeps delivered when an in_transit scan arrives later — whether its time is older or (a glitch) newer', () => {
    const done = applyTrackingEvents(emptyTrackingState(REGISTERED), [moving, delivered]);
    expect(applyTrackingEvents(done, [event('late-old', '2026-03-02T18:00:00Z', 'in_transit')]).status).toBe('delivered');
    expect(applyTrackingEvents(done, [event('late-new', '2026-03-04T10:00:00Z', 'in_transit')]).status).toBe('delivered');
  });

  it('lets a later exception (returned to sender) replace delivered', () => {
    const done = applyTrackingEvents(emptyTrackingState(REGISTERED), [delivered]);
    expect(applyTrackingEvents(done, [event('rts', '2026-03-05T10:00:00Z', 'exception')]).status).toBe('exception');
  });

  it('breaks a tie at the same instant by progress, then by id, whatever the order', () => {
    const a = event('z-out', '2026-03-03T12:00:00Z', 'out_for_delivery');
    const b = event('a-del', '2026-03-03T12:00:00Z', 'delivered');
    const start = emptyTrackingState(REGISTERED);
    expect(applyTrackingEvents(start, [a, b]).status).toBe('delivered');
    expect(applyTrackingEvents(start, [b, a]).status).toBe('delivered');
    const x = event('x', '2026-03-02T09:00:00Z', 'in_transit', 'York');
    const y = event('y', '2026-03-02T09:00:00Z', 'in_transit', 'Hull');
    expect(applyTrackingEvents(start, [y, x]).events).toEqual(applyTrackingEvents(start, [x, y]).events);
  });

  it('compares instants, not strings: the same moment in two offsets is one time', () => {
    const utc = event('a', '2026-03-02T09:00:00Z', 'in_transit');
    const paris = event('b', '2026-03-02T10:00:00+01:00', 'in_transit');
    expect(compareEvents(utc, paris)).toBeLessThan(0); // equal instant and status: by id only
    expect(compareEvents(event('c', '2026-03-02T09:30:00+01:00', 'in_transit'), utc)).toBeLessThan(0);
  });

  it('keeps one version of a corrected checkpoint (same id), chosen by content, not by arrival order', () => {
    const first = event('c9', '2026-03-02T09:00:00Z', 'in_transit', 'Leeds');
    const corrected = { ...first, occurredAt: '2026-03-02T09:05:00Z', message: 'Arrived at Leeds hub' };
    const start = emptyTrackingState(REGISTERED);
    const a = applyTrackingEvents(applyTrackingEvents(start, [first]), [corrected]);
    const b = applyTrackingEvents(applyTrackingEvents(start, [corrected]), [first]);
    expect(a).toEqual(b);
    expect(a.events).toEqual([corrected]);
  });

  it('rejects an event whose time is not a date', () => {
    expect(() => applyTrackingEvents(emptyTrackingState(REGISTERED), [event('bad', 'yesterday', 'in_transit')])).toThrow(/ISO/);
  });

  it('derives a stable id without the message, equal across offsets and case of the place', () => {
    const a = derivedEventId({ occurredAt: '2026-03-02T10:00:00+01:00', status: 'in_transit', location: 'Leeds  Hub' });
    const b = derivedEventId({ occurredAt: '2026-03-02T09:00:00.000Z', status: 'in_transit', location: 'leeds hub' });
    expect(a).toBe(b);
    expect(derivedEventId({ occurredAt: '2026-03-02T09:00:00Z', status: 'delivered', location: 'Leeds Hub' })).not.toBe(a);
  });

  it('lists only the events not seen yet', () => {
    const state = applyTrackingEvents(emptyTrackingState(REGISTERED), [labelled]);
    expect(unseenEvents(state, [labelled, moving, moving]).map((e) => e.id)).toEqual(['c2']);
  });
});

// --- property: duplicated, shuffled, stale copies mixed in = applied clean -------------------------------

const START = Date.parse('2026-03-01T00:00:00Z');
const arbEvent = fc.record({
  id: fc.string({ minLength: 1, maxLength: 6 }),
  // A small range of minutes so that equal instants (ties) happen often.
  minute: fc.integer({ min: 0, max: 60 * 24 * 5 }),
  status: fc.constantFrom(...TRACKING_STATUSES.filter((s) => s !== 'expired')),
  location: fc.constantFrom('Leeds', 'Hull', 'Paris CDG', ''),
}).map(({ id, minute, status, location }): TrackingEvent => ({
  id, occurredAt: new Date(START + minute * 60_000).toISOString(), status, message: `${status} ${location}`, location,
}));
// Distinct ids: one id is one event (the same report, maybe delivered many times).
const arbHistory = fc.uniqueArray(arbEvent, { selector: (e) => e.id, maxLength: 25 });

describe('applying events is order- and repetition-independent (property)', () => {
  it('duplicated, shuffled, with stale copies and in several batches = sorted and deduplicated in one go', () => {
    fc.assert(fc.property(
      arbHistory,
      fc.array(fc.nat(), { maxLength: 30 }),
      fc.array(fc.nat(), { maxLength: 10 }),
      fc.integer({ min: 1, max: 8 }),
      fc.func(fc.integer()),
      (history, duplicatePicks, stalePicks, batchSize, shuffleKey) => {
        const clean = applyTrackingEvents(emptyTrackingState(REGISTERED), [...history].sort(compareEvents));
        if (history.length === 0) {
          expect(clean.status).toBe('pending');
          return;
        }
        const duplicates = duplicatePicks.map((i) => ({ ...history[i % history.length]! }));
        const messy = [...history, ...duplicates]
          .map((e, i) => ({ e, key: shuffleKey(i) }))
          .sort((a, b) => a.key - b.key)
          .map(({ e }) => e);
        // Stale copies: re-sent again after the whole history, as a late poll or a re-imported CSV would.
        const stale = stalePicks.map((i) => ({ ...history[i % history.length]! }));
        let state = emptyTrackingState(REGISTERED);
        const stream = [...messy, ...stale];
        for (let i = 0; i < stream.length; i += batchSize) state = applyTrackingEvents(state, stream.slice(i, i + batchSize));
        expect(state).toEqual(clean);
        // And applying anything already seen once more changes nothing at all.
        expect(applyTrackingEvents(state, stream)).toBe(state);
      },
    ), { numRuns: 500 });
  });
});

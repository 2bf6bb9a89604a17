/**
 * The desk's tracking service adapter (src-main/adapters/tracking-service.ts) against the real tracking
 * simulator on loopback (AfterShip Tracking API 2026-07 shapes): registering once, polling mapped statuses and
 * events, dedupe across polls and duplicate scans, and every failure class (rate limit, outage, refused key,
 * unknown tracking, server down, no answer). Shapes the simulator never produces (a local time without an
 * offset, an unknown tag, a place only in city/state/country) come from a small canned server, also on loopback.
 */
import { createServer } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createTrackingServiceClient, TrackingServiceError, type TrackingServiceClient, type TrackingServiceFailure,
} from '../../src-main/adapters/tracking-service';
import { derivedEventId } from '../../src-shared/domain/tracking/events';
import { closeLoopbackServer, listenOnLoopback } from '../sim/loopback-http';
import { startTrackingSim, type TrackingSim, type TrackingSimOptions } from '../sim/tracking-sim';

const API_KEY = 'asat_test_desk_adapter_5b2e91';
const START = new Date('2026-12-01T09:00:00Z');
const HOUR = 3_600_000;
const UPS = '1Z999AA10123456784';
const ROYAL_MAIL = 'RR123456785GB';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startSim(options: TrackingSimOptions = {}): Promise<TrackingSim> {
  const sim = await startTrackingSim({ apiKey: API_KEY, now: START, ...options });
  cleanups.push(() => sim.close());
  return sim;
}

function clientFor(sim: TrackingSim, options: { apiKey?: string; timeoutMs?: number } = {}): TrackingServiceClient {
  return createTrackingServiceClient({ baseUrl: sim.url, apiKey: options.apiKey ?? API_KEY, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) });
}

async function failureOf(promise: Promise<unknown>): Promise<TrackingServiceFailure> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(TrackingServiceError);
  return (error as TrackingServiceError).failure;
}

const at = (hours: number) => new Date(START.getTime() + hours * HOUR);

describe('register', () => {
  it('registering the same number twice gives the one existing tracking, not an error and not a second tracking', async () => {
    const sim = await startSim();
    const client = clientFor(sim);
    const first = await client.register(UPS, 'ups');
    expect(first).toMatchObject({ trackingNumber: UPS, status: 'pending', events: [], slug: 'ups', expectedDelivery: null });
    expect(first.id).toMatch(/^[0-9a-f]{32}$/);

    sim.advance(UPS, 'InTransit', { at: at(1), message: 'Departed from facility', location: 'Hamburg, DE' });
    const second = await client.register(UPS, 'ups');
    expect(second.id).toBe(first.id);
    // The existing tracking as it is now, history included (looked up, not echoed from the refusal).
    expect(second.status).toBe('in_transit');
    expect(second.events.map((e) => e.message)).toEqual(['Departed from facility']);
    expect(sim.trackings()).toHaveLength(1);
    expect(sim.requestsTo('/trackings').filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([201, 400]);
  });

  it('sends our carrier as its AfterShip slug, and lets the service detect the courier for "other"', async () => {
    const sim = await startSim();
    const client = clientFor(sim);
    // 12 digits would be detected as FedEx; the slug we send must win.
    const dpd = await client.register('123456789012', 'dpd');
    expect(dpd.slug).toBe('dpd');
    const detected = await client.register(` ${ROYAL_MAIL.toLowerCase()} `, 'other');
    expect(detected).toMatchObject({ slug: 'royal-mail', trackingNumber: ROYAL_MAIL });
  });

  it('falls back to detection when the service does not know our slug, and says so plainly when it cannot detect either', async () => {
    const sim = await startSim();
    const client = clientFor(sim);
    // The simulator knows seven couriers; GLS is not one of them, so its 4010 sends the number again without a slug.
    const viaDetection = await client.register(UPS, 'gls');
    expect(viaDetection.slug).toBe('ups');
    expect(sim.requestsTo('/trackings').filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([400, 201]);

    const failure = await failureOf(client.register('TBA123456789000', 'amazon'));
    expect(failure).toMatchObject({ retry: false, status: 400, code: 4012 });
    expect(failure.message).toContain('TBA123456789000');
    expect(failure.message).toMatch(/choose the carrier/);
    expect(sim.trackings()).toHaveLength(1);
  });

  it('refuses an empty tracking number without calling the service', async () => {
    const sim = await startSim();
    const failure = await failureOf(clientFor(sim).register(' - ', 'ups'));
    expect(failure).toMatchObject({ retry: false });
    expect(failure.message).toMatch(/tracking number is empty/);
    expect(sim.requests).toHaveLength(0);
  });
});

describe('get', () => {
  it('maps the carrier scans to our statuses and events, oldest first, through to delivered', async () => {
    const sim = await startSim();
    const client = clientFor(sim);
    const { id } = await client.register(UPS, 'ups');

    sim.advance(UPS, 'InfoReceived', { at: at(1), message: 'Shipper created a label', location: 'Hamburg, DE' });
    sim.advance(UPS, 'InTransit', { at: at(5), message: 'Arrived at facility', city: 'Berlin', countryRegion: 'DEU', expectedDelivery: '2026-12-03' });
    let tracking = await client.get(id);
    expect(tracking.status).toBe('in_transit');
    expect(tracking.expectedDelivery).toBe('2026-12-03');
    expect(tracking.events).toEqual([
      {
        id: derivedEventId({ occurredAt: '2026-12-01T10:00:00+00:00', status: 'info_received', location: 'Hamburg, DE' }),
        occurredAt: '2026-12-01T10:00:00+00:00', status: 'info_received', message: 'Shipper created a label', location: 'Hamburg, DE',
      },
      {
        id: derivedEventId({ occurredAt: '2026-12-01T14:00:00+00:00', status: 'in_transit', location: 'Berlin, DEU' }),
        occurredAt: '2026-12-01T14:00:00+00:00', status: 'in_transit', message: 'Arrived at facility', location: 'Berlin, DEU',
      },
    ]);

    sim.advance(UPS, 'OutForDelivery', { at: at(24), location: 'Berlin, DE' });
    expect((await client.get(id)).status).toBe('out_for_delivery');
    sim.advance(UPS, 'Delivered', { at: at(27), message: 'Delivered, front door', location: 'Berlin, DE' });
    tracking = await client.get(id);
    expect(tracking.status).toBe('delivered');
    expect(tracking.events.map((e) => [e.status, e.message])).toEqual([
      ['info_received', 'Shipper created a label'],
      ['in_transit', 'Arrived at facility'],
      // No message from the carrier: the simulator sends AfterShip's subtag message.
      ['out_for_delivery', 'Out for Delivery'],
      ['delivered', 'Delivered, front door'],
    ]);
  });

  it('gives the same events with the same ids on every poll, even when the service resends a scan or re-reads an older page', async () => {
    const sim = await startSim();
    const client = clientFor(sim);
    const { id } = await client.register(UPS, 'ups');
    sim.advance(UPS, 'InTransit', { at: at(1), location: 'Hamburg, DE' });
    sim.advance(UPS, 'OutForDelivery', { at: at(20), location: 'Berlin, DE' });
    const first = await client.get(id);

    sim.replayCheckpoint(UPS); // a duplicate scan
    sim.replayCheckpoint(UPS, { index: 0, regressTag: true }); // the service's tag goes back to InTransit
    expect(sim.tracking(UPS)?.tag).toBe('InTransit');
    expect(sim.tracking(UPS)?.checkpoints).toHaveLength(4);
    const second = await client.get(id);

    expect(second.events).toEqual(first.events);
    expect(second.events.map((e) => e.id)).toEqual(first.events.map((e) => e.id));
    expect(second.events).toHaveLength(2);
    expect(second.status).toBe('out_for_delivery');
  });

  it('never reports expired: a stalled parcel the service marks Expired keeps the status its scans lead to, and an Expired scan is skipped', async () => {
    const sim = await startSim({ expireAfterDays: 30 });
    const client = clientFor(sim);
    const { id } = await client.register(ROYAL_MAIL, 'royal_mail');
    sim.advance(ROYAL_MAIL, 'InTransit', { at: at(1), location: 'London, GB' });
    sim.stall(ROYAL_MAIL);
    expect(sim.advance(ROYAL_MAIL, 'Delivered', { at: at(2) })).toBeUndefined();
    sim.advanceClock(31 * 24 * HOUR);
    expect(sim.tracking(ROYAL_MAIL)?.tag).toBe('Expired');

    let tracking = await client.get(id);
    expect(tracking.status).toBe('in_transit');
    expect(tracking.events.map((e) => e.status)).toEqual(['in_transit']);

    sim.resume(ROYAL_MAIL);
    sim.advance(ROYAL_MAIL, 'Expired', { location: 'London, GB' });
    tracking = await client.get(id);
    expect(tracking.events.map((e) => e.status)).toEqual(['in_transit']);
    expect(tracking.status).toBe('in_transit');
  });

  it('an unknown tracking id is a final error quoting the service', async () => {
    const sim = await startSim();
    const failure = await failureOf(clientFor(sim).get('0123456789abcdef0123456789abcdef'));
    expect(failure).toMatchObject({ retry: false, status: 404, code: 4004 });
    expect(failure.message).toContain('Tracking does not exist.');
  });
});

describe('failures', () => {
  it('a 429 is worth retrying after the Retry-After the service sent', async () => {
    const sim = await startSim();
    const client = clientFor(sim);
    const { id } = await client.register(UPS, 'ups');
    sim.failNext('GET /trackings/:id', 1, { kind: 'error', status: 429, retryAfterSeconds: 7 });
    const failure = await failureOf(client.get(id));
    expect(failure).toMatchObject({ retry: true, status: 429, afterMs: 7000 });
    expect((await client.get(id)).id).toBe(id);
  });

  it('the simulator\'s own rate limit is a 429 with a wait, too', async () => {
    // One request, then a token every 100 s: the second request is refused with Retry-After 100.
    const sim = await startSim({ rateLimit: { requestsPerSecond: 0.01, burst: 1 } });
    const client = clientFor(sim);
    const { id } = await client.register(UPS, 'ups');
    const failure = await failureOf(client.get(id));
    expect(failure.retry).toBe(true);
    expect(failure.status).toBe(429);
    expect(failure.afterMs).toBeGreaterThan(90_000);
    expect(failure.afterMs).toBeLessThanOrEqual(100_000);
  });

  it('a 5xx is worth retrying and does not quote the server', async () => {
    const sim = await startSim();
    sim.failNext('POST /trackings', 1, { kind: 'error', status: 503 });
    const failure = await failureOf(clientFor(sim).register(UPS, 'ups'));
    expect(failure).toMatchObject({ retry: true, status: 503 });
    expect(sim.trackings()).toHaveLength(0);
  });

  it('a wrong key is final, says the key was refused, and never shows the key; the key travels only in the as-api-key header', async () => {
    const sim = await startSim();
    const wrongKey = 'asat_wrong_key_4f1a77c2';
    const failure = await failureOf(clientFor(sim, { apiKey: wrongKey }).register(UPS, 'ups'));
    expect(failure).toMatchObject({ retry: false, status: 401 });
    expect(failure.message).toMatch(/refused the API key/);
    expect(failure.message).not.toContain(wrongKey);
    expect(JSON.stringify(failure)).not.toContain(wrongKey);

    await clientFor(sim).register(UPS, 'ups');
    expect(sim.requests.map((r) => r.authorized)).toEqual([false, true]);
    for (const request of sim.requests) expect(JSON.stringify([request.path, request.query])).not.toContain('asat_');
  });

  it('a service that is down is worth retrying', async () => {
    const sim = await startTrackingSim({ apiKey: API_KEY });
    const client = clientFor(sim);
    await sim.close();
    const failure = await failureOf(client.register(UPS, 'ups'));
    expect(failure.retry).toBe(true);
    expect(failure.status).toBeUndefined();
    expect(failure.message).toMatch(/Could not reach the tracking service \(127\.0\.0\.1:\d+\)/);
  });

  it('a service that takes the request and never answers is worth retrying, and registering again then finds the tracking it made', async () => {
    const sim = await startSim();
    sim.failNext('POST /trackings', 1, { kind: 'no_answer' });
    const impatient = clientFor(sim, { timeoutMs: 300 });
    const failure = await failureOf(impatient.register(UPS, 'ups'));
    expect(failure.retry).toBe(true);
    expect(failure.message).toMatch(/did not answer/);
    expect(sim.trackings()).toHaveLength(1);

    const again = await clientFor(sim).register(UPS, 'ups');
    expect(again.id).toBe(sim.trackings()[0]?.id);
  });
});

describe('configuration', () => {
  it('takes the service origin or the versioned API base, and refuses addresses that would leak the key', async () => {
    const sim = await startSim();
    expect((await createTrackingServiceClient({ baseUrl: sim.apiBase, apiKey: API_KEY }).register(UPS, 'ups')).slug).toBe('ups');
    expect(sim.requests[0]?.path).toBe('/tracking/2026-07/trackings');

    const refused = (baseUrl: string, apiKey = API_KEY) => {
      try {
        createTrackingServiceClient({ baseUrl, apiKey });
      } catch (error) {
        expect(error).toBeInstanceOf(TrackingServiceError);
        return (error as TrackingServiceError).failure;
      }
      throw new Error(`accepted ${baseUrl}`);
    };
    expect(refused('http://api.aftership.com').message).toMatch(/must use https:\/\//);
    expect(refused('ftp://127.0.0.1:21').message).toMatch(/must start with https:\/\//);
    expect(refused(`https://api.aftership.com/?key=${API_KEY}`).message).not.toContain(API_KEY);
    expect(refused('not a url').retry).toBe(false);
    expect(refused(sim.url, '').message).toMatch(/API key/);
  });
});

describe('shapes the simulator does not produce', () => {
  it('reads a carrier local time without an offset as UTC, joins city/state/country, and skips unknown tags and unusable times', async () => {
    const checkpoints = [
      { checkpoint_time: '2026-12-02T08:15:00', tag: 'InTransit', message: ' Arrived  at hub ', location: null, city: 'Lyon', state: 'ARA', country_region: 'FRA', country_region_name: 'France' },
      { checkpoint_time: '2026-12-02T07:00:00+01:00', tag: 'InfoReceived', message: '', location: '', city: 'Paris', state: null, country_region: 'FRA' },
      { checkpoint_time: '2026-12-02T09:00:00+0100', tag: 'Teleported', message: 'A tag AfterShip may add one day' },
      { checkpoint_time: 'yesterday', tag: 'InTransit', message: 'No usable time' },
      'not a checkpoint',
    ];
    const server = createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({
        meta: { code: 200 },
        data: { id: 'abc123', tracking_number: 'XY123', slug: 'la-poste-colissimo', tag: 'Teleported', checkpoints, extra_field: { any: 1 } },
      }));
    });
    const port = await listenOnLoopback(server);
    cleanups.push(() => closeLoopbackServer(server));

    const tracking = await createTrackingServiceClient({ baseUrl: `http://127.0.0.1:${port}`, apiKey: API_KEY }).get('abc123');
    expect(tracking.events).toEqual([
      {
        id: derivedEventId({ occurredAt: '2026-12-02T07:00:00+01:00', status: 'info_received', location: 'Paris, FRA' }),
        occurredAt: '2026-12-02T07:00:00+01:00', status: 'info_received', message: 'Label created', location: 'Paris, FRA',
      },
      {
        id: derivedEventId({ occurredAt: '2026-12-02T08:15:00Z', status: 'in_transit', location: 'Lyon, ARA, France' }),
        occurredAt: '2026-12-02T08:15:00Z', status: 'in_transit', message: 'Arrived at hub', location: 'Lyon, ARA, France',
      },
    ]);
    expect(tracking.status).toBe('in_transit');
    expect(tracking.expectedDelivery).toBeNull();
  });

  it('finds the existing tracking by number when the service\'s "already exists" answer names no id', async () => {
    const existing = { id: 'feed0000feed0000feed0000feed0000', tracking_number: UPS, slug: 'ups', tag: 'InTransit', checkpoints: [] };
    const seen: string[] = [];
    const server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      const json = req.method === 'POST'
        ? { status: 400, body: { meta: { code: 4003, type: 'BadRequest', message: 'Tracking already exists.' }, data: { tracking: { slug: 'ups', tracking_number: UPS } } } }
        : { status: 200, body: { meta: { code: 200 }, data: { pagination: { total: 1, next_cursor: null, has_next_page: false }, trackings: [existing] } } };
      res.writeHead(json.status, { 'Content-Type': 'application/json' }).end(JSON.stringify(json.body));
    });
    const port = await listenOnLoopback(server);
    cleanups.push(() => closeLoopbackServer(server));

    const tracking = await createTrackingServiceClient({ baseUrl: `http://127.0.0.1:${port}`, apiKey: API_KEY }).register(UPS, 'ups');
    expect(tracking).toMatchObject({ id: existing.id, status: 'in_transit' });
    expect(seen).toEqual(['POST /tracking/2026-07/trackings', `GET /tracking/2026-07/trackings?tracking_numbers=${UPS}&slug=ups`]);
  });
});

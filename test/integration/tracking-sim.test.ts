/**
 * The tracking simulator (test/sim/tracking-sim.ts; AfterShip Tracking API 2026-07 shapes), spoken to with
 * plain fetch over loopback, as the desk's tracking adapter will: create and read, tags moving forward,
 * duplicate and stale checkpoints, auth, 404, rate limits, injected faults, cursor paging, the clock.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startTrackingSim, TRACKING_API_BASE, type TrackingSim, type TrackingSimOptions } from '../sim/tracking-sim';

const API_KEY = 'asat_test_tracking_7c1d0e';
const START = new Date('2026-12-01T09:00:00Z');
const HOUR = 3_600_000;

const sims: TrackingSim[] = [];
afterEach(async () => {
  for (const sim of sims.splice(0)) await sim.close();
});

async function startSim(options: TrackingSimOptions = {}): Promise<TrackingSim> {
  const sim = await startTrackingSim({ apiKey: API_KEY, now: START, ...options });
  sims.push(sim);
  return sim;
}

interface Answer {
  status: number;
  headers: Headers;
  json: any;
}

async function call(sim: TrackingSim, method: string, path: string, options: {
  body?: unknown; rawBody?: string; apiKey?: string | null; signal?: AbortSignal;
} = {}): Promise<Answer> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.apiKey !== null) headers['as-api-key'] = options.apiKey ?? API_KEY;
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${sim.apiBase}${path}`, {
    method, headers, ...(body === undefined ? {} : { body }), ...(options.signal ? { signal: options.signal } : {}),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text === '' ? undefined : JSON.parse(text) };
}

const create = (sim: TrackingSim, body: unknown) => call(sim, 'POST', '/trackings', { body });
const getById = (sim: TrackingSim, id: string) => call(sim, 'GET', `/trackings/${encodeURIComponent(id)}`);

describe('create and read', () => {
  it('creates with a detected slug, reads by id and by tracking number, and refuses a duplicate naming the existing id', async () => {
    const sim = await startSim();
    const created = await create(sim, { tracking_number: '1Z999AA10123456784', title: 'Order #1001', order_id: 'ORD-1001' });
    expect(created.status).toBe(201);
    expect(created.json.meta).toEqual({ code: 201 });
    const tracking = created.json.data;
    expect(tracking).toMatchObject({
      tracking_number: '1Z999AA10123456784', slug: 'ups', tag: 'Pending', subtag: 'Pending_001', checkpoints: [],
      title: 'Order #1001', order_id: 'ORD-1001', active: true, created_at: '2026-12-01T09:00:00+00:00',
      courier_tracking_link: expect.stringContaining('1Z999AA10123456784'), courier_estimated_delivery_date: null,
    });
    expect(tracking.id).toMatch(/^[0-9a-f]{32}$/);

    const byId = await getById(sim, tracking.id);
    expect(byId.status).toBe(200);
    expect(byId.json).toEqual({ meta: { code: 200 }, data: tracking });

    const list = await call(sim, 'GET', '/trackings?tracking_numbers=1Z999AA10123456784,RR000000000GB');
    expect(list.status).toBe(200);
    expect(list.json.data.trackings.map((t: any) => t.id)).toEqual([tracking.id]);
    expect(list.json.data.pagination).toEqual({ total: 1, next_cursor: null, has_next_page: false });

    const again = await create(sim, { tracking_number: '1Z999AA10123456784' });
    expect(again.status).toBe(400);
    expect(again.json.meta).toMatchObject({ code: 4003, type: 'BadRequest' });
    expect(again.json.data).toEqual({ id: tracking.id, slug: 'ups', tracking_number: '1Z999AA10123456784' });
    expect(sim.trackings()).toHaveLength(1);
  });

  it('takes an explicit slug for a number it cannot detect, and rejects bad input with AfterShip meta codes', async () => {
    const sim = await startSim();
    expect((await create(sim, { tracking_number: 'ZZ-UNKNOWN-42' })).json.meta).toMatchObject({ code: 4012, type: 'BadRequest' });
    const withSlug = await create(sim, { tracking_number: 'ZZ-UNKNOWN-42', slug: 'dpd' });
    expect(withSlug.status).toBe(201);
    expect(withSlug.json.data.slug).toBe('dpd');
    expect((await create(sim, { tracking_number: 'ZZ-UNKNOWN-43', slug: 'toString' })).json.meta.code).toBe(4010);
    expect((await create(sim, {})).json.meta.code).toBe(4007);
    expect((await create(sim, { tracking_number: 'has space' })).json.meta.code).toBe(4005);
    expect((await create(sim, { tracking_number: 'RR123456785GB', title: 7 })).json.meta.code).toBe(4008);
    const notJson = await call(sim, 'POST', '/trackings', { rawBody: '{"tracking_number":' });
    expect(notJson.status).toBe(400);
    expect(notJson.json.meta.code).toBe(4001);
    expect(sim.trackings()).toHaveLength(1);
  });
});

describe('tags moving forward', () => {
  it('adds checkpoints in time order, moves tag/subtag, sets expected delivery and the delivery date', async () => {
    const sim = await startSim();
    const { json } = await create(sim, { tracking_number: 'JJD0099999999999999' });
    const id: string = json.data.id;

    sim.advance('JJD0099999999999999', 'InfoReceived', { message: 'Shipment information received', location: 'Leipzig, DE', at: new Date(START.getTime() + HOUR) });
    sim.advanceClock(2 * HOUR);
    sim.advance('JJD0099999999999999', 'InTransit', { message: 'Picked up', location: 'Leipzig, DE', expectedDelivery: '2026-12-03' });
    let read = (await getById(sim, id)).json.data;
    expect(read).toMatchObject({ tag: 'InTransit', subtag: 'InTransit_001', subtag_message: 'In Transit', active: true });
    expect(read.courier_estimated_delivery_date).toEqual({ estimated_delivery_date: '2026-12-03', estimated_delivery_date_min: null, estimated_delivery_date_max: null });
    expect(read.checkpoints.map((c: any) => c.tag)).toEqual(['InfoReceived', 'InTransit']);
    expect(read.checkpoints[1]).toMatchObject({ slug: 'dhl', checkpoint_time: '2026-12-01T11:00:00+00:00', location: 'Leipzig, DE', message: 'Picked up' });
    expect(read.shipment_pickup_date).toBe('2026-12-01T11:00:00+00:00');

    for (const tag of ['OutForDelivery', 'AttemptFail', 'OutForDelivery'] as const) {
      sim.advanceClock(HOUR);
      sim.advance('JJD0099999999999999', tag, { location: 'München, DE' });
      expect((await getById(sim, id)).json.data.tag).toBe(tag);
    }
    sim.advanceClock(HOUR);
    sim.advance('JJD0099999999999999', 'Delivered', { message: 'Delivered to neighbour', signedBy: 'NEIGHBOUR', subtag: 'Delivered_003', subtagMessage: 'Delivered to neighbour' });
    read = (await getById(sim, id)).json.data;
    expect(read).toMatchObject({
      tag: 'Delivered', subtag: 'Delivered_003', active: false, signed_by: 'NEIGHBOUR', shipment_delivery_date: '2026-12-01T15:00:00+00:00',
    });
    expect(read.checkpoints).toHaveLength(6);
  });

  it('a late-arriving older scan slots into time order and does not move the tag back', async () => {
    const sim = await startSim();
    sim.seedTracking({ tracking_number: 'RR123456785GB', checkpoints: [
      { tag: 'InfoReceived', at: '2026-11-30T08:00:00Z' },
      { tag: 'OutForDelivery', at: '2026-12-01T07:00:00Z' },
    ] });
    sim.advance('RR123456785GB', 'InTransit', { at: '2026-11-30T18:00:00Z', message: 'Item received late' });
    const read = sim.tracking('RR123456785GB')!;
    expect(read.tag).toBe('OutForDelivery');
    expect(read.checkpoints.map((c) => c.tag)).toEqual(['InfoReceived', 'InTransit', 'OutForDelivery']);
  });
});

describe('duplicate and stale checkpoints', () => {
  it('replays a checkpoint as an exact duplicate (no id: clients dedupe by time, tag, location, message)', async () => {
    const sim = await startSim();
    const { id } = sim.seedTracking({ tracking_number: '123456789012', checkpoints: [
      { tag: 'InfoReceived', at: '2026-11-30T08:00:00Z', location: 'Memphis, US' },
      { tag: 'InTransit', at: '2026-11-30T20:00:00Z', location: 'Memphis, US' },
    ] });
    sim.replayCheckpoint('123456789012', { index: 0 });
    sim.replayCheckpoint('123456789012');
    const read = (await getById(sim, id)).json.data;
    expect(read.tag).toBe('InTransit');
    expect(read.checkpoints).toHaveLength(4);
    expect(read.checkpoints[2]).toEqual(read.checkpoints[0]);
    expect(read.checkpoints[3]).toEqual(read.checkpoints[1]);
    expect(Object.keys(read.checkpoints[0])).not.toContain('id');
  });

  it('regressTag: the tracking briefly reports an older status until the next scan', async () => {
    const sim = await startSim();
    const { id } = sim.seedTracking({ tracking_number: '1Z999AA10123456784', checkpoints: [
      { tag: 'InTransit', at: '2026-11-30T08:00:00Z' },
      { tag: 'OutForDelivery', at: '2026-12-01T07:00:00Z' },
    ] });
    sim.replayCheckpoint('1Z999AA10123456784', { index: 0, regressTag: true });
    expect((await getById(sim, id)).json.data.tag).toBe('InTransit');
    sim.advance('1Z999AA10123456784', 'Delivered', { at: '2026-12-01T08:30:00Z' });
    expect((await getById(sim, id)).json.data.tag).toBe('Delivered');
  });
});

describe('stall and expiry by the clock', () => {
  it('a stalled tracking ignores news; after 30 days without a scan it turns Expired (delivered ones never do)', async () => {
    const sim = await startSim();
    const stalled = sim.seedTracking({ tracking_number: '00340434161234567890', slug: 'dpd', checkpoints: [{ tag: 'InfoReceived' }] });
    const delivered = sim.seedTracking({ tracking_number: 'RR123456785GB', checkpoints: [{ tag: 'Delivered' }] });
    sim.stall('00340434161234567890');
    expect(sim.advance('00340434161234567890', 'InTransit')).toBeUndefined();
    expect((await getById(sim, stalled.id)).json.data.tag).toBe('InfoReceived');

    sim.advanceClock(29 * 24 * HOUR);
    expect((await getById(sim, stalled.id)).json.data.tag).toBe('InfoReceived');
    sim.advanceClock(24 * HOUR);
    expect((await getById(sim, stalled.id)).json.data).toMatchObject({ tag: 'Expired', subtag: 'Expired_001', active: false });
    expect((await getById(sim, delivered.id)).json.data.tag).toBe('Delivered');

    sim.resume('00340434161234567890');
    expect(sim.advance('00340434161234567890', 'InTransit')).toBeDefined();
  });
});

describe('auth, 404 and 405', () => {
  it('answers 401 for a missing or wrong as-api-key (a Bearer header is not accepted)', async () => {
    const sim = await startSim();
    for (const apiKey of [null, 'asat_wrong']) {
      const answer = await call(sim, 'GET', '/trackings', { apiKey });
      expect(answer.status).toBe(401);
      expect(answer.json).toEqual({ meta: { code: 401, type: 'Unauthorized', message: expect.any(String) }, data: {} });
      expect(JSON.stringify(answer.json)).not.toContain('asat_wrong');
    }
    const bearer = await fetch(`${sim.apiBase}/trackings`, { headers: { Authorization: `Bearer ${API_KEY}` } });
    expect(bearer.status).toBe(401);
    await bearer.text();
    expect(sim.requests.map((r) => r.authorized)).toEqual([false, false, false]);
  });

  it('answers 404 4004 for an unknown id, 404 for an unknown path, 405 with Allow for a wrong method', async () => {
    const sim = await startSim();
    const unknown = await getById(sim, '0123456789abcdef0123456789abcdef');
    expect(unknown.status).toBe(404);
    expect(unknown.json.meta).toMatchObject({ code: 4004, type: 'NotFound' });
    expect((await call(sim, 'GET', '/couriers')).status).toBe(404);
    const res = await fetch(`${sim.url}/v4/trackings`, { headers: { 'as-api-key': API_KEY } });
    expect(res.status).toBe(404);
    await res.text();
    const wrong = await call(sim, 'POST', '/trackings/abc', { body: {} });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
  });
});

describe('rate limit and injected faults', () => {
  it('answers 429 TooManyRequests with Retry-After and X-RateLimit-* once the bucket is empty', async () => {
    const sim = await startSim({ rateLimit: { requestsPerSecond: 0.5, burst: 2 } });
    const first = await call(sim, 'GET', '/trackings');
    expect(first.status).toBe(200);
    expect(first.headers.get('x-ratelimit-limit')).toBe('2');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
    expect(Number(first.headers.get('x-ratelimit-reset'))).toBeGreaterThan(START.getTime() / 1000);
    expect((await call(sim, 'GET', '/trackings')).status).toBe(200);
    const limited = await call(sim, 'GET', '/trackings');
    expect(limited.status).toBe(429);
    expect(limited.json.meta).toMatchObject({ code: 429, type: 'TooManyRequests' });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
  });

  it('failNext error: 429 with the Retry-After asked for, then 503; nothing is created; then it works', async () => {
    const sim = await startSim();
    sim.failNext('POST /trackings', 1, { kind: 'error', status: 429, retryAfterSeconds: 7 });
    const limited = await create(sim, { tracking_number: 'RR123456785GB' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    sim.failNext('POST /trackings', 1, { kind: 'error', status: 503 });
    const down = await create(sim, { tracking_number: 'RR123456785GB' });
    expect(down.status).toBe(503);
    expect(down.json.meta).toMatchObject({ code: 503, type: 'InternalError' });
    expect(sim.trackings()).toHaveLength(0);
    expect((await create(sim, { tracking_number: 'RR123456785GB' })).status).toBe(201);
    expect(sim.requestsTo('/trackings').map((r) => r.status)).toEqual([429, 503, 201]);
  });

  it('failNext no_answer: the tracking IS created but never answered; a retry gets 4003 naming it', async () => {
    const sim = await startSim();
    sim.failNext('POST /trackings', 1, { kind: 'no_answer' });
    const outcome = await call(sim, 'POST', '/trackings', { body: { tracking_number: 'RR123456785GB' }, signal: AbortSignal.timeout(300) })
      .then(() => 'answered', (error: Error) => error.name);
    expect(outcome).toBe('TimeoutError');
    const created = sim.tracking('RR123456785GB');
    expect(created?.tag).toBe('Pending');
    const retry = await create(sim, { tracking_number: 'RR123456785GB' });
    expect(retry.status).toBe(400);
    expect(retry.json.meta.code).toBe(4003);
    expect(retry.json.data.id).toBe(created?.id);
    expect(sim.requestsTo('/trackings').map((r) => r.status)).toEqual([0, 400]);
  });

  it('failNext slow / no_answer with answerAfterMs: work done, the answer comes late', async () => {
    const sim = await startSim();
    sim.failNext('GET /trackings/:id', 1, { kind: 'slow', delayMs: 300 });
    const { id } = sim.seedTracking({ tracking_number: 'RR123456785GB' });
    const started = performance.now();
    expect((await getById(sim, id)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);

    sim.failNext('POST /trackings', 1, { kind: 'no_answer', answerAfterMs: 2_000 });
    const aborted = await call(sim, 'POST', '/trackings', { body: { tracking_number: '1Z999AA10123456784' }, signal: AbortSignal.timeout(300) })
      .then(() => 'answered', (error: Error) => error.name);
    expect(aborted).toBe('TimeoutError');
    expect(sim.tracking('1Z999AA10123456784')?.slug).toBe('ups');
    const retry = await create(sim, { tracking_number: '1Z999AA10123456784' });
    expect(retry.json.meta.code).toBe(4003);
    expect(retry.json.data.id).toBe(sim.tracking('1Z999AA10123456784')?.id);
  });
});

describe('listing with cursor paging and filters', () => {
  it('pages newest first with next_cursor until has_next_page is false; filters by tag and slug', async () => {
    const sim = await startSim();
    const numbers = Array.from({ length: 5 }, (_, i) => `RR12345678${i}GB`);
    for (const number of numbers) sim.seedTracking({ tracking_number: number });
    sim.advance(numbers[1]!, 'InTransit');
    sim.advance(numbers[3]!, 'InTransit');
    sim.seedTracking({ tracking_number: '1Z999AA10123456784', checkpoints: [{ tag: 'InTransit' }] });

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Answer = await call(sim, 'GET', `/trackings?slug=royal-mail&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.json.data.pagination.total).toBe(5);
      seen.push(...page.json.data.trackings.map((t: any) => t.tracking_number));
      cursor = page.json.data.pagination.has_next_page ? page.json.data.pagination.next_cursor : null;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...numbers].reverse());

    const inTransit = await call(sim, 'GET', '/trackings?tag=InTransit&slug=royal-mail');
    expect(inTransit.json.data.trackings.map((t: any) => t.tracking_number)).toEqual([numbers[3], numbers[1]]);

    for (const bad of ['limit=0', 'limit=201', 'limit=1.5', 'cursor=%%%', `tracking_numbers=${Array.from({ length: 51 }, (_, i) => `N${i}`).join(',')}`]) {
      const answer = await call(sim, 'GET', `/trackings?${bad}`);
      expect(answer.status, bad).toBe(400);
      expect(answer.json.meta.code, bad).toBe(4008);
    }
  });

  it('logs every request by path without the key', async () => {
    const sim = await startSim();
    await call(sim, 'GET', '/trackings?limit=1');
    expect(sim.requestsTo(`${TRACKING_API_BASE}/trackings`)).toEqual([
      expect.objectContaining({ method: 'GET', route: 'GET /trackings', query: { limit: '1' }, authorized: true, status: 200 }),
    ]);
    expect(JSON.stringify(sim.requests)).not.toContain(API_KEY);
  });
});

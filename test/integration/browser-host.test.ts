import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src-main/core/logger';
import { startBrowserHost, type BrowserHost } from '../../src-main/server/http-host';
import { validOrder } from '../fixtures/orders';
import { httpRequest } from './support/http';
import { useTestCore, WRITE_FOOTPRINT_SQL } from './support/open-test-core';
import { useTempDirs } from './support/temp-dir';

const makeDir = useTempDirs();
const openTestCore = useTestCore(makeDir);
const hosts: BrowserHost[] = [];
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
});

async function startHost() {
  const t = openTestCore();
  const parent = makeDir();
  const staticDir = join(parent, 'renderer');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>desk</title>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  // Right beside the served folder: one ../ away if the guard ever slipped.
  writeFileSync(join(parent, 'secret.txt'), 'not for the web');
  const host = await startBrowserHost({ core: t.core, staticDir, port: 0, actorName: 'owner (browser)', logger: silentLogger });
  hosts.push(host);
  const api = (name: string, body: unknown, headers: Record<string, string> = {}) => httpRequest(host.port, {
    method: 'POST', path: `/api/${name}`, body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json', ...headers },
  });
  return { t, host, api };
}

describe('browser host', () => {
  it('binds to 127.0.0.1 and prints a URL with a fresh random token each start', async () => {
    const a = await startHost();
    const b = await startHost();
    expect(a.host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{43}$/);
    expect(a.host.token).not.toBe(b.host.token);
  });

  it('runs a procedure for the token holder and attributes it on the timeline', async () => {
    const { api } = await startHost();
    const response = await api('orders.create', { submit: true, order: validOrder() });
    expect(response.status).toBe(200);
    const body = JSON.parse(response.body);
    expect(body.value.timeline[0].actor).toBe('owner (browser)');
  });

  it.each<[string, (port: number, token: string) => Parameters<typeof httpRequest>[1], number, string]>([
    ['no token', () => ({ method: 'POST', path: '/api/orders.create' }), 401, 'unauthorized'],
    ['a wrong token', () => ({ method: 'POST', path: '/api/orders.create', headers: { Authorization: 'Bearer wrong' } }), 401, 'unauthorized'],
    ['a foreign Host header (DNS rebinding)', (_p, token) => ({ method: 'POST', path: '/api/orders.create', headers: { Host: 'evil.example:80', Authorization: `Bearer ${token}` } }), 403, 'forbidden'],
    ['a foreign Origin', (port, token) => ({ method: 'POST', path: '/api/orders.create', headers: { Origin: 'http://evil.example', Host: `127.0.0.1:${port}`, Authorization: `Bearer ${token}` } }), 403, 'forbidden'],
    ['an unknown procedure', (_p, token) => ({ method: 'POST', path: '/api/orders.dropTable', headers: { Authorization: `Bearer ${token}` } }), 404, 'unknown_procedure'],
    ['a body that is not JSON', (_p, token) => ({ method: 'POST', path: '/api/orders.create', headers: { Authorization: `Bearer ${token}` }, body: '{"submit":' }), 400, 'invalid_input'],
    ['a GET to the API', (_p, token) => ({ method: 'GET', path: '/api/orders.list', headers: { Authorization: `Bearer ${token}` } }), 405, 'invalid_input'],
    ['an event stream without the token', () => ({ path: '/events' }), 401, 'unauthorized'],
  ])('answers %s with %i and writes nothing', async (_label, makeRequest, status, code) => {
    const { t, host } = await startHost();
    const before = t.peek(WRITE_FOOTPRINT_SQL);
    const options = makeRequest(host.port, host.token);
    const response = await httpRequest(host.port, { ...options, body: options.body ?? JSON.stringify({ submit: true, order: validOrder() }) });
    expect(response.status).toBe(status);
    expect(JSON.parse(response.body).error.code).toBe(code);
    expect(t.peek(WRITE_FOOTPRINT_SQL)).toEqual(before);
  });

  it('takes an orders file as a raw upload, imports it by its id once, and refuses uploads without the token', async () => {
    const { t, host, api } = await startHost();
    const file = readFileSync(new URL('../fixtures/storefront/shopify-multi-line.csv', import.meta.url));
    const refused = await httpRequest(host.port, { method: 'POST', path: '/upload', headers: { 'Content-Type': 'application/octet-stream' }, body: file.toString('utf8') });
    expect(refused.status).toBe(401);
    const uploaded = await httpRequest(host.port, {
      method: 'POST', path: '/upload', headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/octet-stream' }, body: file.toString('utf8'),
    });
    expect(uploaded.status).toBe(200);
    const { uploadId } = JSON.parse(uploaded.body).value as { uploadId: string };
    const run = await api('orderImport.run', { fileName: 'orders_export.csv', uploadId });
    expect(JSON.parse(run.body).value).toMatchObject({ status: 'done', imported: 2 });
    expect(t.peek<{ n: number }>("SELECT count(*) AS n FROM orders WHERE source = 'shopify'").n).toBe(2);
    // Taken once: the same id names nothing any more.
    const again = await api('orderImport.run', { fileName: 'orders_export.csv', uploadId });
    expect(again.status).toBe(400);
    expect(JSON.parse(again.body).error.field).toBe('uploadId');
  });

  it('answers an invalid input with 400 naming the field, and writes nothing', async () => {
    const { t, api } = await startHost();
    const before = t.peek(WRITE_FOOTPRINT_SQL);
    const response = await api('orders.create', { submit: true, order: validOrder({ shippingAddress: { line1: '1 Main St', city: 'Austin', postcode: 'ABCDE', country: 'US' } }) });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).error).toEqual({
      code: 'invalid_input', field: 'order.shippingAddress.postcode', message: '“ABCDE” is not a valid postcode for United States',
    });
    expect(t.peek(WRITE_FOOTPRINT_SQL)).toEqual(before);
  });

  it('refuses a body over 1 MB', async () => {
    const { t, api } = await startHost();
    const before = t.peek(WRITE_FOOTPRINT_SQL);
    const response = await api('orders.create', JSON.stringify({ submit: true, order: validOrder({ notes: 'x'.repeat(1_100_000) }) }));
    expect(response.status).toBe(413);
    expect(t.peek(WRITE_FOOTPRINT_SQL)).toEqual(before);
  });

  it('serves the renderer with a strict CSP, falls back to index.html, and never leaves its folder', async () => {
    const { host } = await startHost();
    const index = await httpRequest(host.port, { path: '/' });
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(index.headers['content-security-policy']).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect((await httpRequest(host.port, { path: '/assets/app.js' })).headers['content-type']).toMatch(/javascript/);
    expect((await httpRequest(host.port, { path: '/orders/42' })).body).toContain('<title>desk</title>');
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const response = await httpRequest(host.port, { path });
      expect(response.body).not.toContain('not for the web');
    }
  });

  it('pushes core events to an open event stream', async () => {
    const { host, api } = await startHost();
    const received = new Promise<string>((resolve, reject) => {
      import('node:http').then(({ get }) => {
        const req = get({ host: '127.0.0.1', port: host.port, path: `/events?token=${host.token}` }, (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => {
            text += chunk.toString();
            if (text.includes('event: orders.changed')) {
              req.destroy();
              resolve(text);
            }
          });
        });
        req.on('error', reject);
        setTimeout(() => api('orders.create', { submit: true, order: validOrder() }), 100);
      }, reject);
    });
    expect(await received).toMatch(/event: orders\.changed\ndata: \{"ids":\[1\],"reason":"created"\}/);
  });
});

describe('browser host body limits', () => {
  it('lets a feed file through (a 100,000-row feed is ~8 MB as base64) but not other oversized calls', async () => {
    const { api } = await startHost();
    const bigFile = Buffer.alloc(3_000_000, 'a').toString('base64');
    const feed = await api('feeds.preview', { supplierId: 999, fileName: 'big.csv', contentBase64: bigFile });
    // Past the size check: the core answers about the supplier, not about the size.
    expect(feed.status).toBe(404);
    expect(JSON.parse(feed.body).error.field).toBe('supplierId');
    const other = await api('orders.list', { search: 'x'.repeat(1_100_000) });
    expect(other.status).toBe(413);
  });
});

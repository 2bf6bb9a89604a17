import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME } from '../../src-main/db/open';
import { validOrder } from '../fixtures/orders';
import { startHostProcess, stopHostProcess } from '../support/host-process';

const BURST = 1_000;
const IN_FLIGHT = 8;
const KILL_AFTER_ACKNOWLEDGED = 300;

function portAndToken(url: string) {
  const parsed = new URL(url);
  return { port: Number(parsed.port), token: parsed.hash.replace('#token=', '') };
}

/** One creation; resolves with the order id when the host acknowledged it (HTTP 200), else undefined. */
function createOrder(agent: Agent, port: number, token: string, index: number): Promise<number | undefined> {
  const body = JSON.stringify({ submit: true, order: validOrder({ notes: `burst ${index}` }) });
  return new Promise((resolve) => {
    const req = request({
      host: '127.0.0.1', port, method: 'POST', path: '/api/orders.create', agent,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => { text += c.toString(); });
      res.on('end', () => {
        try {
          resolve(res.statusCode === 200 ? (JSON.parse(text).value.id as number) : undefined);
        } catch {
          resolve(undefined);
        }
      });
      res.on('error', () => resolve(undefined));
    });
    req.on('error', () => resolve(undefined));
    req.end(body);
  });
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('a crash in the middle of a burst of order creations', () => {
  it('loses no acknowledged order and half-writes none', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'petdrop-crash-'));
    dirs.push(dataDir);
    const first = await startHostProcess(dataDir);
    const { port, token } = portAndToken(first.url);
    const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
    const acknowledged: number[] = [];
    let next = 0;
    let killed = false;
    const worker = async () => {
      while (next < BURST) {
        const index = next;
        next += 1;
        const id = await createOrder(agent, port, token, index);
        if (id !== undefined) acknowledged.push(id);
        if (!killed && acknowledged.length >= KILL_AFTER_ACKNOWLEDGED) {
          killed = true;
          // SIGKILL: no shutdown code runs, requests are mid-flight.
          first.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    agent.destroy();
    await stopHostProcess(first.child, 'SIGKILL');
    expect(killed).toBe(true);
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKNOWLEDGED);
    expect(acknowledged.length).toBeLessThan(BURST);

    // The restart must take over the dead process's lock and open the file cleanly.
    const second = await startHostProcess(dataDir);
    await stopHostProcess(second.child);

    const db = new Database(join(dataDir, DATABASE_FILE_NAME), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const present = new Set((db.prepare('SELECT id FROM orders').all() as { id: number }[]).map((r) => r.id));
      const missing = acknowledged.filter((id) => !present.has(id));
      expect(missing).toEqual([]);
      const halfWritten = db.prepare(`
        SELECT o.id FROM orders o
        WHERE o.subtotal IS NOT (SELECT sum(line_total) FROM order_lines l WHERE l.order_id = o.id)
           OR o.total <> o.subtotal + o.shipping_charge
           OR (SELECT count(*) FROM order_lines l WHERE l.order_id = o.id) <> 2
           OR NOT EXISTS (SELECT 1 FROM order_events e WHERE e.order_id = o.id AND e.kind = 'order.created')`).all();
      expect(halfWritten).toEqual([]);
      // Order numbers stay unique and gap-free: the counter moved only with committed orders.
      const numbers = db.prepare("SELECT count(*) AS n, max(CAST(substr(number, 4) AS INTEGER)) - 1000 AS top FROM orders").get() as { n: number; top: number };
      expect(numbers.top).toBe(numbers.n);
    } finally {
      db.close();
    }
  });
});

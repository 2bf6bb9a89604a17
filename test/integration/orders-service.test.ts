import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME } from '../../src-main/db/open';
import { bindPlaceholders, createQueryBuilder } from '../../src-main/db/query';
import { listQueries, readSearch } from '../../src-main/services/orders/read-orders';
import { validOrder } from '../fixtures/orders';
import { useTempDirs } from './support/temp-dir';
import { useTestCore, WRITE_FOOTPRINT_SQL } from './support/open-test-core';

const makeDir = useTempDirs();
const openTestCore = useTestCore(makeDir);

describe('orders through the dispatcher on a real SQLite file', () => {
  it('creates a submitted order with lines, totals and a creation event in the file', async () => {
    const t = openTestCore({ now: () => Date.parse('2026-11-30T10:00:00Z') });
    const order = await t.call('orders.create', { submit: true, order: validOrder() });
    expect(order.number).toBe('PD-1001');
    expect(order.stage).toBe('ready_to_pay');
    expect(order.subtotal).toEqual({ amount: 2 * 8999 + 1499, currency: 'EUR' });
    expect(order.total).toEqual({ amount: 2 * 8999 + 1499 + 590, currency: 'EUR' });
    // Submitting runs the verification checklist, which writes its own event.
    expect(order.timeline.map((e) => e.kind)).toEqual(['order.created', 'order.verified']);
    expect(order.timeline[0]).toMatchObject({ actor: 'tester', kind: 'order.created', at: '2026-11-30T10:00:00.000Z' });
    const stored = t.peek<{ total: number; sum: number; stage: string }>(
      'SELECT o.total, (SELECT sum(line_total) FROM order_lines WHERE order_id = o.id) + o.shipping_charge AS sum, o.stage FROM orders o WHERE id = ?', order.id);
    expect(stored).toEqual({ total: order.total.amount, sum: order.total.amount, stage: 'ready_to_pay' });
  });

  it('saves an incomplete draft, edits it, and refuses to submit it until it is whole', async () => {
    const t = openTestCore();
    const draft = await t.call('orders.create', { submit: false, order: { ...validOrder(), shippingAddress: { line1: '', city: '', country: '' } } });
    expect(draft.stage).toBe('draft');
    const refused = await t.attempt('orders.submit', { id: draft.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'order.shippingAddress.line1' } });
    expect(t.peek<{ n: number }>('SELECT count(*) AS n FROM order_events WHERE order_id = ?', draft.id).n).toBe(1);

    await t.call('orders.updateDraft', { id: draft.id, order: validOrder() });
    const submitted = await t.call('orders.submit', { id: draft.id });
    expect(submitted.stage).toBe('ready_to_pay');
    expect(submitted.timeline.map((e) => e.kind)).toEqual(['order.created', 'order.draft_updated', 'order.submitted', 'order.verified']);
    const again = await t.attempt('orders.updateDraft', { id: draft.id, order: validOrder() });
    expect(again).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
  });

  it('saves a draft\'s last edits and submits them in one step, or neither', async () => {
    const t = openTestCore();
    const draft = await t.call('orders.create', { submit: false, order: { ...validOrder(), notes: 'first' } });
    const before = t.peek<{ notes: string; events: number }>('SELECT notes, (SELECT count(*) FROM order_events) AS events FROM orders WHERE id = ?', draft.id);
    const refused = await t.attempt('orders.submit', { id: draft.id, order: validOrder({ notes: 'second', shippingAddress: { line1: 'x', city: 'Berlin', postcode: 'ABC', country: 'DE' } }) });
    expect(refused).toMatchObject({ ok: false, error: { field: 'order.shippingAddress.postcode' } });
    expect(t.peek('SELECT notes, (SELECT count(*) FROM order_events) AS events FROM orders WHERE id = ?', draft.id)).toEqual(before);

    const submitted = await t.call('orders.submit', { id: draft.id, order: validOrder({ notes: 'second' }) });
    expect(submitted).toMatchObject({ stage: 'ready_to_pay', notes: 'second' });
    expect(submitted.timeline.find((e) => e.kind === 'order.submitted')).toMatchObject({ message: `Draft ${draft.number} edited and submitted` });
  });

  it('cancels with a reason that lands on the timeline, and only once', async () => {
    const t = openTestCore();
    const order = await t.call('orders.create', { submit: true, order: validOrder() });
    const cancelled = await t.call('orders.cancel', { id: order.id, reason: 'Customer changed their mind' });
    expect(cancelled.stage).toBe('cancelled');
    expect(cancelled.timeline.at(-1)).toMatchObject({ kind: 'order.cancelled', reason: 'Customer changed their mind' });
    expect(await t.attempt('orders.cancel', { id: order.id, reason: 'again' })).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
  });

  it('lists newest first, filters by stage and finds by number, e-mail and any part of a name', async () => {
    let clock = Date.parse('2026-01-01T00:00:00Z');
    const t = openTestCore({ now: () => (clock += 1000) });
    const zoe = await t.call('orders.create', { submit: true, order: validOrder() });
    const ana = await t.call('orders.create', { submit: true, order: validOrder({ customer: { name: 'Ana de la Cruz', email: 'ana_cruz@example.org', phone: '' } }) });
    const draft = await t.call('orders.create', { submit: false, order: validOrder({ customer: { name: 'Draft Person', email: 'd@example.com', phone: '' } }) });

    const all = await t.call('orders.list', {});
    expect(all.rows.map((r) => r.number)).toEqual([draft.number, ana.number, zoe.number]);
    expect(all.total).toBe(3);
    expect(all.rows[0]?.lineCount).toBe(2);

    const drafts = await t.call('orders.list', { stage: 'draft' });
    expect(drafts.rows.map((r) => r.id)).toEqual([draft.id]);
    const search = async (term: string) => (await t.call('orders.list', { search: term })).rows.map((r) => r.id);
    expect(await search(ana.number)).toEqual([ana.id]);
    expect(await search(ana.number.replace('PD-', ''))).toEqual([ana.id]);
    expect(await search('ANA_CRUZ@example.org')).toEqual([ana.id]);
    expect(await search('zoe')).toEqual([zoe.id]);
    expect(await search('muller')).toEqual([zoe.id]);
    expect(await search('cruz')).toEqual([ana.id]);
    expect(await search('zoë MÜL')).toEqual([zoe.id]);
    expect(await search('de la cr')).toEqual([ana.id]);
    expect(await search('ana_cruz')).toEqual([ana.id]);
    expect(await search('example.org')).toEqual([ana.id]);
    expect(await search('%')).toEqual([]);
    expect(await search('_')).toEqual([]);
    // Typed quotes and operators are words, never FTS syntax.
    expect(await search('"zoe" OR *')).toEqual([]);
    expect(await search('zoe"')).toEqual([zoe.id]);
    expect(await search('nobody')).toEqual([]);
    const searchedDrafts = await t.call('orders.list', { stage: 'draft', search: 'person' });
    expect(searchedDrafts).toMatchObject({ total: 1, rows: [{ id: draft.id }] });

    const page = await t.call('orders.list', { limit: 2, offset: 2 });
    expect(page.rows.map((r) => r.id)).toEqual([zoe.id]);
    expect(page.total).toBe(3);
    const counts = await t.call('orders.stageCounts', {});
    expect(counts).toMatchObject({ draft: 1, ready_to_pay: 2, delivered: 0 });
  });

  it.each<[string, string, unknown, string | undefined]>([
    ['missing submit flag', 'orders.create', { order: validOrder() }, 'submit'],
    ['bad postcode', 'orders.create', { submit: true, order: validOrder({ shippingAddress: { line1: 'x', city: 'Berlin', postcode: 'ABC', country: 'DE' } }) }, 'order.shippingAddress.postcode'],
    ['quantity 0', 'orders.create', { submit: true, order: validOrder({ lines: [{ title: 'x', quantity: 0, unitPrice: 1 }] }) }, 'order.lines.0.quantity'],
    ['quantity 0 in a draft', 'orders.create', { submit: false, order: validOrder({ lines: [{ title: 'x', quantity: 0, unitPrice: 1 }] }) }, 'order.lines.0.quantity'],
    ['price as a string', 'orders.create', { submit: true, order: { ...validOrder(), lines: [{ title: 'x', quantity: 1, unitPrice: '19.99' }] } }, 'order.lines.0.unitPrice'],
    ['negative shipping', 'orders.create', { submit: true, order: validOrder({ shippingCharge: -1 }) }, 'order.shippingCharge'],
    ['bad e-mail', 'orders.create', { submit: true, order: validOrder({ customer: { name: 'A', email: 'nope', phone: '' } }) }, 'order.customer.email'],
    ['unknown currency', 'orders.create', { submit: true, order: validOrder({ currency: 'ABC' }) }, 'order.currency'],
    ['not an object', 'orders.create', 'hello', undefined],
    ['unknown order id', 'orders.cancel', { id: 999, reason: 'x' }, undefined],
    ['empty cancel reason', 'orders.cancel', { id: 1, reason: '  ' }, 'reason'],
    ['stage not in the list', 'orders.list', { stage: 'lost' }, 'stage'],
    ['unknown procedure', 'orders.delete', { id: 1 }, undefined],
  ])('rejects %s with a clear error and writes nothing', async (_label, name, input, field) => {
    const t = openTestCore();
    await t.call('orders.create', { submit: true, order: validOrder() });
    const before = t.peek(WRITE_FOOTPRINT_SQL);
    const result = await t.attempt(name, input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message.length).toBeGreaterThan(5);
    expect(result.error.field).toBe(field);
    expect(t.peek(WRITE_FOOTPRINT_SQL)).toEqual(before);
  });

  it('keeps nothing of an order whose write fails half-way', async () => {
    const t = openTestCore();
    // A CHECK constraint the schema cannot see: make the second line's insert fail inside the transaction.
    t.core.close();
    const Database = (await import('better-sqlite3')).default;
    const raw = new Database(`${t.dataDir}/desk.sqlite`);
    raw.exec("CREATE TRIGGER fail_second_line BEFORE INSERT ON order_lines WHEN NEW.position = 1 BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
    raw.close();
    const { openCore } = await import('../../src-main/core/core');
    const { silentLogger } = await import('../../src-main/core/logger');
    const core = openCore({ dataDir: t.dataDir, host: 'browser', version: 'test', logger: silentLogger });
    try {
      const result = await core.dispatch('orders.create', { submit: true, order: validOrder() }, { actor: { name: 'tester' } });
      expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
      // The cause stays in the log: no SQL, no stack, no internal message reaches the caller.
      expect(JSON.stringify(result)).not.toMatch(/injected failure|order_lines|at .*\.ts/);
      expect(t.peek(WRITE_FOOTPRINT_SQL)).toEqual({ orders: 0, lines: 0, events: 0, holds: 0, counter: 1000 });
    } finally {
      core.close();
    }
  });
});

describe('demo.load input', () => {
  it('points to npm run seed for shops bigger than the app loads, writing nothing', async () => {
    const t = openTestCore();
    const result = await t.attempt('demo.load', { orders: 100_001 });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'orders', message: expect.stringMatching(/npm run seed/) } });
    expect(t.peek(WRITE_FOOTPRINT_SQL)).toMatchObject({ orders: 0 });
  });
});

describe('the orders list\'s query plans', () => {
  it('serves every kind of search from an index, never a scan of the orders table', async () => {
    const t = openTestCore();
    await t.call('demo.load', { orders: 500 });
    const db = new Database(join(t.dataDir, DATABASE_FILE_NAME), { readonly: true });
    try {
      for (const search of ['PD-1001', 'olivia@example.com', 'olivia sm']) {
        const { kind, values } = readSearch(search);
        if (kind === 'nothing') throw new Error('every term here is searchable');
        for (const stage of [undefined, 'delivered'] as const) {
          const queries = listQueries(createQueryBuilder(), stage !== undefined, kind);
          for (const query of [queries.page(), queries.count()]) {
            const compiled = query.compile();
            const params = bindPlaceholders(compiled.parameters, { ...values, stage, limit: 50, offset: 0 });
            const plan = (db.prepare(`EXPLAIN QUERY PLAN ${compiled.sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
            expect(plan, `${search} / ${stage ?? 'all stages'}`).not.toMatch(/SCAN orders(?!_search)/);
          }
        }
      }
    } finally {
      db.close();
    }
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { silentLogger } from '../../src-main/core/logger';
import { openDatabase } from '../../src-main/db/open';
import { createSql, type Sql } from '../../src-main/db/query';
import { claimOutboxRow, enqueueOutbox, getOutboxRow, type OutboxRow } from '../../src-main/services/outbox/outbox-store';
import { createOutboxWorker, type OutboxAttempt, type OutboxHandler } from '../../src-main/services/outbox/outbox-worker';
import { useTempDirs } from './support/temp-dir';

const makeDir = useTempDirs();
const open: Database.Database[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

/** The generic outbox on a real SQLite file, with a channel whose answers the test scripts (as a far side would give them). */
function setUp(answers: OutboxAttempt[], options: { afterCrash?: 'resend' | 'ask'; settle?: OutboxHandler['settle'] } = {}) {
  const opened = openDatabase(makeDir());
  open.push(opened.db);
  const sql = createSql(opened.db);
  let now = 1_000_000;
  const performed: number[] = [];
  const stuck: number[] = [];
  const handler: OutboxHandler = {
    afterCrash: options.afterCrash ?? 'ask',
    perform: async (row) => {
      performed.push(row.id);
      const answer = answers.shift();
      if (!answer) throw new Error('the far side was asked more often than the test expected');
      return answer;
    },
    settle: options.settle ?? (() => {}),
  };
  const worker = createOutboxWorker({
    sql, now: () => now, logger: silentLogger, handlers: { 'test.mail': handler }, random: () => 0.5,
    onStuck: (_sql, row) => stuck.push(row.id),
  });
  const enqueue = () => sql.transaction(() => enqueueOutbox(sql, { kind: 'test.mail', orderId: null, paymentId: null, payload: { to: 'a@b.example' } }, now));
  return { sql, worker, enqueue, performed, stuck, advance: (ms: number) => { now += ms; } };
}

const statusOf = (sql: Sql, row: OutboxRow) => getOutboxRow(sql, row.id)?.status;

describe('the outbox worker', () => {
  it('leaves a send whose outcome is unknown for a person: not retried, and the order is flagged', async () => {
    const t = setUp([{ kind: 'unknown', error: 'The connection broke after the message was sent.' }]);
    const row = t.enqueue();
    await t.worker.drain();
    t.advance(3_600_000);
    await t.worker.drain();
    expect(t.performed).toEqual([row.id]);
    expect(getOutboxRow(t.sql, row.id)).toMatchObject({ status: 'unknown', attempts: 1, last_error: 'The connection broke after the message was sent.' });
    expect(t.stuck).toEqual([row.id]);
  });

  it('retries a temporary failure after its back-off, not before, and keeps the key', async () => {
    const t = setUp([{ kind: 'retry', error: 'offline' }, { kind: 'done', result: { id: 'x' } }]);
    const row = t.enqueue();
    await t.worker.drain();
    expect(getOutboxRow(t.sql, row.id)).toMatchObject({ status: 'failed', attempts: 1, last_error: 'offline' });
    await t.worker.drain(); // not due yet: equal jitter puts the first retry between 1 s and 2 s
    expect(t.performed).toHaveLength(1);
    t.advance(2_000);
    await t.worker.drain();
    expect(getOutboxRow(t.sql, row.id)).toMatchObject({ status: 'done', attempts: 2, idempotency_key: row.idempotency_key, result: '{"id":"x"}' });
  });

  it('at start-up asks a person about a row cut off in flight, or sends it again when the far side is idempotent', async () => {
    for (const afterCrash of ['ask', 'resend'] as const) {
      const t = setUp([{ kind: 'done', result: null }], { afterCrash });
      const row = t.enqueue();
      claimOutboxRow(t.sql, row.id, 1); // the desk stopped here, with the request on the wire
      const cut = t.worker.recover();
      expect(cut.map((r) => r.id)).toEqual([row.id]);
      await t.worker.drain();
      expect(statusOf(t.sql, row), afterCrash).toBe(afterCrash === 'ask' ? 'unknown' : 'done');
      expect(t.stuck).toEqual(afterCrash === 'ask' ? [row.id] : []);
    }
  });

  it('marks a row unknown, not in flight for ever, when its outcome cannot be recorded', async () => {
    const t = setUp([{ kind: 'done', result: null }], { settle: () => { throw new Error('CHECK constraint failed'); } });
    const row = t.enqueue();
    await t.worker.drain();
    expect(getOutboxRow(t.sql, row.id)).toMatchObject({ status: 'unknown', last_error: expect.stringMatching(/could not record/u) });
    expect(t.stuck).toEqual([row.id]);
  });

  it('treats a handler that throws as a temporary failure with a sentence, not a stack', async () => {
    const t = setUp([]);
    const row = t.enqueue();
    await t.worker.drain();
    expect(getOutboxRow(t.sql, row.id)).toMatchObject({ status: 'failed', last_error: expect.stringMatching(/^Something went wrong while sending this/u) });
  });
});

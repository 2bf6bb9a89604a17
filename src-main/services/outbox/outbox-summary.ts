import type { OutboxSummary } from '../../../src-shared/domain/outbox';
import type { Sql } from '../../db/query';

/** Counts for the "N waiting for connection" indicator: one grouped read over the due index. */
export function outboxSummary(sql: Sql): OutboxSummary {
  const counts = sql.all(sql.qb.selectFrom('outbox').select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', 'in', ['pending', 'in_flight', 'failed', 'dead', 'unknown']).groupBy('status'));
  const count = (...statuses: string[]) => counts.filter((c) => statuses.includes(c.status)).reduce((sum, c) => sum + Number(c.n), 0);
  const latest = sql.first(sql.qb.selectFrom('outbox').select(['last_error', 'next_attempt_at']).where('status', '=', 'failed')
    .orderBy('updated_at', 'desc').limit(1));
  const next = sql.first(sql.qb.selectFrom('outbox').select((eb) => eb.fn.min<number>('next_attempt_at').as('at')).where('status', '=', 'failed'));
  return {
    queued: count('pending', 'in_flight'),
    retrying: count('failed'),
    needsPerson: count('dead', 'unknown'),
    lastError: latest?.last_error ?? null,
    nextAttemptAt: next?.at == null ? null : new Date(Number(next.at)).toISOString(),
  };
}

/**
 * Rows waiting out a back-off after a temporary failure become due now (the person knows the network is
 * back). Dead and unknown rows are not touched: those need a decision, not a retry.
 */
export function retryWaitingNow(sql: Sql, at: number): number {
  return Number(sql.run(sql.qb.updateTable('outbox').set({ next_attempt_at: at }).where('status', '=', 'failed').where('next_attempt_at', '>', at)).changes);
}

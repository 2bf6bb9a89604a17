import { randomUUID } from 'node:crypto';
import { placeholder, type Sql } from '../../db/query';
import type { DbOutbox, Row } from '../../db/schema';

export type OutboxRow = Row<DbOutbox>;

export interface NewOutboxRow {
  kind: string;
  orderId: number | null;
  paymentId: number | null;
  /** The supplier order this row delivers, when it does. */
  poId?: number | null;
  /** The customer e-mail this row delivers, when it does. */
  notificationId?: number | null;
  payload: unknown;
  /**
   * A key that names the action itself (one row per key, ever: the column is UNIQUE), for actions found again by what
   * they are; otherwise a fresh one is made.
   */
  idempotencyKey?: string;
}

/**
 * Records a side effect to perform, inside the caller's transaction (the change that causes it commits
 * with it or not at all). The idempotency key is made here, once: every attempt sends this same key.
 */
export function enqueueOutbox(sql: Sql, row: NewOutboxRow, at: number): OutboxRow {
  const inserted = sql.first(sql.qb.insertInto('outbox').values({
    kind: row.kind,
    order_id: row.orderId,
    payment_id: row.paymentId,
    po_id: row.poId ?? null,
    notification_id: row.notificationId ?? null,
    payload: JSON.stringify(row.payload),
    idempotency_key: row.idempotencyKey ?? `petdrop-${row.kind}-${randomUUID()}`,
    status: 'pending',
    attempts: 0,
    next_attempt_at: at,
    created_at: at,
    updated_at: at,
  }).returningAll());
  if (!inserted) throw new Error('The outbox insert returned no row');
  return inserted;
}

/** Rows that may run now: new ones, and temporary failures whose back-off has passed. Oldest first. */
export function dueOutboxRows(sql: Sql, at: number, limit: number): OutboxRow[] {
  return sql.all(sql.qb.selectFrom('outbox').selectAll()
    .where('status', 'in', ['pending', 'failed']).where('next_attempt_at', '<=', at)
    .orderBy('next_attempt_at').orderBy('id').limit(limit));
}

/**
 * Marks the row in flight and counts the attempt, committed BEFORE the network call: a crash after this
 * leaves evidence that the far side may have acted, so the row is reconciled, never blindly resent.
 * A bookkeeping commit (see Sql.bookkeeping): only a power cut can lose it, and then the row is sent again
 * with the same idempotency key or Message-ID, which the far side applies once (or shows as one message).
 */
export function claimOutboxRow(sql: Sql, id: number, at: number): OutboxRow | undefined {
  // Once per row the worker sends: compiled once.
  const claim = sql.prepared('outbox.claim', () => sql.qb.updateTable('outbox')
    .set((eb) => ({ status: 'in_flight', attempts: eb('attempts', '+', 1), updated_at: placeholder<number>('at') }))
    .where('id', '=', placeholder<number>('id')).where('status', 'in', ['pending', 'failed']).returningAll());
  return sql.bookkeeping(() => claim.first({ id, at }));
}

/** At start-up, inside the caller's transaction: a row still in flight was cut off by a crash or a closed desk; what happened is unknown. */
export function markInFlightUnknown(sql: Sql, at: number): OutboxRow[] {
  return sql.all(sql.qb.updateTable('outbox')
    .set({ status: 'unknown', last_error: 'The desk stopped while this was being sent; whether it arrived is not known yet.', updated_at: at })
    .where('status', '=', 'in_flight').returningAll());
}

export function getOutboxRow(sql: Sql, id: number): OutboxRow | undefined {
  return sql.first(sql.qb.selectFrom('outbox').selectAll().where('id', '=', id));
}

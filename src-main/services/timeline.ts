import { placeholder, type Sql } from '../db/query';

export interface NewTimelineEvent {
  orderId: number;
  at: number;
  actor: string;
  kind: string;
  message: string;
  reason?: string | null;
  data?: unknown;
}

/** Every change to an order writes one of these, inside the caller's transaction. */
export function recordTimelineEvent(sql: Sql, event: NewTimelineEvent): void {
  // Written by nearly every change (and once per PO the outbox sends): compiled once.
  sql.prepared('timeline.insert', () => sql.qb.insertInto('order_events').values({
    order_id: placeholder<number>('orderId'),
    at: placeholder<number>('at'),
    actor: placeholder<string>('actor'),
    kind: placeholder<string>('kind'),
    message: placeholder<string>('message'),
    reason: placeholder<string | null>('reason'),
    data: placeholder<string | null>('data'),
  })).run({
    orderId: event.orderId, at: event.at, actor: event.actor, kind: event.kind, message: event.message,
    reason: event.reason ?? null, data: event.data === undefined ? null : JSON.stringify(event.data),
  });
}

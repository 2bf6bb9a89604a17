import type { Sql } from '../db/query';

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
  sql.run(sql.qb.insertInto('order_events').values({
    order_id: event.orderId,
    at: event.at,
    actor: event.actor,
    kind: event.kind,
    message: event.message,
    reason: event.reason ?? null,
    data: event.data === undefined ? null : JSON.stringify(event.data),
  }));
}

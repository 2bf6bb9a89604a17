/** The outbox's row states (DOMAIN.md): pending → in_flight → done | failed (retried) | dead (needs a person); unknown after a cut-off send. */
export const OUTBOX_STATUSES = ['pending', 'in_flight', 'done', 'failed', 'dead', 'unknown'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** For the "N waiting for connection" indicator: what is queued, what is retrying, what needs a person. */
export interface OutboxSummary {
  /** Queued and not yet tried, or being sent right now. */
  queued: number;
  /** Tried, failed for a temporary reason (offline, the far side busy), and waiting to try again. */
  retrying: number;
  /** Dead or unknown: a person decides. */
  needsPerson: number;
  /** The latest temporary failure, for the indicator's tooltip. */
  lastError: string | null;
  /** When the next retry is due (ISO), if any is waiting. */
  nextAttemptAt: string | null;
}

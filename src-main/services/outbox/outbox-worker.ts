import type { Logger } from '../../core/logger';
import type { Sql } from '../../db/query';
import { backoffDelayMs } from './backoff';
import { claimOutboxRow, dueOutboxRows, getOutboxRow, markInFlightUnknown, type OutboxRow } from './outbox-store';

/** What one attempt at a side effect came to. */
export type OutboxAttempt =
  /** The far side applied it; `result` is kept with the row. */
  | { kind: 'done'; result: unknown }
  /** A temporary failure (offline, 429, 5xx, a soft decline): try again later, after `afterMs` if the far side said so. */
  | { kind: 'retry'; error: string; afterMs?: number }
  /** A permanent failure: a person must look (a hard decline, a refused key, a request the far side will never accept). */
  | { kind: 'dead'; error: string }
  /**
   * The far side may or may not have acted (an e-mail whose connection broke after the message was sent):
   * for a channel without idempotency, resending could duplicate it, so a person decides, as after a crash.
   */
  | { kind: 'unknown'; error: string };

export interface OutboxHandler {
  /** Performs the side effect with the row's idempotency key. Expected failures are answers, not throws. */
  perform(row: OutboxRow): Promise<OutboxAttempt>;
  /** Writes what the outcome means for the desk's own tables, in the transaction that closes the row. */
  settle(sql: Sql, row: OutboxRow, outcome: Extract<OutboxAttempt, { kind: 'done' | 'dead' }>, at: number): void;
  /**
   * A row found in flight after a crash: 'resend' when the far side's idempotency makes sending the same key
   * again safe (Stripe keeps a key's answer for 24 hours); 'ask' leaves it `unknown` for a person.
   */
  afterCrash: 'resend' | 'ask';
  /** Nothing more is due for now: let go of what was kept for the next row (an open SMTP connection). */
  afterDrain?(): void;
}

export interface OutboxWorkerOptions {
  sql: Sql;
  now: () => number;
  handlers: Record<string, OutboxHandler>;
  logger: Logger;
  /** Called after rows are settled, with the orders they belong to (so open views refresh). */
  onSettled?: (orderIds: number[]) => void;
  /**
   * A row now needs a person (dead, or unknown after a crash), in the transaction that says so: the
   * order's exception flag follows from it, whichever way the row got stuck.
   */
  onStuck?: (sql: Sql, row: OutboxRow, at: number) => void;
  random?: () => number;
  /** How often due rows are looked for when nothing kicks the worker. Default 5 s. */
  pollMs?: number;
}

export interface OutboxWorker {
  /** Start-up: rows cut off in flight become unknown; those whose far side is idempotent are queued again. */
  recover(): OutboxRow[];
  /** Runs every due row once, one after another; resolves when they are settled. */
  drain(): Promise<number>;
  /** Look for due rows soon (after a new row was written); nothing until start() (tests step by hand). */
  kick(): void;
  start(): void;
  /** Stops polling and waits for the row in hand. */
  stop(): Promise<void>;
}

/** Due rows read at a time: the read sorts every due row, so fewer reads for a long queue (1,000 POs after a weekend offline). */
const BATCH = 100;

/**
 * Delivers outbox rows pending → in_flight → done | failed (retried with back-off) | dead (needs a person).
 * Rows run one at a time in order, on the core's event loop: they wait on the network, not the CPU.
 */
export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { sql, now, handlers, logger } = options;
  const random = options.random ?? Math.random;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = false;
  let started = false;

  const handlerFor = (row: OutboxRow): OutboxHandler | undefined => handlers[row.kind];

  const closeRow = (row: OutboxRow, outcome: OutboxAttempt) => {
    const at = now();
    const handler = handlerFor(row);
    sql.bookkeeping(() => {
      // Temporary failures are retried without a limit: a desk offline for a weekend is still temporary.
      // A handler that wants a limit (soft card declines) answers dead itself.
      if (outcome.kind === 'retry') {
        const delay = Math.max(outcome.afterMs ?? 0, backoffDelayMs(row.attempts, random));
        sql.run(sql.qb.updateTable('outbox').set({ status: 'failed', last_error: outcome.error, next_attempt_at: at + delay, updated_at: at })
          .where('id', '=', row.id));
        return;
      }
      if (outcome.kind === 'unknown') {
        sql.run(sql.qb.updateTable('outbox').set({ status: 'unknown', last_error: outcome.error, updated_at: at }).where('id', '=', row.id));
        options.onStuck?.(sql, row, at);
        return;
      }
      sql.run(sql.qb.updateTable('outbox').set({
        status: outcome.kind,
        last_error: outcome.kind === 'dead' ? outcome.error : null,
        result: outcome.kind === 'done' ? JSON.stringify(outcome.result ?? null) : null,
        updated_at: at,
      }).where('id', '=', row.id));
      handler?.settle(sql, row, outcome, at);
      if (outcome.kind === 'dead') options.onStuck?.(sql, row, at);
    });
  };

  /**
   * Recording the outcome failed (a constraint, a full disk): the far side may have acted, so the row must
   * not be sent blindly again nor stay in flight for ever. It becomes unknown, for a person, in its own transaction.
   */
  const strandRow = (row: OutboxRow, error: unknown) => {
    logger.error(`outbox ${row.kind} #${row.id}: the outcome could not be recorded`, error);
    const at = now();
    sql.transaction(() => {
      sql.run(sql.qb.updateTable('outbox').set({
        status: 'unknown', updated_at: at,
        last_error: 'The answer came back but the desk could not record it; check with the other side (Stripe, the supplier) before trying again.',
      }).where('id', '=', row.id));
      options.onStuck?.(sql, row, at);
    });
  };

  /**
   * The outcome of the row just sent, not yet written: it is committed together with the next row's claim
   * (one commit per row instead of two; there is no await between the two, so no crash window opens), or
   * on its own when no row follows.
   */
  let unsettled: { row: OutboxRow; outcome: OutboxAttempt } | undefined;

  const settleAlone = () => {
    const pending = unsettled;
    unsettled = undefined;
    if (!pending) return;
    try {
      closeRow(pending.row, pending.outcome);
    } catch (error) {
      strandRow(pending.row, error);
    }
  };

  /** Closes the previous row (if any) and claims this one, in one transaction; alone if that fails. */
  const settleAndClaim = (id: number): OutboxRow | undefined => {
    if (unsettled) {
      const pending = unsettled;
      try {
        const claimed = sql.bookkeeping(() => {
          closeRow(pending.row, pending.outcome);
          return claimOutboxRow(sql, id, now());
        });
        unsettled = undefined;
        return claimed;
      } catch {
        // Rolled back together: record the previous outcome by itself (or strand it), then claim as usual.
        settleAlone();
      }
    }
    return claimOutboxRow(sql, id, now());
  };

  async function runOne(due: OutboxRow): Promise<boolean> {
    const row = settleAndClaim(due.id);
    if (!row) return false;
    const handler = handlerFor(row);
    let outcome: OutboxAttempt;
    if (!handler) {
      outcome = { kind: 'dead', error: `This version of the desk does not know how to send “${row.kind}”.` };
    } else {
      try {
        outcome = await handler.perform(row);
      } catch (error) {
        // An unexpected throw is treated as temporary: the same key makes the next attempt safe.
        logger.error(`outbox ${row.kind} #${row.id} failed unexpectedly`, error);
        outcome = { kind: 'retry', error: 'Something went wrong while sending this; the desk will try again (the details are in its log).' };
      }
    }
    unsettled = { row, outcome };
    return true;
  }

  async function drainOnce(): Promise<number> {
    let settled = 0;
    const orders = new Set<number>();
    try {
      for (;;) {
        if (stopped) break;
        const due = dueOutboxRows(sql, now(), BATCH);
        if (due.length === 0) break;
        for (const row of due) {
          if (stopped) break;
          if (await runOne(row)) {
            settled += 1;
            if (row.order_id !== null) orders.add(row.order_id);
          }
        }
      }
    } finally {
      settleAlone();
      for (const handler of new Set(Object.values(handlers))) {
        try {
          handler.afterDrain?.();
        } catch (error) {
          logger.error('outbox: letting go after a drain failed', error);
        }
      }
    }
    if (orders.size > 0) options.onSettled?.([...orders]);
    return settled;
  }

  const drain = (): Promise<number> => {
    if (!running) {
      running = drainOnce().finally(() => {
        running = undefined;
      });
    }
    return running;
  };

  const schedule = (ms: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      void drain().catch((error) => logger.error('outbox drain failed', error)).finally(() => schedule(options.pollMs ?? 5_000));
    }, ms);
    timer.unref();
  };

  return {
    recover() {
      const at = now();
      // One transaction: a desk that dies again during recovery must not leave a row unknown while what it
      // belongs to (a PO, the order's exception flag) still says otherwise.
      const cut = sql.transaction(() => {
        const rows = markInFlightUnknown(sql, at);
        for (const row of rows) {
          if (handlerFor(row)?.afterCrash === 'resend') {
            sql.run(sql.qb.updateTable('outbox').set({
              status: 'pending', next_attempt_at: at, updated_at: at,
              last_error: 'The desk stopped while this was being sent; it is sent again with the same key, which the far side applies once.',
            }).where('id', '=', row.id));
          } else {
            options.onStuck?.(sql, row, at);
          }
        }
        return rows;
      });
      return cut.map((row) => getOutboxRow(sql, row.id) ?? row);
    },
    drain,
    kick: () => {
      if (started) schedule(0);
    },
    start: () => {
      started = true;
      schedule(0);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      // The row in hand may fail to settle (the database is closing): it stays in flight for the next start.
      await running?.catch(() => {});
    },
  };
}

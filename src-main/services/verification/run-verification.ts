import { HOLD_REASON_LABELS, type HoldReason } from '../../../src-shared/domain/holds';
import { runChecks, verificationSummary } from '../../../src-shared/domain/verification';
import type { ProcedureParsedInput } from '../../../src-shared/contract/procedures';
import type { Sql } from '../../db/query';
import type { Actor, ServiceDeps } from '../context';
import { DeskError, notFound } from '../errors';
import { placeHold, releaseHold } from '../orders/holds';
import { refreshStage } from '../orders/order-stage';
import { recordTimelineEvent } from '../timeline';
import { gatherVerificationFacts } from './gather-facts';

/**
 * The holds the checklist places and may lift again when a re-run passes. The stock hold is routing's:
 * it follows the lines' suppliers (routeOrder), so the checklist places it but never releases it.
 */
const HOLDS_OWNED_BY_CHECKS: ReadonlySet<HoldReason> = new Set(['INCORRECT_ADDRESS', 'POSSIBLE_DUPLICATE', 'HIGH_RISK_OF_FRAUD', 'RESTRICTED_ITEM']);

/**
 * Runs every check on an order inside the caller's transaction: the results replace the last run's, a
 * failure places its hold, a hold whose failure is gone is released, and one timeline event says how it
 * went. A person's override survives a re-run while the check still fails for the same reason (the same
 * hold), so re-running does not undo a decision; a new kind of failure needs a new decision.
 */
export function runVerification(sql: Sql, orderId: number, actor: string, at: number): void {
  const results = runChecks(gatherVerificationFacts(sql, orderId));
  const previous = new Map(sql.all(sql.qb.selectFrom('order_checks').selectAll().where('order_id', '=', orderId)).map((c) => [c.code, c]));
  sql.run(sql.qb.deleteFrom('order_checks').where('order_id', '=', orderId));
  const blocking = new Set<HoldReason>();
  for (const result of results) {
    const before = previous.get(result.code);
    const keepOverride = before?.overridden_at != null && result.outcome === 'fail' && before.hold_reason === result.holdReason;
    sql.run(sql.qb.insertInto('order_checks').values({
      order_id: orderId, code: result.code, outcome: result.outcome, message: result.message, data: JSON.stringify(result.data),
      hold_reason: result.holdReason, checked_at: at,
      overridden_at: keepOverride ? before.overridden_at : null,
      overridden_by: keepOverride ? before.overridden_by : null,
      override_note: keepOverride ? before.override_note : null,
    }));
    if (result.holdReason && !keepOverride) {
      blocking.add(result.holdReason);
      placeHold(sql, orderId, result.holdReason, result.message, actor, at);
    }
  }
  for (const reason of HOLDS_OWNED_BY_CHECKS) {
    if (!blocking.has(reason)) releaseHold(sql, orderId, reason, 'The verification checks no longer find this problem', actor, at);
  }
  sql.run(sql.qb.updateTable('orders').set({ verified_at: at, updated_at: at }).where('id', '=', orderId));
  const summary = verificationSummary(results);
  recordTimelineEvent(sql, {
    orderId, at, actor, kind: 'order.verified',
    message: summary.outcome === 'pass' ? 'Verification checks passed'
      : `Verification checks: ${summary.failed} failed, ${summary.warned} with a warning`,
    reason: results.filter((r) => r.outcome !== 'pass').map((r) => r.message).join('\n') || null,
  });
  refreshStage(sql, orderId);
}

function liveOrder(sql: Sql, orderId: number) {
  const order = sql.first(sql.qb.selectFrom('orders').select(['id', 'number', 'submitted_at', 'cancelled_at']).where('id', '=', orderId));
  if (!order) throw notFound(`Order ${orderId}`);
  if (order.cancelled_at !== null) throw new DeskError('invalid_state', `Order ${order.number} is cancelled.`);
  if (order.submitted_at === null) throw new DeskError('invalid_state', `Order ${order.number} is still a draft; submit it first.`);
  return order;
}

/** "Re-run the checks" (after fixing the order, or when the data they look at changed). */
export function rerunVerification(deps: ServiceDeps, input: ProcedureParsedInput<'verification.run'>, actor: Actor): void {
  deps.sql.transaction(() => {
    liveOrder(deps.sql, input.orderId);
    runVerification(deps.sql, input.orderId, actor.name, deps.now());
  });
}

/**
 * A person accepts a failed check with a note (they called the customer; the duplicate is a second gift).
 * Its hold is released unless another un-overridden failure still asks for the same hold.
 */
export function overrideCheck(deps: ServiceDeps, input: ProcedureParsedInput<'verification.override'>, actor: Actor): void {
  const { sql } = deps;
  const at = deps.now();
  sql.transaction(() => {
    const order = liveOrder(sql, input.orderId);
    overrideOne(sql, order, input.code, input.note, actor.name, at);
    refreshStage(sql, order.id);
  });
}

function overrideOne(sql: Sql, order: { id: number; number: string }, code: string, note: string, actor: string, at: number): void {
  const check = sql.first(sql.qb.selectFrom('order_checks').selectAll().where('order_id', '=', order.id).where('code', '=', code));
  if (!check) throw new DeskError('not_found', `Order ${order.number} has no “${code}” check; run the checks first.`, 'code');
  if (check.outcome !== 'fail') throw new DeskError('invalid_state', `The ${code} check did not fail, so there is nothing to override.`, 'code');
  if (check.overridden_at !== null) throw new DeskError('invalid_state', `The ${code} check was already overridden by ${check.overridden_by}.`, 'code');
  sql.run(sql.qb.updateTable('order_checks').set({ overridden_at: at, overridden_by: actor, override_note: note })
    .where('order_id', '=', order.id).where('code', '=', code));
  recordTimelineEvent(sql, { orderId: order.id, at, actor, kind: 'order.check_overridden', message: `Check overridden: ${check.message}`, reason: note });
  if (check.hold_reason) {
    const stillFailing = sql.first(sql.qb.selectFrom('order_checks').select('code').where('order_id', '=', order.id)
      .where('hold_reason', '=', check.hold_reason).where('outcome', '=', 'fail').where('overridden_at', 'is', null));
    if (!stillFailing) releaseHold(sql, order.id, check.hold_reason, note, actor, at);
  }
}

/**
 * The review queue's one decision: several failed checks overridden and holds released with one note,
 * all or none (a refusal on the third item leaves the first two as they were).
 */
export function resolveReview(deps: ServiceDeps, input: ProcedureParsedInput<'verification.resolve'>, actor: Actor): void {
  const { sql } = deps;
  const at = deps.now();
  sql.transaction(() => {
    const order = liveOrder(sql, input.orderId);
    const openBefore = new Set(sql.all(sql.qb.selectFrom('order_holds').select('id').where('order_id', '=', order.id).where('released_at', 'is', null)).map((h) => h.id));
    for (const code of input.codes) overrideOne(sql, order, code, input.note, actor.name, at);
    for (const holdId of input.holdIds) {
      // Overriding a check above may just have released this hold: that is the decision taken, not an error.
      const releasedJustNow = openBefore.has(holdId)
        && sql.first(sql.qb.selectFrom('order_holds').select('id').where('id', '=', holdId).where('released_at', 'is not', null)) !== undefined;
      if (!releasedJustNow) releaseOne(sql, order, holdId, input.note, actor.name, at);
    }
    refreshStage(sql, order.id);
  });
}

/**
 * Releases one hold with a note. A hold the checklist placed is released by overriding the failed checks
 * behind it (the same note), so a re-run does not put it straight back.
 */
export function releaseHoldWithNote(deps: ServiceDeps, input: ProcedureParsedInput<'holds.release'>, actor: Actor): void {
  const { sql } = deps;
  const at = deps.now();
  sql.transaction(() => {
    const order = liveOrder(sql, input.orderId);
    releaseOne(sql, order, input.holdId, input.note, actor.name, at);
    refreshStage(sql, order.id);
  });
}

function releaseOne(sql: Sql, order: { id: number; number: string }, holdId: number, note: string, actor: string, at: number): void {
  const hold = sql.first(sql.qb.selectFrom('order_holds').selectAll().where('id', '=', holdId).where('order_id', '=', order.id));
  if (!hold) throw new DeskError('not_found', `Hold ${holdId} is not on order ${order.number}.`, 'holdId');
  if (hold.released_at !== null) throw new DeskError('invalid_state', `That hold was already released by ${hold.released_by}.`, 'holdId');
  sql.run(sql.qb.updateTable('order_checks').set({ overridden_at: at, overridden_by: actor, override_note: note })
    .where('order_id', '=', order.id).where('hold_reason', '=', hold.reason).where('outcome', '=', 'fail').where('overridden_at', 'is', null));
  sql.run(sql.qb.updateTable('order_holds').set({ released_at: at, released_by: actor, release_note: note }).where('id', '=', hold.id));
  recordTimelineEvent(sql, { orderId: order.id, at, actor, kind: 'order.hold_released', message: `Hold released: ${HOLD_REASON_LABELS[hold.reason]}`, reason: note });
}

/** A person puts an order on hold for a reason of their own (OTHER), with a note. */
export function placeManualHold(deps: ServiceDeps, input: ProcedureParsedInput<'holds.place'>, actor: Actor): void {
  const { sql } = deps;
  const at = deps.now();
  sql.transaction(() => {
    const order = liveOrder(sql, input.orderId);
    if (!placeHold(sql, order.id, 'OTHER', input.note, actor.name, at)) {
      throw new DeskError('conflict', `Order ${order.number} already has an open hold of its own; release it or add to its note.`);
    }
    refreshStage(sql, order.id);
  });
}

import { applyApiShipments } from '../fulfillment/supplier-api-shipments';
import {
  PO_ANSWERABLE_STATUSES, PO_REJECTION_REASONS, PO_REJECTION_REASON_LABELS, poStatusFromLines, type PoLineAnswer, type PoLineStatus, type PoRejectionReason,
} from '../../../src-shared/domain/supplier-orders';
import type { ProcedureParsedInput } from '../../../src-shared/contract/procedures';
import type { SupplierApiOrder } from '../../adapters/supplier-orders-http';
import type { Sql } from '../../db/query';
import type { Actor, ServiceDeps } from '../context';
import { DeskError } from '../errors';
import { placeHold, releaseHold } from '../orders/holds';
import { refreshStage } from '../orders/order-stage';
import { recordTimelineEvent } from '../timeline';
import { movePo } from './po-state';
import { poLines, poOutboxRow, poRow, type PoRow } from './read-supplier-orders';

export interface LineAnswer {
  lineId: number;
  status: PoLineAnswer;
  expectedDate?: string | undefined;
  rejectionReason?: PoRejectionReason | undefined;
  note: string;
}


/**
 * Records what the supplier said about a PO's lines (typed in by a person, or read from the API), inside
 * the caller's transaction: the line statuses, the supplier's reference, the PO's status, and the holds on
 * the customer order (a rejection needs a person: SUPPLIER_REJECTED; a backorder: INVENTORY_OUT_OF_STOCK).
 */
export function applyAnswers(
  sql: Sql, po: PoRow, answers: readonly LineAnswer[], supplierReference: string, actor: string, at: number,
  options: { partial?: boolean } = {},
): void {
  if (!PO_ANSWERABLE_STATUSES.includes(po.status)) {
    throw new DeskError('invalid_state', `Supplier order ${po.number} is ${po.status.replaceAll('_', ' ')}; there is no answer to record.`, 'poId');
  }
  const lines = poLines(sql, po.id);
  const changed: string[] = [];
  const newAnswers: PoLineStatus[] = [];
  for (const answer of answers) {
    const line = lines.find((l) => l.id === answer.lineId);
    if (!line) throw new DeskError('invalid_input', `Line ${answer.lineId} is not on supplier order ${po.number}.`, 'lines');
    if (line.status === 'rerouted') continue;
    const next = {
      status: answer.status as PoLineStatus,
      expected_date: answer.status === 'backordered' ? answer.expectedDate ?? null : null,
      rejection_reason: answer.status === 'rejected' ? answer.rejectionReason ?? 'other' : null,
      note: answer.note,
    };
    if (line.status === next.status && line.expected_date === next.expected_date && line.rejection_reason === next.rejection_reason && line.note === next.note) continue;
    sql.run(sql.qb.updateTable('po_lines').set(next).where('id', '=', line.id));
    Object.assign(line, next);
    newAnswers.push(next.status);
    changed.push(`${line.supplier_sku}: ${describeLine(next.status, next.expected_date, next.rejection_reason)}${answer.note ? ` (${answer.note})` : ''}`);
  }
  const missing = lines.filter((l) => l.status === 'pending');
  // A person answers the whole PO at once; the API may answer line by line over several polls.
  if (!options.partial && missing.length > 0) {
    throw new DeskError('invalid_input', `Answer every line: ${missing.map((l) => l.supplier_sku).join(', ')} ${missing.length === 1 ? 'has' : 'have'} no answer.`, 'lines');
  }
  const reference = supplierReference.trim() || po.supplier_reference;
  const status = poStatusFromLines(lines);
  if (status !== undefined) {
    const reason = status === 'rejected' ? 'The supplier rejected every line.' : null;
    movePo(sql, po, { to: status, actor, at, reason, set: { supplier_reference: reference, acknowledged_at: po.acknowledged_at ?? at } });
  } else if (reference !== po.supplier_reference) {
    sql.run(sql.qb.updateTable('purchase_orders').set({ supplier_reference: reference, updated_at: at }).where('id', '=', po.id));
  }
  if (changed.length > 0) {
    recordTimelineEvent(sql, {
      orderId: po.order_id, at, actor, kind: 'po.answered',
      message: `${po.number}: the supplier answered${reference ? ` (their reference ${reference})` : ''}`, reason: changed.join('\n'),
    });
  }
  // An answer proves the e-mail arrived: an unknown send is settled by it.
  if (po.status === 'unknown') settleUnknownDelivery(sql, po.id, at, `Settled by the supplier's answer`);
  syncAnswerHolds(sql, po.order_id, actor, at, newAnswers);
}

function describeLine(status: PoLineStatus, expected: string | null, reason: PoRejectionReason | null): string {
  if (status === 'backordered') return `backordered until ${expected}`;
  if (status === 'rejected') return `rejected — ${PO_REJECTION_REASON_LABELS[reason ?? 'other'].toLowerCase()}`;
  return status;
}

/** Marks the PO's unknown outbox row done: a person (or the supplier's answer) says it arrived. */
export function settleUnknownDelivery(sql: Sql, poId: number, at: number, why: string): void {
  const row = poOutboxRow(sql, poId);
  if (row && row.status === 'unknown') {
    sql.run(sql.qb.updateTable('outbox').set({ status: 'done', last_error: null, result: JSON.stringify({ settledBy: why }), updated_at: at }).where('id', '=', row.id));
  }
}

/**
 * Keeps the supplier-answer holds in step with the order's PO lines: SUPPLIER_REJECTED while a rejected
 * line has not moved to another supplier, INVENTORY_OUT_OF_STOCK while a line is backordered. Placed when
 * a supplier gives such an answer, released when nothing is left; a person may also release them with a note
 * (accepting the wait).
 */
export function syncAnswerHolds(sql: Sql, orderId: number, actor: string, at: number, newAnswers: readonly PoLineStatus[] = []): void {
  const open = sql.all(sql.qb.selectFrom('po_lines').innerJoin('purchase_orders', 'purchase_orders.id', 'po_lines.po_id')
    .select(['po_lines.status', 'po_lines.supplier_sku', 'po_lines.title', 'po_lines.expected_date', 'po_lines.rejection_reason', 'purchase_orders.number'])
    .where('purchase_orders.order_id', '=', orderId).where('purchase_orders.status', '!=', 'cancelled')
    .where('po_lines.status', 'in', ['rejected', 'backordered']));
  const rejected = open.filter((l) => l.status === 'rejected');
  const backordered = open.filter((l) => l.status === 'backordered');
  // Placed only when a supplier has just said so: a hold a person released (accepting a backorder) stays released on the next poll.
  if (rejected.length > 0) {
    if (newAnswers.includes('rejected')) placeHold(sql, orderId, 'SUPPLIER_REJECTED', `${rejected.map((l) => `${l.title} (${l.number}: ${PO_REJECTION_REASON_LABELS[l.rejection_reason ?? 'other'].toLowerCase()})`).join('; ')}. Move the lines to the next supplier, or release the hold with a note.`, actor, at);
  } else {
    releaseHold(sql, orderId, 'SUPPLIER_REJECTED', 'No rejected line is left with a supplier', actor, at);
  }
  if (backordered.length > 0) {
    if (newAnswers.includes('backordered')) placeHold(sql, orderId, 'INVENTORY_OUT_OF_STOCK', `Backordered: ${backordered.map((l) => `${l.title} (${l.number}, expected ${l.expected_date})`).join('; ')}. Wait (release the hold with a note) or move the lines to the next supplier.`, actor, at);
  } else {
    // Routing uses the same hold for a catalog line no supplier can serve; that one is routing's to release.
    const unserved = sql.first(sql.qb.selectFrom('order_lines').select('id').where('order_id', '=', orderId)
      .where('variant_id', 'is not', null).where('supplier_id', 'is', null));
    if (!unserved) releaseHold(sql, orderId, 'INVENTORY_OUT_OF_STOCK', 'No backordered line is left with a supplier', actor, at);
  }
  refreshStage(sql, orderId);
}

/** A person types the supplier's answer (from their e-mail or phone call). */
export function confirmByHand(deps: ServiceDeps, input: ProcedureParsedInput<'supplierOrders.confirm'>, actor: Actor): number {
  const { sql } = deps;
  return sql.transaction(() => {
    const po = poRow(sql, input.poId);
    applyAnswers(sql, po, input.lines, input.supplierReference, actor.name, deps.now());
    return po.order_id;
  });
}

const API_ACTOR = 'desk (supplier API)';
const KNOWN_REASONS = new Set<string>(PO_REJECTION_REASONS);

/**
 * What the supplier's API says about the PO, applied like a person's answer: lines are matched by their
 * position (the API numbers them in the order sent). Only answered lines count; a line the API still
 * calls pending (or a status this desk does not know) stays pending and the desk keeps asking.
 */
/** Returns the parcels it could not take, as sentences (for the log). */
export function applyApiOrder(sql: Sql, poId: number, order: SupplierApiOrder, at: number): string[] {
  sql.run(sql.qb.updateTable('purchase_orders').set({ last_checked_at: at, supplier_order_id: order.id }).where('id', '=', poId));
  // Every line of the PO went out (a PO is sent whole, before any line can be moved), so the API's numbering
  // is the PO's own; a line moved to another supplier since keeps its place and is skipped, not removed.
  const lines = poLines(sql, poId);
  const answers: LineAnswer[] = [];
  for (const remote of order.lines) {
    const line = lines[remote.line_number - 1];
    if (!line || line.status === 'rerouted' || line.supplier_sku !== remote.sku) continue;
    if (remote.status === 'confirmed') answers.push({ lineId: line.id, status: 'confirmed', note: '' });
    else if (remote.status === 'backordered' && remote.expected_date && /^\d{4}-\d{2}-\d{2}$/.test(remote.expected_date)) {
      answers.push({ lineId: line.id, status: 'backordered', expectedDate: remote.expected_date, note: remote.reason ?? '' });
    } else if (remote.status === 'rejected') {
      const reason = remote.reason_code && KNOWN_REASONS.has(remote.reason_code) ? remote.reason_code as PoRejectionReason : 'other';
      answers.push({ lineId: line.id, status: 'rejected', rejectionReason: reason, note: (remote.reason ?? '').slice(0, 500) });
    }
  }
  const po = poRow(sql, poId);
  if (answers.length > 0 && PO_ANSWERABLE_STATUSES.includes(po.status)) {
    applyAnswers(sql, po, answers, order.supplier_reference ?? '', API_ACTOR, at, { partial: true });
  }
  return applyApiShipments(sql, poId, order, at);
}

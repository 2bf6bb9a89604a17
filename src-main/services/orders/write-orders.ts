import { formatOrderNumber } from '../../../src-shared/domain/order-number';
import { canCancel } from '../../../src-shared/domain/stage';
import type { OrderDetail } from '../../../src-shared/domain/order';
import { foldName } from '../../../src-shared/domain/text';
import { submittedOrderInput, type OrderFields } from '../../../src-shared/schemas/order-input';
import type { ProcedureParsedInput } from '../../../src-shared/contract/procedures';
import type { Sql } from '../../db/query';
import type { DbOrder, Row } from '../../db/schema';
import type { Actor, ServiceDeps } from '../context';
import { DeskError, notFound } from '../errors';
import { recordTimelineEvent } from '../timeline';
import { withdrawSupplierOrders } from '../dispatch/withdraw-supplier-orders';
import { computeTotals } from '../../../src-shared/domain/order-totals';
import { refreshStage } from './order-stage';
import { getOrder } from './read-orders';
import { routeOrder } from '../routing/route-order';
import { runVerification } from '../verification/run-verification';
import { enqueueOutbox } from '../outbox/outbox-store';

function nextOrderNumber(sql: Sql): string {
  const row = sql.first(sql.qb.updateTable('counters').set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', 'order_number').returning('value'));
  if (!row) throw new Error('The order number counter is missing');
  return formatOrderNumber(row.value);
}

/** Columns an order's editable fields map to; shared by create and update so they never drift. */
function fieldColumns(order: OrderFields) {
  const totals = computeTotals(order);
  return {
    columns: {
      customer_name: order.customer.name,
      customer_name_key: foldName(order.customer.name),
      customer_email: order.customer.email,
      customer_phone: order.customer.phone,
      ship_line1: order.shippingAddress.line1,
      ship_line2: order.shippingAddress.line2,
      ship_city: order.shippingAddress.city,
      ship_region: order.shippingAddress.region,
      ship_postcode: order.shippingAddress.postcode,
      ship_country: order.shippingAddress.country,
      currency: order.currency,
      subtotal: totals.subtotal.amount,
      shipping_charge: order.shippingCharge,
      total: totals.total.amount,
      notes: order.notes,
    },
    totals,
  };
}

function writeLines(sql: Sql, orderId: number, order: OrderFields, lineTotals: readonly { amount: number }[]): void {
  sql.run(sql.qb.deleteFrom('order_lines').where('order_id', '=', orderId));
  order.lines.forEach((line, position) => {
    sql.run(sql.qb.insertInto('order_lines').values({
      order_id: orderId,
      position,
      title: line.title,
      sku: line.sku,
      quantity: line.quantity,
      unit_price: line.unitPrice,
      line_total: lineTotals[position]?.amount ?? 0,
      variant_id: line.variantId,
      supplier_id: null,
    }));
  });
}

export function createOrder(deps: ServiceDeps, input: ProcedureParsedInput<'orders.create'>, actor: Actor): OrderDetail {
  const { sql } = deps;
  const at = deps.now();
  const id = sql.transaction(() => {
    const { columns, totals } = fieldColumns(input.order);
    const number = nextOrderNumber(sql);
    const inserted = sql.first(sql.qb.insertInto('orders').values({
      number,
      source: 'manual',
      external_id: null,
      customer_id: null,
      ...columns,
      payment_status: 'unpaid',
      fulfillment_status: 'unfulfilled',
      has_exception: 0,
      stage: 'draft',
      created_at: at,
      updated_at: at,
      submitted_at: input.submit ? at : null,
      cancelled_at: null,
      closed_at: null,
    }).returning('id'));
    if (!inserted) throw new Error('Insert returned no id');
    writeLines(sql, inserted.id, input.order, totals.lineTotals);
    recordTimelineEvent(sql, {
      orderId: inserted.id, at, actor: actor.name, kind: 'order.created',
      message: input.submit ? `Order ${number} entered by hand and submitted` : `Draft ${number} saved`,
    });
    if (input.submit) {
      routeOrder(sql, inserted.id, actor.name, at);
      runVerification(sql, inserted.id, actor.name, at);
    } else {
      refreshStage(sql, inserted.id);
    }
    return inserted.id;
  });
  return getOrder(deps, id);
}

function loadForChange(sql: Sql, id: number): Row<DbOrder> {
  const row = sql.first(sql.qb.selectFrom('orders').selectAll().where('id', '=', id));
  if (!row) throw notFound(`Order ${id}`);
  return row;
}

function assertDraft(row: Row<DbOrder>, doing: string): void {
  if (row.cancelled_at !== null) throw new DeskError('invalid_state', `Order ${row.number} is cancelled, so it cannot be ${doing}.`);
  if (row.submitted_at !== null) throw new DeskError('invalid_state', `Order ${row.number} is no longer a draft, so it cannot be ${doing}.`);
}

function saveFields(sql: Sql, id: number, order: OrderFields, at: number): void {
  const { columns, totals } = fieldColumns(order);
  sql.run(sql.qb.updateTable('orders').set({ ...columns, updated_at: at }).where('id', '=', id));
  writeLines(sql, id, order, totals.lineTotals);
}

export function updateDraft(deps: ServiceDeps, input: ProcedureParsedInput<'orders.updateDraft'>, actor: Actor): OrderDetail {
  const { sql } = deps;
  const at = deps.now();
  sql.transaction(() => {
    const row = loadForChange(sql, input.id);
    assertDraft(row, 'edited');
    saveFields(sql, input.id, input.order, at);
    recordTimelineEvent(sql, { orderId: input.id, at, actor: actor.name, kind: 'order.draft_updated', message: `Draft ${row.number} edited` });
  });
  return getOrder(deps, input.id);
}

/** The stored draft in the shape of the order form, to check it with the submit schema. */
function storedFields(deps: ServiceDeps, id: number) {
  const draft = getOrder(deps, id);
  return {
    customer: draft.customer,
    shippingAddress: draft.shippingAddress,
    currency: draft.currency,
    lines: draft.lines.map((l) => ({ title: l.title, sku: l.sku, quantity: l.quantity, unitPrice: l.unitPrice.amount, variantId: l.variantId })),
    shippingCharge: draft.shippingCharge.amount,
    notes: draft.notes,
  };
}

/**
 * A draft becomes a submitted order only if it is complete: the same schema the form uses for submit.
 * Edits sent along are saved in the same transaction, so a refusal leaves the draft exactly as it was.
 */
export function submitOrder(deps: ServiceDeps, input: ProcedureParsedInput<'orders.submit'>, actor: Actor): OrderDetail {
  const { sql } = deps;
  const at = deps.now();
  sql.transaction(() => {
    const row = loadForChange(sql, input.id);
    assertDraft(row, 'submitted');
    if (input.order) {
      saveFields(sql, input.id, input.order, at);
    } else {
      const check = submittedOrderInput.safeParse(storedFields(deps, input.id));
      if (!check.success) {
        const issue = check.error.issues[0];
        throw new DeskError('invalid_input', `Draft ${row.number} is not complete: ${issue?.message ?? 'a field is invalid'}`,
          ['order', ...(issue?.path ?? [])].join('.'));
      }
    }
    sql.run(sql.qb.updateTable('orders').set({ submitted_at: at, updated_at: at }).where('id', '=', input.id));
    recordTimelineEvent(sql, {
      orderId: input.id, at, actor: actor.name, kind: 'order.submitted',
      message: input.order ? `Draft ${row.number} edited and submitted` : `Draft ${row.number} submitted`,
    });
    routeOrder(sql, input.id, actor.name, at);
    runVerification(sql, input.id, actor.name, at);
  });
  return getOrder(deps, input.id);
}

/**
 * A cancelled order takes no money: a card action still on its way must finish first (it may already have
 * reached Stripe), and each waiting authorization is released through the outbox, in this transaction.
 * Money already captured stays until a person refunds it: that is a decision, not a side effect of cancelling.
 */
function releaseCardAuthorizations(sql: Sql, orderId: number, number: string, at: number): void {
  const busy = sql.first(sql.qb.selectFrom('outbox').select('kind').where('order_id', '=', orderId)
    .where('kind', 'in', ['stripe.capture', 'stripe.refund', 'stripe.cancel']).where('status', 'in', ['pending', 'in_flight', 'failed', 'unknown']));
  if (busy) {
    throw new DeskError('invalid_state', `A card ${busy.kind.replace('stripe.', '')} on order ${number} is still on its way; wait for it to finish before cancelling.`);
  }
  const authorizations = sql.all(sql.qb.selectFrom('payments').select(['id', 'stripe_payment_intent_id'])
    .where('order_id', '=', orderId).where('status', '=', 'authorized').where('stripe_payment_intent_id', 'is not', null));
  for (const payment of authorizations) {
    enqueueOutbox(sql, { kind: 'stripe.cancel', orderId, paymentId: payment.id, payload: { intentId: payment.stripe_payment_intent_id } }, at);
  }
}

export function cancelOrder(deps: ServiceDeps, input: ProcedureParsedInput<'orders.cancel'>, actor: Actor): OrderDetail {
  const { sql } = deps;
  const at = deps.now();
  sql.transaction(() => {
    const row = loadForChange(sql, input.id);
    if (row.cancelled_at !== null) throw new DeskError('invalid_state', `Order ${row.number} is already cancelled.`);
    if (!canCancel({ cancelled: false, fulfillmentStatus: row.fulfillment_status })) {
      throw new DeskError('invalid_state', `Order ${row.number} has already shipped; handle it as a return instead.`);
    }
    releaseCardAuthorizations(sql, input.id, row.number, at);
    withdrawSupplierOrders(sql, input.id, actor.name, at);
    sql.run(sql.qb.updateTable('orders').set({ cancelled_at: at, updated_at: at }).where('id', '=', input.id));
    recordTimelineEvent(sql, { orderId: input.id, at, actor: actor.name, kind: 'order.cancelled', message: `Order ${row.number} cancelled`, reason: input.reason });
    refreshStage(sql, input.id);
  });
  return getOrder(deps, input.id);
}

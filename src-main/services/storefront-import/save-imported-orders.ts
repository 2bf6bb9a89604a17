/**
 * Saves storefront orders into the desk, inside the caller's transaction: new ones are inserted, known ones
 * (found by source + external id, the natural key) are updated with the change on their timeline, or — once the
 * desk has sent them to a supplier — left as they are, with the difference on the timeline and a hold so a person
 * passes it on. Used by the file import's worker (one transaction for a whole file) and by the Shopify pull.
 *
 * New orders go through prepared statements (a 100,000-order file is mostly new orders; the query builder's
 * per-row compile would cost more than the insert). Updates are rare and go through the services' own functions,
 * so stage, payment and holds follow the same rules as everywhere else.
 */
import { HOLD_REASON_LABELS } from '../../../src-shared/domain/holds';
import { formatOrderNumber } from '../../../src-shared/domain/order-number';
import { deriveStage } from '../../../src-shared/domain/stage';
import type { ImportedOrder } from '../../../src-shared/domain/storefront-orders';
import type { Sql } from '../../db/query';
import { placeHold } from '../orders/holds';
import { refreshStage } from '../orders/order-stage';
import { refreshOrderPayment } from '../payments/order-payment-state';
import { routeOrder } from '../routing/route-order';
import { runVerification } from '../verification/run-verification';
import { recordTimelineEvent } from '../timeline';
import { planImportedOrder, STOREFRONT_LABELS, type ImportedOrderPlan } from './imported-order-row';
import { describeOrderChanges, type StoredImportedOrder } from './order-differences';

export type SaveOutcome = 'imported' | 'updated' | 'unchanged' | 'held_back';

export interface SaveOptions {
  actor: string;
  now: () => number;
  /** How the order arrived, for its timeline: 'Shopify orders export', 'Shopify'. */
  via: string;
}


const STORED_COLUMNS = `id, number, source, storefront_hash, storefront_updated_at, customer_name, customer_email, customer_phone,
  ship_line1, ship_line2, ship_city, ship_region, ship_postcode, ship_country, currency, shipping_charge, tax_total,
  discount_total, total, notes, payment_status, fulfillment_status, cancelled_at, submitted_at`;

type StoredRow = Omit<StoredImportedOrder, 'lines'> & {
  id: number;
  submitted_at: number | null;
  number: string;
  source: string;
  storefront_hash: string | null;
  storefront_updated_at: string | null;
};

/** Order numbers taken from the counter at a time: one counter write per block, not per order. */
const NUMBER_BLOCK = 500;

/**
 * Call save() for each order inside a transaction, and finish() before it commits (it gives back the order numbers
 * the last block did not use; without it they are skipped, never given twice).
 */
export class ImportedOrderWriter {
  private readonly db: Sql['raw'];
  private readonly variantIds = new Map<string, number | null>();
  private readonly customerIds = new Map<string, number>();
  /** The next number of the reserved block, and the block's last. */
  private nextNumber = 0;
  private lastNumber = -1;
  private readonly statements;

  constructor(private readonly sql: Sql, private readonly options: SaveOptions) {
    this.db = sql.raw;
    const db = this.db;
    this.statements = {
      byKey: db.prepare(`SELECT ${STORED_COLUMNS} FROM orders WHERE source = ? AND external_id = ?`),
      // Every desk numbers from PD-1001: the number alone could name another desk's order, so its time and e-mail must agree.
      byDeskNumber: db.prepare(`SELECT ${STORED_COLUMNS} FROM orders WHERE number = ? AND source IN ('manual', 'demo') AND created_at = ? AND customer_email = ?`),
      lines: db.prepare('SELECT title, sku, quantity, unit_price, line_total FROM order_lines WHERE order_id = ? ORDER BY position'),
      // Any PO past its draft (sent, or even cancelled: its lines keep pointing at the order's) freezes the content.
      withSupplier: db.prepare("SELECT 1 FROM purchase_orders WHERE order_id = ? AND status != 'draft' LIMIT 1"),
      deskPayment: db.prepare("SELECT 1 FROM payments WHERE order_id = ? AND NOT (provider = 'manual' AND method = 'storefront') LIMIT 1"),
      reserveNumbers: db.prepare("UPDATE counters SET value = value + ? WHERE name = 'order_number' RETURNING value"),
      giveBackNumbers: db.prepare("UPDATE counters SET value = ? WHERE name = 'order_number' AND value = ?"),
      variant: db.prepare('SELECT id FROM variants WHERE sku = ?'),
      customer: db.prepare(`INSERT INTO customers (name, email, phone, created_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (email) DO UPDATE SET phone = CASE WHEN customers.phone = '' THEN excluded.phone ELSE customers.phone END
        RETURNING id`),
      insertOrder: db.prepare(`INSERT INTO orders (number, source, external_id, customer_id, customer_name, customer_name_key,
        customer_email, customer_phone, ship_line1, ship_line2, ship_city, ship_region, ship_postcode, ship_country, billing_country,
        currency, subtotal, shipping_charge, tax_total, discount_total, total, payment_status, fulfillment_status, has_exception,
        stage, notes, created_at, updated_at, submitted_at, cancelled_at, closed_at, verified_at, storefront_number,
        storefront_hash, storefront_updated_at)
        VALUES (@number, @source, @external_id, @customer_id, @customer_name, @customer_name_key, @customer_email, @customer_phone,
        @ship_line1, @ship_line2, @ship_city, @ship_region, @ship_postcode, @ship_country, @billing_country, @currency, @subtotal,
        @shipping_charge, @tax_total, @discount_total, @total, @payment_status, @fulfillment_status, 0, @stage, @notes, @created_at,
        @updated_at, @submitted_at, @cancelled_at, NULL, @verified_at, @storefront_number, @storefront_hash, @storefront_updated_at)`),
      insertLine: db.prepare(`INSERT INTO order_lines (order_id, position, title, sku, quantity, unit_price, line_total, variant_id, supplier_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)`),
      insertEvent: db.prepare('INSERT INTO order_events (order_id, at, actor, kind, message, reason, data) VALUES (?, ?, ?, ?, ?, ?, NULL)'),
      insertPayment: db.prepare(`INSERT INTO payments (order_id, provider, method, reference, status, currency, amount_authorized,
        amount_captured, amount_refunded, created_at, updated_at) VALUES (?, 'manual', 'storefront', ?, 'captured', ?, ?, ?, ?, ?, ?)`),
      storefrontPayment: db.prepare("SELECT id, amount_captured, amount_refunded FROM payments WHERE order_id = ? AND provider = 'manual' AND method = 'storefront'"),
      anyPayment: db.prepare('SELECT 1 FROM payments WHERE order_id = ? LIMIT 1'),
      insertHold: db.prepare('INSERT INTO order_holds (order_id, reason, note, placed_at, placed_by) VALUES (?, ?, ?, ?, ?)'),
      deleteOrder: db.prepare('DELETE FROM orders WHERE id = ?'),
      // The update path (rare next to inserts, but a re-import of a changed day may update thousands).
      deleteDraftPos: db.prepare("DELETE FROM purchase_orders WHERE order_id = ? AND status = 'draft'"),
      updateOrder: db.prepare(`UPDATE orders SET customer_name = @customer_name, customer_name_key = @customer_name_key, customer_email = @customer_email,
        customer_phone = @customer_phone, ship_line1 = @ship_line1, ship_line2 = @ship_line2, ship_city = @ship_city,
        ship_region = @ship_region, ship_postcode = @ship_postcode, ship_country = @ship_country, billing_country = @billing_country,
        currency = @currency, subtotal = @subtotal, shipping_charge = @shipping_charge, tax_total = @tax_total,
        discount_total = @discount_total, total = @total, notes = @notes, storefront_number = @storefront_number,
        fulfillment_status = @fulfillment_status, cancelled_at = @cancelled_at, verified_at = @verified_at,
        storefront_hash = @storefront_hash, storefront_updated_at = @storefront_updated_at,
        updated_at = @updated_at WHERE id = @id`),
      deleteLines: db.prepare('DELETE FROM order_lines WHERE order_id = ?'),
      updatePayment: db.prepare('UPDATE payments SET amount_authorized = ?, amount_captured = ?, amount_refunded = ?, currency = ?, updated_at = ? WHERE id = ?'),
      setPaymentStatus: db.prepare('UPDATE orders SET payment_status = ? WHERE id = ?'),
      appendToOpenHold: db.prepare("UPDATE order_holds SET note = note || ? WHERE order_id = ? AND reason = 'OTHER' AND released_at IS NULL"),
      // A copy without a time (a file) clears the stored one: the next API copy is then compared by content, not skipped as older.
      touch: db.prepare('UPDATE orders SET storefront_hash = ?, storefront_updated_at = ? WHERE id = ?'),
    };
  }

  /** Gives back the reserved numbers no order took, so the next order typed in follows the last one imported. */
  finish(): void {
    if (this.lastNumber >= this.nextNumber) this.statements.giveBackNumbers.run(this.nextNumber - 1, this.lastNumber);
    this.nextNumber = 0;
    this.lastNumber = -1;
  }

  private takeNumber(): number {
    if (this.nextNumber > this.lastNumber) {
      this.lastNumber = (this.statements.reserveNumbers.get(NUMBER_BLOCK) as { value: number }).value;
      this.nextNumber = this.lastNumber - NUMBER_BLOCK + 1;
    }
    const number = this.nextNumber;
    this.nextNumber += 1;
    return number;
  }

  /** The customer of this e-mail (made on first sight), remembered for the rest of the file. */
  private customerId(plan: ImportedOrderPlan, at: number): number | null {
    const { customer_email: email, customer_name: name, customer_phone: phone } = plan.columns;
    if (email === '') return null;
    const key = email.toLowerCase();
    let id = this.customerIds.get(key);
    if (id === undefined) {
      id = (this.statements.customer.get(name, email, phone, at) as { id: number }).id;
      this.customerIds.set(key, id);
    }
    return id;
  }

  /** Saves one order; throws only for what the database refuses (the caller's transaction then decides). */
  save(order: ImportedOrder): SaveOutcome {
    const at = this.options.now();
    const plan = planImportedOrder(order, at);
    const stored = (order.deskNumber ? this.statements.byDeskNumber.get(order.deskNumber, plan.createdAt, plan.columns.customer_email) : undefined)
      ?? this.statements.byKey.get(order.source, order.externalId);
    if (stored === undefined) {
      // A refused order keeps its number taken (a gap, never a repeat): the counter's block stays reserved.
      this.insert(order, plan, at);
      return 'imported';
    }
    // Updates go through the services' functions, many statements: a savepoint keeps a refused one whole.
    return this.db.transaction(() => this.update(stored as StoredRow, order, plan, at))();
  }

  private variantId(sku: string): number | null {
    if (sku === '') return null;
    let id = this.variantIds.get(sku);
    if (id === undefined) {
      id = (this.statements.variant.get(sku) as { id: number } | undefined)?.id ?? null;
      this.variantIds.set(sku, id);
    }
    return id;
  }

  private writeLines(orderId: number, plan: ImportedOrderPlan): void {
    plan.lines.forEach((line, position) => {
      this.statements.insertLine.run(orderId, position, line.title, line.sku, line.quantity, line.unit_price, line.line_total, this.variantId(line.sku));
    });
  }

  private event(orderId: number, at: number, kind: string, message: string, reason: string | null = null): void {
    this.statements.insertEvent.run(orderId, at, this.options.actor, kind, message, reason);
  }

  private insert(order: ImportedOrder, plan: ImportedOrderPlan, at: number): void {
    const { statements: s } = this;
    const sequence = this.takeNumber();
    const customer = this.customerId(plan, at);
    const highRisk = order.riskLevel === 'high' && plan.needsChecks;
    const stage = deriveStage({
      submitted: true, cancelled: plan.cancelledAt !== null, paymentStatus: plan.paymentStatus,
      fulfillmentStatus: plan.fulfillmentStatus, openHolds: highRisk ? 1 : 0, hasException: false,
    });
    const orderId = Number(s.insertOrder.run({
      ...plan.columns,
      number: formatOrderNumber(sequence),
      source: order.source,
      external_id: order.externalId,
      customer_id: customer,
      payment_status: plan.paymentStatus,
      fulfillment_status: plan.fulfillmentStatus,
      stage,
      created_at: plan.createdAt,
      updated_at: at,
      submitted_at: plan.createdAt,
      cancelled_at: plan.cancelledAt,
      // History (shipped or cancelled in the storefront) has nothing left to check; the rest waits for the checks.
      verified_at: plan.needsChecks ? null : at,
      storefront_hash: plan.fingerprint,
      storefront_updated_at: order.updatedAt ?? null,
    }).lastInsertRowid);
    try {
      this.writeOrderDetails(orderId, order, plan, at, highRisk);
    } catch (error) {
      // No savepoint per order (it cost a tenth of a big import): the order's own rows go with it instead.
      s.deleteOrder.run(orderId);
      throw error;
    }
  }

  private writeOrderDetails(orderId: number, order: ImportedOrder, plan: ImportedOrderPlan, at: number, highRisk: boolean): void {
    const { statements: s } = this;
    this.writeLines(orderId, plan);
    const p = plan.payment;
    // One timeline entry for the arrival and the money the storefront took: a big import writes one, not two.
    this.event(orderId, at, 'order.imported', `Imported from ${this.options.via} (${order.number})`
      + (p ? `; paid in ${STOREFRONT_LABELS[order.source]}, reference ${p.reference}` : ''));
    if (p) s.insertPayment.run(orderId, p.reference, plan.columns.currency, p.captured, p.captured, p.refunded, p.at, at);
    if (order.paymentState === 'partially_refunded') this.event(orderId, at, 'payment.note', `${STOREFRONT_LABELS[order.source]} reports a partial refund; its amount is not in the import`);
    if (plan.cancelledAt !== null) this.event(orderId, at, 'order.cancelled', `Cancelled in ${STOREFRONT_LABELS[order.source]}`);
    if (highRisk) {
      const note = `${STOREFRONT_LABELS[order.source]} rates this order's fraud risk high`;
      s.insertHold.run(orderId, 'HIGH_RISK_OF_FRAUD', note, at, this.options.actor);
      this.event(orderId, at, 'order.hold_placed', `On hold: ${HOLD_REASON_LABELS.HIGH_RISK_OF_FRAUD}`, note);
    }
  }

  private update(stored: StoredRow, order: ImportedOrder, plan: ImportedOrderPlan, at: number): SaveOutcome {
    const { statements: s } = this;
    if (stored.storefront_hash === plan.fingerprint) return 'unchanged';
    // An older copy (an API page read before a later change was saved) never overwrites a newer one. Equal times
    // are compared by content: Shopify's times have whole seconds, and an order may change twice within one.
    if (order.updatedAt && stored.storefront_updated_at && order.updatedAt < stored.storefront_updated_at) return 'unchanged';
    const lines = s.lines.all(stored.id) as StoredImportedOrder['lines'];
    // The desk's own orders (its export read back) keep their own payments: the file's payment state is a summary.
    const ownOrder = stored.source === 'manual' || stored.source === 'demo';
    const changes = describeOrderChanges({ ...stored, lines }, plan, { payment: !ownOrder });
    if (changes.length === 0) {
      if (!ownOrder) s.touch.run(plan.fingerprint, order.updatedAt ?? null, stored.id);
      return 'unchanged';
    }
    const label = STOREFRONT_LABELS[order.source];
    const withSupplier = s.withSupplier.get(stored.id) !== undefined || stored.fulfillment_status !== 'unfulfilled';
    if (withSupplier) {
      // Remembered, so the same difference is told once, not at every import (the desk's own orders carry no fingerprint).
      if (!ownOrder) s.touch.run(plan.fingerprint, order.updatedAt ?? null, stored.id);
      this.event(stored.id, at, 'order.storefront_changed', `Changed in ${label} after it went to the supplier: not applied`, changes.join('\n'));
      const placed = placeHold(this.sql, stored.id, 'OTHER',
        `Changed in ${label} after it went to the supplier. Pass this on to the supplier (or cancel there), then release the hold:\n${changes.join('\n')}`,
        this.options.actor, at);
      // A hold still open from an earlier change: the new one is added to it, so the person sees both.
      if (!placed) {
        s.appendToOpenHold.run(`\nThen changed again in ${label}:\n${changes.join('\n')}`, stored.id);
      }
      refreshStage(this.sql, stored.id);
      return 'held_back';
    }
    this.applyChanges(stored, order, plan, at, !ownOrder);
    this.event(stored.id, at, 'order.storefront_updated', `Updated from ${this.options.via} (${order.number})`, changes.join('\n'));
    return 'updated';
  }

  private applyChanges(stored: StoredRow, order: ImportedOrder, plan: ImportedOrderPlan, at: number, withPayment: boolean): void {
    const { statements: s } = this;
    // Draft supplier orders were made from the old lines; they are made again from the new ones when needed.
    s.deleteDraftPos.run(stored.id);
    const c = plan.columns;
    s.updateOrder.run({
      ...c,
      id: stored.id,
      fulfillment_status: plan.fulfillmentStatus,
      cancelled_at: plan.cancelledAt === null ? null : (stored.cancelled_at ?? plan.cancelledAt),
      verified_at: plan.needsChecks ? null : at,
      // The desk's own orders never get a storefront fingerprint: it marks orders for the imported-order checks.
      storefront_hash: withPayment ? plan.fingerprint : null,
      storefront_updated_at: order.updatedAt ?? null,
      updated_at: at,
    });
    s.deleteLines.run(stored.id);
    this.writeLines(stored.id, plan);
    if (withPayment) {
      this.syncPayment(stored.id, plan, at);
      return;
    }
    // One of the desk's own orders, changed through its export: checked again now, as an edit by hand would be.
    if (stored.submitted_at !== null && plan.needsChecks) {
      routeOrder(this.sql, stored.id, this.options.actor, at);
      runVerification(this.sql, stored.id, this.options.actor, at);
    } else {
      refreshStage(this.sql, stored.id);
    }
  }

  /** The storefront's payment follows the storefront; payments the desk took itself are left alone. */
  private syncPayment(orderId: number, plan: ImportedOrderPlan, at: number): void {
    const { statements: s } = this;
    // Money the desk took itself (cash, a card through Stripe) is the truth for this order: the storefront's word is not added.
    if (s.deskPayment.get(orderId) !== undefined) {
      refreshOrderPayment(this.sql, orderId, this.options.actor, at);
      return;
    }
    const existing = s.storefrontPayment.get(orderId) as { id: number; amount_captured: number; amount_refunded: number } | undefined;
    const p = plan.payment;
    if (p && !existing) {
      s.insertPayment.run(orderId, p.reference, plan.columns.currency, p.captured, p.captured, p.refunded, p.at, at);
    } else if (p && existing && (existing.amount_captured !== p.captured || existing.amount_refunded !== p.refunded)) {
      s.updatePayment.run(p.captured, p.captured, p.refunded, plan.columns.currency, at, existing.id);
    }
    if (s.anyPayment.get(orderId) === undefined) {
      // No money recorded anywhere: the storefront's own word (pending, voided…) is the payment state.
      s.setPaymentStatus.run(plan.paymentStatus, orderId);
      refreshStage(this.sql, orderId);
    } else {
      refreshOrderPayment(this.sql, orderId, this.options.actor, at);
    }
  }
}

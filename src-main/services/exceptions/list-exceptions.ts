import { HOLD_REASON_LABELS } from '../../../src-shared/domain/holds';
import type { ExceptionItem, ExceptionList } from '../../../src-shared/domain/exceptions';
import { TRACKING_STATUS_LABELS } from '../../../src-shared/domain/tracking/statuses';
import type { Sql } from '../../db/query';
import { readSettings } from '../settings';

/** What a stuck outbox row was doing, in the shop's words (supplier orders are named by their PO). */
const OUTBOX_KIND_LABELS: Record<string, string> = { 'customer.email': 'Customer e-mail', 'shopify.fulfillment': 'Tracking to Shopify' };

const iso = (ms: number) => new Date(ms).toISOString();
const DAY_MS = 86_400_000;

type OrderRef = { orderId: number; orderNumber: string; customerName: string };

/** Open holds, each with the action its reason calls for (a rejection is rerouted, an expiring card captured…). */
function holdItems(sql: Sql): ExceptionItem[] {
  const holds = sql.all(sql.qb.selectFrom('order_holds').innerJoin('orders', 'orders.id', 'order_holds.order_id')
    .select(['order_holds.id', 'order_holds.reason', 'order_holds.note', 'order_holds.placed_at', 'orders.id as order_id', 'orders.number', 'orders.customer_name'])
    .where('order_holds.released_at', 'is', null).where('orders.cancelled_at', 'is', null));
  return holds.map((hold) => {
    const ref: OrderRef = { orderId: hold.order_id, orderNumber: hold.number, customerName: hold.customer_name };
    const base = { key: `hold:${hold.id}`, ...ref, since: iso(hold.placed_at), reason: hold.note || HOLD_REASON_LABELS[hold.reason] };
    const release = { kind: 'release_hold' as const, label: 'Release hold…', needsNote: true, holdId: hold.id };
    if (hold.reason === 'SUPPLIER_REJECTED' || hold.reason === 'INVENTORY_OUT_OF_STOCK') {
      const lineStatus = hold.reason === 'SUPPLIER_REJECTED' ? 'rejected' : 'backordered';
      const po = sql.first(sql.qb.selectFrom('purchase_orders').innerJoin('po_lines', 'po_lines.po_id', 'purchase_orders.id')
        .select('purchase_orders.id').where('purchase_orders.order_id', '=', hold.order_id).where('po_lines.status', '=', lineStatus)
        .orderBy('purchase_orders.id', 'desc').limit(1));
      const kind = hold.reason === 'SUPPLIER_REJECTED' ? 'supplier_rejected' as const : 'backordered' as const;
      return { ...base, kind, action: po ? { kind: 'reroute' as const, label: 'Move to next supplier', needsNote: false, poId: po.id } : release };
    }
    if (hold.reason === 'AUTHORIZATION_EXPIRING') {
      const payment = sql.first(sql.qb.selectFrom('payments').select('id').where('order_id', '=', hold.order_id).where('status', '=', 'authorized').orderBy('id', 'desc').limit(1));
      if (payment) return { ...base, kind: 'authorization_expiring' as const, action: { kind: 'capture' as const, label: 'Capture now…', needsNote: false, paymentId: payment.id } };
    }
    return { ...base, kind: 'hold' as const, action: release };
  });
}

/** Side effects that need a person: dead (a permanent refusal) or unknown (cut off mid-send). */
function outboxItems(sql: Sql): ExceptionItem[] {
  const rows = sql.all(sql.qb.selectFrom('outbox').innerJoin('orders', 'orders.id', 'outbox.order_id')
    .leftJoin('purchase_orders', 'purchase_orders.id', 'outbox.po_id')
    .select(['outbox.id', 'outbox.kind', 'outbox.status', 'outbox.last_error', 'outbox.updated_at', 'outbox.po_id',
      'purchase_orders.number as po_number', 'purchase_orders.status as po_status', 'orders.id as order_id', 'orders.number', 'orders.customer_name'])
    .where('outbox.status', 'in', ['dead', 'unknown']));
  return rows
    // A PO a person has since withdrawn or decided on is no longer stuck, whatever its old row says.
    .filter((row) => row.po_id === null || row.po_status === 'on_hold' || row.po_status === 'unknown')
    .map((row) => {
      const what = row.po_number ? `Supplier order ${row.po_number}` : OUTBOX_KIND_LABELS[row.kind] ?? (row.kind.startsWith('stripe') ? 'Card payment action' : row.kind);
      const unknown = row.status === 'unknown';
      const reason = `${what}: ${unknown ? 'the desk cannot tell whether it went out' : 'could not be sent'}${row.last_error ? ` — ${row.last_error}` : ''}`;
      const action = unknown && row.po_id !== null
        ? { kind: 'resolve_unknown_po' as const, label: 'Decide…', needsNote: true, poId: row.po_id }
        : { kind: 'retry_outbox' as const, label: unknown ? 'Send again' : 'Try again', needsNote: false, outboxId: row.id };
      return {
        key: `outbox:${row.id}`, kind: unknown ? 'outbox_unknown' as const : 'outbox_dead' as const,
        orderId: row.order_id, orderNumber: row.number, customerName: row.customer_name, reason, since: iso(row.updated_at), action,
      };
    });
}

/** Parcels the carrier reports in trouble, or that went quiet too long, and nobody has marked handled. */
function trackingItems(sql: Sql, now: number, expireDays: number): ExceptionItem[] {
  const cutoff = now - expireDays * DAY_MS;
  const parcels = sql.all(sql.qb.selectFrom('shipments').innerJoin('orders', 'orders.id', 'shipments.order_id')
    .select(['shipments.id', 'shipments.status', 'shipments.tracking_number', 'shipments.carrier_name', 'shipments.last_event_at', 'shipments.registered_at',
      'shipments.updated_at', 'orders.id as order_id', 'orders.number', 'orders.customer_name'])
    .where('shipments.handled_at', 'is', null).where('shipments.status', '!=', 'delivered')
    .where((eb) => eb.or([
      eb('shipments.status', 'in', ['exception', 'attempt_fail']),
      eb(eb.fn.coalesce('shipments.last_event_at', 'shipments.registered_at'), '<=', cutoff),
    ])));
  return parcels.map((parcel) => {
    const lastNews = parcel.last_event_at ?? parcel.registered_at;
    const quiet = lastNews <= cutoff;
    const latest = sql.first(sql.qb.selectFrom('tracking_events').select('message').where('shipment_id', '=', parcel.id).orderBy('occurred_ms', 'desc').limit(1));
    const reason = quiet && parcel.status !== 'exception' && parcel.status !== 'attempt_fail'
      ? `Parcel ${parcel.tracking_number} (${parcel.carrier_name}): no news for ${Math.floor((now - lastNews) / DAY_MS)} days`
      : `Parcel ${parcel.tracking_number} (${parcel.carrier_name}): ${TRACKING_STATUS_LABELS[parcel.status].toLowerCase()}${latest?.message ? ` — ${latest.message}` : ''}`;
    return {
      key: `shipment:${parcel.id}`, kind: 'tracking_trouble' as const,
      orderId: parcel.order_id, orderNumber: parcel.number, customerName: parcel.customer_name,
      reason, since: iso(quiet ? lastNews : parcel.updated_at),
      action: { kind: 'handle_shipment' as const, label: 'Mark handled…', needsNote: true, shipmentId: parcel.id },
    };
  });
}

/** Items sent to the screen at most: the oldest first; the total says how many there are in all. */
export const EXCEPTION_LIST_LIMIT = 500;

/** Everything that needs a person, oldest first (the first `limit`), and how many there are. */
export function listExceptions(sql: Sql, now: number, limit = EXCEPTION_LIST_LIMIT): ExceptionList {
  const items = [...holdItems(sql), ...outboxItems(sql), ...trackingItems(sql, now, readSettings(sql).trackingExpireDays)]
    .sort((a, b) => a.since.localeCompare(b.since) || a.key.localeCompare(b.key));
  const byKind: ExceptionList['byKind'] = {};
  for (const item of items) byKind[item.kind] = (byKind[item.kind] ?? 0) + 1;
  return { items: items.slice(0, limit), total: items.length, byKind };
}

/**
 * How many items listExceptions would give, by counting rows with the same filters instead of building the items:
 * the sidebar asks after every change, and a big shop has thousands (a seeded 100,000-order desk: 8,000).
 */
export function countExceptions(sql: Sql, now: number): number {
  const count = (row: { n: number | bigint } | undefined) => Number(row?.n ?? 0);
  const holds = count(sql.first(sql.qb.selectFrom('order_holds').innerJoin('orders', 'orders.id', 'order_holds.order_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('order_holds.released_at', 'is', null).where('orders.cancelled_at', 'is', null)));
  const stuck = count(sql.first(sql.qb.selectFrom('outbox').innerJoin('orders', 'orders.id', 'outbox.order_id')
    .leftJoin('purchase_orders', 'purchase_orders.id', 'outbox.po_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('outbox.status', 'in', ['dead', 'unknown'])
    .where((eb) => eb.or([eb('outbox.po_id', 'is', null), eb('purchase_orders.status', 'in', ['on_hold', 'unknown'])]))));
  const cutoff = now - readSettings(sql).trackingExpireDays * DAY_MS;
  const parcels = count(sql.first(sql.qb.selectFrom('shipments').innerJoin('orders', 'orders.id', 'shipments.order_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('shipments.handled_at', 'is', null).where('shipments.status', '!=', 'delivered')
    .where((eb) => eb.or([
      eb('shipments.status', 'in', ['exception', 'attempt_fail']),
      eb(eb.fn.coalesce('shipments.last_event_at', 'shipments.registered_at'), '<=', cutoff),
    ]))));
  return holds + stuck + parcels;
}

/**
 * The supplier-orders panel's words and choices: which buttons a PO offers in its status, how its delivery
 * through the outbox reads, and what a line's answer says. The states and their moves are the core's
 * (src-shared/domain/supplier-orders.ts); this only decides what a person is offered to do next.
 */
import type { OrderDetail } from '../../../src-shared/domain/order';
import {
  PO_ANSWERABLE_STATUSES, PO_LINE_STATUS_LABELS, PO_REJECTION_REASON_LABELS, PO_STATUS_LABELS, PO_WITHDRAWABLE_STATUSES, type PoDelivery, type PoLineView, type PoStatus, type SupplierOrderView,
} from '../../../src-shared/domain/supplier-orders';
import { formatDateTime, formatRelative } from '../../components/format';

/** What a person can do with one PO from the panel. */
export type PoAction = 'preview' | 'answer' | 'refresh' | 'resolveUnknown' | 'retry' | 'reroute' | 'withdraw';

/** A person types the answer of an e-mail supplier once the PO is with them (an unknown send has its own decision first). */
const ANSWERABLE: readonly PoStatus[] = PO_ANSWERABLE_STATUSES.filter((status) => status !== 'unknown');
/** An API supplier is asked while its answer is awaited, and to settle a send that was cut off. */
const CHECKABLE: readonly PoStatus[] = ['sent', 'unknown'];
/** Lines the supplier did not take now can go to the next supplier once they answered. */
const REROUTABLE: readonly PoStatus[] = ['acknowledged', 'rejected'];
/** A PO that never reached its supplier can be taken back (not while it is on the wire); a draft is simply not sent. */
const WITHDRAWABLE: readonly PoStatus[] = PO_WITHDRAWABLE_STATUSES.filter((status) => status !== 'draft');

/** Lines still on this PO (the ones moved to another supplier are on that one's PO now). */
export function ownLines(po: Pick<SupplierOrderView, 'lines'>): PoLineView[] {
  return po.lines.filter((line) => line.status !== 'rerouted');
}

/** Lines the supplier rejected or backordered: what "Move to next supplier" takes away. */
export function linesToReroute(po: Pick<SupplierOrderView, 'lines'>): PoLineView[] {
  return po.lines.filter((line) => line.status === 'rejected' || line.status === 'backordered');
}

/** The buttons a PO shows, in the order they appear. */
export function poActions(po: SupplierOrderView): PoAction[] {
  const actions: PoAction[] = [];
  if (po.status === 'draft') actions.push('preview');
  if (po.channel === 'email' && ANSWERABLE.includes(po.status) && ownLines(po).length > 0) actions.push('answer');
  if (po.channel === 'api' && CHECKABLE.includes(po.status)) actions.push('refresh');
  // An unknown e-mail is never resent blindly: a person decides. An API supplier can be asked instead.
  if (po.channel === 'email' && po.status === 'unknown') actions.push('resolveUnknown');
  if (po.status === 'on_hold' && po.delivery?.status === 'dead') actions.push('retry');
  if (REROUTABLE.includes(po.status) && linesToReroute(po).length > 0) actions.push('reroute');
  if (WITHDRAWABLE.includes(po.status) && po.delivery?.status !== 'in_flight') actions.push('withdraw');
  return actions;
}

/** "E-mail to orders@paws.example" or "API · api.paws.example". */
export function channelText(po: Pick<SupplierOrderView, 'channel' | 'destination'>): string {
  if (po.channel === 'email') return po.destination ? `E-mail to ${po.destination}` : 'E-mail (no order address set)';
  return po.destination ? `API · ${po.destination}` : 'API';
}

/** A sentence under the status badge when the status alone does not say what is going on or what to do. */
export function statusExplanation(po: Pick<SupplierOrderView, 'status' | 'channel'>): string | null {
  switch (po.status) {
    case 'draft':
      return 'Not sent yet. Preview it, then send it with the others.';
    case 'queued':
      return 'In the outbox: it goes out by itself as soon as the desk is online.';
    case 'unknown':
      return po.channel === 'email'
        ? 'The desk stopped or the connection broke while this e-mail was being sent; the supplier may or may not have it.'
        : 'The desk stopped or the connection broke while this order was being sent to the supplier’s API; “Check now” asks the supplier whether they have it.';
    case 'on_hold':
      return 'The desk gave up sending it. Fix the cause below, then try again.';
    default:
      return null;
  }
}

export type DeliveryTone = 'waiting' | 'working' | 'failed';

const tries = (n: number) => `${n} ${n === 1 ? 'try' : 'tries'}`;

/**
 * Where the PO's e-mail or API call is in the outbox, while it is not done: attempts, the last error and when
 * the next try is due. Null once delivered (the status says the rest).
 */
export function deliveryText(delivery: PoDelivery | null, now: number = Date.now()): { tone: DeliveryTone; text: string; title?: string } | null {
  if (!delivery || delivery.status === 'done') return null;
  const error = delivery.lastError ? `: ${delivery.lastError}` : '';
  switch (delivery.status) {
    case 'pending':
      return delivery.attempts === 0
        ? { tone: 'waiting', text: 'Waiting in the outbox to be sent' }
        : { tone: 'waiting', text: `Waiting to be sent again (${tries(delivery.attempts)} so far)${error}` };
    case 'in_flight':
      return { tone: 'working', text: 'Sending…' };
    case 'failed': {
      const next = delivery.nextAttemptAt ? ` Next try ${formatRelative(delivery.nextAttemptAt, now)}.` : ' It is tried again automatically.';
      return {
        tone: 'waiting',
        text: `Not sent yet (${tries(delivery.attempts)})${error}.${next}`,
        ...(delivery.nextAttemptAt ? { title: `Next try ${formatDateTime(delivery.nextAttemptAt)}` } : {}),
      };
    }
    case 'dead':
      return { tone: 'failed', text: `Gave up after ${tries(delivery.attempts)}${error}` };
    case 'unknown':
      return { tone: 'failed', text: `The send was cut off after ${tries(delivery.attempts)}${error}` };
  }
}

const isoDay = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** A YYYY-MM-DD day as the person's locale writes it; read as UTC so no time zone moves it a day. */
export function formatDay(day: string | null): string {
  if (!day) return '';
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : isoDay.format(date);
}

/** Statuses in which the supplier has not got the PO (yet): its lines are not waiting for anyone. */
const NOT_WITH_SUPPLIER: readonly PoStatus[] = ['draft', 'queued', 'on_hold', 'cancelled'];

/** "Backordered — expected 24 Dec 2026", "Rejected: Out of stock", "Confirmed"; "Not sent yet" before the supplier has it. */
export function lineStatusText(line: Pick<PoLineView, 'status' | 'expectedDate' | 'rejectionReason'>, poStatus?: PoStatus): string {
  if (line.status === 'pending' && poStatus !== undefined && NOT_WITH_SUPPLIER.includes(poStatus)) return poStatus === 'cancelled' ? '—' : 'Not sent yet';
  const label = PO_LINE_STATUS_LABELS[line.status];
  if (line.status === 'backordered') return line.expectedDate ? `${label} — expected ${formatDay(line.expectedDate)}` : label;
  if (line.status === 'rejected' && line.rejectionReason) return `${label}: ${PO_REJECTION_REASON_LABELS[line.rejectionReason]}`;
  return label;
}

/** "Checked 2 minutes ago" for an API PO, or that the desk has not asked yet. */
export function checkedText(lastCheckedAt: string | null, now: number = Date.now()): string {
  return lastCheckedAt ? `Checked ${formatRelative(lastCheckedAt, now)}` : 'Not checked yet';
}

export function draftsOf(order: Pick<OrderDetail, 'supplierOrders'>): SupplierOrderView[] {
  return order.supplierOrders.filter((po) => po.status === 'draft');
}

const purchaseOrders = (n: number) => `${n} purchase order${n === 1 ? '' : 's'}`;

/** The send button says how many go: "Send 1 purchase order", "Send 3 purchase orders". */
export function sendLabel(count: number): string {
  return `Send ${purchaseOrders(count)}`;
}

/** After sending: how many went out at once and how many wait in the outbox (offline, or being sent). */
export function sendNotice(order: Pick<OrderDetail, 'supplierOrders'>, sentIds: readonly number[]): string {
  const sent = order.supplierOrders.filter((po) => sentIds.includes(po.id));
  const waiting = sent.filter((po) => po.status === 'queued').length;
  const out = sent.length - waiting;
  if (sent.length === 0) return 'Purchase orders queued.';
  if (waiting === 0) return `${purchaseOrders(out)} sent.`;
  const queued = `${purchaseOrders(waiting)} queued: ${waiting === 1 ? 'it goes' : 'they go'} out by ${waiting === 1 ? 'itself' : 'themselves'} when the desk is online.`;
  return out === 0 ? queued : `${purchaseOrders(out)} sent, ${queued}`;
}

/** What "Move to next supplier" will do, in words, for its confirmation. */
export function rerouteText(po: Pick<SupplierOrderView, 'number' | 'lines' | 'supplier'>): string {
  const moving = linesToReroute(po);
  const staying = po.lines.filter((line) => line.status === 'confirmed').length;
  const what = moving.length === 1 ? 'The rejected or backordered line moves' : `The ${moving.length} rejected or backordered lines move`;
  const keeps = staying === 0 ? '' : ` ${po.number} keeps the ${staying === 1 ? 'line' : `${staying} lines`} ${po.supplier.name} confirmed.`;
  // A backorder is still planned by the supplier: moving it elsewhere means someone must call it off there.
  const backordered = moving.filter((line) => line.status === 'backordered').length;
  const backorders = backordered > 0
    ? ` Let ${po.supplier.name} know the backordered ${backordered === 1 ? 'line has' : 'lines have'} moved, so they do not ship ${backordered === 1 ? 'it' : 'them'} later.`
    : '';
  const them = moving.length === 1 ? 'it' : 'them';
  return `${what} to a new draft purchase order for the next supplier that has ${them} in stock; nothing is sent until you send it.${keeps}${backorders}`;
}

/** "12.3 KB" for an attachment. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const poById = (order: Pick<OrderDetail, 'supplierOrders'>, poId: number) => order.supplierOrders.find((po) => po.id === poId) ?? null;

/** After "Check now": what the supplier's API said, or that there is no news yet. */
export function refreshNotice(before: Pick<SupplierOrderView, 'id' | 'status' | 'supplier'>, order: Pick<OrderDetail, 'supplierOrders'>): string {
  const after = poById(order, before.id);
  if (!after) return `Checked with ${before.supplier.name}.`;
  return after.status === before.status
    ? `Checked with ${after.supplier.name}: no news yet.`
    : `Checked with ${after.supplier.name}: ${after.number} is now “${PO_STATUS_LABELS[after.status]}”.`;
}

/** After "Move to next supplier": the new draft(s) and who they go to. */
export function rerouteNotice(beforeIds: readonly number[], order: Pick<OrderDetail, 'supplierOrders'>): string {
  const made = order.supplierOrders.filter((po) => !beforeIds.includes(po.id) && po.status === 'draft');
  if (made.length === 0) return 'The lines were moved.';
  const list = made.map((po) => `${po.number} for ${po.supplier.name}`).join(', ');
  return `Moved to a new draft: ${list}. Preview it, then send it.`;
}

/** After the supplier's answer was recorded. */
export function answerNotice(poId: number, order: Pick<OrderDetail, 'supplierOrders'>): string {
  const po = poById(order, poId);
  return po ? `${po.number}: the supplier’s answer is recorded (${PO_STATUS_LABELS[po.status]}).` : 'The supplier’s answer is recorded.';
}

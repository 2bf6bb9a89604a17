/**
 * The exceptions inbox in words and steps: the order rows are shown in, the kind chips with their counts, the
 * sidebar badge, what each item's one action does (ask for a note, ask to confirm, call at once, or open the order)
 * and the tracking sync line. Pure: the store calls the api, the screen draws.
 */
import type { z } from 'zod';
import {
  EXCEPTION_KIND_LABELS, EXCEPTION_KINDS, type ExceptionItem, type ExceptionKind, type TrackingSyncStatus,
} from '../../../src-shared/domain/exceptions';
import type { ProcedureInput } from '../../../src-shared/contract/procedures';
import { releaseHoldInput } from '../../../src-shared/schemas/processing-procedures';
import { markShipmentHandledInput } from '../../../src-shared/schemas/fulfillment-procedures';
import { formatRelative } from '../../components/format';

// ---------------------------------------------------------------------------------------------------------------
// Counts and labels

/** Above this the sidebar badge says "99+": a wider badge would push the label out of the sidebar. */
export const BADGE_MAX = 99;

/** The sidebar badge: "0" … "99", then "99+". */
export function formatBadgeCount(count: number): string {
  if (!Number.isFinite(count) || count <= 0) return '0';
  const whole = Math.floor(count);
  return whole > BADGE_MAX ? `${BADGE_MAX}+` : String(whole);
}

/** What a screen reader says for the badge (the exact number, even above 99). */
export function badgeLabel(count: number): string {
  if (count <= 0) return 'nothing needs you';
  return `${count.toLocaleString()} ${count === 1 ? 'thing needs' : 'things need'} you`;
}

export function kindLabel(kind: ExceptionKind): string {
  return EXCEPTION_KIND_LABELS[kind] ?? kind;
}

// ---------------------------------------------------------------------------------------------------------------
// Order, filter, selection

function sinceTime(item: ExceptionItem): number {
  const at = Date.parse(item.since);
  return Number.isNaN(at) ? Number.POSITIVE_INFINITY : at;
}

/** Oldest first (it has waited longest); an unreadable date goes last; ties keep a stable order by key. */
export function sortExceptions(items: readonly ExceptionItem[]): ExceptionItem[] {
  return [...items].sort((a, b) => {
    const byTime = sinceTime(a) - sinceTime(b);
    if (byTime !== 0 && !Number.isNaN(byTime)) return byTime;
    return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
  });
}

export interface KindCount {
  kind: ExceptionKind;
  label: string;
  count: number;
}

/**
 * One chip per kind present, in the contract's order of kinds. The core's per-kind totals when it sent them
 * (a big shop has more items than one page), else counted from the items.
 */
export function kindCounts(items: readonly ExceptionItem[], byKind?: Partial<Record<ExceptionKind, number>>): KindCount[] {
  const counts = new Map<ExceptionKind, number>();
  if (byKind) for (const kind of EXCEPTION_KINDS) counts.set(kind, byKind[kind] ?? 0);
  else for (const item of items) counts.set(item.kind, (counts.get(item.kind) ?? 0) + 1);
  return EXCEPTION_KINDS.filter((kind) => (counts.get(kind) ?? 0) > 0).map((kind) => ({ kind, label: kindLabel(kind), count: counts.get(kind) ?? 0 }));
}

export function filterByKind(items: readonly ExceptionItem[], kind: ExceptionKind | null): ExceptionItem[] {
  return kind === null ? [...items] : items.filter((item) => item.kind === kind);
}

/** The rows on screen: sorted, then filtered. */
export function visibleExceptions(items: readonly ExceptionItem[], kind: ExceptionKind | null): ExceptionItem[] {
  return filterByKind(sortExceptions(items), kind);
}

/** j/k: one row down (+1) or up (-1), stopping at the ends; from no selection, the first row. */
export function moveSelection(rows: readonly ExceptionItem[], selectedKey: string | null, delta: number): string | null {
  if (rows.length === 0) return null;
  const index = rows.findIndex((row) => row.key === selectedKey);
  const target = index < 0 ? 0 : Math.min(Math.max(index + delta, 0), rows.length - 1);
  return rows[target]?.key ?? null;
}

/**
 * After a reload: the same item if it is still there (keys are stable), else the row now at the place the old one
 * was, so resolving one item puts the cursor on the next.
 */
export function keepSelection(rows: readonly ExceptionItem[], selectedKey: string | null, oldIndex: number): string | null {
  if (rows.length === 0) return null;
  if (selectedKey !== null && rows.some((row) => row.key === selectedKey)) return selectedKey;
  return rows[Math.min(Math.max(oldIndex, 0), rows.length - 1)]?.key ?? null;
}

// ---------------------------------------------------------------------------------------------------------------
// The one action

/** The procedures an item's action may call, each with its own input. */
export type ExceptionCall =
  | { name: 'holds.release'; input: ProcedureInput<'holds.release'> }
  | { name: 'supplierOrders.reroute'; input: ProcedureInput<'supplierOrders.reroute'> }
  | { name: 'outbox.retry'; input: ProcedureInput<'outbox.retry'> }
  | { name: 'shipments.markHandled'; input: ProcedureInput<'shipments.markHandled'> }
  | { name: 'payments.capture'; input: ProcedureInput<'payments.capture'> };

export type ExceptionStep =
  /** Ask for a note (it goes on the order's timeline), then call. */
  | {
    step: 'note'; testPrefix: string; title: string; placeholder: string; confirmLabel: string; busyLabel: string;
    schema: z.ZodType<string, string>; call(note: string): ExceptionCall;
  }
  /** Ask "are you sure?", then call. */
  | { step: 'confirm'; testPrefix: string; title: string; text: string; confirmLabel: string; busyLabel: string; call: ExceptionCall }
  /** Safe to do at once. */
  | { step: 'call'; call: ExceptionCall }
  /** The decision needs the order's page (what happened to a PO: resend or mark as sent). */
  | { step: 'open'; orderId: number }
  /** The core sent an action without the id it needs: say so rather than call with a wrong one. */
  | { step: 'broken'; message: string };

const validId = (value: number | undefined): value is number => typeof value === 'number' && Number.isInteger(value) && value > 0;

function missing(item: ExceptionItem, what: string): ExceptionStep {
  return { step: 'broken', message: `This item of ${item.orderNumber} does not say which ${what} it is about. Open the order to deal with it.` };
}

/** What pressing the item's button does (the mapping the contract documents on ExceptionActionKind). */
export function exceptionStep(item: ExceptionItem): ExceptionStep {
  const { action } = item;
  switch (action.kind) {
    case 'release_hold': {
      const holdId = action.holdId;
      if (!validId(holdId)) return missing(item, 'hold');
      return {
        step: 'note',
        testPrefix: 'release',
        title: `Release the hold on ${item.orderNumber}?`,
        placeholder: 'e.g. Checked the address with the customer by phone',
        confirmLabel: 'Release hold',
        busyLabel: 'Releasing…',
        schema: releaseHoldInput.shape.note,
        call: (note) => ({ name: 'holds.release', input: { orderId: item.orderId, holdId, note } }),
      };
    }
    case 'reroute': {
      const poId = action.poId;
      if (!validId(poId)) return missing(item, 'supplier order');
      return {
        step: 'confirm',
        testPrefix: 'reroute',
        title: `Move the lines of ${item.orderNumber} to the next supplier?`,
        text: 'The lines this supplier cannot ship go to the next supplier with stock, as a new draft supplier order you send from the order’s page.',
        confirmLabel: 'Move to next supplier',
        busyLabel: 'Moving…',
        call: { name: 'supplierOrders.reroute', input: { poId } },
      };
    }
    case 'retry_outbox': {
      const outboxId = action.outboxId;
      if (!validId(outboxId)) return missing(item, 'message');
      return { step: 'call', call: { name: 'outbox.retry', input: { id: outboxId } } };
    }
    case 'handle_shipment': {
      const shipmentId = action.shipmentId;
      if (!validId(shipmentId)) return missing(item, 'parcel');
      return {
        step: 'note',
        testPrefix: 'handle-shipment',
        title: `Mark the parcel of ${item.orderNumber} as handled?`,
        placeholder: 'e.g. Called the carrier: redelivery on Monday, customer told',
        confirmLabel: 'Mark as handled',
        busyLabel: 'Saving…',
        schema: markShipmentHandledInput.shape.note,
        call: (note) => ({ name: 'shipments.markHandled', input: { shipmentId, note } }),
      };
    }
    case 'capture': {
      const paymentId = action.paymentId;
      if (!validId(paymentId)) return missing(item, 'payment');
      return {
        step: 'confirm',
        testPrefix: 'capture',
        title: `Capture the card payment of ${item.orderNumber} now?`,
        text: 'The amount still due is taken from the card before its authorization lapses. If the order is not ready for it (a supplier has not answered yet), the desk says why and nothing is taken; a different amount is chosen on the order’s page.',
        confirmLabel: 'Capture now',
        busyLabel: 'Capturing…',
        call: { name: 'payments.capture', input: { paymentId } },
      };
    }
    case 'resolve_unknown_po':
      return { step: 'open', orderId: item.orderId };
    default:
      return missing(item, 'action');
  }
}

/** The button's text: the core's label, with "…" when a dialog comes first (the desk's convention). */
export function actionButtonLabel(item: ExceptionItem): string {
  const step = exceptionStep(item).step;
  const label = item.action.label.trim() || 'Open order';
  return (step === 'note' || step === 'confirm') && !label.endsWith('…') ? `${label}…` : label;
}

/** The line shown after an action went through. */
export function doneNotice(item: ExceptionItem, call: ExceptionCall): string {
  switch (call.name) {
    case 'holds.release': return `Hold released on ${item.orderNumber}.`;
    case 'supplierOrders.reroute': return `${item.orderNumber}: the lines moved to the next supplier as a draft supplier order.`;
    case 'outbox.retry': return `${item.orderNumber}: trying again.`;
    case 'shipments.markHandled': return `${item.orderNumber}: the parcel is marked as handled.`;
    case 'payments.capture': return `${item.orderNumber}: the capture is queued; it goes to Stripe as soon as the desk is online.`;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Screen texts

export const EMPTY_TITLE = 'Nothing needs you right now';
export const EMPTY_TEXT = 'Orders on hold, supplier rejections and backorders, messages that could not be sent, parcels in trouble '
  + 'and card authorizations about to expire appear here, each with the one step that resolves it.';

/** The header's count line. */
export function countText(total: number | null, shown: number, loadFailed: boolean): string {
  if (total === null) return loadFailed ? 'Not loaded' : 'Loading…';
  if (total === 0) return 'Nothing waiting';
  const base = `${total.toLocaleString()} ${total === 1 ? 'thing needs' : 'things need'} you, oldest first`;
  return total > shown ? `${base} (the first ${shown.toLocaleString()} shown)` : base;
}

// ---------------------------------------------------------------------------------------------------------------
// Tracking sync

/** Followed on screen by a link "Settings → Parcel tracking". */
export const NO_TRACKING_KEY_HINT = 'No tracking service key: parcels update from supplier APIs and tracking files only';

/** "Last synced 5 minutes ago" or "Never synced". */
export function lastSyncText(status: TrackingSyncStatus | null, now: number = Date.now()): string {
  if (!status) return 'Sync status not known yet';
  if (!status.lastSyncAt) return 'Never synced';
  return `Last synced ${formatRelative(status.lastSyncAt, now)}`;
}

/** The Sync now button: busy while a round runs (started here or by the background timer). */
export function syncButton(status: TrackingSyncStatus | null, starting: boolean): { label: string; disabled: boolean; running: boolean } {
  const running = starting || (status?.running ?? false);
  return { label: running ? 'Syncing…' : 'Sync now', disabled: running, running };
}

/** "Following 3 parcels", or null when none are on their way. */
export function inTransitText(status: TrackingSyncStatus | null): string | null {
  if (!status || status.inTransit <= 0) return null;
  return `Following ${status.inTransit.toLocaleString()} ${status.inTransit === 1 ? 'parcel' : 'parcels'}`;
}

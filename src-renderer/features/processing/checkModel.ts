/**
 * How the verification checklist and the holds read on screen, and what "resolving" an order for review means:
 * every failed check nobody overrode, plus every open hold no such check stands behind (a manual hold, an
 * expiring authorization). Rules about which check fails live in src-shared; this is presentation only.
 */
import { HOLD_REASON_LABELS, type Hold, type HoldReason } from '../../../src-shared/domain/holds';
import type { CheckView, OrderDetail } from '../../../src-shared/domain/order';
import { formatMoney, isCurrencyCode, type Money } from '../../../src-shared/domain/money';
import { CHECK_LABELS } from '../../../src-shared/domain/verification/types';
import { humanize } from '../../components/format';

export function checkLabel(code: string): string {
  return (CHECK_LABELS as Readonly<Record<string, string>>)[code] ?? humanize(code);
}

export const OUTCOME_LABELS: Readonly<Record<CheckView['outcome'], string>> = { pass: 'Passed', warn: 'Warning', fail: 'Failed' };

export function holdLabel(reason: HoldReason | string): string {
  return HOLD_REASON_LABELS[reason as HoldReason] ?? humanize(reason.toLowerCase());
}

export const isOpenHold = (hold: Hold): boolean => hold.releasedAt === null;
export const isFailing = (check: CheckView): boolean => check.outcome === 'fail' && check.override === null;

/** One thing a person resolves with a note: override a failed check, or release a hold. */
export type ReviewItem =
  | { kind: 'check'; key: string; code: string; title: string; detail: string }
  | { kind: 'hold'; key: string; holdId: number; title: string; detail: string };

/**
 * What needs a person on this order. An open hold that a failing check placed is not listed on its own:
 * overriding the check releases it (the core does that, once no other failing check asks for the same hold).
 */
export function reviewItems(order: Pick<OrderDetail, 'checks' | 'holds'>): ReviewItem[] {
  const failing = order.checks.filter(isFailing);
  const coveredReasons = new Set(failing.map((c) => c.holdReason).filter((r): r is HoldReason => r !== null));
  return [
    ...failing.map((c): ReviewItem => ({ kind: 'check', key: `check:${c.code}`, code: c.code, title: `${checkLabel(c.code)} check failed`, detail: c.message })),
    ...order.holds.filter((h) => isOpenHold(h) && !coveredReasons.has(h.reason)).map((h): ReviewItem => ({
      kind: 'hold', key: `hold:${h.id}`, holdId: h.id, title: `On hold: ${holdLabel(h.reason)}`, detail: h.note,
    })),
  ];
}

/** A check's `data` as label/value rows for its details: nested values are written out, never "[object Object]". */
export function dataRows(data: Record<string, unknown>): { label: string; value: string }[] {
  return Object.entries(data).map(([key, value]) => ({ label: labelOf(key), value: describeValue(value) }));
}

function labelOf(key: string): string {
  // camelCase → "Camel case"
  return humanize(key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase());
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return value.toLocaleString();
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.length === 0 ? 'None' : value.map(describeValue).join('; ');
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (isMoney(record)) return formatMoney(record);
    if (Object.keys(record).length === 0) return '—';
    return Object.entries(record).map(([k, v]) => `${labelOf(k).toLowerCase()}: ${describeValue(v)}`).join(', ');
  }
  return String(value);
}

function isMoney(record: Record<string, unknown>): record is Money & Record<string, unknown> {
  const keys = Object.keys(record);
  return keys.length === 2 && Number.isSafeInteger(record.amount) && typeof record.currency === 'string' && isCurrencyCode(record.currency);
}

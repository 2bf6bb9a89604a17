import type { HoldReason } from '../holds';
import { countryName, isCountryCode } from '../countries';
import { formatMoney, type Money } from '../money';
import type { CheckCode, CheckOutcome, CheckResult } from './types';

/** Shared by the check modules: building results and the words their sentences are made of. */

const RANK: Record<CheckOutcome, number> = { pass: 0, warn: 1, fail: 2 };

export function worstOutcome(outcomes: readonly CheckOutcome[]): CheckOutcome {
  return outcomes.reduce<CheckOutcome>((worst, o) => (RANK[o] > RANK[worst] ? o : worst), 'pass');
}

/** The one place a result is made, so "fail exactly when a hold reason is set" holds by construction. */
export function result(code: CheckCode, outcome: CheckOutcome, message: string, data: Record<string, unknown>, failHold: HoldReason): CheckResult {
  return { code, outcome, message, data, holdReason: outcome === 'fail' ? failHold : null };
}

/** ISO alpha-2 as the checks compare it: trimmed, upper case. */
export function normalizeCountry(code: string | null | undefined): string {
  return (code ?? '').trim().toUpperCase();
}

/** A country's English name; a code Intl does not know is shown quoted instead of throwing. */
export function countryLabel(code: string): string {
  const c = normalizeCountry(code);
  return isCountryCode(c) ? countryName(c) : `“${code}”`;
}

/** formatMoney, falling back to "123 XYZ" for a currency the ISO table lacks (a message must never throw). */
export function moneyLabel(money: Money): string {
  try {
    return formatMoney(money);
  } catch {
    return `${money.amount} ${money.currency}`;
  }
}

export function numberLabel(value: number, maximumFractionDigits = 0): string {
  return new Intl.NumberFormat(undefined, { maximumFractionDigits }).format(value);
}

function unit(count: number, singular: string): string {
  return `${numberLabel(count)} ${singular}${count === 1 ? '' : 's'}`;
}

/**
 * A span of whole minutes in words: "less than a minute", "3 minutes", "2 hours and 5 minutes", "24 hours",
 * "3 days". Hours up to two days, because "26 hours" reads better next to a 24-hour window than "1 day and 2 hours".
 */
export function describeMinutes(totalMinutes: number): string {
  const minutes = Math.max(0, Math.floor(totalMinutes));
  if (minutes === 0) return 'less than a minute';
  if (minutes < 60) return unit(minutes, 'minute');
  if (minutes < 2 * 1440) {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return m === 0 ? unit(h, 'hour') : `${unit(h, 'hour')} and ${unit(m, 'minute')}`;
  }
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  return h === 0 ? unit(d, 'day') : `${unit(d, 'day')} and ${unit(h, 'hour')}`;
}

/** "a", "a and b", "a, b and c". */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** How an order line is named in a sentence: positions are 0-based, people count from 1. */
export function lineLabel(position: number, title: string): string {
  return `line ${position + 1} (${title.trim() || 'untitled'})`;
}

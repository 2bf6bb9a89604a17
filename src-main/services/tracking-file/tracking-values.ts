/**
 * Reading one cell of a tracking file: the tracking number (by the same schema as a number typed by hand),
 * a quantity and a shipped date. Each reader answers the value or a Problem worded to follow
 * "quantity “0” (column “Qty”) …". Cells are text only: "=HYPERLINK(…)" is never evaluated.
 */
import { trackingNumberInput } from '../../../src-shared/schemas/fulfillment-procedures';

/** Why a cell could not be used. */
export class Problem {
  constructor(readonly problem: string) {}
}

/** What addShipmentInput accepts for one line of a parcel. */
export const MAX_QUANTITY = 100_000;

/** A spreadsheet that took a long digit-only number for a number shows it shortened: 9.40011E+21. */
const SCIENTIFIC = /^\d(?:[.,]\d+)?E\+\d+$/iu;

export function readTrackingNumber(text: string): string | Problem {
  if (text.trim() === '') return new Problem('is empty');
  if (SCIENTIFIC.test(text.trim())) {
    return new Problem('was shortened by a spreadsheet into a number in scientific notation; format the column as text and export the file again');
  }
  const parsed = trackingNumberInput.safeParse(text);
  if (parsed.success) return parsed.data;
  const message = parsed.error.issues[0]?.message ?? 'is not a tracking number';
  return new Problem(`is not accepted: ${message}`);
}

export function readQuantity(text: string): number | Problem {
  const trimmed = text.trim();
  if (!/^\d+$/u.test(trimmed)) return new Problem(`must be a whole number from 1 to ${MAX_QUANTITY}`);
  const value = Number(trimmed);
  if (value < 1 || value > MAX_QUANTITY) return new Problem(`must be a whole number from 1 to ${MAX_QUANTITY}`);
  return value;
}

// ─── Dates ──────────────────────────────────────────────────────────────────────────────────────

/** How a file writes 03/07/2026: day first (most of the world) or month first (the US). */
export type DateOrder = 'day-first' | 'month-first';

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** A time after the date ("14:05", "2:05:09 PM"): allowed, not kept — without a zone it names no instant. */
const TIME = String.raw`(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[AaPp][Mm])?)?`;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/u;
/** An instant with its zone, as an API export writes it: kept whole, in UTC. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/u;
const YEAR_FIRST = new RegExp(String.raw`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})${TIME}$`, 'u');
/** 03.07.2026 is day first wherever dots are used. */
const DOTTED = new RegExp(String.raw`^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})${TIME}$`, 'u');
const SLASHED = new RegExp(String.raw`^(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})${TIME}$`, 'u');
const DAY_MONTH_NAME = new RegExp(String.raw`^(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ -](\d{4}|\d{2})${TIME}$`, 'u');
const MONTH_NAME_DAY = new RegExp(String.raw`^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})${TIME}$`, 'u');

/** What a slashed date says about the file's order: 25/07 can only be day first, 07/25 only month first. */
export function dateOrderEvidence(text: string): DateOrder | undefined {
  const match = SLASHED.exec(text.trim());
  if (!match) return undefined;
  const [first, second] = [Number(match[1]), Number(match[2])];
  if (first > 12 && second <= 12) return 'day-first';
  if (second > 12 && first <= 12) return 'month-first';
  return undefined;
}

/**
 * A shipped date → "YYYY-MM-DD", or the full ISO instant when the cell has a zone. `order` is what the
 * rest of the file's slashed dates showed; without it, 03/07/2026 is refused rather than guessed.
 */
export function readShippedDate(text: string, order: DateOrder | undefined): string | Problem {
  const trimmed = text.trim();
  const hint = 'write it as YYYY-MM-DD, e.g. 2026-07-03';
  if (ISO_INSTANT.test(trimmed)) {
    const time = Date.parse(trimmed);
    if (!Number.isNaN(time) && calendarDate(Number(trimmed.slice(0, 4)), Number(trimmed.slice(5, 7)), Number(trimmed.slice(8, 10)))) {
      return new Date(time).toISOString();
    }
    return new Problem(`is not a real date; ${hint}`);
  }
  let parts: [year: number, month: number, day: number] | undefined;
  let match = ISO_DATE.exec(trimmed) ?? YEAR_FIRST.exec(trimmed);
  if (match) parts = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = DOTTED.exec(trimmed))) parts = [fullYear(match[3]), Number(match[2]), Number(match[1])];
  else if ((match = DAY_MONTH_NAME.exec(trimmed))) parts = [fullYear(match[3]), monthNumber(match[2]), Number(match[1])];
  else if ((match = MONTH_NAME_DAY.exec(trimmed))) parts = [fullYear(match[3]), monthNumber(match[1]), Number(match[2])];
  else if ((match = SLASHED.exec(trimmed))) {
    const [first, second, year] = [Number(match[1]), Number(match[2]), fullYear(match[3])];
    const own = dateOrderEvidence(trimmed);
    const chosen = own ?? (first === second ? 'day-first' : order);
    if (chosen === undefined) {
      return new Problem(`could be ${first} ${MONTH_NAMES[second - 1] ?? '?'} or ${second} ${MONTH_NAMES[first - 1] ?? '?'} `
        + `(no date in the file shows whether the day or the month comes first); ${hint}`);
    }
    parts = chosen === 'day-first' ? [year, second, first] : [year, first, second];
  }
  if (!parts) return new Problem(`is not a date; ${hint}`);
  const date = calendarDate(...parts);
  return date ?? new Problem(`is not a real date; ${hint}`);
}

function fullYear(text: string | undefined): number {
  const year = Number(text);
  return text?.length === 2 ? 2000 + year : year;
}

/** "Jul", "July", "Sept" → 7, 9; anything else → 0 (refused by calendarDate). */
function monthNumber(name: string | undefined): number {
  const lower = (name ?? '').toLowerCase();
  return MONTH_NAMES.findIndex((month) => month.toLowerCase().startsWith(lower)) + 1;
}

/** "YYYY-MM-DD" for a day that exists in a plausible year for a parcel, else undefined. */
function calendarDate(year: number, month: number, day: number): string | undefined {
  if (year < 2000 || year > 2099 || month < 1 || month > 12 || day < 1) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return undefined;
  return date.toISOString().slice(0, 10);
}
